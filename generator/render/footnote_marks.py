"""A Python-Markdown extension: a comma before a footnote number that directly follows another."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

NEXT_CLASS = "footnote-next"
# After the inline patterns (20), which make the references, and before attribute lists and the
# table of contents.
PRIORITY = 12


def _is_reference(element: etree.Element) -> bool:
    return element.tag == "sup" and element.get("id", "").startswith("fnref")


class _MarkNext(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            previous: etree.Element | None = None
            for child in parent:
                # No tail: nothing, not even a space, stands between the two numbers.
                if previous is not None and not previous.tail and _is_reference(child) and _is_reference(previous):
                    child.set("class", NEXT_CLASS)
                    child.text = "," + (child.text or "")
                previous = child


class FootnoteMarks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_MarkNext(md), "footnote_marks", PRIORITY)


def makeExtension(**kwargs: object) -> FootnoteMarks:
    """Entry point for `markdown_extensions: [generator.render.footnote_marks]`."""
    return FootnoteMarks(**kwargs)
