"""Navigation sections that stay small however large the site grows.

Material renders, on every page, the navigation items around that page (with
`navigation.prune`, only the open section). A section of 300 causes would put 300
links on each of those 300 pages, so build time and output would grow with the square
of the section. Long lists are therefore cut into alphabetical sub-sections of at most
`SECTION_SIZE` entries, labelled like a dictionary's guide words ("Ba-Bo").
"""

from __future__ import annotations

import math
from typing import Any

from .markdown import html_text

NavItem = str | dict[str, Any]

# Small enough that a page's navigation stays short, large enough that a few hundred
# topics need only one level of sub-sections.
SECTION_SIZE = 40


def _prefix(title: str, neighbour: str | None) -> str:
    """The shortest start of `title` that tells it apart from its neighbour across a cut."""
    if neighbour is None:
        return title[:1].upper()
    a, b = title.lower(), neighbour.lower()
    for length in range(1, len(a) + 1):
        if a[:length] != b[:length]:
            return title[:length].capitalize()
    return title.capitalize()


def split_long(entries: list[NavItem], titles: list[str], size: int = SECTION_SIZE) -> list[NavItem]:
    """Entries sorted by their (plain) titles, as they are, or cut into labelled sub-sections of at most `size`."""
    if len(entries) <= size:
        return entries
    parts = math.ceil(len(entries) / size)
    bounds = [round(i * len(entries) / parts) for i in range(parts + 1)]
    out: list[NavItem] = []
    for i in range(parts):
        start, end = bounds[i], bounds[i + 1]
        before = titles[start - 1] if start > 0 else None
        after = titles[end] if end < len(titles) else None
        first, last = _prefix(titles[start], before), _prefix(titles[end - 1], after)
        label = first if first == last else f"{first}–{last}"
        out.append({html_text(label): entries[start:end]})
    return out
