"""Check stage: site-wide rules. After this passes, nothing later can fail on content."""

from __future__ import annotations

import re
import typing
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .errors import ContentError, ContentErrors, FieldPath, did_you_mean
from .flow import EMERGENCY_PLACEHOLDER
from .flow_check import check_flow
from .link import Site, citations_in, strings_in
from .load import Document
from .schema import CITATION_MARKER, FILLS_EMERGENCY_NUMBER
from .validate import field_annotation

# Which table each reference field of a cause points into, and how to name it in a message.
_CAUSE_REFERENCES = {
    "tests": ("test", "tests"),
    "treatments": ("treatment", "treatments"),
    "red_flags": ("red flag", "red_flags"),
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
    tables = {"tests": site.table("test"), "treatments": site.table("treatment"), "red_flags": site.table("red_flag")}
    for cause in site.causes.values():
        for attribute, (noun, folder) in _CAUSE_REFERENCES.items():
            seen: set[str] = set()
            for i, target in enumerate(getattr(cause.model, attribute)):
                if target in seen:
                    errors.append(cause.doc.error((attribute, i), f"'{target}' is listed twice; remove one"))
                seen.add(target)
                if target not in tables[attribute]:
                    hint = did_you_mean(target, tables[attribute]) or f"; add content/{folder}/{target}.yaml or fix the id"
                    errors.append(cause.doc.error((attribute, i), f"unknown {noun} '{target}'{hint}"))
    return errors


def _unknown_sources(site: Site) -> list[ContentError]:
    errors = []
    for doc in site.content_docs():
        for path, source_id in citations_in(doc.data):
            if source_id not in site.sources:
                hint = did_you_mean(source_id, site.sources) or "; add it to content/citations.yaml or fix the id"
                errors.append(doc.error(path, f"unknown source '{source_id}'{hint}"))
    return errors


def _unused_sources(site: Site) -> list[ContentError]:
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


# A word in braces is meant as a placeholder; {emergency_number} is the only one there is.
_BRACED = re.compile(r"\{\s*([A-Za-z][A-Za-z0-9_ -]*)\s*\}")
_PLACEHOLDER_NAME = EMERGENCY_PLACEHOLDER.strip("{}")
# A source id in brackets without the caret ("[nlm-numbness]"), which would print as typed.
_BRACKETED = re.compile(r"\[([a-z0-9][a-z0-9-]*)\]")


def _texts_readers_see(site: Site) -> Iterator[tuple[Document, FieldPath, str]]:
    """Every text of the content, and the site settings' texts (not the number or the address)."""
    for doc in site.content_docs():
        for path, text in strings_in(doc.data):
            yield doc, path, text
    if site.config_doc is not None:
        for path, text in strings_in(site.config_doc.data):
            if path[:1] not in (("emergency_number",), ("site_url",), ("language",), ("paper_size",)):
                yield site.config_doc, path, text


def _hard_coded_emergency_number(site: Site) -> list[ContentError]:
    """The number lives in site_config, so a site for another country cannot show a wrong one."""
    number = site.config.emergency_number
    pattern = re.compile(rf"(?<![0-9]){re.escape(number)}(?![0-9])")
    return [
        doc.error(path, f"write {EMERGENCY_PLACEHOLDER} instead of {number}, so the number follows site_config/site.yaml")
        for doc, path, text in _texts_readers_see(site)
        if pattern.search(text)
    ]


def _mentions(annotation: Any, wanted: Any) -> bool:
    return annotation == wanted or any(_mentions(arg, wanted) for arg in typing.get_args(annotation))


def _placeholder_where_not_filled(site: Site) -> list[ContentError]:
    """{emergency_number} is filled in only in the fields the schema marks (sentences with a source, the
    decision flow's questions and results, the disclaimer); in a page title, a list of symptoms or an
    answer's label it would be printed as typed."""
    errors = []
    documents = [(site.topic.doc, type(site.topic.model)), (site.flow.doc, type(site.flow.model))]
    documents += [(entity.doc, type(entity.model)) for _, entity in site.all_entities()]
    if site.config_doc is not None:
        documents.append((site.config_doc, type(site.config)))
    for doc, model in documents:
        for path, text in strings_in(doc.data):
            if EMERGENCY_PLACEHOLDER in text and not _mentions(field_annotation(model, path), FILLS_EMERGENCY_NUMBER):
                errors.append(doc.error(path, f"{EMERGENCY_PLACEHOLDER} is not filled in here (only in sentences "
                                              "that cite a source); write the words without the number"))
    return errors


def _broken_markers(site: Site) -> list[ContentError]:
    """Markers a typo turned into text readers would see as typed: an unknown placeholder, an
    unclosed [^source, a source id in brackets without the caret."""
    errors = []
    for doc, path, text in _texts_readers_see(site):
        for match in _BRACED.finditer(text):
            doubled = text[match.start() - 1 : match.start()] == "{" or text[match.end() : match.end() + 1] == "}"
            if match.group(0) == EMERGENCY_PLACEHOLDER and doubled:
                message = f"a brace too many around {EMERGENCY_PLACEHOLDER}: write it with one brace on each side"
                errors.append(doc.error(path, message))
            elif match.group(0) != EMERGENCY_PLACEHOLDER:
                hint = f"did you mean {EMERGENCY_PLACEHOLDER}?" if did_you_mean(match.group(1), [_PLACEHOLDER_NAME]) else (
                    f"the only placeholder is {EMERGENCY_PLACEHOLDER}; take out the braces if they are meant as text"
                )
                errors.append(doc.error(path, f"'{match.group(0)}' would show as typed: {hint}"))
        rest = CITATION_MARKER.sub("", text)
        if re.search(r"\[\^[^\]]*\s[^\]]*\]", rest):
            errors.append(doc.error(path, "a source marker has a space in it: write [^source-id], with no spaces"))
        elif "[^" in rest:
            errors.append(doc.error(path, "a source marker is not closed: write [^source-id], with the closing ]"))
        for match in _BRACKETED.finditer(rest):
            if match.group(1) in site.sources:
                message = f"'{match.group(0)}' would show as typed: write [^{match.group(1)}] to cite the source"
                errors.append(doc.error(path, message))
    return errors


def check(site: Site) -> None:
    """Raise ContentErrors listing every broken site-wide rule."""
    errors: list[ContentError] = []
    errors.extend(check_flow(site))
    for rule in (
        _duplicate_sources,
        _dangling_references,
        _unknown_sources,
        _unused_sources,
        _url_clashes,
        _hard_coded_emergency_number,
        _broken_markers,
        _placeholder_where_not_filled,
    ):
        errors.extend(rule(site))
    if errors:
        raise ContentErrors(errors)
