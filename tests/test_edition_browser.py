"""The Spanish edition in Debian's Chromium: its symptom checker walked to the same outcomes as the English one."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from .test_flow_browser import FLOW, _paths

pytestmark = pytest.mark.browser


def _graph(page: Page, address: str) -> dict[str, Any]:
    page.goto(address)
    return json.loads(page.locator("#decision-flow-data").text_content() or "{}")


def test_the_spanish_checker_asks_the_same_questions_and_ends_the_same_way(page: Page, site_url: str) -> None:
    """Same questions, order and outcomes as the English flow; every path clicked through in Spanish."""
    english = _graph(page, site_url + FLOW)
    spanish = _graph(page, site_url + "es/" + FLOW)
    assert spanish["start"] == english["start"]
    assert list(spanish["questions"]) == list(english["questions"])
    for question_id, question in spanish["questions"].items():
        assert [a["next"] for a in question["answers"]] == [a["next"] for a in english["questions"][question_id]["answers"]]
        assert question["ask"] != english["questions"][question_id]["ask"]  # translated, not copied
    assert {k: v["urgency"] for k, v in spanish["outcomes"].items()} == {k: v["urgency"] for k, v in english["outcomes"].items()}
    paths = _paths(spanish)
    assert paths == _paths(english) and len(paths) == 25
    own = urlparse(site_url).netloc
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in (own, "") else None)
    for answers, outcome_id in paths:
        page.goto(site_url + "es/" + FLOW)
        node = spanish["start"]
        for index in answers:
            expect(page.locator(".flow-app__question")).to_have_text(spanish["questions"][node]["ask"])
            page.locator(".flow-app__answer").nth(index).click()
            node = spanish["questions"][node]["answers"][index]["next"]
        card = page.locator(".flow-app [data-urgency]")
        expect(card).to_have_attribute("data-urgency", spanish["outcomes"][outcome_id]["urgency"])
        expect(card).to_contain_text(spanish["outcomes"][outcome_id]["title"])
    assert foreign == []
    assert page.evaluate("document.documentElement.lang") == "es"
