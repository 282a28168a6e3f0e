"""A Python-Markdown extension: only the syntax the generator's templates write.

Every page is Markdown this package wrote: editors' text is escaped (generator/markdown.py) and
the templates (generator/templates/) use a small set of syntax: headings, bullet lists, paragraphs,
links, `**strong**`, backslash escapes, footnotes, `{: attr_list }` and HTML blocks with
`markdown="1"`. Python-Markdown tries each inline pattern on every piece of text, so the patterns
nothing here can produce cost about a third of its time (bench/RESULTS.md). This extension, listed last under
`markdown_extensions` in mkdocs.yml, removes them; what a reader sees is unchanged
(tests/test_markdown_profile.py converts every generated page both ways and compares the HTML).

Why each can go (Python-Markdown 3.11 names):
- backtick, image_link, image_reference, reference, short_reference, short_image_ref: code spans,
  images and reference links. Editors' '`', '[' and ']' are escaped, templates write only inline
  links and footnote markers, and a reference needs a `[id]: url` definition, which nothing writes.
- autolink, automail, html: they start with '<'; editors' '<' is written as '&lt;', and the templates'
  HTML (care cards, the flow's containers) stands in blocks of its own, which the html_block
  preprocessor takes before inline patterns run. Without `html` no text can become an inline element.
- entity: escaping writes '&amp;' and '&lt;'; the serializer leaves any '&name;' as it is, so the
  output is the same without the pattern (it only stashed the entity to protect it).
- linebreak: two spaces before a line end; escaping joins every text onto one line, no template has it.
Block processors: indented code (no template indents a line; escaping strips editors' leading
white space), setext headings and rules (escaping joins text onto one line and escapes a leading
'-'; '*' and '_' everywhere), numbered lists and quotes (a leading '1.' or '>' is escaped), and
reference definitions and tables ('[' and '|' are escaped everywhere; no template writes either).
The table of contents' `[TOC]` marker: a paragraph of exactly that text, which escaping makes
impossible (`\\[TOC\\]`); looking for it walked every page's whole tree once more. Without it the
contents list's HTML (`md.toc`) goes nowhere, so it is not built: MkDocs reads `md.toc_tokens`.

One kept step is done the same way with less work, a footnote reference. For each one,
Python-Markdown finds the note's number by searching a list of all notes, and the id of a note's
k-th reference by trying k ids in turn, so a page citing one source in every sentence, or an index
page with thousands of notes, took time growing with the square of its notes. Here the numbers and
counts are kept in dicts; the ids, numbers and HTML are the same.

Another is an inline link. Python-Markdown reads a link's text and address a character at a time in
Python code, to allow nested brackets, parentheses and titles. The templates write
`[text](address)`, where escaped text holds no bracket and a page address no space, quote or
parenthesis, so one regular expression reads such a link; any other link is read Python-Markdown's way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension, FootnoteInlineProcessor
from markdown.inlinepatterns import LinkInlineProcessor

# What generated Markdown never uses. Names not registered are skipped, so an extension
# taken out of mkdocs.yml (tables) does not make this one fail.
UNUSED_INLINE = (
    "backtick",
    "reference",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
    "autolink",
    "automail",
    "linebreak",
    "html",
    "entity",
)
# Where Python-Markdown's footnotes extension registers its reference pattern (its documented priority).
FOOTNOTE_PRIORITY = 175
UNUSED_BLOCK = ("indent", "code", "setextheader", "hr", "olist", "quote", "reference", "table")
# Where Python-Markdown registers its inline link pattern.
LINK_PRIORITY = 160
# The rest of a link as the templates write it, after its '[': text with no bracket, then an address
# with no white space, quote, bracket, parenthesis, '<', backslash or stashed escape (\x02...\x03), so
# it has no title and nothing to unescape: what Python-Markdown's own reading gives for it.
_PLAIN_LINK = re.compile(r"([^\[\]]*)\]\(([^\s()<>'\"\\\x02\x03]*)\)")


class _QuickLink(LinkInlineProcessor):
    """Python-Markdown's inline link, a plain one read by one regular expression."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:
        plain = _PLAIN_LINK.match(data, m.end(0))
        if plain is None:
            return super().handleMatch(m, data)
        link = etree.Element("a")
        link.text = plain.group(1)
        link.set("href", plain.group(2))
        return link, m.start(0), plain.end(0)


class _QuickFootnoteReference(FootnoteInlineProcessor):
    """Python-Markdown's footnote reference (`[^id]`), its number and id found in dicts, not lists.

    The same result as the original's: the number is the note's place among the notes, in order of
    definition (the default) or of first reference; the k-th reference to a note gets the id
    `fnref{k}:...` (the original tries `fnref:...`, `fnref2:...` and so on until one is unused, and as
    each id names its note, the first unused one is the k-th). An id already taken, or a separator
    starting with a digit (which the original's search mistakes for part of a count), goes to the original."""

    def __init__(self, pattern: str, footnotes: FootnoteExtension) -> None:
        super().__init__(pattern, footnotes)
        self._by_definition = bool(footnotes.getConfig("USE_DEFINITION_ORDER"))
        self._separator = footnotes.get_separator()
        # The original finds the count in an id by splitting at the first separator: one starting with a
        # digit is misread from the tenth reference on, so those ids are left to its own search.
        self._quick_ids = not self._separator[:1].isdigit()
        self._superscript = footnotes.getConfig("SUPERSCRIPT_TEXT")
        # What the dicts below describe: the extension's current lists (a new document makes new ones).
        self._seen: tuple[object, int, object, int] | None = None
        self._defined: dict[str, int] = {}  # note id -> its place among the definitions
        self._referenced: dict[str, int] = {}  # note id -> its place in order of first reference
        self._uses: dict[str, int] = {}  # note id -> references so far

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:  # type: ignore[override]
        notes = self.footnotes
        id = m.group(1)
        if id not in notes.footnotes:
            return None, None, None
        if self._stale():
            self._recount()
        if id not in self._referenced:  # the original's addFootnoteRef
            notes.footnote_order.append(id)
            self._referenced[id] = len(notes.footnote_order)
            self._seen = self._lists()
        number = self._defined[id] if self._by_definition else self._referenced[id]
        first = notes.makeFootnoteRefId(id)  # the id of a first reference (found=False records nothing)
        uses = self._uses.get(id, 0) + 1
        prefix, separator, rest = first.partition(self._separator)
        reference = first if uses == 1 else f"{prefix}{uses}{separator}{rest}"
        if prefix != "fnref" or not separator or not self._quick_ids or reference in notes.used_refs:
            reference = notes.makeFootnoteRefId(id, found=True)  # the original's search, and its records
        else:
            notes.used_refs.add(reference)
            notes.found_refs[first] = notes.found_refs.get(first, 0) + 1
        self._uses[id] = uses
        sup = etree.Element("sup")
        link = etree.SubElement(sup, "a")
        sup.set("id", reference)
        link.set("href", "#" + notes.makeFootnoteId(id))
        link.set("class", "footnote-ref")
        link.text = self._superscript.format(number)
        return sup, m.start(0), m.end(0)

    def _lists(self) -> tuple[object, int, object, int]:
        notes = self.footnotes
        return notes.footnotes, len(notes.footnotes), notes.footnote_order, len(notes.footnote_order)

    def _stale(self) -> bool:
        # By identity: two documents' lists may be equal. Holding them, no new list can take their address.
        seen, now = self._seen, self._lists()
        return seen is None or seen[0] is not now[0] or seen[2] is not now[2] or seen[1::2] != now[1::2]

    def _recount(self) -> None:
        notes = self.footnotes
        self._defined = {id: place for place, id in enumerate(notes.footnotes, start=1)}
        self._referenced = {id: place for place, id in enumerate(notes.footnote_order, start=1)}
        self._uses = {id: notes.found_refs.get(notes.makeFootnoteRefId(id), 0) for id in self._referenced}
        self._seen = self._lists()


def _no_contents_html(toc_list: list[object]) -> etree.Element:
    return etree.Element("div")


class GeneratedMarkdown(Extension):
    """Deregister the inline patterns and block processors generated pages never use."""

    def extendMarkdown(self, md: Markdown) -> None:
        for name in UNUSED_INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        for name in UNUSED_BLOCK:
            if name in md.parser.blockprocessors:
                md.parser.blockprocessors.deregister(name)
        if "toc" in md.treeprocessors:
            contents = md.treeprocessors["toc"]
            contents.marker = ""  # type: ignore[attr-defined]
            # With no marker the contents list's own HTML (md.toc) goes into no page, and MkDocs
            # reads only md.toc_tokens: building and serializing that HTML is skipped.
            contents.build_toc_div = _no_contents_html  # type: ignore[attr-defined]
        if "link" in md.inlinePatterns and type(md.inlinePatterns["link"]) is LinkInlineProcessor:
            md.inlinePatterns.register(_QuickLink(md.inlinePatterns["link"].pattern, md), "link", LINK_PRIORITY)
        if "footnote" in md.inlinePatterns:
            original = md.inlinePatterns["footnote"]
            if type(original) is FootnoteInlineProcessor:
                quick = _QuickFootnoteReference(original.pattern, original.footnotes)
                md.inlinePatterns.register(quick, "footnote", FOOTNOTE_PRIORITY)


def makeExtension(**kwargs: object) -> GeneratedMarkdown:
    """Entry point for `markdown_extensions: [generator.markdown_profile]`."""
    return GeneratedMarkdown(**kwargs)
