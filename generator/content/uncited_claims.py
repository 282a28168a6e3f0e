"""Warnings for sentences that state a checkable fact (a figure, a study) without a source of their own."""

from __future__ import annotations

import re
import typing
from typing import Any

from generator.content.errors import ContentError
from generator.content.field_messages import field_annotation
from generator.content.field_types import CITATION_MARKER, FREE_TEXT, CitedText, carries
from generator.content.link import Site
from generator.content.load import strings_in

# What a sentence claims that a reader may want to check: a share, a rate or a count, or a study.
_CLAIM = re.compile(
    r"\b\d[\d,.]*\s*(?:%|percent\b|per cent\b|out of \d|million\b|thousand\b|times (?:more|less|as|higher|lower)\b)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) in (?:every )?(?:\d+|ten|a hundred)\b"
    r"|\b(?:a|one|another|this|that|the|recent|large|small) (?:study|trial)\b"
    r"|\b(?:studies|research|trials) (?:show|shows|showed|found|suggest|suggests)\b"
    r"|\b(?:a|one|the|recent|large|small) review of (?:studies|research|trials)\b",
    re.IGNORECASE,
)
# A sentence ends at . ! or ? (not a decimal point), any closing quotes or brackets, and the source
# markers right after them.
_SENTENCE = re.compile(r"(?:[^.!?]|\.(?=\d))*[.!?]+[\"'”’)\]]*(?:\[\^[^\]\s]+\])*|(?:[^.!?]|\.(?=\d))+$")


def _is_cited(annotation: Any) -> bool:
    """Whether the field is CitedText (or a list of it): its sentences can carry markers."""
    return annotation == CitedText or any(_is_cited(arg) for arg in typing.get_args(annotation))


def _sentences(text: str) -> list[str]:
    return [piece.strip() for piece in _SENTENCE.findall(text) if piece.strip()]


def uncited_claims(site: Site) -> list[ContentError]:
    """A warning at each claim in a reader's text that no source follows directly: in a text with sources,
    the sentence must end with its own marker; in a text without, such a sentence does not belong."""
    problems = []
    for entry in site.content_entries():
        model = type(entry.model)
        for path, text in strings_in(entry.doc.data):
            annotation = field_annotation(model, path)
            if not carries(annotation, FREE_TEXT):
                continue  # ids, choices, dates: not words readers read
            cited = _is_cited(annotation)
            for sentence in _sentences(text):
                claim = _CLAIM.search(CITATION_MARKER.sub("", sentence))
                if claim is None or (cited and CITATION_MARKER.search(sentence)):
                    continue
                fix = ("end this sentence with its own source" if cited
                       else "this field takes no sources, so move the claim to a text that cites one")
                words = claim.group(0)
                problems.append(entry.doc.error(
                    path, f"'{words}' states a fact a reader may check, with no source right after it; {fix}",
                    severity="warning", near=words,
                ))
    return problems
