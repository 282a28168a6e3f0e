"""Content is text: hostile text in every kind of field runs nothing and adds no element, in Chromium.

Two sites are built from the minimal fixture with every optional text field filled: one clean,
one with script, handlers, javascript: and data: URLs, attribute lists and Markdown in every
field the schema accepts them in (tests/hostile.py). Each page of the hostile site is loaded in
Chromium and compared with the same page of the clean site.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import _QuietHandler, build_tree
from .hostile import PAYLOAD, TITLE_PAYLOAD, make_tree

pytestmark = pytest.mark.browser

# What could run or load, counted in the live DOM (after the theme's scripts have run).
_ACTIVE = """() => {
  const count = (s) => document.querySelectorAll(s).length;
  const handlers = [...document.querySelectorAll('*')].flatMap(
    (e) => [...e.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => e.tagName + '.' + a.name));
  return {
    script: count('script'), img: count('img'), iframe: count('iframe'), svg: count('svg'),
    embedded: count('object, embed, base, form, math'), handlers: handlers.sort(),
    scriptUrls: count('[href^="javascript:" i], [src^="javascript:" i], [href^="data:" i], [src^="data:" i]'),
    autofocus: count('[autofocus]'), pwned: window.__pwned ?? null,
  };
}"""


def _norm(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """(clean site, hostile site, the fields attacked)."""
    base = tmp_path_factory.mktemp("content-is-text")
    make_tree(base / "clean-tree", hostile=False)
    attacked = make_tree(base / "hostile-tree", hostile=True)
    assert build_tree(base / "clean-tree", base / "clean") == 0
    assert build_tree(base / "hostile-tree", base / "hostile") == 0
    return base / "clean" / "site", base / "hostile" / "site", attacked


def test_every_kind_of_text_field_is_attacked(sites: tuple[Path, Path, list[str]]) -> None:
    """The hostile tree really puts its payload in each kind of text field, titles included."""
    fields = set(sites[2])
    for expected in (
        "content/topic.yaml:summary", "content/topic.yaml:title", "content/topic.yaml:sensations.0",
        "content/causes/toe-trouble.yaml:name", "content/causes/toe-trouble.yaml:also_called.0",
        "content/causes/toe-trouble.yaml:how_it_causes_numbness", "content/red_flags/rash.yaml:sign",
        "content/red_flags/rash.yaml:why", "content/tests/blood-tests.yaml:what_happens",
        "content/tests/blood-tests.yaml:also_called.0", "content/treatments/rest.yaml:details.0",
        "content/treatments/rest.yaml:evidence", "content/treatments/rest.yaml:cautions.0",
        "content/treatments/socks.yaml:medicines.0.brand", "content/treatments/socks.yaml:reviewed_by",
        "content/citations.yaml:sources.0.title", "content/citations.yaml:sources.0.publisher",
        "content/citations.yaml:sources.1.authors.0", "content/citations.yaml:sources.1.journal",
        "site_config/site.yaml:site_name", "site_config/site.yaml:disclaimer", "site_config/site.yaml:reviewer.role",
    ):
        assert expected in fields
    assert len(fields) >= 45


def test_hostile_text_runs_nothing_and_injects_nothing(page: Page, sites: tuple[Path, Path, list[str]]) -> None:
    """Every page of the hostile site has the clean page's scripts, images, frames and handlers, and
    none of the payloads runs: no flag set, no dialog, nothing autofocused."""
    clean_site, hostile_site, _ = sites
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) >= 15
    with _serve(clean_site) as clean_url, _serve(hostile_site) as hostile_url:
        for relative in pages:
            path = relative.removesuffix("index.html")
            page.goto(clean_url + path)
            page.wait_for_load_state("load")
            clean = page.evaluate(_ACTIVE)
            page.goto(hostile_url + path)
            page.wait_for_load_state("load")
            hostile = page.evaluate(_ACTIVE)
            assert hostile == clean, relative
            assert hostile["pwned"] is None and hostile["autofocus"] == 0
            if "<script>" not in page.inner_text("body"):
                assert relative in ("404.html", "accessibility/index.html", "causes/index.html", "treatments/index.html", "tests/index.html",
                                    "warning-signs/index.html", "foot-care/index.html"), relative
    assert dialogs == []


def test_titles_description_and_navigation_show_the_text(page: Page, sites: tuple[Path, Path, list[str]]) -> None:
    """Titles reach <title>, the meta description and the navigation as the typed text, not markup."""
    _, hostile_site, _ = sites
    title = _norm(TITLE_PAYLOAD + "Toe trouble")
    with _serve(hostile_site) as url:
        page.goto(url + "causes/toe-trouble/")
        assert _norm(page.title()) == f"{title} - {_norm(TITLE_PAYLOAD + 'Test Guide')}"
        description = page.locator('meta[name="description"]').get_attribute("content") or ""
        # The description is the title and the page's first sentence: the payload must be in it as text.
        assert _norm(description).startswith(f"{title} and numb feet: <script>window.__pwned")
        nav = page.evaluate("() => [...document.querySelectorAll('nav a')].map((a) => a.textContent.replace(/\\s+/g, ' ').trim())")
        assert title in nav
        assert _norm(page.locator("h1").inner_text()) == title
        assert _norm(PAYLOAD + "Toe trouble harms toe nerves.") in _norm(page.inner_text("article"))
        page.evaluate("() => window.__pwned")  # the page is alive
        page.locator("sup a").first.hover()  # footnote tooltips copy the note's content
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned ?? null") is None


def test_search_results_show_hostile_text_as_text(page: Page, sites: tuple[Path, Path, list[str]]) -> None:
    """The search index holds page text; its results are rendered by the theme, and must not run it."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with _serve(sites[1]) as url:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        page.get_by_placeholder("Search").click()
        page.keyboard.type("toe")
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert results.count() >= 5
        inside = page.evaluate(
            "() => document.querySelectorAll('.md-search-result img, .md-search-result iframe, .md-search-result script').length"
        )
        assert inside == 0
        assert "<script>" in page.locator(".md-search-result").inner_text()
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned ?? null") is None
    assert dialogs == []
