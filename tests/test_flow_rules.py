"""The decision flow is proved safe at build time: one broken flow per rule, with its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_errors import check, edit

FLOW = "content/decision_flow.yaml"

# (text to replace in the fixture's flow, replacement, the exact error line expected)
CASES = {
    "unknown answer target": (
        "    if_no: ask-cause", "    if_no: ask-caus",
        f"{FLOW}:15:12: questions.ask-rash.if_no: unknown question or outcome 'ask-caus'; did you mean 'ask-cause'?",
    ),
    "unknown start": (
        "start: ask-speech", "start: ask-speach",
        f"{FLOW}:3:8: start: unknown question 'ask-speach'; did you mean 'ask-speech'?",
    ),
    "unknown red flag in a question": (
        "red_flags: [rash]", "red_flags: [rahs]",
        f"{FLOW}:13:17: questions.ask-rash.red_flags[0]: unknown red flag 'rahs'; did you mean 'rash'?",
    ),
    "unknown page in an outcome": (
        "causes: [toe-trouble]", "causes: [toe-truble]",
        f"{FLOW}:31:14: outcomes.emergency.causes[0]: unknown cause 'toe-truble'; did you mean 'toe-trouble'?",
    ),
    "loop": (
        "        next: soon", "        next: ask-speech",
        f"{FLOW}:22:15: questions.ask-cause.answers[1].next: this answer leads back to 'ask-speech', making a loop "
        "(ask-speech → ask-rash → ask-cause → ask-speech); point it to a later question or an outcome",
    ),
    "unreachable outcome": (
        "        next: soon", "        next: self-care",
        f"{FLOW}:37:3: outcomes.soon: 'soon' can never be reached from start 'ask-speech'; link an answer to it or remove it",
    ),
    "yes to an emergency sign ends lower": (
        "    if_yes: emergency", "    if_yes: urgent",
        f"{FLOW}:8:13: questions.ask-speech.if_yes: 'Yes' to this emergency sign can end at 'urgent' (urgent); it must end at an emergency outcome",
    ),
    "yes to an urgent sign ends lower": (
        "    if_yes: urgent", "    if_yes: ask-cause",
        f"{FLOW}:14:13: questions.ask-rash.if_yes: 'Yes' to this urgent sign can end at 'self-care' (self-care); it must end at an urgent or emergency outcome",
    ),
    "question with two shapes": (
        "    if_no: ask-rash\n", "    if_no: ask-rash\n    answers:\n      - label: Maybe\n        next: urgent\n",
        f"{FLOW}:6:5: questions.ask-speech: a warning-sign question needs red_flags, if_yes and if_no (and no answers), "
        "and it also has answers; a choice question needs answers only",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_flow_rule(case: str, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each unsafe or broken flow is refused with a message naming the place and the fix."""
    old, new, expected = CASES[case]
    edit(tree, FLOW, old, new)
    code, lines = check(tree, capsys)
    assert code == 1
    assert expected in lines, "\n".join(lines)


def test_every_sign_must_be_asked(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new emergency sign that the flow does not ask about stops the build, at the sign's own file."""
    flag = tree / "content/red_flags/fainting.yaml"
    flag.write_text((tree / "content/red_flags/slurred-speech.yaml").read_text().replace("Your speech is slurred", "You fainted"))
    code, lines = check(tree, capsys)
    assert code == 1
    assert ("content/red_flags/fainting.yaml:2:10: urgency: this emergency sign is never asked in the decision flow; "
            "add a question with red_flags: [fainting] to content/decision_flow.yaml") in lines


def test_no_path_skips_an_emergency_sign(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Asking a sorting question first, with an exit to self-care, would skip the emergency sign."""
    edit(tree, FLOW, "start: ask-speech", "start: ask-cause")
    edit(tree, FLOW, "        next: soon", "        next: ask-speech")
    edit(tree, FLOW, "    if_no: ask-cause", "    if_no: soon")
    code, lines = check(tree, capsys)
    assert code == 1
    assert [line for line in lines if "without being asked" in line] == [
        f"{FLOW}:42:3: outcomes.self-care: a reader can reach 'self-care' (self-care) without being asked about the "
        "emergency sign 'slurred-speech' (ask-cause → self-care); ask it earlier",
        f"{FLOW}:42:3: outcomes.self-care: a reader can reach 'self-care' (self-care) without being asked about the "
        "urgent sign 'rash' (ask-cause → self-care); ask it earlier",
    ]


def test_the_real_flow_asks_every_sign_before_any_lower_outcome() -> None:
    """The shipped flow passes every rule (the build would fail otherwise) and asks all 22 signs."""
    from generator.pipeline import prepare

    from .conftest import ROOT

    site = prepare(ROOT / "content", ROOT / "site_config")
    asked = {flag for question in site.flow.model.questions.values() for flag in question.red_flags}
    assert asked == set(site.red_flags) and len(asked) == 22


def _real_site():  # type: ignore[no-untyped-def]
    from generator.pipeline import prepare

    from .conftest import ROOT

    return prepare(ROOT / "content", ROOT / "site_config")


def _walk(flow, yes_to: set[str], choice: int = 2) -> str:  # type: ignore[no-untyped-def]
    """The outcome a reader reaches answering Yes to the questions that ask `yes_to`'s signs, No to every
    other sign, and the `choice`-th answer of a question without signs."""
    node, seen = flow.start, []
    while node in flow.questions:
        seen.append(node)
        question = flow.questions[node]
        if question.red_flags:
            node = question.if_yes if set(question.red_flags) & yes_to else question.if_no
        else:
            node = question.answers[choice].next
    return node


RANKS = {"self-care": 0, "soon": 1, "urgent": 2, "emergency": 3}


def test_yes_to_each_sign_alone_ends_at_its_urgency_or_higher() -> None:
    """Each warning sign, answered Yes with every other sign No: emergency signs end at the emergency
    outcome, signs for today at 'Contact your provider today' or higher, the rest at least 'Book an appointment'."""
    site = _real_site()
    flow = site.flow.model
    reached = {flag: flow.outcomes[_walk(flow, {flag})].urgency for flag in site.red_flags}
    wrong = {flag: (site.red_flags[flag].model.urgency, got) for flag, got in reached.items()
             if RANKS[got] < RANKS[site.red_flags[flag].model.urgency]}
    assert wrong == {}
    emergency = {flag for flag, entity in site.red_flags.items() if entity.model.urgency == "emergency"}
    assert {flag for flag in emergency if reached[flag] != "emergency"} == set()
    new_emergency_signs = {
        "numbness-between-legs-or-bladder-trouble", "numbness-in-both-legs", "sudden-cold-pale-painful-leg",
        "foot-wound-with-fever-or-black-skin", "trouble-speaking",
    }
    assert new_emergency_signs <= emergency
    assert site.red_flags["foot-sore-or-red-swollen-foot"].model.urgency == "urgent"
    assert reached["foot-sore-or-red-swollen-foot"] == "urgent"


def test_known_stable_numbness_can_book_an_appointment_and_a_numb_foot_after_sitting_self_care() -> None:
    """A reader whose numbness a provider already treats, and which is not changing, reaches 'Book an
    appointment', not 'call today'; one whose foot fell asleep reaches home care."""
    flow = _real_site().flow.model
    assert _walk(flow, set(), choice=1) == "soon"
    assert flow.outcomes["soon"].title == "Book an appointment with your provider"
    assert _walk(flow, set(), choice=0) == "self-care"
    assert _walk(flow, set(), choice=2) == "urgent"


def test_minor_signs_on_their_own_do_not_mean_call_today() -> None:
    """Cramps, dizziness that comes and goes and long-standing foot pain lead to 'Book an appointment'."""
    flow = _real_site().flow.model
    for flag in ("muscle-spasms", "dizziness", "pain-with-numbness"):
        assert _walk(flow, {flag}) == "soon", flag


def test_injury_and_breathing_are_asked_first() -> None:
    """The two signs that change what to do at once come before every other question."""
    flow = _real_site().flow.model
    order = [flow.start]
    while len(order) < 3:
        order.append(flow.questions[order[-1]].if_no)
    assert [flow.questions[q].red_flags for q in order[:2]] == [["numbness-after-head-neck-back-injury"], ["trouble-breathing"]]


def test_emergency_questions_name_a_time_frame() -> None:
    """Signs a person with a long-standing condition could always say Yes to are asked as new or sudden."""
    flow = _real_site().flow.model
    for qid in ("ask-fainting", "ask-confusion", "ask-movement-control", "ask-speech", "ask-weakness"):
        ask = flow.questions[qid].ask.lower()
        assert any(word in ask for word in ("suddenly", "newly", "new for you", "last few days")), qid
