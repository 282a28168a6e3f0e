"""The content's field types: ids, cited text, titles, dates, addresses, and the rules and hints each carries."""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic_core import CoreSchema

from generator.content.errors import did_you_mean
from generator.content.limits import MAX_ID, MAX_TEXT, MAX_TITLE

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CITATION_MARKER = re.compile(r"\[\^([^\]\s]*)\]")
HTTPS_PATTERN = "^https://[^\\s<>\"']+$"
# The site's own address ends in '/': every page address is this with the page's path after it.
SITE_URL_PATTERN = "^https://[^\\s<>\"']+/$"
# The form of a language tag for editors' IDEs; which tags are allowed is the theme's list (theme_languages).
LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Za-z]{2,4})?$"
PHONE_PATTERN = r"^[0-9]{2,4}$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
EMAIL_PATTERN = r"""^[^@\s<>"'()]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"""
# Where "Report a problem with this page" leads: an email address, or a form's https address with
# {page} where the page's address goes.
FEEDBACK_PATTERN = r"""^([^@\s<>"'()]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}|https://[^\s<>"']*\{page\}[^\s<>"']*)$"""
# A page's content fingerprint (generator/content/page_fingerprint.py): twelve hex digits.
FINGERPRINT_PATTERN = r"^[0-9a-f]{12}$"
# What each pattern means in words, for "'x' is not ..." messages (the regex means nothing to editors).
PATTERN_WORDS = {
    HTTPS_PATTERN: "an https address; write the full address, like https://www.cdc.gov/diabetes/",
    SITE_URL_PATTERN: "an https address ending in '/'; write the site's full address with '/' at the end, "
    "like https://example.org/numb-feet/",
    PHONE_PATTERN: 'a phone number of 2 to 4 digits; write it in quotes, like "911"',
    EMAIL_PATTERN: "an email address, like pages@example.org",
    FEEDBACK_PATTERN: "an email address (like pages@example.org) or an https address with {page} where the page's "
    "address goes, like https://github.com/OWNER/REPO/issues/new?template=page-problem.yml&page={page}",
    FINGERPRINT_PATTERN: "a page's fingerprint: twelve digits and letters a-f, as `check` prints it",
}
SOURCE_EXAMPLE = "[^nlm-numbness-tingling]"


@dataclass(frozen=True)
class ReaderProse:
    """Marks text that readers read as sentences: its reading level is measured against the budget."""


READER_PROSE = ReaderProse()


@dataclass(frozen=True)
class FreeText:
    """Marks text in the editor's own words: a ' #' after it on its line, which YAML reads as a note and
    drops, is an error there (for ids and choices it is only a note)."""


FREE_TEXT = FreeText()


def carries(annotation: Any, marker: object) -> bool:
    """True when a type, or a type inside it (list[...], ... | None), is marked with `marker`."""
    if marker in getattr(annotation, "__metadata__", ()):
        return True
    return any(carries(arg, marker) for arg in typing.get_args(annotation))


# Written in a text, it is replaced by the site's emergency number (site_config/site.yaml).
EMERGENCY_PLACEHOLDER = "{emergency_number}"


@dataclass(frozen=True)
class FillsEmergencyNumber:
    """Marks text whose {emergency_number} the site fills in; anywhere else it would be printed as typed."""


FILLS_EMERGENCY_NUMBER = FillsEmergencyNumber()


@dataclass(frozen=True)
class JsonSchemaHint:
    """Adds keys to a type's exported JSON Schema only; validation stays in the validators below,
    which give the editor-friendly messages. Editors' IDEs show patternErrorMessage for a failed pattern."""

    items: tuple[tuple[str, Any], ...]

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = dict(handler(core_schema))
        schema.update(self.items)
        return schema


def json_schema_hint(**items: Any) -> JsonSchemaHint:
    return JsonSchemaHint(tuple(items.items()))


def theme_language(value: str) -> str:
    # Another tag would pass here and then stop the build with a missing-template error naming no setting.
    from generator.engine.theme import theme_languages  # the one fact about the theme the content must match

    languages = theme_languages()
    if value in languages:
        return value
    same = [tag for tag in languages if tag.lower() == value.lower()]
    base = value.split("-")[0].lower()
    # Closest first: the same tag in the theme's capitals, then the language without its region.
    hint = f"; did you mean '{same[0]}'?" if same else f"; did you mean '{base}'?" if base in languages else (
        did_you_mean(value, languages)
    )
    raise ValueError(
        f"'{value}' is not a language the theme has words for (its buttons and labels); write a code from "
        f"Material for MkDocs' list, like en, es or pt-BR{hint}"
    )


def _require_iso_date(value: object) -> object:
    """Accept a real date or 'YYYY-MM-DD' text; refuse numbers and other shapes."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"'{value:%Y-%m-%d %H:%M}' has a time; write only the date, like 2026-01-31")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}.*", value.strip()):
        # YAML makes a date-time only of a time with seconds; "2026-01-15 10:30" stays text.
        raise ValueError(f"'{value.strip()}' has a time; write only the date, like 2026-01-31")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a real date; expected a date like 2026-01-31") from None
    shown = f"'{value}' is" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else "this is"
    raise ValueError(f"{shown} not a date written year-month-day; expected a date like 2026-01-31")


_MARKER_WITH_SPACE = re.compile(r"\[\^[^\]]*\s[^\]]*\]")
# A source id in brackets without the caret ("[nlm-numbness]"), which would print as typed.
BRACKETED_ID = re.compile(r"\[([a-z0-9][a-z0-9-]*)\]")


def broken_marker_words(text: str) -> str:
    """The first word of a broken marker in a text whose good markers are taken out (what marker_typo
    judged), for pointing at its line; '[^' when no word follows."""
    start = text.find("[")
    return text[start:].split()[0] if start >= 0 and text[start:].strip() else "[^"


def marker_typo(text: str, example: str) -> str | None:
    """What is wrong with a source marker left in a text once its good markers are taken out, if anything."""
    if _MARKER_WITH_SPACE.search(text):
        return f"a source marker has a space in it: write {example}, with no spaces"
    if "[^" in text:  # the marker is there but its closing bracket is not
        return f"a source marker is not closed: write {example}, with the closing ]"
    return None


class TextProblem(ValueError):
    """A mistake at some words inside a text: `words` lets the error point at their line."""

    def __init__(self, message: str, words: str, after_last: bool = False) -> None:
        super().__init__(message)
        self.words = words
        self.after_last = after_last  # the mistake is just after the last time the words appear


def _require_citation(value: str) -> str:
    # Every statement ends with its source: a sentence added after the last marker (the usual
    # edit) would be published with none, so the words after it are judged like a text without one.
    last = CITATION_MARKER.split(value)[-1].strip() if CITATION_MARKER.search(value) else value
    if not last:
        return value
    if typo := marker_typo(last, SOURCE_EXAMPLE if last is value else "[^source-id]"):  # the latter: check.py's
        raise TextProblem(typo, broken_marker_words(last))
    if bracketed := BRACKETED_ID.search(last):
        if last is not value:  # the same words as check.py's, which judges the marks before the last source
            message = f"'{bracketed.group(0)}' would show as typed: write [^{bracketed.group(1)}] to cite the source"
            raise TextProblem(message, bracketed.group(0))
        raise ValueError(f"a source marker needs a ^ after the [, like {SOURCE_EXAMPLE}")
    if last is value:
        raise ValueError(f"this statement has no source; end it with a citation such as {SOURCE_EXAMPLE}")
    shown = last if len(last) <= 60 else last[:57] + "..."
    raise TextProblem(
        f"the last words ('{shown}') have no source; end them with a citation such as {SOURCE_EXAMPLE}, or delete them",
        CITATION_MARKER.findall(value)[-1].join(("[^", "]")),
        after_last=True,
    )


def _no_angle_brackets(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError("a title can't contain < or >; use words such as 'less than' instead")
    return value


def _bare_doi(value: str) -> str:
    if value.lower().startswith(("doi:", "http://", "https://")) or "%2f" in value.lower():
        raise ValueError("write the bare DOI with a plain slash, like 10.1002/14651858.CD007393.pub4")
    if not re.fullmatch(r"10\.\d{4,9}/\S+", value):
        raise ValueError("a DOI starts with '10.' and has a slash, like 10.1111/jnu.12300")
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID),
    json_schema_hint(patternErrorMessage="an id uses lower-case letters, digits and single hyphens, like diabetic-neuropathy"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), FREE_TEXT]
# A statement readers read: it must cite a source, and its reading level is measured.
CitedText = Annotated[
    Text,
    AfterValidator(_require_citation),
    READER_PROSE,
    FILLS_EMERGENCY_NUMBER,
    json_schema_hint(
        pattern=r"\[\^[^\]\s]+\]\s*$",
        patternErrorMessage=f"this statement has no source; end it with a citation such as {SOURCE_EXAMPLE}",
    ),
]
# Titles also become page titles and navigation labels, which themes print as HTML.
Title = Annotated[
    Text,
    StringConstraints(max_length=MAX_TITLE),
    AfterValidator(_no_angle_brackets),
    json_schema_hint(pattern=r"^[^<>]*$", patternErrorMessage="no < or >"),
]
ReviewDate = Annotated[
    dt.date,
    BeforeValidator(_require_iso_date),
    json_schema_hint(pattern=DATE_PATTERN, patternErrorMessage="write the date like 2026-01-31"),
]
Doi = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_bare_doi),
    json_schema_hint(pattern=r"^10\.[0-9]{4,9}/\S+$", patternErrorMessage="a bare DOI, like 10.1111/jnu.12300"),
]
HttpsUrl = Annotated[str, StringConstraints(strip_whitespace=True, pattern=HTTPS_PATTERN)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, pattern=EMAIL_PATTERN)]
FeedbackAddress = Annotated[str, StringConstraints(strip_whitespace=True, pattern=FEEDBACK_PATTERN)]
ContentFingerprint = Annotated[str, StringConstraints(strip_whitespace=True, pattern=FINGERPRINT_PATTERN)]

# An ICD-10-CM code as the tabular list writes it: a letter (U too: U07.1 is COVID-19), a digit, a digit or
# A or B (C4A, C7B, M1A), then a dot and one to four letters or digits (G35.A, placeholder X, 7th characters).
ICD10CM_PATTERN = r"^[A-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$"
ICD10CM_EXAMPLE = "E11.42"


def _icd10cm_code(value: str) -> str:
    if re.fullmatch(ICD10CM_PATTERN, value):
        return value
    if re.fullmatch(ICD10CM_PATTERN, value.upper()):
        raise ValueError(f"'{value}' has lower-case letters; write the code in capitals: {value.upper()}")
    if re.fullmatch(r"[A-Z][0-9][0-9AB][0-9A-Z]{1,4}", value.upper()):
        dotted = f"{value[:3]}.{value[3:]}".upper()
        raise ValueError(f"'{value}' has no dot; write it after the third character: {dotted}")
    raise ValueError(
        f"'{value}' is not an ICD-10-CM code; a code is a letter, a digit, a digit (or A or B), then a dot and one "
        f"to four more letters or digits, like {ICD10CM_EXAMPLE} or G35"
    )


Icd10CmCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_icd10cm_code),
    json_schema_hint(
        pattern=ICD10CM_PATTERN, patternErrorMessage=f"an ICD-10-CM code in capitals with its dot, like {ICD10CM_EXAMPLE}"
    ),
]

CauseGroup = Literal[
    "nerves",
    "blood-vessels",
    "spine",
    "brain",
    "immune",
    "infection",
    "nutrition",
    "medicines",
    "injury-cold",
    "mental-health",
]
Urgency = Literal["emergency", "urgent", "soon"]
TreatmentKind = Literal["medical", "home-care", "foot-care", "alternative"]


# The sections whose pages are made from one file each, by the folder their address starts with.
PAGE_SECTIONS = ("causes", "warning-signs", "tests", "treatments", "foot-care")
MOVED_EXAMPLE = "causes/old-name/"


def _page_address(value: str) -> str:
    """'causes/old-name/' as a reader's address bar shows it after the site's own address."""
    if re.match(r"[a-z][a-z0-9+.-]*://", value, re.I) or value.startswith("/"):
        raise ValueError(
            f"write the address as it follows the site's address, without https:// or a leading /, like {MOVED_EXAMPLE}"
        )
    parts = value.removesuffix("/").split("/")
    if len(parts) != 2 or not all(re.fullmatch(ID_PATTERN, part) for part in parts):
        raise ValueError(f"'{value}' is not a page's address; write the folder and the old id, like {MOVED_EXAMPLE}")
    return "/".join(parts) + "/"  # one spelling, so two files naming one address are seen to clash


PageAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_ID * 2),
    AfterValidator(_page_address),
    json_schema_hint(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*/?$",
        patternErrorMessage=f"a page's address inside the site: its folder and old id, like {MOVED_EXAMPLE}",
    ),
]


