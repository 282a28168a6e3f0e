"""Check stage: site-wide rules. After this passes, nothing later can fail on content."""

from __future__ import annotations

import re
from collections import defaultdict

from .errors import ContentError, ContentErrors, did_you_mean
from .flow_check import check_flow
from .link import Site, citations_in, strings_in

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


def _hard_coded_emergency_number(site: Site) -> list[ContentError]:
    """The number lives in site_config, so a site for another country cannot show a wrong one."""
    number = site.config.emergency_number
    pattern = re.compile(rf"(?<![0-9]){re.escape(number)}(?![0-9])")
    errors = []
    for doc in site.content_docs():
        for path, text in strings_in(doc.data):
            if pattern.search(text):
                errors.append(
                    doc.error(
                        path, f"write {{emergency_number}} instead of {number}, so the number follows site_config/site.yaml"
                    )
                )
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
    ):
        errors.extend(rule(site))
    if errors:
        raise ContentErrors(errors)
