"""The safety page's words: a risk on the matrix as a reader reads it, and each control as a link."""

from __future__ import annotations

from typing import Any

from generator.content.built_in_pages import FLOW_PAGE, HOME_PAGE
from generator.content.safety_schema import RISK_WORDS, Control, Risk
from generator.render.markdown import Markdown, escape

_ENTITY_KINDS = {"red-flag": "red_flag", "cause": "cause", "treatment": "treatment", "test": "test"}
_KIND_WORDS = {"red-flag": "Warning sign", "cause": "Cause", "treatment": "Treatment", "test": "Test"}


def risk_words(risk: Risk) -> Markdown:
    """'major harm, very low likelihood: 2 of 5 (acceptable where it cannot be reduced further)'."""
    return Markdown(f"{risk.severity} harm, {risk.likelihood} likelihood: {risk.rating} of 5 ({RISK_WORDS[risk.rating]})")


def control_link(page: Any, control: Control) -> Markdown:
    """The control named and linked: its page, or its place in the symptom checker."""
    if control.kind in _ENTITY_KINDS:
        return Markdown(f"{_KIND_WORDS[control.kind]} {page.link(_ENTITY_KINDS[control.kind], control.id)}")
    if control.kind == "topic":
        return Markdown(f"[Home page]({page.href(HOME_PAGE)})")
    site = page.site
    if control.kind == "flow-question":
        ask = page.fill(site.flow.model.questions[control.id].ask)
        return Markdown(f"Symptom checker question [{escape(ask)}]({page.href(FLOW_PAGE, 'q-' + control.id)})")
    title = site.flow.model.outcomes[control.id].title
    return Markdown(f"Symptom checker result [{escape(page.fill(title))}]({page.href(FLOW_PAGE, 'o-' + control.id)})")
