"""Content text -> safe Markdown. Content is text, never HTML or Markdown syntax."""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable

from generator.content.field_types import CITATION_MARKER
from generator.content.schema import Source


class Markdown(str):
    """A string the generator made and vouches for; templates print it as it is."""


# Python-Markdown turns every backslash escape into a placeholder that its inline
# processors then walk around, so escaping every '.' and '-' made pages several times
# slower to convert. Only characters that can start syntax anywhere in a line are
# escaped everywhere; the rest only where they act: at the start of a line (lists,
# quotes, "1." numbering) or, for '!' and '(', next to a bracket the template adds.
_ANYWHERE = re.compile(r"([\\`*_{}\[\]#|])")
_AT_START = re.compile(r"^(?:([-+>(!])|(\d+)\.)")
# HTML white space only: a no-break or other Unicode space is a character the editor chose, kept as typed.
_ASCII_SPACE = " \t\n\r\f\v"
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def escape(text: str) -> Markdown:
    """Plain text -> Markdown that renders as that very text, on one line."""
    text = _SPACES.sub(" ", text).strip(" ")
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _ANYWHERE.sub(r"\\\1", text)
    text = _AT_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\.", text)
    if text.endswith("!"):
        text = text[:-1] + "\\!"
    return Markdown(text)


def _inline(piece: str) -> str:
    """Escape a piece of a sentence, keeping one space at either edge it had."""
    if not piece.strip(_ASCII_SPACE):
        return " " if piece else ""
    lead = " " if piece[0] in _ASCII_SPACE else ""
    trail = " " if piece[-1] in _ASCII_SPACE else ""
    return lead + escape(piece) + trail


def html_text(text: str, quote: bool = True) -> str:
    """Text for places a theme prints as raw HTML (page title, description, navigation); `quote=False`
    where it never goes into an attribute and is matched as words (the search index). Apostrophes stay
    as typed: the theme quotes attributes with `"`, and escapes its footer labels once more itself."""
    escaped = html.escape(_SPACES.sub(" ", text).strip(" "), quote=False)
    return escaped.replace('"', "&quot;") if quote else escaped


def front_matter_value(text: str) -> Markdown:
    """A front-matter value: HTML-escaped for the theme, JSON-quoted so it stays on its line."""
    return Markdown(json.dumps(html_text(text), ensure_ascii=False))


def search_tags(names: list[str]) -> Markdown:
    """A page's other names as front-matter `tags`, which Material's search matches like a title.
    HTML-escaped as Material escapes page text for its index: the search shows both as HTML. No
    template prints page tags (that needs Material's tags plugin, which the site does not use)."""
    return Markdown(json.dumps([html_text(name, quote=False) for name in names], ensure_ascii=False))


def safe_url(url: str) -> str:
    """Percent-encode what could end a Markdown link target early."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Link from one docs-relative .md path to another, as MkDocs resolves it."""
    # posixpath.relpath would do, but it asks the OS for the working directory on every
    # call, and every page makes dozens of links; both paths are already clean and relative.
    here = posixpath.dirname(from_page).split("/") if "/" in from_page else []
    there = to_page.split("/")
    shared = 0
    while shared < len(here) and shared < len(there) - 1 and here[shared] == there[shared]:
        shared += 1
    target = "/".join([".."] * (len(here) - shared) + there[shared:])
    return target + (f"#{anchor}" if anchor else "")


def source_text(source: Source) -> Markdown:
    """A source in short reference form, as Markdown."""
    return escape(source_plain(source))


def source_plain(source: Source) -> str:
    """A source in short reference form: authors. title. journal year;volume(issue):pages."""
    parts: list[str] = []
    if source.authors:
        parts.append(", ".join(source.authors) + (", et al." if source.et_al else "."))
    parts.append(source.title.rstrip(".") + ".")
    if source.kind == "journal":
        citation = f"{source.journal}."
        if source.year:
            citation += f" {source.year}"
            if source.volume:
                citation += f";{source.volume}"
                if source.issue:
                    citation += f"({source.issue})"
                if source.pages:
                    citation += f":{source.pages}"
            citation += "."
        parts.append(citation)
    else:
        parts.append(f"{source.publisher}." + (f" {source.year}." if source.year else ""))
    if source.doi:
        parts.append(f"doi:{source.doi}")
    return " ".join(parts)


class Footnotes:
    """Numbers a page's sources in order of first use and renders the markers."""

    def __init__(self, sources: dict[str, Source], explain: Callable[[str, Callable[[str], str]], str] | None = None) -> None:
        self._sources = sources
        # Escapes a piece of text between markers, given the plain escaper (glossary terms become links).
        self._piece: Callable[[str], str] = (lambda piece: explain(piece, _inline)) if explain else _inline
        self.order: list[str] = []
        # Number of each source; a list search would make a page citing many sources quadratic.
        self._number: dict[str, int] = {}

    def ref(self, source_id: str) -> Markdown:
        number = self._number.get(source_id)
        if number is None:
            self.order.append(source_id)
            number = self._number[source_id] = len(self.order)
        return Markdown(f"[^{number}]")

    def refs(self, source_ids: list[str]) -> Markdown:
        return Markdown("".join(self.ref(s) for s in source_ids))

    def text(self, value: str) -> Markdown:
        """Escape a cited text and turn its [^id] markers into numbered footnotes."""
        out: list[str] = []
        position = 0
        for match in CITATION_MARKER.finditer(value):
            out.append(self._piece(value[position : match.start()]))
            out.append(self.ref(match.group(1)))
            position = match.end()
        out.append(self._piece(value[position:]))
        return Markdown("".join(out).strip())

    def definitions(self) -> list[tuple[int, str, Source]]:
        return [(n, sid, self._sources[sid]) for n, sid in enumerate(self.order, start=1)]
