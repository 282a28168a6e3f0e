"""The site settings' schema: site_config/site.yaml, one definition for validation, errors and docs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from generator.content.field_types import (
    FILLS_EMERGENCY_NUMBER,
    LANGUAGE_PATTERN,
    PHONE_PATTERN,
    READER_PROSE,
    SITE_URL_PATTERN,
    Email,
    FeedbackAddress,
    ReviewDate,
    Text,
    Title,
    json_schema_hint,
    theme_language,
)
from generator.content.schema import Strict


def _date_format(value: str) -> str:
    missing = [part for part in ("{day}", "{month}", "{year}") if part not in value]
    if missing:
        raise ValueError(f"a date format must say where {', '.join(missing)} go, like '{{day}} de {{month}} de {{year}}'")
    return value


DateFormat = Annotated[str, StringConstraints(strip_whitespace=True, max_length=60), AfterValidator(_date_format)]
LanguageTag = Annotated[str, AfterValidator(theme_language), json_schema_hint(pattern=LANGUAGE_PATTERN)]


class Reviewer(Strict):
    """The clinician responsible for the whole site's content."""

    name: Text = Field(description="Name of the clinical reviewer.")
    role: Text = Field(description="Their role and credentials.")


class Publisher(Strict):
    """Who publishes the guide, and what readers are told about them on the About page."""

    name: Title = Field(description="The person, team or organization that publishes the guide.")
    contact: Email = Field(description="Where readers write: problems with a page, other formats, complaints.")
    funding: Annotated[Text, READER_PROSE] = Field(description="Who pays for the guide, in one or two plain sentences.")
    conflicts_of_interest: Annotated[Text, READER_PROSE] = Field(
        description="Any tie to a company whose products the guide mentions; say so plainly when there is none."
    )


class Accessibility(Strict):
    """What the accessibility statement says about how the site was checked, and what is still wrong."""

    last_checked: ReviewDate = Field(description="The day the site was last checked against WCAG 2.2 AA.")
    known_problems: list[Annotated[Text, READER_PROSE]] = Field(
        default=[], description="Parts that do not meet the standard yet, one each, in plain words."
    )


ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


class Locale(Strict):
    """A translated edition's settings: what its readers are told in their language, and its local numbers and dates."""

    site_name: Title = Field(description="The site's name in this language, shown in the header and on handouts.")
    emergency_number: Annotated[str, StringConstraints(pattern=PHONE_PATTERN)] = Field(
        description="Emergency phone number for this edition's readers, quoted: '911', '999' or '112'."
    )
    disclaimer: Annotated[Text, READER_PROSE, FILLS_EMERGENCY_NUMBER] = Field(
        description="The disclaimer in this language; {emergency_number} is filled in."
    )
    reviewer: Reviewer = Field(description="Who reviews the content, worded in this language.")
    funding: Annotated[Text, READER_PROSE] = Field(description="publisher.funding in this language.")
    conflicts_of_interest: Annotated[Text, READER_PROSE] = Field(
        description="publisher.conflicts_of_interest in this language."
    )
    known_problems: list[Annotated[Text, READER_PROSE]] = Field(
        default=[], description="accessibility.known_problems in this language, one each, in the same order."
    )
    date_format: DateFormat = Field(
        description="How a date is written, with {day}, {month} and {year}, like '{day} de {month} de {year}'."
    )
    month_names: list[Title] = Field(
        min_length=12, max_length=12, description="The twelve months' names in this language, January first."
    )
    reading_ease_minimum: float = Field(
        default=60,
        ge=0,
        le=100,
        description="Lowest Fernández Huerta reading ease (0 to 100; higher is easier) any text of this edition may "
        "have, for Spanish; 60 is plain language.",
    )


class SiteConfig(Strict):
    """site_config/site.yaml: settings for the whole site."""

    site_name: Title = Field(description="Name shown in the header and on handouts.")
    site_url: Annotated[str, StringConstraints(strip_whitespace=True, pattern=SITE_URL_PATTERN)] = Field(
        description="Public address of the site, ending in '/'."
    )
    language: Annotated[str, AfterValidator(theme_language), json_schema_hint(pattern=LANGUAGE_PATTERN)] = Field(
        description="Language of the site, one the theme has words for: a code such as en, es or pt-BR."
    )
    emergency_number: Annotated[str, StringConstraints(pattern=PHONE_PATTERN)] = Field(
        description="Emergency phone number, quoted: '911', '999' or '112'."
    )
    disclaimer: Annotated[Text, READER_PROSE, FILLS_EMERGENCY_NUMBER] = Field(
        description="Shown on the About page and at the foot of every handout; {emergency_number} is filled in."
    )
    reviewer: Reviewer = Field(description="Who reviews the content for the editors (named on the About page).")
    publisher: Publisher = Field(description="Who publishes the guide and how to reach them.")
    feedback: FeedbackAddress | None = Field(
        default=None,
        description="Where each page's 'Report a problem with this page' link leads: an email address, or a form's "
        "https address with {page} where the page's address goes. Default: an email to publisher.contact.",
    )
    accessibility: Accessibility = Field(description="What the accessibility statement says.")
    require_clinical_approval: bool = Field(
        default=False,
        description="true: `check` fails, and the deploy (`build --publish`) refuses, while any page lacks a "
        "clinician's approval that matches its content.",
    )
    review_interval_days: int = Field(default=365, ge=30, le=1095, description="Days until a review is due.")
    review_warning_days: int = Field(
        default=30,
        ge=0,
        le=365,
        description="Days before a page's review is due when the check starts to remind editors.",
    )
    reading_grade_budget: float = Field(
        default=8,
        ge=3,
        le=16,
        description="Highest US school grade (Flesch-Kincaid) any reader-facing text may need; 8 by default.",
    )
    hard_words: list[Title] = Field(
        default=[],
        description="Medical words readers may not know: `check` warns where a page's text uses one that has no entry "
        "(a term or one of its forms) in content/glossary.yaml. Whole words, in any case.",
    )
    date_format: DateFormat = Field(
        default="{month} {day}, {year}", description="How a date is written, with {day}, {month} and {year}."
    )
    month_names: list[Title] = Field(
        default=ENGLISH_MONTHS, min_length=12, max_length=12, description="The twelve months' names, January first."
    )
    locales: dict[LanguageTag, Locale] = Field(
        default={},
        description="Translated editions by language code, like es: each is built under its code (/es/) from the "
        "translations in content/<code>/, with these settings.",
    )
    paper_size: Literal["letter", "a4"] = Field(
        default="letter", description="Paper of the printable handouts: letter (US, Canada) or a4 (most other countries)."
    )
