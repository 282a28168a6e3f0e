"""'Listen to this page' in Chromium, with the browser's speech synthesis stubbed: what is read, in what order."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# Stands in for the browser's speech synthesis before any script of the page runs: it records each
# utterance (its text and language) and each call, and speaks nothing.
_STUB = """
window.__speech = {spoken: [], calls: []};
class StubUtterance { constructor(text) { this.text = text; this.lang = ""; this.onend = null; } }
const stub = {
  speaking: false, paused: false, pending: false,
  speak(u) { window.__speech.spoken.push({text: u.text, lang: u.lang}); window.__speech.last = u; this.speaking = true; },
  cancel() { window.__speech.calls.push("cancel"); this.speaking = false; },
  pause() { window.__speech.calls.push("pause"); this.paused = true; },
  resume() { window.__speech.calls.push("resume"); this.paused = false; },
  getVoices() { return []; }, addEventListener() {}, removeEventListener() {},
};
Object.defineProperty(window, "speechSynthesis", {value: stub, configurable: true});
Object.defineProperty(window, "SpeechSynthesisUtterance", {value: StubUtterance, configurable: true});
"""
_NO_SPEECH = """
Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});
Object.defineProperty(window, "SpeechSynthesisUtterance", {value: undefined, configurable: true});
"""


def test_listen_reads_the_title_then_the_main_text_in_the_page_language(page: Page, site_url: str) -> None:
    """Pressing "Listen to this page" speaks the title first, then the page's text block by block in page
    order, in the page's language, without the navigation, the buttons, source numbers or the sources;
    Pause pauses and becomes Resume, Stop stops, and the button comes back when the reading ends."""
    page.add_init_script(_STUB)
    page.goto(site_url + "causes/stroke/")
    listen = page.get_by_role("button", name="Listen to this page")
    expect(listen).to_be_visible()
    listen.click()
    spoken = page.evaluate("window.__speech.spoken")
    texts = [item["text"] for item in spoken]
    assert {item["lang"] for item in spoken} == {"en"}
    assert texts[0] == "Stroke"
    assert texts[1] == "Also called: brain attack; CVA (cerebrovascular accident)"
    # A sentence that cites a source is read without its number: "…bursts." then the next sentence.
    assert texts[2].startswith("A stroke happens when blood flow to part of the brain is blocked, or when a blood vessel in the brain bursts. It is")
    assert texts[3] == "Immediate action required: Call 911 now if you have numbness and any of these:"
    order = [texts.index(t) for t in ("How it causes numbness", "Other signs it can cause", "Tests that can help find it", "Treatment and care")]
    assert order == sorted(order)
    assert not [t for t in texts if re.search(r"[a-z.]\d", t)], "no source number is read after a word"
    words = " ".join(texts)
    for unwanted in ("Skip to content", "Numb Feet Guide", "Print this page", "Listen to this page", "Table of contents",
                     "Read the source", "All sources", "Multiple sclerosis (MS)", "Guillain-Barré", "https://"):
        assert unwanted not in words, unwanted
    # The folded signs are not on screen, so they are not read.
    assert "You have new trouble breathing" not in words

    pause = page.get_by_role("button", name="Pause")
    expect(pause).to_be_focused()
    expect(listen).to_be_hidden()
    pause.click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    page.get_by_role("button", name="Resume").click()
    page.get_by_role("button", name="Stop").click()
    assert page.evaluate("window.__speech.calls") == ["cancel", "pause", "resume", "cancel"]
    expect(listen).to_be_visible()
    expect(listen).to_be_focused()
    # Reading to the end brings the button back too.
    listen.click()
    page.evaluate("window.__speech.last.onend()")
    expect(listen).to_be_visible()
    expect(page.get_by_role("button", name="Stop")).to_be_hidden()


def test_listen_reads_an_opened_fold_and_the_symptom_checker_step(page: Page, site_url: str) -> None:
    """What is on screen is read: the other emergency signs once their fold is opened; on the symptom
    checker, the question shown and its answers' page, not the whole printed list behind it."""
    page.add_init_script(_STUB)
    page.goto(site_url + "causes/stroke/")
    page.get_by_text("Other emergency warning signs", exact=True).click()
    page.get_by_role("button", name="Listen to this page").click()
    assert "You have new trouble breathing" in page.evaluate("window.__speech.spoken.map(s => s.text)")
    page.goto(site_url + "check-your-symptoms/")
    page.get_by_role("button", name="Listen to this page").click()
    texts = page.evaluate("window.__speech.spoken.map(s => s.text)")
    assert texts[0] == "Check your symptoms" and "Question 1" in texts
    assert "All questions and answers" not in texts


def test_listen_is_hidden_without_speech_and_never_printed(page: Page, site_url: str) -> None:
    """A browser without speech synthesis shows no Listen button (Print still works); on paper neither shows."""
    page.add_init_script(_NO_SPEECH)
    page.goto(site_url + "causes/stroke/")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    expect(page.locator('[data-listen="start"]')).to_be_hidden()
    page.add_init_script(_STUB)
    page.goto(site_url + "causes/stroke/")
    expect(page.get_by_role("button", name="Listen to this page")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".page-tools")).to_be_hidden()
