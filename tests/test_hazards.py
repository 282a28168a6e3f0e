"""The hazard log (content/safety/hazards.yaml): the build holds the content to it, and its page sets it out."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import build_tree
from .test_errors import check

LOG = """title: How we keep this guide safe
intro: What could go wrong, and what the guide does about it.
hazards:
  - id: missed-slurred-speech
    hazard: A reader with slurred speech does not call for help
    cause: The reader misreads the question.
    effect: A stroke is treated late.
    before: {severity: catastrophic, likelihood: medium}
    after: {severity: catastrophic, likelihood: very low}
    missed_sign: slurred-speech
    justification: Harm from a missed stroke is always catastrophic.
    controls:
      - kind: flow-question
        id: ask-speech
        how: The checker asks about it first.
      - kind: cause
        id: toe-trouble
        how: The cause's page lists the sign.
reviewed: 2026-01-15
reviewed_by: Editorial team
"""
PATH = "content/safety/hazards.yaml"


def _write(tree: Path, text: str) -> None:
    (tree / "content/safety").mkdir(exist_ok=True)
    (tree / PATH).write_text(text, encoding="utf-8")


def test_a_controlled_log_passes_and_its_page_links_every_control(tree: Path, tmp_path: Path) -> None:
    """A valid log builds a "How we keep this guide safe" page in the navigation, each control linked and
    each risk in words, and no clinician named while none has approved it."""
    _write(tree, LOG)
    assert build_tree(tree, tmp_path) == 0
    page = (tmp_path / "site/safety/index.html").read_text(encoding="utf-8")
    assert "How we keep this guide safe</h1>" in page
    assert 'href="../check-your-symptoms/#q-ask-speech"' in page and 'href="../causes/toe-trouble/"' in page
    assert "catastrophic harm, medium likelihood: 4 of 5 (must be reduced)" in page
    assert "catastrophic harm, very low likelihood: 3 of 5" in page and "Why we accept it:" in page
    assert "Not yet reviewed by a clinician." in page and '"reviewedBy"' not in page
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert 'href="safety/"' in home  # in the navigation


def test_without_a_log_there_is_no_safety_page(tree: Path, tmp_path: Path) -> None:
    assert build_tree(tree, tmp_path) == 0
    assert not (tmp_path / "site/safety").exists()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "    controls:\n      - kind: flow-question\n        id: ask-speech\n        how: The checker asks about it first.\n"
            "      - kind: cause\n        id: toe-trouble\n        how: The cause's page lists the sign.\n",
            "",
            f"{PATH}:4:9: hazards[0].id: this hazard has no controls; list what in the guide reduces it under controls:",
            id="no-controls",
        ),
        pytest.param(
            "id: ask-speech",
            "id: ask-speach",
            f"{PATH}:14:13: hazards[0].controls[0].id: no flow-question has the id 'ask-speach'; did you mean 'ask-speech'?",
            id="dangling-control",
        ),
        pytest.param(
            "    justification: Harm from a missed stroke is always catastrophic.\n",
            "",
            f"{PATH}:9:5: hazards[0].after: the risk after controls is 3 of 5 (undesirable: accepted only with a "
            "justification); reduce it, or say why it is accepted under justification:",
            id="unjustified-residual-risk",
        ),
        pytest.param(
            "    missed_sign: slurred-speech\n",
            "    missed_sign: rash\n",
            f"{PATH}:10:18: hazards[0].missed_sign: 'rash' is a sign for urgent care, not an emergency sign",
            id="missed-sign-not-an-emergency",
        ),
        pytest.param(
            "    controls:",
            "    contrls:",
            f"{PATH}:12:5: hazards[0].contrls: unknown field 'contrls'; did you mean 'controls'?",
            id="misspelt-field",
        ),
    ],
)
def test_broken_logs_fail_at_their_line(
    tree: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    """Each broken rule stops the check at the hazard's file:line, with the fix."""
    assert old in LOG
    _write(tree, LOG.replace(old, new, 1))
    code, lines = check(tree, capsys)
    assert code == 1 and expected in lines, lines


def test_every_emergency_sign_needs_a_hazard_for_missing_it(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Adding an emergency sign without a 'missed' hazard fails, so the log grows with the signs."""
    _write(tree, LOG)
    (tree / "content/red_flags/rash.yaml").write_text(
        (tree / "content/red_flags/rash.yaml").read_text().replace("urgency: urgent", "urgency: emergency"))
    code, lines = check(tree, capsys)
    assert code == 1
    assert any("the emergency sign 'rash' has no hazard for missing it; add one with missed_sign: rash" in line for line in lines)


def test_the_checker_must_send_a_missed_sign_to_the_emergency_outcome(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The hazard of missing a sign is controlled only while 'Yes' to it ends at the emergency outcome."""
    _write(tree, LOG)
    flow = tree / "content/decision_flow.yaml"
    flow.write_text(flow.read_text().replace("    red_flags: [slurred-speech]\n    if_yes: emergency", "    red_flags: [slurred-speech]\n    if_yes: urgent"))
    code, lines = check(tree, capsys)
    assert code == 1
    assert any(line.startswith(f"{PATH}:10:18: hazards[0].missed_sign: 'Yes' to question 'ask-speech' can end somewhere other")
               for line in lines), lines


def test_a_broken_log_does_not_hide_other_errors_or_invent_new_ones(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One run reports a broken log and a broken page together, and a control naming the broken page is not
    reported again as missing."""
    _write(tree, LOG.replace("id: toe-trouble", "id: toe-trouble\n        colour: red", 1))
    cause = tree / "content/causes/toe-trouble.yaml"
    cause.write_text(cause.read_text().replace("onset: gradual", "onset: slowly"))
    code, lines = check(tree, capsys)
    assert code == 1
    assert any(line.startswith(f"{PATH}:") and "colour" in line for line in lines), lines
    assert any(line.startswith("content/causes/toe-trouble.yaml:") and "onset" in line for line in lines), lines

    _write(tree, LOG)
    code, lines = check(tree, capsys)
    assert code == 1 and not any(line.startswith(PATH) for line in lines), lines
