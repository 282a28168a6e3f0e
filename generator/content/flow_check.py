"""Proofs about the decision flow, run at build time: a wrong flow could send a reader home
with an emergency, so each rule is an error, never a warning.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from generator.content.errors import ContentError, FieldPath, did_you_mean
from generator.content.link import Site
from generator.content.load import Document
from generator.content.schema import DecisionFlow

RANK = {"self-care": 0, "soon": 1, "urgent": 2, "emergency": 3}
Edges = dict[str, list[tuple[FieldPath, str]]]
_OUTCOME_LINKS = {"causes": "cause", "tests": "test", "treatments": "treatment"}


def _edges(flow: DecisionFlow) -> Edges:
    """Question id -> [(path of the answer in the YAML, target id)]."""
    edges: Edges = {}
    for qid, question in flow.questions.items():
        if question.red_flags:
            edges[qid] = [
                (("questions", qid, "if_yes"), str(question.if_yes)),
                (("questions", qid, "if_no"), str(question.if_no)),
            ]
        else:
            edges[qid] = [(("questions", qid, "answers", i, "next"), a.next) for i, a in enumerate(question.answers)]
    return edges


def _reachable(start: str, edges: Edges, avoid: set[str] | None = None) -> dict[str, str | None]:
    """Nodes reachable from start without entering `avoid`, each with the node it was first reached from."""
    avoid = avoid or set()
    if start in avoid:
        return {}
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for _, target in edges.get(node, []):
            if target not in parent and target not in avoid:
                parent[target] = node
                queue.append(target)
    return parent


def _path(parent: dict[str, str | None], end: str) -> str:
    steps = [end]
    while (previous := parent[steps[-1]]) is not None:
        steps.append(previous)
    return " → ".join(reversed(steps))


def _unknown_ids(site: Site, doc: Document, flow: DecisionFlow, nodes: set[str]) -> list[ContentError]:
    errors = []
    for qid in set(flow.questions) & set(flow.outcomes):
        errors.append(doc.error(("outcomes", qid), f"'{qid}' is both a question and an outcome; rename one", at_key=True))
    if flow.start not in flow.questions:
        hint = did_you_mean(flow.start, flow.questions) or "; it must be the id of a question"
        errors.append(doc.error(("start",), f"unknown question '{flow.start}'{hint}"))
    for edge_list in _edges(flow).values():
        for path, target in edge_list:
            if target not in nodes:
                hint = did_you_mean(target, nodes) or "; use the id of a question or an outcome"
                errors.append(doc.error(path, f"unknown question or outcome '{target}'{hint}"))
    for qid, question in flow.questions.items():
        for i, flag in enumerate(question.red_flags):
            if flag not in site.red_flags and not site.is_unreadable("red_flag", flag):
                hint = site.mend_reference("red_flag", flag, "red_flags")
                errors.append(doc.error(("questions", qid, "red_flags", i), f"unknown red flag '{flag}'{hint}"))
    for oid, outcome in flow.outcomes.items():
        for field, kind in _OUTCOME_LINKS.items():
            table = site.table(kind)
            for i, target in enumerate(getattr(outcome, field)):
                if target not in table and not site.is_unreadable(kind, target):
                    hint = site.mend_reference(kind, target, field)
                    errors.append(doc.error(("outcomes", oid, field, i), f"unknown {kind} '{target}'{hint}"))
    return errors


def _loops(doc: Document, flow: DecisionFlow, edges: Edges) -> list[ContentError]:
    """Depth-first search; an edge back into the current path closes a loop."""
    errors: list[ContentError] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for path, target in edges.get(node, []):
            if state.get(target) == 1:
                loop = " → ".join([*trail[trail.index(target) :], node, target])
                errors.append(
                    doc.error(
                        path,
                        f"this answer leads back to '{target}', making a loop ({loop}); "
                        "point it to a later question or an outcome",
                    )
                )
            elif target not in state:
                visit(target, [*trail, node])
        state[node] = 2

    for qid in flow.questions:
        if qid not in state:
            visit(qid, [])
    return errors


def _unreachable(doc: Document, flow: DecisionFlow, reached: Iterable[str]) -> list[ContentError]:
    seen = set(reached)
    errors = []
    for section, table in (("questions", flow.questions), ("outcomes", flow.outcomes)):
        for node in table:
            if node not in seen:
                errors.append(
                    doc.error(
                        (section, node),
                        f"'{node}' can never be reached from start '{flow.start}'; link an answer to it or remove it",
                        at_key=True,
                    )
                )
    return errors


def _askers(flow: DecisionFlow) -> dict[str, set[str]]:
    """Red flag id -> the questions that ask about it."""
    askers: dict[str, set[str]] = {}
    for qid, question in flow.questions.items():
        for flag_id in question.red_flags:
            askers.setdefault(flag_id, set()).add(qid)
    return askers


def _unasked_signs(site: Site, doc: Document, flow: DecisionFlow, edges: Edges) -> list[ContentError]:
    """Every warning sign must be asked by a question a reader can reach."""
    askers, reached = _askers(flow), set(_reachable(flow.start, edges))
    errors = []
    for flag_id, sign in sorted(site.red_flags.items()):
        if not askers.get(flag_id, set()) & reached:
            errors.append(
                sign.doc.error(
                    ("urgency",),
                    f"this {sign.model.urgency} sign is never asked in the decision flow; "
                    f"add a question with red_flags: [{flag_id}] to {doc.display}",
                )
            )
    return errors


def _yes_ends_too_low(site: Site, doc: Document, flow: DecisionFlow, edges: Edges) -> list[ContentError]:
    """'Yes' to a sign may only end at outcomes at least as urgent as the sign."""
    errors = []
    for qid, question in flow.questions.items():
        signs = [site.red_flags[f].model for f in question.red_flags if f in site.red_flags]
        if not signs or question.if_yes is None:
            continue
        need = max(RANK[sign.urgency] for sign in signs)
        urgency = next(sign.urgency for sign in signs if RANK[sign.urgency] == need)
        for node in sorted(_reachable(question.if_yes, edges)):
            outcome = flow.outcomes.get(node)
            if outcome is not None and RANK[outcome.urgency] < need:
                errors.append(
                    doc.error(
                        ("questions", qid, "if_yes"),
                        f"'Yes' to this {urgency} sign can end at '{node}' ({outcome.urgency}); it must "
                        f"end at {'an emergency' if need == RANK['emergency'] else 'an urgent or emergency'} outcome",
                    )
                )
    return errors


def _skipped_signs(site: Site, doc: Document, flow: DecisionFlow, edges: Edges) -> list[ContentError]:
    """No path may reach a less urgent outcome without passing a question that asks the sign."""
    askers = _askers(flow)
    errors = []
    for flag_id, sign in sorted(site.red_flags.items()):
        avoiding = _reachable(flow.start, edges, avoid=askers.get(flag_id, set()))
        for node in sorted(avoiding):
            outcome = flow.outcomes.get(node)
            if outcome is not None and RANK[outcome.urgency] < RANK[sign.model.urgency]:
                errors.append(
                    doc.error(
                        ("outcomes", node),
                        f"a reader can reach '{node}' ({outcome.urgency}) without being asked about the "
                        f"{sign.model.urgency} sign '{flag_id}' ({_path(avoiding, node)}); ask it earlier",
                        at_key=True,
                    )
                )
    return errors


def check_flow(site: Site) -> list[ContentError]:
    """Every broken flow rule, each at its place in decision_flow.yaml (or the red flag's file)."""
    flow, doc = site.flow.model, site.flow.doc
    nodes = set(flow.questions) | set(flow.outcomes)
    errors = _unknown_ids(site, doc, flow, nodes)
    if errors:
        return errors  # the graph rules below assume every id resolves
    edges = _edges(flow)
    errors = _loops(doc, flow, edges)
    if errors:
        return errors
    errors = _unreachable(doc, flow, _reachable(flow.start, edges))
    for rule in (_unasked_signs, _yes_ends_too_low, _skipped_signs):
        errors.extend(rule(site, doc, flow, edges))
    return errors


def emergency_proof(site: Site, flag_id: str) -> str | None:
    """None when the flow asks about this sign on a path a reader can take and every 'Yes' to it ends at the
    emergency outcome; else what is wrong."""
    flow = site.flow.model
    edges = _edges(flow)
    reached = set(_reachable(flow.start, edges))
    askers = [qid for qid in sorted(_askers(flow).get(flag_id, set())) if qid in reached]
    if not askers:
        return f"the decision flow never asks about '{flag_id}'"
    for qid in askers:
        if_yes = flow.questions[qid].if_yes
        ends = [flow.outcomes[n] for n in _reachable(if_yes, edges) if n in flow.outcomes] if if_yes else []
        if not ends or any(outcome.urgency != "emergency" for outcome in ends):
            return f"'Yes' to question '{qid}' can end somewhere other than the emergency outcome"
    return None
