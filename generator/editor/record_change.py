"""`changed`: add an entry to the top of a page's history, with today's date and the page's fingerprint."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from generator.content.errors import ContentError
from generator.content.link import Site
from generator.content.load import Document, load_document
from generator.content.sign_off import GovernedPage
from generator.content.validate import validate_document
from generator.editor.approve import find_page


def _entry(indent: str, day: dt.date, what: str, fingerprint: str) -> list[str]:
    return [
        f"{indent}- date: {day.isoformat()}\n",
        f"{indent}  what: {json.dumps(what, ensure_ascii=False)}\n",  # a JSON string is a YAML double-quoted one
        f"{indent}  fingerprint: \"{fingerprint}\"\n",  # quoted: twelve digits alone would read as a number
    ]


def with_entry(text: str, doc: Document, day: dt.date, what: str, fingerprint: str) -> str:
    """The file's text with the entry first under `changes:` (the key is added at the end when missing).
    Every other line, comments included, stays as it was."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if ("changes", 0) in doc.positions:  # a block list: the new entry goes above the first, at its indent
        line, column = doc.positions[("changes", 0)]
        dash = lines[line - 1][: column - 1].rstrip().rfind("-")
        return "".join([*lines[: line - 1], *_entry(" " * dash, day, what, fingerprint), *lines[line - 1 :]])
    entry = _entry("  ", day, what, fingerprint)
    if ("changes",) in doc.key_positions:  # `changes: []`, or the key with nothing after it
        line, _ = doc.key_positions[("changes",)]
        return "".join([*lines[: line - 1], "changes:\n", *entry, *lines[line:]])
    return "".join([*lines, "changes:\n", *entry])


def record_change(site: Site, kind: str, id_: str | None, what: str, day: dt.date) -> int:
    """Add the entry to the page's file, checked by reading the new text back before it replaces the old."""
    try:
        page = find_page(site, kind, id_)
    except ValueError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 2
    path = page.entry.doc.path
    new_text = with_entry(path.read_text(encoding="utf-8"), page.entry.doc, day, what.strip(), page.fingerprint)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(new_text, encoding="utf-8")
    problem = _problem_with(temporary, page, day, what.strip())
    if problem:
        temporary.unlink()
        print(f"error: {page.entry.doc.display}: {problem}; the file was left as it was", file=sys.stderr)
        return 1
    os.replace(temporary, path)
    print(f"Added to the history of {page.words} ({page.entry.doc.display}): {day.isoformat()}, {what.strip()}")
    return 0


def _problem_with(path: Path, page: GovernedPage, day: dt.date, what: str) -> str | None:
    """What is wrong with the rewritten file, or None when it holds the same page with the entry on top."""
    errors: list[ContentError] = []
    doc, load_errors = load_document(path, page.entry.doc.display)
    model = validate_document(doc, type(page.entry.model), errors) if doc is not None else None
    if model is None or load_errors:
        reasons = "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in [*load_errors, *errors][:3])
        return f"the entry would not be valid ({reasons})"
    newest = model.changes[0] if model.changes else None
    same_page = model.model_copy(update={"changes": []}) == page.entry.model.model_copy(update={"changes": []})
    if newest is None or (newest.date, newest.what, newest.fingerprint) != (day, what, page.fingerprint) or not same_page:
        return "the entry could not be placed at the top of `changes:`; add it by hand"
    return None
