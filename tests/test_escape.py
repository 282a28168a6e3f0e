"""Escaping: editors' text reaches the reader character for character, wherever a template puts it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from generator.render.markdown import escape

from .conftest import ROOT

TRICKY = [
    "1. Not a numbered list",
    "2026. A year first",
    "- not a list",
    "+ not a list",
    "* not a list either",
    "> not a quote",
    "# not a heading #",
    "(brackets) after text",
    "Wow!",
    "a_b_c and *stars* and __under__",
    "[not a link](page.md) and [^not-a-note]",
    "![not an image](x.png)",
    "`not code` and \\ backslash \\* too",
    "{: .not-an-attribute } and {#nor-an-id}",
    "a | pipe | row",
    "Fish & chips <b>not bold</b> &amp; &#169;",
    "Dots. Dashes - and -- and --- here. Plus + and 3.5 mg, 1-2 times (daily)!",
    "ends with a hash #",
]

# Where templates put escaped text: {} is the text; the parser then reads the element's text.
CONTEXTS = {
    "paragraph": "{}",
    "list item": "- {}",
    "heading": "## {}",
    "after a footnote": "Before.[^1]{}\n\n[^1]: A source.",
    "before a link": "{}[link](other.md)",
    "link text": "[{}](other.md)",
    "in a care card": '<div class="care-card" markdown="1">\n\n- {}\n\n</div>',
}


def _converter() -> markdown.Markdown:
    """Python-Markdown with the extensions mkdocs.yml enables, as MkDocs runs it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, dict] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=settings)


class _Text(HTMLParser):
    """The text a reader sees, without footnote markers and the footnote list."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "sup" or (tag == "div" and ("class", "footnote") in attrs) or self.skip:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


@pytest.mark.parametrize("context", CONTEXTS)
def test_escaped_text_reads_as_typed(context: str) -> None:
    """Text with Markdown-like characters renders exactly as typed, with no element it did not ask for."""
    converter = _converter()
    wrong = []
    for text in TRICKY:
        converter.reset()
        html = converter.convert(CONTEXTS[context].format(escape(text)))
        parser = _Text()
        parser.feed(html)
        seen = re.sub(r"\s+", " ", "".join(parser.parts)).strip()
        expected = {"after a footnote": "Before." + text, "before a link": text + "link"}.get(context, text)
        body = html.split('<div class="footnote"')[0].replace('<a class="footnote-ref"', "")
        made = set(re.findall(r"<(em|strong|code|img|ol|blockquote|table|h1)\b", body))
        if seen != expected or made or body.count("<a ") > ("link" in context):
            wrong.append(f"{text!r} -> {html!r}")
    assert wrong == []


_ESCAPED_TWICE = re.compile(r"&amp;(?:#x?[0-9a-fA-F]+|[a-zA-Z]+);")


def test_no_text_on_the_real_site_is_escaped_twice(real_site: Path) -> None:
    """Screen readers read '&amp;#x27;' aloud as typed: no built page has an entity escaped a second
    time (the footer's labels are escaped by the theme, so titles must not come pre-escaped with it)."""
    offenders = {}
    for page in sorted((real_site / "site").rglob("*.html")):
        found = sorted(set(_ESCAPED_TWICE.findall(page.read_text(encoding="utf-8"))))
        if found:
            offenders[page.relative_to(real_site / "site").as_posix()] = found
    assert offenders == {}


def test_footer_labels_read_apostrophes_as_apostrophes(real_site: Path) -> None:
    """The previous/next links' labels name a title with an apostrophe as the reader sees it."""
    labels = {
        label
        for page in (real_site / "site").rglob("*.html")
        for label in re.findall(r'md-footer__link--\w+" aria-label="([^"]*)"', page.read_text(encoding="utf-8"))
    }
    assert {"Previous: Morton&#39;s neuroma", "Next: Morton&#39;s neuroma"} <= labels
