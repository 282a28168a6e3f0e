"""A language edition of the site: which language a Site is written in, and what readers are told about its translation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TranslationReview:
    """A qualified medical translator's review of one page's translation, still matching its text."""

    by: str
    role: str
    date: dt.date


@dataclass(frozen=True)
class Edition:
    """A translated edition: its language, the folder of the site its pages live in, and the reviews that hold."""

    language: str  # like "es"
    prefix: str  # like "es/": every page of the edition lives under it, at the English page's path
    reviews: dict[str, TranslationReview] = field(default_factory=dict)  # page path -> its current review
