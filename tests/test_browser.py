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
