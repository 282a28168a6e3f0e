"""Printing pages of the real site from Chromium: content only, on A4 and US Letter, and a Print button."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LONG_PAGE = "causes/diabetic-neuropathy/"  # among the longest cause pages: several printed pages


def _page_texts(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout for n in range(1, pages + 1)]


def _screen_only_text(page: Page) -> list[str]:
    """Labels of the navigation, header and footer that the page's own content (and its print masthead,
    which repeats the site name on paper) does not contain."""
    content = page.locator("article.md-content__inner").inner_text() + (page.locator(".print-masthead").text_content() or "")
    labels = page.locator(".md-skip, .md-header :is(a, label, input), .md-nav :is(a, label), .md-footer a").evaluate_all(
        "els => els.map(x => (x.innerText || x.placeholder || '').trim())"
    )
    return sorted({label for label in labels if len(label) > 3 and label not in content} | {"Print this page", "Listen to this page"})


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_cause_page_is_content_only(page: Page, site_url: str, tmp_path: Path, paper: str) -> None:
    """A long cause page printed on A4 or Letter has no blank page and no navigation, and it carries the
    site name, the page's full address, the review date, outside links' addresses and its sources."""
    page.goto(site_url + LONG_PAGE)
    chrome = _screen_only_text(page)
    assert "Alcohol-related nerve damage" in chrome and "Skip to content" in chrome  # the check can fail
    pdf = tmp_path / f"page-{paper}.pdf"
    page.pdf(path=str(pdf), format=paper)
    texts = _page_texts(pdf)
    assert len(texts) >= 2
    assert [n for n, text in enumerate(texts, start=1) if len(text.split()) < 5] == []  # no blank page
    words = " ".join(" ".join(texts).split())
    assert [label for label in chrome if label in words] == []
    assert words.startswith("Numb Feet Guide https://example.org/numb-feet/causes/diabetic-neuropathy/ Diabetic neuropathy")
    assert "Not yet reviewed by a clinician." in words and "Editorial review: December 3, 2026" in words
    assert "Readthesource(https://doi.org/10.3389/fendo.2023.1144806)" in "".join(words.split())
    assert "Sources 1. Diabetic neuropathies: the nerve damage of diabetes. National Institute of Diabetes" in words
    assert "Contact your healthcare provider today if you have numbness" in words
    assert "Download a printable handout" not in words
    assert "All sources" not in words, "a link to the Sources page is nothing to follow on paper"


def test_printed_cause_page_lists_every_emergency_sign(page: Page, site_url: str, tmp_path: Path) -> None:
    """A cause with no emergency sign of its own folds the guide's emergency signs into its emergency
    card on screen; on paper (the patient's only list) every one is printed, under the fold's title."""
    from generator.pipeline import prepare

    from .conftest import ROOT

    site = prepare(ROOT / "content", ROOT / "site_config")
    signs = [flag.model.sign for flag in site.red_flags.values() if flag.model.urgency == "emergency"]
    assert not [f for f in site.causes["peripheral-neuropathy"].model.red_flags if f in site.red_flags
                and site.red_flags[f].model.urgency == "emergency"], "the page has none of its own"
    page.goto(site_url + "causes/peripheral-neuropathy/")
    card = page.locator(".care-card--emergency").first
    expect(card.get_by_role("link", name=signs[0])).to_be_hidden()
    card.get_by_text("Emergency warning signs", exact=True).click()
    expect(card.get_by_role("link", name=signs[0])).to_be_visible()
    page.reload()
    page.pdf(path=str(tmp_path / "signs.pdf"), format="Letter")
    words = " ".join(" ".join(_page_texts(tmp_path / "signs.pdf")).split())
    assert len(signs) == 14 and [sign for sign in signs if sign not in words] == []
    assert f"Emergency warning signs {sorted(signs, key=str.lower)[0]}" in words


def test_collapsed_blocks_print_open(page: Page, site_url: str, tmp_path: Path) -> None:
    """Text inside a closed <details> block is printed, even when no script opens it first."""
    page.goto(site_url + LONG_PAGE)
    page.evaluate(
        "document.querySelector('article h2').insertAdjacentHTML('beforebegin',"
        " '<details><summary>More about feet</summary><p>Folded words appear on paper.</p></details>')"
    )
    expect(page.get_by_text("Folded words appear on paper.")).to_be_hidden()
    page.pdf(path=str(tmp_path / "details.pdf"), format="Letter")
    assert "Folded words appear on paper." in " ".join(" ".join(_page_texts(tmp_path / "details.pdf")).split())


def test_print_button_works_from_the_keyboard(page: Page, site_url: str) -> None:
    """'Print this page' is a real button, reached with Tab and pressed with Enter, and absent from print."""
    page.goto(site_url + LONG_PAGE)
    button = page.get_by_role("button", name="Print this page")
    expect(button).to_be_visible()
    # Headless Chromium has no print dialog; count the calls the button makes instead.
    page.evaluate("() => { window.print = () => { window.__printCalls = (window.__printCalls || 0) + 1; }; }")
    for _ in range(60):  # past the skip link, the header, the navigation and "Listen to this page"
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Print this page button")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printCalls") == 1
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".print-masthead")).to_contain_text("https://example.org/numb-feet/causes/diabetic-neuropathy/")


# Where each source's number starts, left of its list item, and the nearest edge left of it that cuts
# off what spills out (the page hides sideways overflow).
_MARKER_EDGES = """() => [...document.querySelectorAll('.footnote ol > li')].map((li, index) => {
  const style = getComputedStyle(li);
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  let clip = -Infinity;
  for (let e = li.parentElement; e; e = e.parentElement) {
    if (getComputedStyle(e).overflowX !== 'visible') clip = Math.max(clip, e.getBoundingClientRect().left);
  }
  return [index + 1, li.getBoundingClientRect().left - context.measureText(`${index + 1}. `).width, clip];
})"""


def test_printed_source_numbers_are_whole(page: Page, site_url: str) -> None:
    """On paper, source numbers 10 and up keep their first digit: the list leaves room for the numbers
    left of it (a page with sixteen sources, laid out at the width of A4 paper inside its margins)."""
    page.set_viewport_size({"width": 688, "height": 1000})
    page.goto(site_url + "tests/")
    page.emulate_media(media="print")
    edges = page.evaluate(_MARKER_EDGES)
    assert len(edges) >= 12
    assert [number for number, start, clip in edges if start < clip] == []


def test_printed_sources_heading_stays_with_the_first_source(page: Page, site_url: str, tmp_path: Path) -> None:
    """On paper the generated "Sources" heading is on the same page as source 1, not alone at the foot of
    the page before (a page where, on US Letter, it fell exactly there)."""
    page.goto(site_url + "foot-care/check-your-feet-daily/")
    pdf = tmp_path / "daily.pdf"
    page.pdf(path=str(pdf), format="Letter")
    texts = [" ".join(text.split()) for text in _page_texts(pdf)]
    assert len(texts) >= 2
    with_heading = [n for n, text in enumerate(texts) if re.search(r"(^| )Sources( |$)", text)]
    assert with_heading and re.search(r"(^| )Sources 1\. \w", texts[with_heading[-1]]), texts
