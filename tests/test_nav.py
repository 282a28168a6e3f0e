"""Navigation of very long lists (generator/render/nav.py): cut into alphabetical sub-sections so
that what any page's navigation shows stays short however long the list grows."""

from __future__ import annotations

import random
from typing import Any

import pytest

from generator.render.nav import SECTION_SIZE, levels_of, split_long


def _titles(count: int) -> list[str]:
    rng = random.Random(count)
    names = {"".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(9)).capitalize() for _ in range(count * 2)}
    return sorted(names)[:count]


def _leaves(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        ((_, value),) = item.items()
        out.extend(_leaves(value) if isinstance(value, list) else [value])
    return out


def _widest_view(items: list[Any]) -> int:
    """The most items a page can see: every list open on the way down to it, summed."""
    lists = [value for item in items for value in item.values() if isinstance(value, list)]
    return len(items) + max((_widest_view(sub) for sub in lists), default=0)


def test_short_lists_are_left_as_they_are() -> None:
    """The real site's lists (at most 26 entries) get no sub-sections."""
    titles = _titles(SECTION_SIZE)
    entries: list[Any] = [{t: f"{t}.md"} for t in titles]
    assert split_long(entries, titles) == entries


@pytest.mark.parametrize("count", [41, 300, 1350, 3000, 20000])
def test_long_lists_keep_every_entry_and_a_short_view(count: int) -> None:
    """Every entry appears once, in order; no list is longer than SECTION_SIZE; labels read like
    guide words and follow the alphabet; a page sees few items (a log of the list's length)."""
    titles = _titles(count)
    nav = split_long([{t: f"{t}.md"} for t in titles], titles)
    assert _leaves(nav) == [f"{t}.md" for t in titles]

    def check(items: list[Any]) -> None:
        assert len(items) <= SECTION_SIZE
        for item in items:
            ((label, value),) = item.items()
            if isinstance(value, list):
                first, last = _leaves(value)[0].lower(), _leaves(value)[-1].lower()
                start, _, end = label.lower().partition("–")
                assert first.startswith(start) and last.startswith(end or start), (label, first, last)
                check(value)

    check(nav)
    levels, fan = levels_of(count)
    assert _widest_view(nav) <= (levels + 1) * fan
    assert _widest_view(nav) <= 60


def test_words_every_title_shares_are_kept_in_labels() -> None:
    """When every title starts alike ("You have ..."), labels keep those words and tell parts apart
    after them, instead of a bare first letter."""
    titles = [f"You have {t.lower()}" for t in _titles(300)]
    nav = split_long([{t: f"{i}.md"} for i, t in enumerate(titles)], titles)
    labels = [label for item in nav for label in item]
    assert len(labels) > 1
    assert all(label.startswith("You have ") and len(label.split("–")[0]) > len("You have ") for label in labels), labels
