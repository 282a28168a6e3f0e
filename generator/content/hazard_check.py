"""The hazard log's rules: every hazard controlled by things that exist, and every emergency sign proved."""

from __future__ import annotations

from generator.content.errors import ContentError, FieldPath, did_you_mean
from generator.content.flow_check import emergency_proof
from generator.content.link import Site
from generator.content.load import Document
from generator.content.safety_schema import ACCEPTABLE_WITHOUT_JUSTIFICATION, RISK_WORDS, Control

_TABLES = {"red-flag": "red_flag", "cause": "cause", "treatment": "treatment", "test": "test"}


def _known_ids(site: Site, kind: str) -> set[str]:
    if kind in _TABLES:
        return set(site.table(_TABLES[kind]))
    if kind == "flow-question":
        return set(site.flow.model.questions)
    if kind == "flow-outcome":
        return set(site.flow.model.outcomes)
    return {site.topic.id}


def check_hazards(site: Site) -> list[ContentError]:
    """Every broken hazard-log rule, each at its line in content/safety/hazards.yaml."""
    if site.hazards is None:
        return []
    log, doc = site.hazards.model, site.hazards.doc
    errors: list[ContentError] = []
    seen: set[str] = set()
    for i, hazard in enumerate(log.hazards):
        at = ("hazards", i)
        if hazard.id in seen:
            errors.append(doc.error((*at, "id"), f"another hazard already has the id '{hazard.id}'; give each its own"))
        seen.add(hazard.id)
        if not hazard.controls:
            message = "this hazard has no controls; list what in the guide reduces it under controls:"
            errors.append(doc.error((*at, "id"), message))
        for j, control in enumerate(hazard.controls):
            errors.extend(_unknown_control(site, control, doc, (*at, "controls", j, "id")))
        rating = hazard.after.rating
        if rating > ACCEPTABLE_WITHOUT_JUSTIFICATION and hazard.justification is None:
            errors.append(
                doc.error(
                    (*at, "after"),
                    f"the risk after controls is {rating} of 5 ({RISK_WORDS[rating]}); reduce it, or say why it is "
                    "accepted under justification:",
                    at_key=True,
                )
            )
        if hazard.missed_sign is not None:
            errors.extend(_unproved_sign(site, hazard.missed_sign, doc, (*at, "missed_sign")))
            for j, control in enumerate(hazard.controls):
                cause = site.causes.get(control.id) if control.kind == "cause" else None
                if cause is not None and hazard.missed_sign not in cause.model.red_flags:
                    errors.append(
                        doc.error(
                            (*at, "controls", j, "id"),
                            f"the cause '{control.id}' does not list the sign '{hazard.missed_sign}' under red_flags, "
                            "so its page does not show it; add it there or name another cause",
                        )
                    )
    covered = {hazard.missed_sign for hazard in log.hazards}
    for flag_id, flag in sorted(site.red_flags.items()):
        if flag.model.urgency == "emergency" and flag_id not in covered:
            errors.append(
                doc.error(
                    ("hazards",),
                    f"the emergency sign '{flag_id}' has no hazard for missing it; add one with missed_sign: {flag_id}",
                    at_key=True,
                )
            )
    return errors


def _unknown_control(site: Site, control: Control, doc: Document, path: FieldPath) -> list[ContentError]:
    known = _known_ids(site, control.kind)
    if control.id in known or (control.kind in _TABLES and site.is_unreadable(_TABLES[control.kind], control.id)):
        return []  # a file that did not validate is reported once, at its own line
    hint = did_you_mean(control.id, known) or f"; known {control.kind} ids: {', '.join(sorted(known)[:8])}"
    return [doc.error(path, f"no {control.kind} has the id '{control.id}'{hint}")]


def _unproved_sign(site: Site, flag_id: str, doc: Document, path: FieldPath) -> list[ContentError]:
    flag = site.red_flags.get(flag_id)
    if flag is None and site.is_unreadable("red_flag", flag_id):
        return []
    if flag is None:
        return [doc.error(path, f"no warning sign has the id '{flag_id}'{did_you_mean(flag_id, site.red_flags)}")]
    if flag.model.urgency != "emergency":
        return [doc.error(path, f"'{flag_id}' is a sign for {flag.model.urgency} care, not an emergency sign")]
    problem = emergency_proof(site, flag_id)
    return [doc.error(path, f"{problem}; the hazard of missing this sign is not controlled")] if problem else []
