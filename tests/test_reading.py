"""Reading the real site in Chromium: large type, short lines, AAA contrast, NHS care cards, phone layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
PAGES = ("", "causes/stroke/", "check-your-symptoms/")
FLOW = "check-your-symptoms/"

# The body text, the title and the line length of a page: the font size of its paragraphs, the title's
# weight and contrast on white, and the most characters a line of its longest paragraph holds.
_TYPE = """() => {
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const paragraphs = [...document.querySelectorAll('article > p')].filter(p => p.offsetParent && !p.closest('.print-masthead'));
  const longest = paragraphs.reduce((a, b) => (b.textContent.length > a.textContent.length ? b : a));
  const range = document.createRange(); range.selectNodeContents(longest);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  const h1 = getComputedStyle(document.querySelector('article h1'));
  const size = p => parseFloat(getComputedStyle(p).fontSize);
  return {sizes: paragraphs.filter(p => !p.matches('.review-note')).map(size), notes: Math.min(...paragraphs.map(size)),
          perLine: longest.textContent.length / Math.max(lines - 0.5, 1),
          h1Weight: Number(h1.fontWeight), h1Contrast: 1.05 / (lum(h1.color) + 0.05)};
}"""


@pytest.mark.parametrize(("viewport", "least"), [(PHONE, 16), (DESKTOP, 19)], ids=["phone", "desktop"])
def test_body_text_is_large_titles_dark_and_bold_and_lines_short(page: Page, site_url: str, viewport: dict, least: int) -> None:
    """Body text is at least 16 px on a phone and 19 px on a desktop (as NHS.uk sets it; the review note
    under it at least 16 px), titles are bold and dark (7:1 or more), and no line of a page's longest
    paragraph runs past about 70 characters."""
    page.set_viewport_size(viewport)
    for path in PAGES:
        page.goto(site_url + path)
        facts = page.evaluate(_TYPE)
        assert facts["sizes"] and min(facts["sizes"]) >= least and facts["notes"] >= 16, (path, facts)
        assert facts["h1Weight"] >= 700 and facts["h1Contrast"] >= 7, (path, facts)
        assert facts["perLine"] <= 75, (path, facts)


# The states of the pages whose text differs: a fold opened, and the symptom checker's results.
_STATES = {
    "": [],
    "causes/stroke/": ["document.querySelector('.care-card__more').open = true"],
    FLOW: [],
    FLOW + "#answers=ask-injury%3D0": [],  # the emergency result
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_text_is_below_aaa_contrast(page: Page, site_url: str, viewport: dict) -> None:
    """axe-core's AAA rule (color-contrast-enhanced, 7:1 for body text) finds nothing on the three
    pages, the folded emergency signs opened and a result of the symptom checker, at both widths.
    (tests/test_quality.py runs the same rule on every page at desktop width.)"""
    page.set_viewport_size(viewport)
    page.context.add_init_script(path=str(AXE_FILE_PATH))
    found = {}
    for path, steps in _STATES.items():
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        for step in steps:
            page.evaluate(step)
        # The header swaps the site's name for the page's title with a fade when the page scrolls (as it does
        # to a result): judge the colours once it has ended, not a blend halfway through.
        page.evaluate("""async () => { for (let i = 0; i < 60 && document.getAnimations().some(a => a.playState === 'running'); i++)
                                         await new Promise(done => setTimeout(done, 50)); }""")
        result = page.evaluate("""async () => (await axe.run(document, {runOnly: ['color-contrast-enhanced']}))""")
        found[path] = [f"{n['target']}: {n['any'][0]['message'][:90]}" for v in result["violations"] for n in v["nodes"]]
        assert result["passes"], "the rule ran and checked text"
    assert {path: nodes for path, nodes in found.items() if nodes} == {}


LEVELS = {"emergency": "Immediate action required:", "urgent": "Urgent advice:", "soon": "Non-urgent advice:",
          "self-care": "Non-urgent advice:"}
_CARDS = """els => els.filter(c => c.offsetParent).map(c => {
  const level = c.querySelector('.care-card__level'), box = level && level.getBoundingClientRect();
  return {kind: [...c.classList].find(k => k.startsWith('care-card--')).slice(11), start: c.textContent.trim().slice(0, 30),
          hidden: !!box && box.width <= 1 && box.height <= 1}; })"""


def test_care_cards_start_with_their_level_for_screen_readers(page: Page, site_url: str) -> None:
    """Every care card (warning signs page: all three levels; a result of the symptom checker, made by its
    script) starts with its level, "Immediate action required:", "Urgent advice:" or "Non-urgent advice:",
    visually hidden."""
    seen = []
    for path in ("warning-signs/", FLOW + "#answers=ask-injury%3D0", "no-such-page/"):
        page.goto(site_url + path)
        seen += page.locator(".care-card").evaluate_all(_CARDS)
    assert {card["kind"] for card in seen} >= {"emergency", "urgent", "soon"}
    wrong = [card for card in seen if not (card["start"].startswith(LEVELS[card["kind"]]) and card["hidden"])]
    assert wrong == []


def test_a_cause_page_has_one_way_to_the_emergency_signs(page: Page, site_url: str) -> None:
    """The stroke page's emergency card lists its own signs and folds the others under one control; there
    is no second route (a link to the same list) beside it. Opened, the fold shows the other signs."""
    page.goto(site_url + "causes/stroke/")
    card = page.locator(".care-card--emergency").first
    expect(card.locator('a[href="../../warning-signs/"]')).to_have_count(0)
    folds = card.locator("details summary")
    expect(folds).to_have_count(1)
    expect(folds).to_have_text("Other emergency warning signs")
    other = card.locator("details li a").first
    expect(other).to_be_hidden()
    folds.click()
    expect(other).to_be_visible()


def _overlaps(page: Page, selectors: list[str]) -> list[str]:
    boxes = {s: page.locator(s).first.bounding_box() for s in selectors}
    hits = []
    for i, a in enumerate(selectors):
        for b in selectors[i + 1:]:
            x, y = boxes[a], boxes[b]
            if x and y and x["x"] < y["x"] + y["width"] and y["x"] < x["x"] + x["width"] and x["y"] < y["y"] + y["height"] and y["y"] < x["y"] + x["height"]:
                hits.append(f"{a} over {b}")
    return hits


def test_phone_layout_has_no_overlaps(page: Page, site_url: str) -> None:
    """At 375 px the page's buttons sit above the title, never beside it (the title keeps the full width),
    and after scrolling back up nothing floats over the emergency card (Material's "Back to top" did)."""
    page.set_viewport_size(PHONE)
    for path in (*PAGES, "causes/vitamin-b12-deficiency/"):
        page.goto(site_url + path)
        tools = ['[data-listen="start"]', "[data-print-button]", "article h1"]
        expect(page.locator("[data-print-button]")).to_be_visible()
        assert _overlaps(page, tools) == [], path
        h1 = page.locator("article h1").bounding_box()
        article = page.locator("article").bounding_box()
        assert h1 and article and h1["width"] >= article["width"] - 40, (path, h1, article)
        assert page.locator("[data-print-button]").bounding_box()["y"] < h1["y"], path  # type: ignore[index]
    page.goto(site_url + "causes/stroke/")
    card = page.locator(".care-card--emergency").first
    card.scroll_into_view_if_needed()
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(200)
    page.mouse.wheel(0, -300)  # scrolling up is what brings "Back to top" in
    page.wait_for_timeout(400)
    expect(page.locator(".md-top")).to_be_hidden()
    covered = card.evaluate("""c => { const r = c.getBoundingClientRect(), out = [];
        for (let y = Math.max(r.top, 60) + 5; y < Math.min(r.bottom, innerHeight); y += 20)
          for (let x = r.left + 5; x < r.right; x += 40) { const e = document.elementFromPoint(x, y); if (e && !c.contains(e)) out.push(e.className); }
        return out; }""")
    assert covered == []


def test_related_pages_are_lists_one_a_line(real_site: Path) -> None:
    """A cause's treatments (by kind) and the home page's causes (by group) are lists, one link an item,
    not runs of links separated by commas."""
    stroke = (real_site / "site/causes/stroke/index.html").read_text()
    care = stroke.split('id="treatment-and-care"')[1].split('class="review-note"')[0]
    assert re.search(r'<h3 id="[^"]+">Medical treatment</h3>\s*<ul>\s*<li><a href="[^"]+">Physical therapy</a></li>', care)
    home = (real_site / "site/index.html").read_text()
    causes = home.split('id="what-can-cause-it"')[1].split("<h2")[0]
    groups = re.findall(r'<p class="list-label"><strong>([^<]+)</strong></p>\s*<ul>(.*?)</ul>', causes, re.S)
    assert len(groups) >= 8 and all(re.fullmatch(r'(\s*<li><a href="[^"]+">[^<]+</a></li>)+\s*', items) for _, items in groups)
    assert not re.search(r"</a>, <a", care + causes)
