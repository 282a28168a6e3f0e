"""When each page made from a content file last changed, and one line on what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.content.link import Site
from generator.content.sign_off import governed_pages
from generator.content.validate import Loaded


@dataclass(frozen=True)
class Change:
    date: dt.date
    what: str


def last_change(entry: Loaded[Any]) -> Change:
    """The newest entry of the page's history (`changes:`); a page with none yet gives its last review."""
    if entry.model.changes:
        newest = entry.model.changes[0]
        return Change(newest.date, newest.what)
    return Change(entry.model.reviewed, f"Reviewed by {entry.model.reviewed_by}.")


@dataclass(frozen=True)
class ContentPage:
    """A page written from one content file: its Markdown path, title, kind and file."""

    path: str
    title: str
    kind: str  # topic, flow, safety, glossary, cause, red_flag, test, treatment
    entry: Loaded[Any]


# The Site's names for the kinds that sign-off names otherwise (the API publishes these).
_SITE_KIND = {"decision-flow": "flow", "hazards": "safety", "red-flag": "red_flag"}


def content_pages(site: Site) -> list[ContentPage]:
    """Every page written from one content file (sign_off.governed_pages), in the site's page order."""
    titles = {page.path: page.title for page in site.pages}
    return [
        ContentPage(page.path, titles[page.path], _SITE_KIND.get(page.kind, page.kind), page.entry)
        for page in governed_pages(site)
    ]
