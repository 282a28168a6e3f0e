"""Navigation sections that stay small however large the site grows."""

from __future__ import annotations

import itertools
import math
from typing import Any

from generator.render.markdown import html_text

NavItem = str | dict[str, Any]

# A list up to this long is shown as it is; longer ones are cut.
SECTION_SIZE = 40
# Fewer entries than this under one label would make readers open labels more than read
# entries; it bounds how deep very long lists are cut. 6 rather than 8: at 3,000 causes a
# group of 300 shows 7 + 7 + 6 items instead of 17 + 18, and MkDocs took 50 s instead of 54 s.
MIN_SECTION = 6


def levels_of(count: int) -> tuple[int, int]:
    """(levels of labels, entries per label) for a list of `count` entries.

    A page shows the labels of each level it sits in plus its own short list, about
    (levels + 1) x entries per label; that sum is kept smallest.
    """
    if count <= SECTION_SIZE:
        return 0, count
    best: tuple[int, int] | None = None
    levels = 1
    while True:
        fan = math.ceil(count ** (1 / (levels + 1)))
        if fan < MIN_SECTION and best is not None:
            return best
        if fan <= SECTION_SIZE and (best is None or (levels + 1) * fan < (best[0] + 1) * best[1]):
            best = (levels, fan)
        levels += 1


def _prefix(title: str, neighbour: str | None, shortest: int) -> str:
    """The shortest start of `title` (at least `shortest` characters) that tells it apart from its
    neighbour across a cut."""
    a = title.lower()
    for length in range(max(1, shortest), len(a) + 1):
        if neighbour is None or a[:length] != neighbour[:length].lower():
            return title[:length].capitalize()
    return title.capitalize()


def split_long(entries: list[NavItem], titles: list[str]) -> list[NavItem]:
    """Entries sorted by their (plain) titles, as they are, or cut into labelled sub-sections."""
    levels, fan = levels_of(len(entries))
    if levels == 0:
        return entries
    # Words every title starts with ("You have ...") are in every label, or "Y" would label a part.
    first, last = titles[0].lower(), titles[-1].lower()
    shared = next((i for i, (x, y) in enumerate(zip(first, last, strict=False)) if x != y), min(len(first), len(last)))
    return _split(entries, titles, 0, len(entries), levels, fan, shared + 1)


def _split(
    entries: list[NavItem], titles: list[str], start: int, end: int, levels: int, fan: int, shortest: int
) -> list[NavItem]:
    """Entries start..end cut into at most `fan` labelled parts, each cut again `levels - 1` times."""
    if levels == 0:
        return entries[start:end]
    count = end - start
    parts = math.ceil(count / fan**levels)
    bounds = [start + round(i * count / parts) for i in range(parts + 1)]
    out: list[NavItem] = []
    for first_index, end_index in itertools.pairwise(bounds):
        # Labels tell each part from its neighbours in the whole list, not only within this level.
        before = titles[first_index - 1] if first_index > 0 else None
        after = titles[end_index] if end_index < len(titles) else None
        first, last = _prefix(titles[first_index], before, shortest), _prefix(titles[end_index - 1], after, shortest)
        label = first if first == last else f"{first}–{last}"
        out.append({html_text(label): _split(entries, titles, first_index, end_index, levels - 1, fan, shortest)})
    return out
