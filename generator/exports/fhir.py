"""The symptom checker as a FHIR R4 Questionnaire: questions as items, the flow's branching as enableWhen."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.content.link import Site
from generator.content.sign_off import approval_of
from generator.render.flow import plain, question_order

PATH = "fhir/Questionnaire-check-your-symptoms.json"
QUESTIONNAIRE_ID = "check-your-symptoms"
HELP_CONTROL = {
    "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
    "valueCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"}]},
}


def _answer_coding(site: Site, qid: str, index: int, label: str) -> dict[str, str]:
    """A choice answer as a Coding: its index in the question, as the page's script numbers answers."""
    return {"system": f"{site.config.site_url}{PATH}#{qid}", "code": str(index), "display": label}


def _conditions(site: Site) -> dict[str, list[dict[str, Any]]]:
    """Item id -> the enableWhen conditions of every answer that leads to it."""
    conditions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for qid, question in site.flow.model.questions.items():
        for index, (label, target) in enumerate(question.targets()):
            if question.red_flags:
                condition: dict[str, Any] = {"question": qid, "operator": "=", "answerBoolean": label == "Yes"}
            else:
                condition = {"question": qid, "operator": "=", "answerCoding": _answer_coding(site, qid, index, label)}
            conditions[target].append(condition)
    return conditions


def _enabled_by(conditions: list[dict[str, Any]]) -> dict[str, Any]:
    if not conditions:
        return {}  # the first question is always shown
    return {"enableWhen": conditions, "enableBehavior": "any"}


def _question(site: Site, qid: str, conditions: list[dict[str, Any]]) -> dict[str, Any]:
    question = site.flow.model.questions[qid]
    item: dict[str, Any] = {"linkId": qid, "text": plain(site, question.ask), "required": True}
    if question.red_flags:
        item["type"] = "boolean"
    else:
        item["type"] = "choice"
        item["answerOption"] = [
            {"valueCoding": _answer_coding(site, qid, i, label)} for i, (label, _) in enumerate(question.targets())
        ]
    item.update(_enabled_by(conditions))
    if question.help:
        hint = {"linkId": f"{qid}.help", "text": plain(site, question.help), "type": "display", "extension": [HELP_CONTROL]}
        item["item"] = [hint]
    return item


def _outcome(site: Site, oid: str, conditions: list[dict[str, Any]]) -> dict[str, Any]:
    outcome = site.flow.model.outcomes[oid]
    parts = [f"{plain(site, outcome.title)}.", plain(site, outcome.text), *(plain(site, s) for s in outcome.steps)]
    if outcome.come_back_if:
        parts.append(plain(site, outcome.come_back_if))
    return {"linkId": oid, "text": " ".join(str(p) for p in parts), "type": "display", **_enabled_by(conditions)}


def questionnaire(site: Site) -> dict[str, Any]:
    """The flow as a FHIR R4 (4.0.1) Questionnaire resource."""
    flow = site.flow.model
    conditions = _conditions(site)
    number = site.config.emergency_number
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "url": site.config.site_url + PATH,
        "version": flow.reviewed.isoformat(),
        "name": "CheckYourSymptoms",
        "title": plain(site, flow.title),
        # Ready for use only once a clinician's approval matches the checker as it is now.
        "status": "active" if approval_of(site, "decision-flow", None, site.flow) else "draft",
        "date": flow.reviewed.isoformat(),
        "publisher": site.config.site_name,
        "language": site.config.language,
        "description": f"{plain(site, flow.intro)} In an emergency, call {number}.",
        "purpose": "Patient education: which care to seek for numb feet. Not a diagnosis.",
        "item": [
            *(_question(site, qid, conditions[qid]) for qid in question_order(site)),
            *(_outcome(site, oid, conditions[oid]) for oid in flow.outcomes),
        ],
    }
