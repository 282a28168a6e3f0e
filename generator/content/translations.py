"""Read a language's translation files (content/<language>/) and its translators' reviews, each validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from generator.content.errors import ContentError, did_you_mean
from generator.content.field_types import ContentFingerprint, Id, ReviewDate, Text
from generator.content.file_places import display_path
from generator.content.schema import ENTITY_FOLDERS, Strict
from generator.content.translation_schema import TranslationKind, translation_model
from generator.content.validate import GLOSSARY_FILE, Loaded, read_validated

# The single-page files a translation folder can hold, and their kinds.
SINGLE_FILES = {"topic.yaml": "topic", "decision_flow.yaml": "decision-flow", GLOSSARY_FILE: "glossary"}
# Each entity folder's kind, as commands name it.
FOLDER_KINDS = {"causes": "cause", "red_flags": "red-flag", "treatments": "treatment", "tests": "test"}
REVIEWS_FILE = "reviews.yaml"


class TranslatorReview(Strict):
    """A qualified medical translator's review of one page's translation, tied to its text by a fingerprint."""

    kind: TranslationKind = Field(
        description="The kind of page: topic, decision-flow, glossary, cause, red-flag, treatment or test."
    )
    id: Id | None = Field(default=None, description="The page's id (its file name); none for topic, decision-flow and glossary.")
    by: Text = Field(description="The translator's name.")
    role: Text = Field(description="Their qualification, like 'certified medical translator (ATA)'.")
    date: ReviewDate = Field(description="The day they reviewed it.")
    fingerprint: ContentFingerprint = Field(description="The translation's fingerprint when they reviewed it.")


class TranslatorReviews(Strict):
    """content/<language>/reviews.yaml: translators' reviews, written by `python3 -m generator approve --translation`."""

    reviews: list[TranslatorReview] = Field(default=[], description="One review per page, the newest for each.")


PageKey = tuple[str, str | None]


@dataclass(frozen=True)
class LocaleFiles:
    """One language's translation files that validated, by (kind, id), and its translators' reviews."""

    language: str
    folder: Path
    files: dict[PageKey, Loaded[BaseModel]] = field(default_factory=dict)
    reviews: Loaded[TranslatorReviews] | None = None
    unreadable: frozenset[PageKey] = frozenset()  # files that did not validate: already reported


def read_locale(content_dir: Path, language: str, errors: list[ContentError], resolved: dict[str, str]) -> LocaleFiles:
    """Every translation file of content/<language>/, validated; what is wrong goes into `errors`."""
    folder = content_dir / language
    if not folder.is_dir():
        message = (
            f"folder is missing: site_config/site.yaml publishes a '{language}' edition (locales: {language}), so its "
            f"translations go in {display_path(folder, content_dir)}/, one file per English file, at the same path"
        )
        errors.append(ContentError(display_path(folder, content_dir), 1, 1, "", message))
        return LocaleFiles(language, folder)
    files: dict[PageKey, Loaded[BaseModel]] = {}
    failed: set[PageKey] = set()
    known = [*SINGLE_FILES, *FOLDER_KINDS, REVIEWS_FILE]
    reviews = None
    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue
        if item.name == REVIEWS_FILE:
            reviews = read_validated(item, content_dir, TranslatorReviews, errors, resolved, "reviews")
        elif item.name in SINGLE_FILES:
            _read_one(item, content_dir, SINGLE_FILES[item.name], None, files, failed, errors, resolved)
        elif item.name in FOLDER_KINDS and item.is_dir():
            for page in sorted(item.iterdir()):
                if page.name.startswith("."):
                    continue
                if page.suffix != ".yaml":
                    fix = f"rename it to {page.stem}.yaml" if page.suffix == ".yml" else f"move it out of {language}/"
                    errors.append(ContentError(display_path(page, content_dir), 1, 1, "", f"only .yaml files belong here; {fix}"))
                    continue
                _read_one(page, content_dir, FOLDER_KINDS[item.name], page.stem, files, failed, errors, resolved)
        else:
            hint = did_you_mean(item.name, known) or f"; expected one of: {', '.join(sorted(known))}"
            message = f"is not a translation file or folder{hint}"
            errors.append(ContentError(display_path(item, content_dir), 1, 1, "", message))
    return LocaleFiles(language, folder, files, reviews, frozenset(failed))


def _read_one(
    path: Path,
    content_dir: Path,
    kind: str,
    id_: str | None,
    files: dict[PageKey, Loaded[BaseModel]],
    failed: set[PageKey],
    errors: list[ContentError],
    resolved: dict[str, str],
) -> None:
    loaded: Loaded[Any] | None = read_validated(path, content_dir, translation_model(kind), errors, resolved, id_ or kind)
    if loaded is None:
        failed.add((kind, id_))
    else:
        files[(kind, id_)] = loaded


def entity_folder_of(kind: str) -> str:
    """The content/ folder of an entity kind, as commands name it ('red-flag' -> 'red_flags')."""
    return next(folder for folder, name in FOLDER_KINDS.items() if name == kind)


assert set(FOLDER_KINDS) == set(ENTITY_FOLDERS)  # every entity folder can be translated
