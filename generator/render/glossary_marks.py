"""The first use of each glossary term on a page: a link to its entry whose title is the definition (a tooltip)."""

from __future__ import annotations

from collections.abc import Callable

from generator.content.built_in_pages import GLOSSARY_PAGE
from generator.content.field_types import CITATION_MARKER
from generator.content.glossary_terms import TermIndex
from generator.render.markdown import escape, relative_link

# Characters that could end a Markdown link title or start syntax inside one, written as character
# references: the title becomes an attribute, where the browser turns them back into the characters.
_IN_TITLE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "(": "&#40;", ")": "&#41;", "[": "&#91;",
             "]": "&#93;", "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;"}


def title_text(text: str) -> str:
    """Plain text as a Markdown link title that shows exactly that text."""
    return "".join(_IN_TITLE.get(char, char) for char in " ".join(text.split()))


def definition_text(definition: str, fill: Callable[[str], str]) -> str:
    """A definition as its tooltip reads: no source markers, the emergency number filled in."""
    return " ".join(CITATION_MARKER.sub("", fill(definition)).split())


class Explainer:
    """Links the first use of each term on one page to the Glossary; later uses stay plain text."""

    def __init__(self, index: TermIndex, page_path: str, fill: Callable[[str], str]) -> None:
        self._index = index
        self._page = page_path
        self._fill = fill
        # The Glossary page itself defines every term in place.
        self._used: set[str] = set(index.terms) if page_path == GLOSSARY_PAGE else set()

    def mark(self, piece: str, inline: Callable[[str], str]) -> str:
        """Escape a piece of text with `inline`, linking the terms this page has not used yet."""
        out: list[str] = []
        position = 0
        for match, anchor in self._index.matches(piece):
            if anchor in self._used:
                continue
            self._used.add(anchor)
            out.append(inline(piece[position : match.start()]))
            out.append(self._link(match.group(0), anchor))
            position = match.end()
        out.append(inline(piece[position:]))
        return "".join(out)

    def _link(self, words: str, anchor: str) -> str:
        definition = definition_text(self._index.terms[anchor].definition, self._fill)
        href = relative_link(self._page, GLOSSARY_PAGE, anchor)
        return f'[{escape(words)}]({href} "{title_text(definition)}"){{: .glossary-term }}'
