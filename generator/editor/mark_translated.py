"""`translated`: record that a page's translation matches its English text now, by the English text's fingerprint."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from generator.content.link import Site
from generator.content.sign_off import GovernedPage
from generator.content.translation_check import translated_pages, translation_errors, translation_path
from generator.content.translation_schema import FINGERPRINT_FIELD, english_fingerprint
from generator.editor.approve import PageNotFound, find_page, write_atomically

_FINGERPRINT_LINE = re.compile(rf"^{FINGERPRINT_FIELD}:.*$", re.MULTILINE)


def mark_translated(site: Site, language: str, kind: str | None, id_: str | None) -> int:
    """Write the English text's fingerprint into the translation of one page (or, with no kind, of every page
    whose translation has the English file's shape). Refuses a translation that is missing or misshapen."""
    if language not in site.translations:
        known = ", ".join(site.translations) or "none yet"
        print(f"error: no '{language}' edition: add locales: {language}: to site_config/site.yaml (editions: {known})",
              file=sys.stderr)
        return 2
    try:
        pages = translated_pages(site) if kind is None else [find_page(site, kind, id_)]
    except PageNotFound as exc:
        print(f"error: {exc}; nothing was marked", file=sys.stderr)
        return 2
    problems = {problem.file for problem in translation_errors(site) if problem.severity == "error"}
    files = site.translations[language].files
    marked, refused = 0, 0
    for page in pages:
        loaded = files.get(page.key)
        path = translation_path(language, page)
        if loaded is None or path in problems:
            refused += 1
            reason = "has errors (run check)" if path in problems or loaded is not None else "is missing or has errors"
            print(f"not marked: {path} {reason}", file=sys.stderr)
            continue
        marked += _mark(page, loaded.doc.path, loaded.doc.display)
    print(f"Marked {marked} translation{'s' if marked != 1 else ''} as matching the English text"
          + (f"; {refused} refused" if refused else "") + ".")
    return 1 if refused else 0


def _mark(page: GovernedPage, file: Path, display: str) -> int:
    text = file.read_text(encoding="utf-8")
    fingerprint = english_fingerprint(page.entry.model)
    updated, count = _FINGERPRINT_LINE.subn(f'{FINGERPRINT_FIELD}: "{fingerprint}"', text, count=1)
    if count and updated != text:
        write_atomically(file, updated)
        print(f"{display}: made from {page.entry.doc.display} as it is now (fingerprint {fingerprint})")
        return 1
    return 0
