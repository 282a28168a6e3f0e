"""Finding glossary terms in text: whole words in any case, each form leading to its term and anchor."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.content.glossary_schema import Glossary, GlossaryTerm


def anchor_of(term: str) -> str:
    """The term's anchor on the Glossary page: 'Nerve conduction study' -> 'nerve-conduction-study'."""
    return re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


def words_pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    # Longest first, so 'nerve conduction studies' wins over 'nerve conduction study'; any run of spaces
    # matches one, as pages join a text's lines.
    alternatives = [r"\s+".join(map(re.escape, word.split())) for word in sorted(words, key=len, reverse=True)]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class TermIndex:
    """Every form of every term, for matching text."""

    terms: dict[str, GlossaryTerm]  # anchor -> term
    anchor_by_form: dict[str, str]  # casefolded form (spaces joined) -> anchor
    pattern: re.Pattern[str] | None

    def matches(self, text: str) -> Iterator[tuple[re.Match[str], str]]:
        """Each use of a term in a text, with its anchor, in order."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            anchor = self.anchor_by_form.get(" ".join(match.group(0).split()).casefold())
            if anchor is not None:  # None only where case-folding and the pattern's case rules differ
                yield match, anchor


def term_index(glossary: Glossary | None) -> TermIndex:
    """The index of a glossary (first entry wins where two share a form; check reports that)."""
    terms: dict[str, GlossaryTerm] = {}
    by_form: dict[str, str] = {}
    for entry in glossary.terms if glossary else []:
        anchor = anchor_of(entry.term)
        if not anchor or anchor in terms:
            continue
        terms[anchor] = entry
        for form in (entry.term, *entry.forms):
            by_form.setdefault(" ".join(form.split()).casefold(), anchor)
    return TermIndex(terms, by_form, words_pattern(list(by_form)))
