"""A Python-Markdown extension: marks a page's numbered sources `data-search-exclude`, so search leaves them out.

A source's title matched words the page's own text never uses; the Sources page still lists every source.
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
    """Entry point for `markdown_extensions: [generator.render.unsearched_footnotes]`."""
    return UnsearchedFootnotes(**kwargs)
