"""When each page made from a content file last changed, and one line on what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.content.built_in_pages import FLOW_PAGE, HOME_PAGE, SAFETY_PAGE
from generator.content.link import Site
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
    kind: str  # topic, flow, safety, cause, red_flag, test, treatment
    entry: Loaded[Any]


def content_pages(site: Site) -> list[ContentPage]:
    """Every page written from one content file, in the site's page order."""
    pages = [ContentPage(HOME_PAGE, site.topic.model.title, "topic", site.topic)]
    pages.append(ContentPage(FLOW_PAGE, site.flow.model.title, "flow", site.flow))
    if site.hazards is not None:
        pages.append(ContentPage(SAFETY_PAGE, site.hazards.model.title, "safety", site.hazards))
    for kind, entity in site.all_entities():
        pages.append(ContentPage(site.page_of(kind, entity.id), site.title_of(kind, entity.id), kind, entity))
    return pages
