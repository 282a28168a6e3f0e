"""A Python-Markdown extension: the numbered sources at the foot of a page stay out of the search.

Each page ends with its sources ("Diabetes and your feet. Centers for Disease Control and Prevention.
All sources ↩"). In the search index they matched words the page's own text never uses (a source's
title), lifted pages that only cite a word above pages about it, and showed in results as
"All sources ↩↩↩". Marked `data-search-exclude`, Material's search leaves them out (so does the quick
reading in generator/search_index.py). The Sources page lists every source as its own text, so a
search for a source still finds it there.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# After the footnotes extension's own tree step (50), which adds the sources' block to the page.
PRIORITY = 11


class _LeaveOut(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for block in root.iter("div"):
            if block.get("class") == "footnote":
                block.set("data-search-exclude", "")


class UnsearchedFootnotes(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_LeaveOut(md), "unsearched_footnotes", PRIORITY)


def makeExtension(**kwargs: object) -> UnsearchedFootnotes:
    """Entry point for `markdown_extensions: [generator.unsearched_footnotes]`."""
    return UnsearchedFootnotes(**kwargs)
