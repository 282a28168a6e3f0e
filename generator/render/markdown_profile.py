"""A Python-Markdown extension: deregisters the syntax generated pages never use (a third of its time).

tests/test_markdown_profile.py converts every generated page with and without it and compares the HTML.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

# What generated Markdown never uses (Python-Markdown 3.x names). Names not registered are skipped,
# so an extension taken out of mkdocs.yml (tables) does not make this one fail. Why each can go:
# - code spans, images, reference links: editors' '`', '[' and ']' are escaped; templates write only
#   inline links and footnote markers, and no `[id]: url` definitions;
# - autolink, automail, html: editors' '<' is written '&lt;' and the templates' HTML stands in blocks
#   of its own, so without `html` no text can become an inline element;
# - entity: the serializer leaves '&name;' as it is; linebreak: escaping joins text onto one line.
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
# Indented code, setext headings, rules, numbered lists, quotes, reference definitions and tables:
# escaping strips leading white space and escapes a leading '-', '1.', '>', and every '[' and '|'.
UNUSED_BLOCK = ("indent", "code", "setextheader", "hr", "olist", "quote", "reference", "table")


class GeneratedMarkdown(Extension):
    """Deregister the inline patterns and block processors generated pages never use."""

    def extendMarkdown(self, md: Markdown) -> None:
        for name in UNUSED_INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        for name in UNUSED_BLOCK:
            if name in md.parser.blockprocessors:
                md.parser.blockprocessors.deregister(name)


def makeExtension(**kwargs: object) -> GeneratedMarkdown:
    """Entry point for `markdown_extensions: [generator.render.markdown_profile]`."""
    return GeneratedMarkdown(**kwargs)
