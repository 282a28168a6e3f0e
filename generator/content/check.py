"""Check stage: site-wide rules. After this passes, nothing later can fail on content."""

from __future__ import annotations

import functools
import re
import typing
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.addresses import address_of
from generator.content.code_check import check_codes
from generator.content.errors import ContentError, ContentErrors, FieldPath, did_you_mean
from generator.content.field_messages import field_annotation
from generator.content.field_types import (
    BRACKETED_ID,
    CITATION_MARKER,
    EMERGENCY_PLACEHOLDER,
    FILLS_EMERGENCY_NUMBER,
    PAGE_SECTIONS,
    Id,
    broken_marker_words,
    marker_typo,
)
from generator.content.flow_check import check_flow
from generator.content.glossary_check import check_glossary
from generator.content.hazard_check import check_hazards
from generator.content.link import Site
from generator.content.load import Document, strings_in
from generator.content.translation_check import translation_errors

# Each reference field of a cause (named like the content/ folder it points into): the kind of
# entity it lists, and how to name one in a message.
_CAUSE_REFERENCES = {
    "tests": ("test", "test"),
    "treatments": ("treatment", "treatment"),
    "red_flags": ("red_flag", "red flag"),
}


def _duplicate_sources(site: Site) -> list[ContentError]:
    errors = []
    first: dict[str, int] = {}
    for i, source in enumerate(site.citations_doc.data["sources"]):
        source_id = source.get("id") if isinstance(source, dict) else None
        if not isinstance(source_id, str):
            continue
        if source_id in first:
            line = site.citations_doc.where(("sources", first[source_id], "id"))[0]
            errors.append(
                site.citations_doc.error(
                    ("sources", i, "id"), f"duplicate source id '{source_id}' (first at line {line}); give each source its own id"
                )
            )
        else:
            first[source_id] = i
    return errors


def _dangling_references(site: Site) -> list[ContentError]:
    errors = []
    for cause in site.causes.values():
        for attribute, (kind, noun) in _CAUSE_REFERENCES.items():
            table = site.table(kind)
            for i, target in enumerate(getattr(cause.model, attribute)):
                if target not in table and not site.is_unreadable(kind, target):
                    hint = site.mend_reference(kind, target, attribute)
                    errors.append(cause.doc.error((attribute, i), f"unknown {noun} '{target}'{hint}"))
    return errors


def _same_words(text: str) -> str:
    """What two list items share when they read the same to a reader: case and spacing aside."""
    return " ".join(text.split()).casefold()


def _lists_in(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, list[Any]]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _lists_in(value, (*path, key))
    elif isinstance(data, list):
        yield path, data
        for i, item in enumerate(data):
            yield from _lists_in(item, (*path, i))


def _repeated_items(doc: Document) -> list[ContentError]:
    """A text or id listed twice in one list: a page would show it twice, or count one link as two."""
    errors = []
    for path, items in _lists_in(doc.data):
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if not isinstance(item, str):
                continue
            words = _same_words(item)
            if words in first:
                line = doc.where((*path, first[words]))[0]
                errors.append(doc.error((*path, i), f"'{item}' is listed twice (first at line {line}); remove one"))
            else:
                first[words] = i
    return errors


def _unknown_sources(doc: Document, sources: Collection[str]) -> list[ContentError]:
    errors = []
    for path, source_id in doc.citations():
        if source_id not in sources:
            hint = did_you_mean(source_id, sources) or "; add it to content/citations.yaml or fix the id"
            # At its marker when it is one, inside the text; else at the id in a list of sources.
            errors.append(doc.error(path, f"unknown source '{source_id}'{hint}", near=f"[^{source_id}]"))
    return errors


def _unused_sources(site: Site) -> list[ContentError]:
    if any(site.unreadable.values()):
        return []  # a page that did not validate may be the one citing a source
    errors = []
    for source_id, index in site.source_docs_index.items():
        if source_id not in site.citing_pages:
            errors.append(
                site.citations_doc.error(
                    ("sources", index, "id"), f"source '{source_id}' is not cited by any page; cite it or remove it"
                )
            )
    return errors


def _url_clashes(site: Site) -> list[ContentError]:
    errors = []
    producers: dict[str, list[str]] = defaultdict(list)
    for page in site.pages:
        producers[page.path].append(page.producer)
    for page in site.pages:
        others = [p for p in producers[page.path] if p != page.producer]
        if others and page.doc is not None:
            errors.append(page.doc.error((), f"would make the page {page.path}, which {others[0]} also makes; rename this file"))
    return errors


def _moved_addresses(site: Site) -> list[ContentError]:
    """An old address (moved_from) must be free: no page has it now, and one file only claims it."""
    errors = []
    pages = {address_of(page.path): page.producer for page in site.pages}
    claimed: dict[str, tuple[Document, int]] = {}
    for _, entity in site.all_entities():
        for i, address in enumerate(entity.model.moved_from):
            section = address.split("/")[0]
            where = ("moved_from", i)
            if section not in PAGE_SECTIONS:
                hint = did_you_mean(section, PAGE_SECTIONS) or f"; use one of: {', '.join(PAGE_SECTIONS)}"
                errors.append(entity.doc.error(where, f"'{section}/' is not a folder of the site's pages{hint}"))
            elif address in pages:
                owner = pages[address]
                message = (
                    "is this page's address now; remove it from moved_from"
                    if owner == entity.doc.display
                    else f"is still the address of a page ({owner}); remove it here, or rename that file"
                )
                errors.append(entity.doc.error(where, f"'{address}' {message}"))
            elif address in claimed:
                first, index = claimed[address]
                line = first.where(("moved_from", index))[0]
                message = f"'{address}' is already in moved_from of {first.display}:{line}; keep it in one file"
                errors.append(entity.doc.error(where, message))
            else:
                claimed[address] = (entity.doc, i)
    return errors


# A word in braces is meant as a placeholder; {emergency_number} is the only one there is.
_BRACED = re.compile(r"\{\s*([A-Za-z][A-Za-z0-9_ -]*)\s*\}")
_PLACEHOLDER_NAME = EMERGENCY_PLACEHOLDER.strip("{}")
# Site settings that are not text for readers (and cannot hold a placeholder once validated).
_SETTINGS_NOT_TEXT = ("emergency_number", "site_url", "language", "paper_size", "hard_words", "date_format", "month_names")


def _documents_readers_see(site: Site) -> Iterator[tuple[Document, type[Any], bool]]:
    """Every document of the content and the site settings, with its model and whether it is the settings."""
    for entry in site.content_entries():
        yield entry.doc, type(entry.model), False
    if site.config_doc is not None:
        yield site.config_doc, type(site.config), True


def _texts_in(doc: Document, settings: bool) -> Iterator[tuple[FieldPath, str]]:
    """A document's texts that readers see (of the site settings, not the addresses and codes)."""
    for path, text in strings_in(doc.data):
        if not settings or (path[0] not in _SETTINGS_NOT_TEXT and path[-1] not in _SETTINGS_NOT_TEXT):
            yield path, text


def _texts_readers_see(site: Site) -> Iterator[tuple[Document, type[Any], FieldPath, str]]:
    """Every text of the content and of the site settings, with its document and the document's model."""
    for doc, model, settings in _documents_readers_see(site):
        for path, text in _texts_in(doc, settings):
            yield doc, model, path, text


def _mentions(annotation: Any, wanted: Any) -> bool:
    return annotation == wanted or any(_mentions(arg, wanted) for arg in typing.get_args(annotation))


def _fills_placeholder(model: type[Any], path: FieldPath) -> bool:
    return _mentions(field_annotation(model, path), FILLS_EMERGENCY_NUMBER)


def _number_and_placeholder(
    text: str, number: str, typed_number: re.Pattern[str], model: type[Any], path: FieldPath
) -> Iterator[tuple[str, str]]:
    """The emergency number typed out; a placeholder misspelled, doubled, or where it is not filled in
    (the schema is asked only for a text that holds the placeholder). Each with the words it is about."""
    # A source's id may hold the digits, in a marker or a list of ids: only words for readers count.
    typed = typed_number.search(CITATION_MARKER.sub("", text))
    if typed and not _mentions(field_annotation(model, path), Id):
        yield f"write {EMERGENCY_PLACEHOLDER} instead of {number}, so the number follows site_config/site.yaml", typed.group(0)
    if "{" not in text:
        return
    for match in _BRACED.finditer(text):
        if match.group(0) != EMERGENCY_PLACEHOLDER:
            hint = f"did you mean {EMERGENCY_PLACEHOLDER}?" if did_you_mean(match.group(1), [_PLACEHOLDER_NAME]) else (
                f"the only placeholder is {EMERGENCY_PLACEHOLDER}; take out the braces if they are meant as text"
            )
            yield f"'{match.group(0)}' would show as typed: {hint}", match.group(0)
        elif text[match.start() - 1 : match.start()] == "{" or text[match.end() : match.end() + 1] == "}":
            yield f"a brace too many around {EMERGENCY_PLACEHOLDER}: write it with one brace on each side", match.group(0)
    if EMERGENCY_PLACEHOLDER in text and not _fills_placeholder(model, path):
        yield (f"{EMERGENCY_PLACEHOLDER} is not filled in here (only in sentences that cite a source); "
               "write the words without the number"), EMERGENCY_PLACEHOLDER


def _broken_markers(text: str, sources: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A source marker a typo left as text readers would see: unclosed, with a space, without its caret."""
    if "[" not in text:
        return
    rest = CITATION_MARKER.sub("", text)
    if typo := marker_typo(rest, "[^source-id]"):
        yield typo, broken_marker_words(rest)
    for match in BRACKETED_ID.finditer(rest):
        if match.group(1) in sources:
            yield f"'{match.group(0)}' would show as typed: write [^{match.group(1)}] to cite the source", match.group(0)


# Markup an editor may type expecting it to work; the site shows every text as typed (content is text).
_MARKUP = (
    (re.compile(r"(\*\*|__)(?=\S).+?(?<=\S)\1"), "shows with its {0} marks: the site does not use Markdown; "
     "write the words without them"),
    (re.compile(r"!?\[[^\]\n]+\]\([^)\n]*\)"), "shows as typed: link a page by its id (such as tests: [mri]) and "
     "put web addresses in content/citations.yaml"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>"), "shows as typed: a text is never HTML; take the tag out"),
)


def _shown_as_typed(text: str) -> Iterator[tuple[str, str]]:
    """Markdown, HTML and line breaks that a reader would see as typed, or not at all."""
    for pattern, problem in _MARKUP:
        if match := pattern.search(text):
            marks = match.group(1) if match.groups() else ""
            yield f"'{match.group(0)}' {problem.format(marks)}", match.group(0)
    if "\n" in text:
        # A '|' text, or a blank line inside a '>-' one: the page joins the lines into one paragraph.
        line = text.split("\n", 1)[1].strip().split("\n")[0][:40]
        yield (
            "this text has a line break, which the page does not keep (it shows as one paragraph); join the lines "
            "with '>-' and no blank line, or make each part an item of a list", line,
        )


def markup_problems(site: Site) -> list[ContentError]:
    """Warnings, for `check` (the build needs none of them): texts with markup or line breaks a reader
    would see as typed, or not see."""
    return [
        doc.error(path, message, severity="warning", near=words)
        for doc, _, path, text in _texts_readers_see(site)
        for message, words in _shown_as_typed(text)
    ]


# Per rule, per file: the document checked and what the rule found in it.
Findings = dict[str, dict[Path, tuple[Document, list[ContentError]]]]


@dataclass
class CheckedTexts:
    """What the rules that read one document at a time (typos, repeated items, unknown sources) found in each
    document at the last check in this process (serve). A file read again is a new document and is checked
    again; a new emergency number or set of sources checks all."""

    basis: tuple[str, frozenset[str]] | None = None
    found: Findings = field(default_factory=dict)


def _each_document(
    rule: str, documents: Iterable[Document], find: Callable[[Document], list[ContentError]], old: Findings, now: Findings
) -> list[ContentError]:
    """find() on each document, or what it found last time when the document is the very same object."""
    kept, here = old.get(rule, {}), now.setdefault(rule, {})
    for doc in documents:
        last = kept.get(doc.path)
        here[doc.path] = last if last is not None and last[0] is doc else (doc, find(doc))
    return [error for _, found in here.values() for error in found]


def _text_typos(site: Site, old: Findings | None = None, now: Findings | None = None) -> list[ContentError]:
    """Every text read once for what a typo would print as typed. The number lives in site_config, so a
    site for another country cannot show a wrong one; {emergency_number} is filled in only in the fields
    the schema marks (sentences with a source, the decision flow's questions and results, the disclaimer).
    `old`, `now`: the last check's findings to reuse, and this one's (see CheckedTexts)."""
    number = site.config.emergency_number
    typed_number = re.compile(rf"(?<![0-9]){re.escape(number)}(?![0-9])")
    documents = {id(doc): (doc, model, settings) for doc, model, settings in _documents_readers_see(site)}

    def typos(doc: Document) -> list[ContentError]:
        _, model, settings = documents[id(doc)]
        return [
            doc.error(path, message, near=words)
            for path, text in _texts_in(doc, settings)
            for message, words in (
                *_number_and_placeholder(text, number, typed_number, model, path), *_broken_markers(text, site.sources)
            )
        ]

    read = [doc for doc, _, _ in documents.values()]
    return _each_document("typos", read, typos, old or {}, now if now is not None else {})


def check(site: Site, checked: CheckedTexts | None = None) -> None:
    """Raise ContentErrors listing every broken site-wide rule. `checked`: see CheckedTexts."""
    errors: list[ContentError] = []
    errors.extend(check_flow(site))
    errors.extend(check_hazards(site))
    errors.extend(check_codes(site))
    errors.extend(check_glossary(site))
    translation_problems = translation_errors(site)
    errors.extend(translation_problems)
    if not translation_problems:  # the proofs hold for each edition's flow too, as readers of it meet it
        from generator.content.localize import edition_site

        for language in site.translations:
            edition = edition_site(site, language)
            errors.extend(check_flow(edition))
            own = f"content/{language}/"  # the texts only the edition has: its translations
            errors.extend(error for error in _text_typos(edition) if error.file.startswith(own))
    basis = (site.config.emergency_number, frozenset(site.sources))
    old = checked.found if checked is not None and checked.basis == basis else {}
    now: Findings = {}
    settings = [site.config_doc] if site.config_doc is not None else []
    errors.extend(_duplicate_sources(site))
    errors.extend(_dangling_references(site))
    errors.extend(_each_document("repeated items", [*site.content_docs(), *settings], _repeated_items, old, now))
    unknown = functools.partial(_unknown_sources, sources=site.sources)
    errors.extend(_each_document("unknown sources", site.content_docs(), unknown, old, now))
    for rule in (_unused_sources, _url_clashes, _moved_addresses):
        errors.extend(rule(site))
    errors.extend(_text_typos(site, old, now))
    if checked is not None:
        checked.basis, checked.found = basis, now
    if errors:
        raise ContentErrors(errors)
