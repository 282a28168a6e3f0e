"""The real site in Debian's Chromium: what a reader on a phone or laptop meets."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_emergency_card_is_in_the_first_phone_screen(page: Page, site_url: str) -> None:
    """On a small phone, the 'Call 911 now' card starts within the first screen of the home page."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url)
    card = page.locator(".care-card--emergency").first
    expect(card).to_contain_text("Call 911 now")
    box = card.bounding_box()
    assert box is not None and box["y"] < 740


def test_search_finds_a_cause(page: Page, site_url: str) -> None:
    """Typing in the search box lists the matching cause page, from the local index."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url)
    page.get_by_placeholder("Search").click()
    page.keyboard.type("Guillain")
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text("Guillain-Barré")


def test_search_finds_a_cause_by_its_other_names_first(page: Page, site_url: str) -> None:
    """A reader typing "diabetes" meets "Diabetic neuropathy" (also called "nerve damage from diabetes")
    first, ahead of the pages that only mention diabetes; its other names are not shown twice."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url)
    page.locator("label.md-header__button[for='__search']").click()
    page.keyboard.type("diabetes")
    first = page.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_have_text("Diabetic neuropathy")
    expect(first).to_contain_text("Also called: diabetic nerve damage")
    tags = first.locator(".md-tags")
    assert tags.count() > 0 and tags.evaluate_all("els => els.filter(e => e.offsetParent !== null).length") == 0


# For each footnote number of the page: does a comma show before it, and does another number stand
# right before it (no text, not even a space, between them)?
_NOTE_COMMAS = """() => [...document.querySelectorAll('article sup[id^="fnref"]')].map(sup => [
    sup.textContent.startsWith(','),
    sup.previousSibling !== null && sup.previousSibling.nodeType === 1 && sup.previousSibling.matches('sup[id^="fnref"]'),
])"""


def test_a_comma_shows_only_between_side_by_side_footnote_numbers(page: Page, site_url: str) -> None:
    """Sources cited side by side read "1,2", not "12"; a number after text gets no comma ("slowly.1",
    not "slowly.,1"), checked for every footnote number of a page with both."""
    seen = []
    for path in ("foot-care/wear-socks/", "causes/vitamin-b12-deficiency/"):
        page.goto(site_url + path)
        marks = page.evaluate(_NOTE_COMMAS)
        assert marks and [comma for comma, _ in marks] == [beside for _, beside in marks], path
        seen += marks
    assert (True, True) in map(tuple, seen) and (False, False) in map(tuple, seen), "both kinds were checked"


def test_phone_menu_section_titles_are_not_cut_off(page: Page, site_url: str) -> None:
    """In the phone menu, a long section title wraps onto a second line instead of ending in "…"."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site_url + "causes/stroke/")
    page.locator("button.md-header__button[data-for='__drawer']").click()
    titles = page.locator(".md-nav--primary .md-nav__title")
    expect(titles.filter(has_text="Brain and spinal cord conditions")).to_be_visible()
    cut = titles.evaluate_all(
        "els => els.filter(e => e.offsetParent && e.scrollWidth > e.clientWidth).map(e => e.innerText)"
    )
    assert cut == []
