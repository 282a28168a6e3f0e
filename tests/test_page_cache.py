"""Render by dependency: a page made from a content file is reused only while nothing it reads has changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.exports.files import export_files
from generator.handouts.make import unfinished_handouts
from generator.pipeline import prepare
from generator.render.page_cache import PageCache
from generator.render.pages import render_pages

from .test_errors import edit

CAUSE = "content/causes/toe-trouble.yaml"
ENTITY_PAGES = 6  # the minimal tree: a cause, two warning signs, a test and two treatments


def _site(tree: Path):  # type: ignore[no-untyped-def]
    return prepare(tree / "content", tree / "site_config")


@pytest.mark.parametrize(
    ("relative", "old", "new", "reused"),
    [
        (CAUSE, "Toe trouble harms toe nerves.", "Toe trouble hurts the nerves of the toes.", ENTITY_PAGES - 1),
        ("content/red_flags/rash.yaml", "sign: ", "sign: A new ", 0),  # a title: every page that links it
        ("content/citations.yaml", "title: A study of feet", "title: A study of many feet", 0),  # a source's text
    ],
    ids=["a summary: only its page", "a warning sign's title: everything", "a source: everything"],
)
def test_cached_pages_are_the_pages_a_fresh_render_makes(tree: Path, relative: str, old: str, new: str, reused: int) -> None:
    """After each kind of edit, the cached render equals a render from nothing, byte for byte, and reuses
    exactly the pages whose inputs did not change; the API files likewise."""
    pages, exports = PageCache(), PageCache()
    render_pages(_site(tree), 1, pages)
    export_files(_site(tree), exports)
    assert pages.reused == 0
    edit(tree, relative, old, new)
    site = _site(tree)
    assert render_pages(site, 1, pages) == render_pages(site, 1)
    assert pages.reused == reused
    assert export_files(site, exports) == export_files(site)
    assert exports.reused == (reused + 1 if reused else 0)  # the API has the home page's file too


def test_an_unchanged_site_reuses_every_content_page(tree: Path) -> None:
    cache = PageCache()
    first = render_pages(_site(tree), 1, cache)
    assert render_pages(_site(tree), 1, cache) == first and cache.reused == ENTITY_PAGES


@pytest.mark.parametrize(
    ("relative", "old", "new", "reused"),
    [
        (CAUSE, "Toe trouble harms toe nerves.", "Toe trouble hurts the nerves of the toes.", 0),
        ("content/treatments/rest.yaml", "summary: ", "summary: Resting well. ", 0),  # printed on the cause's handout
        ("content/topic.yaml", "summary: ", "summary: Read this. ", 1),  # the overview only
    ],
    ids=["its cause", "a home-care summary", "the topic"],
)
def test_cached_handouts_are_the_handouts_a_fresh_render_makes(
    tree: Path, relative: str, old: str, new: str, reused: int
) -> None:
    """A cause's handout HTML is reused only while its cause and what it prints from elsewhere are unchanged."""
    cache = PageCache()
    unfinished_handouts(_site(tree), cache)
    edit(tree, relative, old, new)
    site = _site(tree)
    assert unfinished_handouts(site, cache) == unfinished_handouts(site, None)
    assert cache.reused == reused
