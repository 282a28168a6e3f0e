"""The safety page's words: a risk on the matrix as a reader reads it, and each control as a link."""

from __future__ import annotations

from typing import Any

from generator.content.built_in_pages import FLOW_PAGE, HOME_PAGE
from generator.content.safety_schema import RISK_WORDS, Control, Risk
from generator.render.interface_words import Words
from generator.render.markdown import Markdown, escape

_ENTITY_KINDS = {"red-flag": "red_flag", "cause": "cause", "treatment": "treatment", "test": "test"}
_KIND_WORDS = {"red-flag": "Warning sign", "cause": "Cause", "treatment": "Treatment", "test": "Test"}
# The matrix's scales as a reader reads them (the hazard log's own values are these words in English).
SEVERITY_WORDS = {
    "minor": "minor harm",
    "significant": "significant harm",
    "considerable": "considerable harm",
    "major": "major harm",
    "catastrophic": "catastrophic harm",
}
LIKELIHOOD_WORDS = {
    "very low": "very low likelihood",
    "low": "low likelihood",
    "medium": "medium likelihood",
    "high": "high likelihood",
    "very high": "very high likelihood",
}


def risk_words(risk: Risk, words: Words) -> Markdown:
    """'major harm, very low likelihood: 2 of 5 (acceptable where it cannot be reduced further)'."""
    return Markdown(words(
        "{severity}, {likelihood}: {rating} of 5 ({meaning})",
        severity=words(SEVERITY_WORDS[risk.severity]),
        likelihood=words(LIKELIHOOD_WORDS[risk.likelihood]),
        rating=risk.rating,
        meaning=words(RISK_WORDS[risk.rating]),
    ))


def control_link(page: Any, control: Control, words: Words) -> Markdown:
    """The control named and linked: its page, or its place in the symptom checker."""
    site = page.site
    if control.kind in _ENTITY_KINDS:
        return Markdown(f"{words(_KIND_WORDS[control.kind])} {page.link(_ENTITY_KINDS[control.kind], control.id)}")
    if control.kind == "topic":
        return Markdown(words("[Home page]({href})", href=page.href(HOME_PAGE)))
    if control.kind == "flow-question":
        ask = page.fill(site.flow.model.questions[control.id].ask)
        href = page.href(FLOW_PAGE, "q-" + control.id)
        return Markdown(words("Symptom checker question [{ask}]({href})", ask=escape(ask), href=href))
    title = page.fill(site.flow.model.outcomes[control.id].title)
    href = page.href(FLOW_PAGE, "o-" + control.id)
    return Markdown(words("Symptom checker result [{title}]({href})", title=escape(title), href=href))
