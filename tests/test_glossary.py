"""The glossary: its errors and warnings in `check`, its page, and each term's first use explained in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.content.glossary_schema import Glossary
from generator.content.glossary_terms import term_index
from generator.render.glossary_marks import Explainer
from generator.render.markdown import escape

from .test_errors import check, record

GLOSSARY = "content/glossary.yaml"
ENTRY = """terms:
  - term: Nerves
    forms: [nerve]
    definition: Thin cords that carry messages between the brain and the body.[^alpha-source]
"""


def write_glossary(tree: Path, text: str = ENTRY) -> None:
    """The terms, then the review fields every content file closes with."""
    (tree / GLOSSARY).write_text(text + "reviewed: 2026-01-15\nreviewed_by: Dr Test\n")


def test_a_glossary_term_used_by_a_page_passes(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The fixture's pages say 'nerves': a glossary explaining it gives no warning, even under --strict."""
    write_glossary(tree)
    record(tree, capsys, "glossary")  # its history's first entry, as for any new page
    code, lines = check(tree, capsys, "--strict")
    assert code == 0, lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENTRY.replace("    forms:", "    froms:"),
         f"{GLOSSARY}:3:5: terms[0].froms: unknown field 'froms'; did you mean 'forms'?"),
        (ENTRY + ENTRY.removeprefix("terms:\n").replace("forms: [nerve]", "forms: [cords]"),
         f"{GLOSSARY}:5:11: terms[1].term: 'Nerves' is already in the glossary, under 'Nerves' (line 2); merge the two entries"),
        (ENTRY + ENTRY.removeprefix("terms:\n").replace("Nerves", "Cords"),
         f"{GLOSSARY}:6:13: terms[1].forms[0]: 'nerve' is already in the glossary, under 'Nerves' (line 3); "
         "keep it under one term"),
        (ENTRY.replace("between the brain and the body.[^alpha-source]", "between the brain and the body."),
         f"{GLOSSARY}:4:17: terms[0].definition: this statement has no source; end it with a citation such as "
         "[^nlm-numbness-tingling]"),
        (ENTRY.replace("[^alpha-source]", "[^alpha-sorce]"),
         f"{GLOSSARY}:4:79: terms[0].definition: unknown source 'alpha-sorce'; did you mean 'alpha-source'?"),
    ],
    ids=["unknown field", "duplicate term", "form of two terms", "no source", "unknown source"],
)
def test_bad_glossary_input_is_an_error_at_its_line(
    tree: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    """Each mistake in the glossary is named at its file:line, with its field and a fix."""
    write_glossary(tree, text)
    code, lines = check(tree, capsys)
    assert code == 1
    assert expected in lines, lines


def test_an_unused_term_and_an_unexplained_hard_word_are_warnings(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A term no page uses, and a hard word (site_config) a page uses without an entry: warnings, fatal under --strict."""
    write_glossary(tree, ENTRY.replace("Nerves", "Myelin").replace("forms: [nerve]", "forms: []"))
    with (tree / "site_config" / "site.yaml").open("a") as settings:
        settings.write("hard_words: [signals, gangrene]\n")
    code, lines = check(tree, capsys)
    assert code == 0
    assert f"{GLOSSARY}:2:11: terms[0].term: warning: no page uses 'Myelin' (or its forms); remove the entry, or add " \
        "the form the pages use to its forms" in lines
    assert "content/causes/toe-trouble.yaml:5:49: how_it_causes_numbness: warning: 'signals' is on the hard_words list " \
        "(site_config/site.yaml) and has no entry in content/glossary.yaml; add one (or a form of one), or use plainer " \
        "words" in lines
    assert not any("gangrene" in line for line in lines)  # on the list, but no page uses it
    assert check(tree, capsys, "--strict")[0] == 1


def test_only_the_first_use_is_marked_and_hostile_text_stays_text() -> None:
    """The first use of a term (any form, any case) is linked; later ones are plain; quotes, brackets and markup in
    a definition end up as text in the title, never as Markdown or HTML."""
    hostile = 'Cords "that" carry (messages) <script>alert(1)</script> [x](javascript:y) **b** & \\ `c`.[^a]'
    index = term_index(Glossary.model_validate(
        {"terms": [{"term": "Nerve", "forms": ["nerves"], "definition": hostile}], "reviewed": "2026-01-15", "reviewed_by": "Dr Test"}
    ))
    explainer = Explainer(index, "causes/x.md", lambda text: text)
    first = explainer.mark("Nerves send signals. A nerve can tire.", escape)
    assert first.count("glossary-term") == 1 and first.startswith("[Nerves](../glossary.md#nerve \"")
    assert "<script>" not in first and '"that"' not in first and "(messages)" not in first
    assert explainer.mark("Nerve again.", escape) == "Nerve again."


def test_the_glossary_page_lists_every_term_with_its_anchor_and_sources(real_site: Path) -> None:
    """The Glossary page has an entry per term, at its anchor, and numbered sources; it is in the navigation."""
    html = (real_site / "site" / "glossary" / "index.html").read_text()
    for anchor, term in [("neuropathy", "Neuropathy"), ("plaque", "Plaque"), ("cauda-equina", "Cauda equina"),
                         ("nerve-conduction-study", "Nerve conduction study")]:
        assert re.search(rf'<h2 class="glossary-entry" id="{anchor}">{term}</h2>', html), anchor
    assert html.count('class="glossary-entry"') >= 15
    assert 'class="footnote"' in html
    assert 'href="../../glossary/"' in (real_site / "site" / "causes" / "lupus" / "index.html").read_text()


def test_first_use_on_a_page_links_to_the_glossary_and_later_uses_do_not(real_site: Path) -> None:
    """On the peripheral artery disease page, the first 'artery' is linked, with its definition as the title, and no
    later 'artery' or 'arteries'."""
    html = (real_site / "site" / "causes" / "peripheral-artery-disease" / "index.html").read_text()
    links = re.findall(r'<a class="glossary-term" href="../../glossary/#artery" title="([^"]+)">([^<]+)</a>', html)
    assert links == [("A blood vessel that carries blood from the heart to the rest of the body, such as the legs and "
                      "feet.", "artery")]
    article = html.split('<article', 1)[1].split("</article>", 1)[0]
    assert len(re.findall(r"(?<![\w/#-])arteries(?!\w)", re.sub(r"<[^>]+>", " ", article), re.I)) > 1


@pytest.fixture
def tooltip_page(page: Page, site_url: str) -> Page:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "causes/lupus/")
    return page


def test_tooltip_shows_on_keyboard_focus_and_screen_readers_get_the_definition(tooltip_page: Page) -> None:
    """Tab to the first glossary term: its definition shows as a tooltip and is the link's accessible description."""
    page = tooltip_page
    term = page.locator("article a.glossary-term").first
    expect(term).to_have_text(re.compile("autoimmune", re.I))
    definition = "When the immune system attacks the body's own healthy parts. It should fight germs instead."
    expect(term).to_have_accessible_description(definition)  # from the title before focus
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('glossary-term')"):
            break
    assert page.evaluate("document.activeElement.textContent").lower() == "autoimmune"
    tooltip = page.locator("[role=tooltip]", has_text="immune system attacks")
    expect(tooltip).to_be_visible()
    expect(term).to_have_accessible_description(definition)  # now from the tooltip (aria-describedby)
    expect(term).to_have_accessible_name("autoimmune")
