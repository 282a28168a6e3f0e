"""What changed, as feeds: JSON Feed 1.1 (feed.json) and Atom (feed.xml), pages newest change first."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.etree import ElementTree as ET

from generator.content.addresses import page_address
from generator.content.link import Site
from generator.exports.changes import Change, content_pages, last_change
from generator.render.flow import plain

JSON_PATH = "feed.json"
ATOM_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"


def _stamp(date: dt.date) -> str:
    """A day as an RFC 3339 time (both formats want a time): its start, in UTC."""
    return f"{date.isoformat()}T00:00:00Z"


def feed_items(site: Site) -> list[tuple[str, str, Change]]:
    """(title, address, last change) of every content page, newest change first, then by address."""
    items = [
        (plain(site, page.title) or "", page_address(site.config.site_url, page.path), last_change(page.entry))
        for page in content_pages(site)
    ]
    return sorted(items, key=lambda item: (-item[2].date.toordinal(), item[1]))


def json_feed(site: Site, items: list[tuple[str, str, Change]]) -> str:
    """The JSON Feed 1.1 document of feed_items."""
    base = site.config.site_url
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{site.config.site_name}: what changed",
        "home_page_url": base,
        "feed_url": base + JSON_PATH,
        "language": site.config.language,
        "authors": [{"name": site.config.site_name, "url": base}],
        "items": [
            {"id": url, "url": url, "title": title, "content_text": change.what, "date_modified": _stamp(change.date)}
            for title, url, change in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def atom_feed(site: Site, items: list[tuple[str, str, Change]]) -> str:
    """The Atom (RFC 4287) document of feed_items."""
    ET.register_namespace("", ATOM)
    base = site.config.site_url
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.config.language})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    sub(root, "id", base)
    sub(root, "title", f"{site.config.site_name}: what changed")
    sub(root, "updated", _stamp(max(change.date for _, _, change in items)))
    sub(sub(root, "author"), "name", site.config.site_name)
    sub(root, "link", href=base)
    sub(root, "link", rel="self", type="application/atom+xml", href=base + ATOM_PATH)
    for title, url, change in items:
        entry = sub(root, "entry")
        sub(entry, "id", url)
        sub(entry, "title", title)
        sub(entry, "link", href=url)
        sub(entry, "updated", _stamp(change.date))
        sub(entry, "summary", change.what)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
