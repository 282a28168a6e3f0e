"""`approve --translation LANG`: record a medical translator's review of a page's translation, tied to its text."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any, cast

from generator.content.link import Site
from generator.content.sign_off import content_fingerprint
from generator.content.translation_check import translation_path
from generator.content.translation_schema import TRANSLATED_KINDS, TranslationKind
from generator.content.translations import REVIEWS_FILE, TranslatorReview
from generator.editor.approve import PageNotFound, find_page, sign_off_entry, split_by, write_atomically

HEADER = (
    "# Medical translators' reviews of this edition's pages, written by\n"
    "# `python3 -m generator approve KIND ID --translation LANG --by \"NAME, QUALIFICATION\"`.\n"
    "# A review holds while the translation's fingerprint matches its text; edit the translation and the page\n"
    "# says again that no medical translator has reviewed it.\n"
)
KIND_ORDER = list(TRANSLATED_KINDS)


def _yaml_text(reviews: list[TranslatorReview]) -> str:
    lines = [HEADER, "reviews:\n" if reviews else "reviews: []\n"]
    for review in sorted(reviews, key=lambda r: (KIND_ORDER.index(r.kind), r.id or "")):
        lines.append(sign_off_entry(review))
    return "".join(lines)


def approve_translation(site: Site, language: str, kind: str, id_: str | None, by: str, day: dt.date) -> int:
    """Record the review in content/<language>/reviews.yaml, replacing the page's older one."""
    if language not in site.translations:
        print(f"error: no '{language}' edition (site_config/site.yaml has no locales: {language}:); nothing was recorded",
              file=sys.stderr)
        return 2
    if kind not in TRANSLATED_KINDS:
        print(f"error: a {kind} page is not translated; nothing was recorded", file=sys.stderr)
        return 2
    try:
        page = find_page(site, kind, id_)
        name, role = split_by(by)
    except (PageNotFound, ValueError) as exc:
        print(f"error: {exc}; nothing was recorded", file=sys.stderr)
        return 2
    locale = site.translations[language]
    translation: Any = locale.files.get(page.key)
    if translation is None:
        print(f"error: {translation_path(language, page)} is missing or has errors (run check); nothing was recorded",
              file=sys.stderr)
        return 2
    fingerprint = content_fingerprint(translation.model)
    kept = [r for r in (locale.reviews.model.reviews if locale.reviews else []) if (r.kind, r.id) != page.key]
    new = TranslatorReview(kind=cast(TranslationKind, kind), id=page.id, by=name, role=role, date=day, fingerprint=fingerprint)
    path = locale.folder / REVIEWS_FILE
    write_atomically(path, _yaml_text([*kept, new]))
    print(
        f"Recorded {name}, {role}'s review of the {language} translation of {page.words} "
        f"({translation.doc.display}, fingerprint {fingerprint}) on {day.isoformat()} in {path}. "
        "The page names them until the translation changes."
    )
    return 0
