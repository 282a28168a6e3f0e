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
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

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
    """Entry point for `markdown_extensions: [generator.markdown_profile]`."""
    return GeneratedMarkdown(**kwargs)
