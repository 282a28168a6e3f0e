"""The pages written from one content file, each with the fingerprint of its reader-facing content and
the clinician's approval that still matches it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from generator.content.built_in_pages import FLOW_PAGE, GLOSSARY_PAGE, HOME_PAGE, SAFETY_PAGE
from generator.content.link import Site
from generator.content.safety_schema import Approval
from generator.content.schema import NOT_READER_FACING
from generator.content.validate import Loaded

# The approve command's kind names (the JSON Schema kinds) for the Site's entity kinds.
KIND_NAMES = {"cause": "cause", "red_flag": "red-flag", "test": "test", "treatment": "treatment"}
SINGLE_PAGE_KINDS = ("topic", "decision-flow", "hazards", "glossary")


def content_fingerprint(model: BaseModel) -> str:
    """Twelve hex digits that change whenever the page's reader-facing content changes.

    Values left at their default are left out, so a new optional field in the schema does not make
    every approval stale; the order of keys, YAML's line folding and quoting do not count."""
    data = model.model_dump(mode="json", exclude_defaults=True, exclude=set(NOT_READER_FACING))
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class GovernedPage:
    """A page written from one content file: what an approval or a history entry is about."""

    kind: str  # an approve kind: topic, decision-flow, hazards, glossary, cause, red-flag, treatment or test
    id: str | None  # None for the single-file kinds
    entry: Loaded[Any]
    path: str  # its Markdown path below docs/

    @cached_property
    def fingerprint(self) -> str:
        """The page's content fingerprint, worked out once, when first asked for."""
        return content_fingerprint(self.entry.model)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.kind, self.id)

    @property
    def words(self) -> str:
        """How commands name it: 'cause stroke', or 'topic'."""
        return f"{self.kind} {self.id}" if self.id else self.kind


def governed_pages(site: Site) -> list[GovernedPage]:
    """Every page made from one content file, in the site's order (listed once a Site; do not change the list)."""
    if site.governed is not None:
        return site.governed
    singles: list[tuple[str, Loaded[Any] | None, str]] = [
        ("topic", site.topic, HOME_PAGE),
        ("decision-flow", site.flow, FLOW_PAGE),
        ("hazards", site.hazards, SAFETY_PAGE),
        ("glossary", site.glossary, GLOSSARY_PAGE),
    ]
    pages = [GovernedPage(kind, None, entry, path) for kind, entry, path in singles if entry is not None]
    for kind, entity in site.all_entities():
        pages.append(GovernedPage(KIND_NAMES[kind], entity.id, entity, site.page_of(kind, entity.id)))
    site.governed = pages
    return pages


def latest_approvals(site: Site) -> dict[tuple[str, str | None], tuple[int, Approval]]:
    """The newest approval of each page, with its index in approvals.yaml (later entries win)."""
    if site.approvals is None:
        return {}
    out: dict[tuple[str, str | None], tuple[int, Approval]] = {}
    for index, approval in enumerate(site.approvals.model.approvals):
        key = (approval.kind, approval.id)
        if key not in out or approval.date >= out[key][1].date:
            out[key] = (index, approval)
    return out


def approval_of(site: Site, kind: str, id_: str | None, entry: Loaded[Any]) -> Approval | None:
    """The approval of one page (an approve kind and id) while it matches the page's content, else None."""
    found = latest_approvals(site).get((kind, id_))
    return found[1] if found and found[1].fingerprint == content_fingerprint(entry.model) else None


def current_approvals(site: Site, pages: list[GovernedPage] | None = None) -> dict[str, Approval]:
    """Markdown path -> the approval that matches the page's content now; pages without one are absent.
    `pages`: governed_pages(site), when the caller already has them."""
    latest = latest_approvals(site)
    out = {}
    for page in governed_pages(site) if pages is None else pages:
        found = latest.get(page.key)
        if found and found[1].fingerprint == page.fingerprint:
            out[page.path] = found[1]
    return out
