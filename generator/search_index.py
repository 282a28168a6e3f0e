"""Material's search index, made from a quicker reading of each page's HTML.

Material's search plugin cuts every page's HTML into sections (a heading, its title, its text) with
Python's html.parser and a handler that compares its elements in Python code: about an eighth of
MkDocs' time a page here. The pages' HTML comes from Python-Markdown and this project's templates,
a narrow dialect: tags with double-quoted attributes, no comments, scripts, styles or stray '<', and
nothing Material skips. For that dialect one regular expression finds the tags and texts html.parser
would report, and `_Sections` applies Material's rules to them with plain lists of tag names. The
sections, and so the index, are the same (tests/test_search_index.py compares both on every page
of several sites). Any page outside the dialect is read by Material's own parser, as before.
"""

from __future__ import annotations

import re
from html import escape, unescape
from itertools import islice
from typing import Any

from material.plugins.search.plugin import Element, Parser, SearchIndex, Section, void

_NAME = r"[a-zA-Z][a-zA-Z0-9]*"
# An attribute as Python-Markdown and the templates write them: a name, and a value in double quotes.
_ATTRIBUTE_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_ATTRIBUTE = re.compile(rf"""\s+({_ATTRIBUTE_NAME})(?:="([^"]*)")?""")
# A start tag (name, attributes, the '/' of '<br />'), an end tag (name), or the text up to the next '<'.
_TOKEN = re.compile(rf"""<({_NAME})((?:\s+{_ATTRIBUTE_NAME}(?:="[^"]*")?)*)\s*(/?)>|</({_NAME})>|([^<]+)""")
# Left to html.parser, in any letter case: the elements whose content it reads as raw text, not markup
# (script, style, object), and line numbers of code, which Material skips (never in generated pages).
# Looked for in the lower-cased page: a case-blind regular expression took a fifth of the reading.
_OUTSIDE_THE_DIALECT = ("<script", "<style", "<object", "linenodiv")
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))  # tags Material keeps in the index


_EXCLUDE = "data-search-exclude"  # an element Material leaves out of the index, with all it holds


def _attributes_read(tag: str, attributes: str, excludes: bool) -> bool:
    """Whether Material's rules read this tag's attributes: a heading's, and a link's only when it
    could be a permalink (the word, or an entity that could spell it); any tag's when the page marks
    elements to leave out of the search (`excludes`) and this one could be such an element."""
    if excludes and _EXCLUDE in attributes.lower():
        return True
    if tag == "a":
        return "headerlink" in attributes or "&" in attributes
    return tag in _HEADINGS


def _attributes(text: str) -> dict[str, str | None]:
    # As html.parser gives them: names lower-cased, values unescaped, None for a name alone.
    pairs: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        pairs[match.group(1).lower()] = unescape(value) if value else value
    return pairs


class _Sections:
    """Material's Parser (material/plugins/search/plugin.py) for HTML of the dialect: an open element
    is its tag name, as Material's Element compares by tag (so its skip list is a set of tag names,
    and the end of any element of a skipped tag ends the skip). Same sections, titles and texts,
    from plain lists."""

    def __init__(self) -> None:
        self.context: list[str] = []  # the open elements' tags
        self.headerlink: list[bool] = []  # for each: is it an <a class="headerlink"> (its text is no title)
        self.skip: set[str] = set()  # tags of the open elements marked data-search-exclude
        self.section: Section | None = None
        self.data: list[Section] = []

    def _skipping(self) -> bool:
        return bool(self.skip) and any(tag in self.skip for tag in self.context)

    def _current(self) -> Section:
        if self.section is None:  # text before the first heading
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        return self.section

    def _in_title(self, section: Section) -> bool:
        return section.el.tag in self.context

    def start(self, tag: str, attributes: dict[str, str | None]) -> None:
        if tag in void:
            return
        self.context.append(tag)
        self.headerlink.append(tag == "a" and attributes.get("class") == "headerlink")
        if tag in _HEADINGS and "id" in attributes:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.data.append(Section(Element("hx"), depth))
            self.section = Section(Element(tag, attributes), depth)
            if self.data:
                self.section.id = attributes["id"]
            self.data.append(self.section)
        section = self._current()
        if _EXCLUDE in attributes:
            self.skip.add(tag)
            return
        if tag in _KEEP and not self._skipping():
            (section.title if self._in_title(section) else section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.context or self.context[-1] != tag:
            return
        section = self._current()
        if section.depth > len(self.context):  # leaving a heading nested in another element
            for earlier in reversed(self.data):
                if earlier.depth <= len(self.context):
                    section.depth = float("inf")  # never to be continued
                    self.section = section = earlier
                    break
        self.context.pop()
        self.headerlink.pop()
        if tag in self.skip:
            self.skip.remove(tag)
            return
        if tag in _KEEP and not self._skipping():
            parts = section.title if self._in_title(section) else section.text
            # As Material does: from the first such opening tag in the section, so the search stops
            # at the first text (a copy of the rest made long sections' time grow with their square).
            index = parts.index(f"<{tag}>")
            after = index + 1  # usually text right after the tag settles it, without the search below
            if (after < len(parts) and not parts[after].isspace()) or any(
                not part.isspace() for part in islice(parts, after, None)
            ):
                parts.append(f"</{tag}>")
            else:
                del parts[index:]  # an element holding only white space is dropped

    def text(self, data: str) -> None:
        if self._skipping():
            return
        in_pre = "pre" in self.context
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        section = self._current()
        if self._in_title(section):
            if not any(self.headerlink):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


def page_sections(html: str) -> list[Section]:
    """The sections Material's Parser makes of a page's HTML, found the quick way where it can be."""
    sections = _quick_sections(html)
    if sections is None:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return list(parser.data)
    return sections


def _quick_sections(html: str) -> list[Section] | None:
    """What html.parser would report, tag by tag and text by text, applied as Material would; None
    as soon as the HTML leaves the dialect."""
    lowered = html.lower()
    if any(word in lowered for word in _OUTSIDE_THE_DIALECT):
        return None
    excludes = _EXCLUDE in lowered
    sections = _Sections()
    position = 0
    for match in _TOKEN.finditer(html):
        if match.start() != position:
            return None  # a '<' that starts no tag of the dialect
        position = match.end()
        start, attributes, closed, end, text = match.groups()
        if text is not None:
            sections.text(unescape(text))
        elif end is not None:
            sections.end(end.lower())
        else:
            tag = start.lower()
            sections.start(tag, _attributes(attributes) if _attributes_read(tag, attributes, excludes) else {})
            if closed:  # <br />: html.parser reports a start and an end
                sections.end(tag)
    return sections.data if position == len(html) else None


class QuickSearchIndex(SearchIndex):  # type: ignore[misc]
    """Material's SearchIndex with the quick reading of pages; every entry is made by Material's code."""

    def add_entry_from_context(self, page: Any) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for section in page_sections(page.content):
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)


def use_quick_index(plugin: Any) -> None:
    """Swap the search plugin's fresh, empty index (made in its on_config) for the quick one."""
    if plugin is not None and type(plugin.search_index) is SearchIndex and not plugin.search_index.entries:
        plugin.search_index = QuickSearchIndex(**plugin.search_index.config)
