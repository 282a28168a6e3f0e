"""`python -m generator new`: a commented starting file that check refuses until every TODO is filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.editor.invocation import generator_command
from generator.editor.scaffold import KINDS

from .test_errors import TODAY, record

# What an editor would write in place of each TODO, by field.
FILLED = {
    "name": "Foot cramp",
    "sign": "Your foot cramps for hours",
    "group": "nerves",
    "onset": "sudden",
    "sides": "one",
    "urgency": "urgent",
    "kind": "home-care",
    "summary": "A cramp is a sudden tight muscle.[^alpha-source]",
    "how_it_causes_numbness": "A tight muscle can press on a nerve.[^alpha-source]",
    "why": "A long cramp can hide a nerve problem.[^alpha-source]",
    "what_happens": "A nurse looks at your foot.[^alpha-source]",
    "what_it_can_show": "It can show a pressed nerve.[^alpha-source]",
    "reviewed": "2026-05-01",
    "reviewed_by": "Dr Test",
    "sources": "alpha-source",
}


def new(tree: Path, *args: str) -> int:
    return main(["new", *args, "--content", str(tree / "content")])


def check(tree: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["check", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"), "--today", TODAY])
    captured = capsys.readouterr()
    return code, (captured.err or captured.out).splitlines()


def fill(text: str) -> str:
    """Replace each TODO with the value for its field, as an editor would."""
    out, field = [], ""
    for line in text.splitlines():
        if line and not line.startswith(("#", " ")):
            field = line.split(":")[0]
        if "TODO" in line and not line.startswith("#"):
            line = line.replace("TODO", FILLED[field])
        out.append(line)
    return "\n".join(out) + "\n"


def test_new_cause_file_and_next_steps(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The file names its schema, explains each field in comments, and the command lists what to fill in."""
    assert new(tree, "cause", "foot-cramp") == 0
    printed = capsys.readouterr().out.splitlines()
    text = (tree / "content/causes/foot-cramp.yaml").read_text()
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schema/cause.schema.json"
    assert "# Which family of causes it belongs to." in lines
    assert lines[13:16] == [
        "# One of: nerves, blood-vessels, spine, brain, immune, infection, nutrition, medicines,",
        "# injury-cold, mental-health.",
        "group: TODO",
    ]
    assert "# Ids you can use: rest, socks." in lines
    assert printed[0] == "Created content/causes/foot-cramp.yaml. Next:"
    assert printed[2:11] == [
        "       line 7: name", "       line 16: group", "       line 20: summary",
        "       line 25: how_it_causes_numbness", "       line 30: onset", "       line 34: sides",
        "       line 67: reviewed", "       line 70: reviewed_by", "       line 73: sources",
    ]
    command = generator_command()
    assert printed[-3:] == [
        f"  2. Check it: {command} check",
        f'  3. Start its page history: {command} changed cause foot-cramp "First published."',
        f"  4. Preview it: {command} serve",
    ]


def test_unfilled_file_fails_check_at_each_placeholder(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new page cannot be published half-written: check names every TODO by line and says what goes there."""
    new(tree, "cause", "foot-cramp")
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines[:3] == [
        "content/causes/foot-cramp.yaml:7:7: name: still says TODO; replace it (The name most readers know)",
        "content/causes/foot-cramp.yaml:16:8: group: still says TODO; replace it (Which family of causes it belongs to)",
        "content/causes/foot-cramp.yaml:20:10: summary: still says TODO; replace it (One or two sentences: what it is)",
    ]
    assert len(lines) == 10 and all("still says TODO" in line for line in lines[:-1])
    assert lines[-1] == "Check failed: 9 errors, 0 warnings in 1 file."


@pytest.mark.parametrize("kind", KINDS)
def test_filled_in_file_passes_check(kind: str, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every kind's starting file is valid once its TODOs are replaced: the comments and layout never get in the way."""
    assert new(tree, kind, "foot-cramp") == 0
    folder = {"cause": "causes", "red-flag": "red_flags", "treatment": "treatments", "test": "tests"}[kind]
    path = tree / "content" / folder / "foot-cramp.yaml"
    path.write_text(fill(path.read_text()))
    if kind == "red-flag":
        # As `new` says: every warning sign is asked in the decision flow.
        flow = tree / "content/decision_flow.yaml"
        flow.write_text(flow.read_text().replace("    if_no: ask-cause\n", (
            "    if_no: ask-foot-cramp\n  ask-foot-cramp:\n    ask: Does your foot cramp for hours?\n"
            "    red_flags: [foot-cramp]\n    if_yes: urgent\n    if_no: ask-cause\n"), 1))
        record(tree, capsys, "decision-flow")
    code, lines = check(tree, capsys)
    # As `new` says, once it is filled in: start its history.
    assert lines[0].startswith(f"content/{folder}/foot-cramp.yaml:") and lines[0].endswith(
        f': warning: this page has no history yet; add its first entry (run: {generator_command()} changed {kind} '
        'foot-cramp "WHAT CHANGED, IN ONE LINE"), so readers see when it last changed'
    ), "\n".join(lines)
    assert lines[1:] == ["Check passed: 0 errors, 1 warning in 1 file; 17 pages, 2 sources; 0 of 9 pages approved by a clinician."]
    assert main(["changed", kind, "foot-cramp", "First published.", "--content", str(tree / "content"),
                 "--site-config", str(tree / "site_config"), "--date", "2026-05-01"]) == 0
    code, lines = check(tree, capsys)
    assert (code, lines[-1]) == (0, "Check passed: 0 errors, 0 warnings; 17 pages, 2 sources; 0 of 9 pages approved by a clinician.")
    entry = r'\nchanges:\n  - date: 2026-05-01\n    what: "First published."\n    fingerprint: "[0-9a-f]{12}"\n$'
    assert re.search(entry, path.read_text())


def test_refuses_to_overwrite_and_checks_the_id(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An existing page is never replaced; an id that is not kebab-case gets a suggestion."""
    before = (tree / "content/causes/toe-trouble.yaml").read_text()
    assert new(tree, "cause", "toe-trouble") == 1
    assert capsys.readouterr().out == (
        "content/causes/toe-trouble.yaml: content/causes/toe-trouble.yaml already exists; edit it, or choose another id\n"
    )
    assert (tree / "content/causes/toe-trouble.yaml").read_text() == before
    assert new(tree, "red-flag", "Foot Cramp!") == 1
    assert capsys.readouterr().out == (
        "content/red_flags/Foot Cramp!.yaml: 'Foot Cramp!' is not a valid id; ids use lower-case letters, digits and "
        "single hyphens, like 'foot-cramp'\n"
    )
    assert new(tree, "test", "index") == 1
    assert capsys.readouterr().out == "content/tests/index.yaml: 'index' is the name of the section page; choose another id\n"
    assert not re.search(r"Foot|index", " ".join(p.name for p in (tree / "content").rglob("*.yaml")))
