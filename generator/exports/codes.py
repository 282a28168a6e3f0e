"""The lookup by diagnosis code (api/codes.json): each ICD-10-CM code to its page, handout and title."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.content.addresses import page_address
from generator.content.link import Site
from generator.content.schema import ICD10CM_URL
from generator.exports.changes import content_pages
from generator.exports.content_api import api_path, handout_address

PATH = "api/codes.json"
SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"  # how FHIR names ICD-10-CM
SHORTEST_PREFIX = 3  # a category (E11); one or two characters would name whole chapters


def prefixes_of(code: str) -> list[str]:
    """Every prefix of a code from its category on, without a trailing dot: E11.42 -> E11, E11.4, E11.42."""
    return [code[:n] for n in range(SHORTEST_PREFIX, len(code) + 1) if not code[:n].endswith(".")]


def code_lookup(site: Site) -> dict[str, Any]:
    """codes: code -> its title and pages; prefixes: every prefix -> the codes that start with it; pages by id."""
    codes: dict[str, dict[str, Any]] = {}
    prefixes: dict[str, set[str]] = defaultdict(set)
    pages: dict[str, dict[str, Any]] = {}
    for page in content_pages(site):
        if page.kind != "cause" or not page.entry.model.icd10cm:
            continue
        pages[page.entry.id] = {
            "title": page.title,
            "url": page_address(site.config.site_url, page.path),
            "handout": handout_address(site, page),
            "api": site.config.site_url + api_path(page),
        }
        for entry in page.entry.model.icd10cm:
            codes.setdefault(entry.code, {"title": entry.title, "pages": []})["pages"].append(page.entry.id)
            for prefix in prefixes_of(entry.code):
                prefixes[prefix].add(entry.code)
    return {
        "version": 1,
        "system": SYSTEM,
        "source": ICD10CM_URL,
        "codes": {code: {**value, "pages": sorted(value["pages"])} for code, value in codes.items()},
        "prefixes": {prefix: sorted(found) for prefix, found in prefixes.items()},
        "pages": pages,
    }


def find_pages(lookup: dict[str, Any], query: str) -> list[str]:
    """The page ids a code or prefix finds, as README.md tells other systems to search: the code itself, else
    every code starting with it, else the same with the code cut back a character at a time (M32.14 -> M32)."""
    query = query.strip().upper()
    while len(query) >= SHORTEST_PREFIX:
        found = lookup["prefixes"].get(query.rstrip("."), [])
        if found:
            return sorted({page for code in found for page in lookup["codes"][code]["pages"]})
        query = query[:-1]
    return []
