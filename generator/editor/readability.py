"""Reading level: each reader-facing text scored with textstat's Flesch-Kincaid grade."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args, get_origin

import textstat
from pydantic import BaseModel

from generator.content.errors import ContentError, FieldPath, format_field
from generator.content.field_types import CITATION_MARKER, READER_PROSE, carries
from generator.content.link import Site
from generator.content.load import Document
from generator.content.site_schema import SiteConfig

# A new sentence starts after . ! or ? and a space, with a capital, digit, quote or bracket next;
# "F.A.S.T.: face" and "e.g. a" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])")
HARDEST_SHOWN = 3
# Flesch-Kincaid averages over words and sentences; below this many words one long name ("duloxetine")
# decides the grade, so shorter texts are listed but not held to the budget.
MIN_WORDS_JUDGED = 10


def prose_fields(model: type[BaseModel]) -> list[str]:
    """The names of a model's reader-facing text fields, in schema order."""
    fields = model.model_fields.items()
    return [name for name, field in fields if READER_PROSE in field.metadata or carries(field.annotation, READER_PROSE)]


def reader_text(text: str) -> str:
    """Text as a reader meets it, for scoring: no citation markers or placeholders, single spaces."""
    text = CITATION_MARKER.sub("", text).replace("{emergency_number}", "")
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """Split reader text into sentences."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def grade(text: str) -> float:
    """Flesch-Kincaid US school grade of a text (textstat)."""
    return float(textstat.flesch_kincaid_grade(text))


@dataclass(frozen=True)
class FieldScore:
    """The reading level of one reader-facing text field."""

    doc: Document
    path: FieldPath
    grade: float
    words: int
    hardest: list[tuple[float, str]]  # (grade, sentence), hardest first

    @property
    def where(self) -> str:
        line, column = self.doc.where(self.path)
        return f"{self.doc.display}:{line}:{column}"

    @property
    def field(self) -> str:
        return format_field(self.path)

    def over(self, budget: float) -> bool:
        """Above the budget, and long enough for the grade to mean something."""
        return self.words >= MIN_WORDS_JUDGED and self.grade > budget

    def status(self, budget: float) -> str:
        if self.words < MIN_WORDS_JUDGED:
            return "short"
        return "over" if self.grade > budget else "ok"


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, directly or inside list[...], dict[..., ...] or ... | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, i), item


def texts_of(data: Any, model: type[BaseModel], path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every reader-facing text of a document, nested models included (like the flow's outcomes); a
    translated edition's settings (locales) are scored in their own language, not here."""
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        if model is SiteConfig and name == "locales":
            continue
        value, here = data.get(name), (*path, name)
        if READER_PROSE in field.metadata or carries(field.annotation, READER_PROSE):
            yield from _strings(value, here)
            continue
        inner = _nested_model(field.annotation)
        if inner is None:
            continue
        if get_origin(field.annotation) is dict and isinstance(value, dict):
            for key, item in value.items():
                yield from texts_of(item, inner, (*here, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from texts_of(item, inner, (*here, i))
        else:
            yield from texts_of(value, inner, here)


def _documents(site: Site) -> Iterator[tuple[Document, type[BaseModel]]]:
    if site.config_doc is not None:
        yield site.config_doc, SiteConfig
    yield site.topic.doc, type(site.topic.model)
    yield site.flow.doc, type(site.flow.model)
    for _, entity in site.all_entities():
        yield entity.doc, type(entity.model)
    if site.glossary is not None:
        yield site.glossary.doc, type(site.glossary.model)


def score_site(site: Site) -> list[FieldScore]:
    """Every reader-facing field of the site, scored; hardest first."""
    scores = []
    for doc, model in _documents(site):
        for path, raw in texts_of(doc.data, model):
            text = reader_text(raw)
            if not text:
                continue
            hardest = sorted(((grade(s), s) for s in sentences(text)), key=lambda pair: -pair[0])
            scores.append(FieldScore(doc, path, grade(text), len(text.split()), hardest))
    return sorted(scores, key=lambda s: (-s.grade, s.doc.display, s.where))


def _budget_text(budget: float) -> str:
    return f"{budget:g}"


def readability_problems(site: Site, scores: list[FieldScore] | None = None) -> list[ContentError]:
    """A warning for each field above the reading-grade budget, listing its hardest sentences."""
    budget = site.config.reading_grade_budget
    problems = []
    for score in scores if scores is not None else score_site(site):
        if not score.over(budget):
            continue
        shown = [pair for pair in score.hardest if pair[0] > budget][:HARDEST_SHOWN] or score.hardest[:1]
        lines = "".join(f'\n    grade {g:.1f}: "{sentence}"' for g, sentence in shown)
        message = (
            f"reads at grade {score.grade:.1f}, above the budget of {_budget_text(budget)}; "
            f"use shorter sentences and everyday words, starting with:{lines}"
        )
        problems.append(score.doc.error(score.path, message, severity="warning"))
    return problems


def readability_table(scores: list[FieldScore], budget: float, limit: int | None = None) -> str:
    """The report `python -m generator readability` prints: one row per field, worst first."""
    shown = scores if limit is None else scores[:limit]
    header = ("grade", "words", "status", "where", "field")
    rows = [(f"{s.grade:.1f}", str(s.words), "over" if s.grade > budget else "ok", s.where, s.field) for s in shown]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]
    over = sum(s.over(budget) for s in scores)
    lines.append(
        f"{len(scores)} fields; {over} above the budget of grade {_budget_text(budget)} "
        f"(fields under {MIN_WORDS_JUDGED} words are too short to judge)"
        + (f"; showing the {len(shown)} hardest" if len(shown) < len(scores) else "")
        + "."
    )
    return "\n".join(lines)
