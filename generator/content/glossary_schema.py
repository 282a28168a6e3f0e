"""content/glossary.yaml: the medical words the guide explains, each with a plain definition and its sources."""

from __future__ import annotations

from pydantic import Field

from generator.content.field_types import CitedText, ReviewDate, Text, Title
from generator.content.schema import Change, Strict


class GlossaryTerm(Strict):
    """One word or phrase readers may not know, explained where a page first uses it."""

    term: Title = Field(description="The word as readers meet it, like Neuropathy; pages match it whole, in any case.")
    forms: list[Title] = Field(
        default=[],
        description="Other spellings of the same word that pages use, like neuropathies (a plural) or EMG (a short form); "
        "never a different word.",
    )
    definition: CitedText = Field(
        description="What it means in one or two short, plain sentences (grade 6 to 8), in your own words, "
        "each ending with its source; shown on the Glossary page and in the word's tooltip."
    )


class Glossary(Strict):
    """content/glossary.yaml: every term the guide explains, listed on the Glossary page."""

    terms: list[GlossaryTerm] = Field(min_length=1, description="The terms, in any order; the page sorts them.")
    changes: list[Change] = Field(
        default=[], description="The glossary's history, newest first; `check` asks for an entry when its text changes."
    )
    reviewed: ReviewDate = Field(description="Date of the last editorial review of the glossary, like 2026-12-04.")
    reviewed_by: Text = Field(description="Who did that editorial review: a name or team, and their role.")
