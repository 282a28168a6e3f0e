"""The glossary's rules: one entry per word (errors), and every term used, every hard word explained (warnings)."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from generator.content.errors import ContentError, FieldPath
from generator.content.field_messages import field_annotation
from generator.content.field_types import CITATION_MARKER, Id
from generator.content.glossary_terms import anchor_of, term_index, words_pattern
from generator.content.link import Site
from generator.content.load import Document, strings_in

# Fields whose words readers never see as text: ids, codes for health records, old addresses.
_NOT_READ = ("icd10cm", "moved_from", "reviewed_by")


def _words(form: str) -> str:
    return " ".join(form.split()).casefold()


def check_glossary(site: Site) -> list[ContentError]:
    """Errors: two entries for one word (a term or a form), or a term with no letter or digit for its anchor."""
    if site.glossary is None:
        return []
    doc, errors = site.glossary.doc, []
    first: dict[str, tuple[FieldPath, str]] = {}  # words -> where they first stand, and whose they are
    anchors: dict[str, FieldPath] = {}
    for i, entry in enumerate(site.glossary.model.terms):
        anchor = anchor_of(entry.term)
        if not anchor:
            errors.append(doc.error(("terms", i, "term"), f"'{entry.term}' needs a letter or digit a-z or 0-9 for its "
                                    "place on the Glossary page"))
        elif anchor in anchors and _words(entry.term) not in first:
            line = doc.where(anchors[anchor])[0]
            errors.append(doc.error(("terms", i, "term"), f"'{entry.term}' would have the same place on the Glossary page "
                                    f"as the term at line {line}; merge the two entries"))
        anchors.setdefault(anchor, ("terms", i, "term"))
        spellings = [(("terms", i, "term"), entry.term), *((("terms", i, "forms", j), f) for j, f in enumerate(entry.forms))]
        for path, form in spellings:
            words = _words(form)
            if words in first:
                where, owner = first[words]
                line = doc.where(where)[0]
                if owner == entry.term and path[2] == "forms":
                    message = f"'{form}' is already listed for this term (line {line}); remove it"
                else:
                    fix = "merge the two entries" if path[2] == "term" else "keep it under one term"
                    message = f"'{form}' is already in the glossary, under '{owner}' (line {line}); {fix}"
                errors.append(doc.error(path, message))
            else:
                first[words] = (path, entry.term)
    return errors


def _reader_texts(site: Site, hard_words: bool) -> Iterator[tuple[Document, FieldPath, str]]:
    """Every text a page shows as words, its source markers taken out. For the hard words, the glossary's own
    definitions count and other names do not (they are the words people search for)."""
    for entry in site.content_entries():
        if entry is site.glossary and not hard_words:
            continue
        for path, text in strings_in(entry.doc.data):
            if hard_words and path[:1] == ("also_called",):
                continue
            if (path and path[0] in _NOT_READ) or _mentions_id(field_annotation(type(entry.model), path)):
                continue
            yield entry.doc, path, CITATION_MARKER.sub(" ", text)


def _mentions_id(annotation: Any) -> bool:
    return annotation == Id or any(_mentions_id(arg) for arg in typing.get_args(annotation))


def glossary_problems(site: Site) -> list[ContentError]:
    """Warnings, for `check`: a glossary term no page uses, and a hard word (site_config) used without an entry."""
    problems: list[ContentError] = []
    index = term_index(site.glossary.model if site.glossary else None)
    if site.glossary is not None and index.pattern is not None:
        used = {anchor for _, _, text in _reader_texts(site, False) for _, anchor in index.matches(text)}
        for i, entry in enumerate(site.glossary.model.terms):
            if anchor_of(entry.term) in index.terms and anchor_of(entry.term) not in used:
                problems.append(site.glossary.doc.error(
                    ("terms", i, "term"), f"no page uses '{entry.term}' (or its forms); remove the entry, or add the "
                    "form the pages use to its forms", severity="warning"))
    explained = set(index.anchor_by_form)
    hard = [word for word in site.config.hard_words if _words(word) not in explained]
    if not hard:
        return problems
    pattern = words_pattern(hard)
    assert pattern is not None
    for doc, path, text in _reader_texts(site, True):
        for word in dict.fromkeys(match.group(0) for match in pattern.finditer(text)):
            problems.append(doc.error(path, f"'{word}' is on the hard_words list (site_config/site.yaml) and has no "
                                      "entry in content/glossary.yaml; add one (or a form of one), or use plainer "
                                      "words", severity="warning", near=word))
    return problems
