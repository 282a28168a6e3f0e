"""'Check your symptoms' in Debian's Chromium: every path walked by clicking, navigation, keyboard, no-JS, print."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from .conftest import ROOT

pytestmark = pytest.mark.browser

FLOW = "check-your-symptoms/"


def _graph(page: Page) -> dict[str, Any]:
    return json.loads(page.locator("#decision-flow-data").text_content() or "{}")


def _paths(flow: dict[str, Any]) -> list[tuple[list[int], str]]:
    """Every (answer indices, outcome id) from the start; the build guarantees there are no loops."""
    found: list[tuple[list[int], str]] = []

    def walk(node: str, taken: list[int]) -> None:
        if node in flow["outcomes"]:
            found.append((taken, node))
            return
        for index, answer in enumerate(flow["questions"][node]["answers"]):
            walk(answer["next"], [*taken, index])

    walk(flow["start"], [])
    return found


def _question(page: Page) -> Any:
    return page.locator(".flow-app__question")


def test_every_path_ends_at_the_outcome_the_graph_says(page: Page, site_url: str) -> None:
    """Clicking through every path shows each question in turn and ends at the right care card."""
    own = urlparse(site_url).netloc
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in (own, "") else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + FLOW)
    flow = _graph(page)
    paths = _paths(flow)
    assert len(paths) == 25
    for answers, outcome_id in paths:
        page.goto(site_url + FLOW)
        node = flow["start"]
        node_before = node
        for index in answers:
            expect(_question(page)).to_have_text(flow["questions"][node]["ask"])
            page.locator(".flow-app__answer").nth(index).click()
            node_before, node = node, flow["questions"][node]["answers"][index]["next"]
        outcome = flow["outcomes"][outcome_id]
        card = page.locator(".flow-app [data-urgency]")
        expect(card).to_have_attribute("data-urgency", outcome["urgency"])
        expect(card).to_contain_text(outcome["title"])
        # The result names the answer that led to it, so the reader sees which of their signs it is about.
        last = flow["questions"][node_before]
        expect(card.locator(".flow-app__reason")).to_have_text(
            f"Your answer to \u201c{last['ask']}\u201d: {last['answers'][answers[-1]]['label']}")
        if outcome["urgency"] == "emergency":
            expect(card.locator('a[href="tel:911"]')).to_have_text("Call 911")
    assert foreign == [] and errors == []
    reached = {outcome for _, outcome in paths}
    assert reached == {"emergency", "urgent", "soon", "self-care"}


def test_back_start_over_reload_and_browser_back(page: Page, site_url: str) -> None:
    """Back and Start over work, and the path lives in the URL so reload and the browser's Back keep it."""
    page.goto(site_url + FLOW)
    flow = _graph(page)
    first = flow["questions"][flow["start"]]
    second_id = first["answers"][1]["next"]
    third_id = flow["questions"][second_id]["answers"][1]["next"]
    expect(page.get_by_role("button", name="Back", exact=True)).to_be_disabled()
    page.get_by_role("button", name="No").click()
    page.get_by_role("button", name="No").click()
    expect(_question(page)).to_have_text(flow["questions"][third_id]["ask"])
    assert "#answers=" in page.url
    page.reload()
    expect(_question(page)).to_have_text(flow["questions"][third_id]["ask"])
    page.go_back()
    expect(_question(page)).to_have_text(flow["questions"][second_id]["ask"])
    page.get_by_role("button", name="Back", exact=True).click()
    expect(_question(page)).to_have_text(first["ask"])
    expect(_question(page)).to_be_focused()
    page.get_by_role("button", name="Yes").click()
    expect(page.locator(".flow-app [data-urgency]")).to_have_attribute("data-urgency", "emergency")
    expect(page.get_by_role("status")).to_have_text("Result: Call 911 now")
    page.get_by_role("button", name="Start over").click()
    expect(_question(page)).to_have_text(first["ask"])
    assert "#answers=" not in page.url


def test_a_shared_link_opens_at_its_step_and_bad_links_stop_safely(page: Page, site_url: str) -> None:
    """A link with answers replays them; an answer that does not fit stops the replay there."""
    page.goto(site_url + FLOW + "#answers=ask-injury%3D1%2Fask-breathing%3D1%2Fask-one-side%3D1%2Fask-speech%3D0")
    expect(page.locator(".flow-app [data-urgency]")).to_have_attribute("data-urgency", "emergency")
    page.goto(site_url + FLOW + "#answers=ask-injury%3D1%2Fask-breathing%3D1%2Fask-one-side%3D1%2Fnot-a-question%3D0")
    expect(_question(page)).to_have_text("Do you suddenly have trouble speaking, finding words or understanding what others say?")


def test_keyboard_only(page: Page, site_url: str) -> None:
    """Tab reaches the answer buttons; Enter and Space answer; focus moves to each new question."""
    page.goto(site_url + FLOW)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "No":
            break
    page.keyboard.press("Enter")
    expect(_question(page)).to_have_text("Is it newly hard for you to breathe?")
    expect(_question(page)).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(_question(page)).to_have_text("Did your face, an arm or a leg suddenly go numb or weak, mostly on one side of your body?")


def test_on_a_phone_each_new_question_shows_with_its_answers(page: Page, site_url: str) -> None:
    """After an answer on a phone-sized screen, the next question and its answer buttons are on screen,
    not below it (focus alone scrolled only as far as the heading)."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(site_url + FLOW)
    flow = _graph(page)
    no = page.get_by_role("button", name="No")
    # The reader has scrolled just far enough to reach "No" with a thumb: it sits at the bottom of the screen.
    no.evaluate("b => window.scrollBy(0, b.getBoundingClientRect().bottom - window.innerHeight + 4)")
    no.click()
    second = flow["questions"][flow["start"]]["answers"][1]["next"]
    expect(_question(page)).to_have_text(flow["questions"][second]["ask"])
    expect(_question(page)).to_be_focused()
    for name in ("Yes", "No"):
        expect(page.get_by_role("button", name=name, exact=True)).to_be_in_viewport(ratio=1)
    expect(page.locator(".md-header")).to_be_visible()
    header_bottom = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
    top = page.locator(".flow-app__count").evaluate("e => e.getBoundingClientRect().top")
    assert header_bottom <= top <= header_bottom + 80  # the new step starts at the top, under the header


def test_back_to_top_button_never_covers_the_step(page: Page, site_url: str) -> None:
    """Back and Start over move the page up, which shows Material's "Back to top" button on a desktop
    (phones have none, see tests/test_reading.py): the step's label and question (or result title)
    start below it, not under it."""
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(site_url + FLOW)
    for _ in range(3):
        page.get_by_role("button", name="No").click()
    for name in ("Back", "Start over"):
        button = page.get_by_role("button", name=name, exact=True)
        button.scroll_into_view_if_needed()
        page.mouse.wheel(0, 400)  # the reader scrolls down to reach the button, then presses it
        button.click()
        top_button = page.locator(".md-top")
        expect(top_button).to_be_visible()
        page.wait_for_timeout(300)  # its slide-in
        covered = top_button.evaluate("e => e.getBoundingClientRect().bottom")
        for part in (".flow-app__count", ".flow-app__question"):
            assert page.locator(part).evaluate("e => e.getBoundingClientRect().top") >= covered, (name, part)


def test_the_skip_link_keeps_the_answers(page: Page, site_url: str) -> None:
    """'Skip to content' in the middle of the questions moves focus to the content and keeps the
    reader's answers (it changes the address's fragment, where the answers live); Back still steps back."""
    page.goto(site_url + FLOW)
    flow = _graph(page)
    second_id = flow["questions"][flow["start"]]["answers"][1]["next"]
    third_id = flow["questions"][second_id]["answers"][1]["next"]
    page.get_by_role("button", name="No").click()
    page.get_by_role("button", name="No").click()
    expect(_question(page)).to_have_text(flow["questions"][third_id]["ask"])
    page.locator(".md-skip").focus()  # where the first Tab from the top of the page lands
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#answers="))
    expect(_question(page)).to_have_text(flow["questions"][third_id]["ask"])
    expect(page.locator("#check-your-symptoms")).to_be_focused()
    # The browser's Back still steps back one answer: the jump added no entry to the history.
    page.go_back()
    expect(_question(page)).to_have_text(flow["questions"][second_id]["ask"])
    page.get_by_role("button", name="Back", exact=True).click()
    expect(_question(page)).to_have_text(flow["questions"][flow["start"]]["ask"])


def test_without_javascript_the_whole_flow_is_a_linked_list(browser: Browser, site_url: str) -> None:
    """No script: every question and outcome is on the page, each answer linking to where it leads."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + FLOW)
    flow = json.loads(page.locator("#decision-flow-data").text_content() or "{}")
    expect(page.locator("#decision-flow")).to_be_hidden()
    static = page.locator(".flow-static")
    expect(static).to_be_visible()
    for qid, question in flow["questions"].items():
        expect(page.locator(f"#q-{qid}")).to_contain_text(question["ask"])
    for oid, outcome in flow["outcomes"].items():
        expect(page.locator(f"#o-{oid}")).to_have_attribute("data-urgency", outcome["urgency"])
    page.locator("#q-ask-fainting + ul a").first.click()
    assert page.url.endswith("#o-emergency")
    context.close()


def test_print_shows_the_list_not_the_widget(page: Page, site_url: str) -> None:
    """On paper the interactive part is hidden and the full list is printed."""
    page.goto(site_url + FLOW)
    page.emulate_media(media="print")
    expect(page.locator(".flow-static")).to_be_visible()
    expect(page.locator("#decision-flow")).to_be_hidden()


NEW_SIGNS = {
    "numbness-between-legs-or-bladder-trouble": "emergency",
    "numbness-in-both-legs": "emergency",
    "sudden-cold-pale-painful-leg": "emergency",
    "foot-wound-with-fever-or-black-skin": "emergency",
    "trouble-speaking": "emergency",
    "foot-sore-or-red-swollen-foot": "urgent",
}


@pytest.mark.parametrize("sign", NEW_SIGNS)
def test_yes_to_each_new_sign_shows_its_outcome(page: Page, site_url: str, sign: str) -> None:
    """A reader who says No until the question about a sign, then Yes, sees the outcome for that sign,
    with its steps (emergency) and the reason naming their answer."""
    page.goto(site_url + FLOW)
    flow = json.loads(page.locator("#decision-flow-data").text_content() or "{}")
    data = yaml.safe_load((ROOT / "content/decision_flow.yaml").read_text())
    asker = next(qid for qid, q in data["questions"].items() if sign in q.get("red_flags", []))
    node = flow["start"]
    while node != asker:
        page.get_by_role("button", name="No", exact=True).click()
        node = flow["questions"][node]["answers"][1]["next"]
        expect(_question(page)).to_have_text(flow["questions"][node]["ask"])
    page.get_by_role("button", name="Yes", exact=True).click()
    card = page.locator(".flow-app [data-urgency]")
    expect(card).to_have_attribute("data-urgency", NEW_SIGNS[sign])
    if NEW_SIGNS[sign] == "emergency":
        expect(card.locator(".care-card__steps li").first).to_contain_text("Do not drive yourself")
