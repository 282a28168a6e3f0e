"""Reading ease of a translated edition's texts, by a formula made for its language (Fernández Huerta for Spanish)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import textstat

from generator.content.errors import ContentError
from generator.content.link import Site
from generator.content.load import Document
from generator.content.site_schema import Locale
from generator.content.translation_schema import translation_model
from generator.content.translations import LocaleFiles
from generator.editor.readability import HARDEST_SHOWN, MIN_WORDS_JUDGED, reader_text, sentences, texts_of

# Per language: textstat's language, and its ease formulas (0-100, higher is easier): the one held to the
# edition's floor first, then one shown beside it in the report.
FORMULAS: dict[str, tuple[str, tuple[tuple[str, Callable[[str], float]], ...]]] = {
    "es": ("es", (("Fernández Huerta", textstat.fernandez_huerta), ("Szigriszt-Pazos", textstat.szigriszt_pazos))),
}


@contextmanager
def _language(code: str) -> Iterator[None]:
    """textstat counts syllables by language, in a setting of its own: set for the scoring, then put back."""
    textstat.set_lang(code)
    try:
        yield
    finally:
        textstat.set_lang("en_US")


@dataclass(frozen=True)
class EaseScore:
    """The reading ease of one text of an edition."""

    doc: Document
    path: tuple[str | int, ...]
    ease: float  # by the edition's main formula
    other: float  # by the second formula, for the report
    words: int
    hardest: list[tuple[float, str]]  # (ease, sentence), hardest first

    def under(self, floor: float) -> bool:
        return self.words >= MIN_WORDS_JUDGED and self.ease < floor


def _documents(site: Site, language: str, files: LocaleFiles) -> Iterator[tuple[Document, type, tuple[str | int, ...]]]:
    for (kind, _), loaded in files.files.items():
        yield loaded.doc, translation_model(kind), ()
    if site.config_doc is not None and language in site.config.locales:
        yield site.config_doc, Locale, ("locales", language)


def edition_scores(site: Site, language: str) -> list[EaseScore]:
    """Every reader-facing text of one edition (its translations and its settings), hardest first."""
    if language not in FORMULAS or language not in site.translations:
        return []
    code, ((_, main), (_, second)) = FORMULAS[language]
    scores = []
    with _language(code):
        for doc, model, prefix in _documents(site, language, site.translations[language]):
            data = doc.data
            for key in prefix:
                data = data.get(key, {}) if isinstance(data, dict) else {}
            for path, raw in texts_of(data, model, prefix):
                text = reader_text(raw)
                if not text:
                    continue
                hardest = sorted(((main(s), s) for s in sentences(text)), key=lambda pair: pair[0])
                scores.append(EaseScore(doc, path, main(text), second(text), len(text.split()), hardest))
    return sorted(scores, key=lambda s: (s.ease, s.doc.display, s.path))


def edition_readability_problems(site: Site) -> list[ContentError]:
    """A warning for each edition text below its language's reading-ease floor, with its hardest sentences."""
    problems = []
    for language, locale in site.config.locales.items():
        if language not in FORMULAS:
            continue  # no formula for this language yet: its texts are not scored
        name = FORMULAS[language][1][0][0]
        floor = locale.reading_ease_minimum
        for score in edition_scores(site, language):
            if not score.under(floor):
                continue
            shown = [pair for pair in score.hardest if pair[0] < floor][:HARDEST_SHOWN] or score.hardest[:1]
            lines = "".join(f'\n    ease {e:.0f}: "{sentence}"' for e, sentence in shown)
            message = (
                f"reads at {name} ease {score.ease:.0f}, below this edition's floor of {floor:g} (higher is easier); "
                f"use shorter sentences and shorter, everyday words, starting with:{lines}"
            )
            problems.append(score.doc.error(score.path, message, severity="warning"))
    return problems


def edition_readability_table(site: Site, language: str, limit: int | None = None) -> str:
    """The `readability --language` report: one row per text, hardest first."""
    if language not in FORMULAS:
        return f"No reading-ease formula for '{language}' yet; editions with one: {', '.join(FORMULAS)}."
    names = [name for name, _ in FORMULAS[language][1]]
    floor = site.config.locales[language].reading_ease_minimum if language in site.config.locales else 60
    scores = edition_scores(site, language)
    shown = scores if limit is None else scores[:limit]
    header = (names[0], names[1], "words", "status", "where")
    rows = []
    for s in shown:
        line, column = s.doc.where(s.path)
        status = "short" if s.words < MIN_WORDS_JUDGED else ("under" if s.ease < floor else "ok")
        where = f"{s.doc.display}:{line}:{column} {'.'.join(str(p) for p in s.path)}"
        rows.append((f"{s.ease:.0f}", f"{s.other:.0f}", str(s.words), status, where))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]
    judged = [s for s in scores if s.words >= MIN_WORDS_JUDGED]
    median = sorted(s.ease for s in judged)[len(judged) // 2] if judged else 0.0
    lines.append(
        f"{len(scores)} texts; {sum(s.under(floor) for s in scores)} below the floor of {floor:g} ({names[0]}); "
        f"median {median:.0f} over the {len(judged)} texts of {MIN_WORDS_JUDGED} words or more."
    )
    return "\n".join(lines)
