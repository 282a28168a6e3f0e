"""`check` for editors and CI: warnings vs errors, --strict, GitHub annotations, review dates, reading level."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

from .test_errors import CAUSE, TODAY, edit, record

HARD = (
    "Peripheral neuropathic degeneration compromises sensory transmission, diminishing proprioceptive awareness "
    "considerably."
)
READING_WARNING = (
    f"{CAUSE}:5:25: how_it_causes_numbness: warning: reads at grade 26.9, above the budget of 8; use shorter sentences "
    "and everyday words, starting with:"
)
OVERDUE = (
    f"{CAUSE}:12:11: reviewed: warning: review overdue by 151 days: causes/toe-trouble/ was due on 2026-01-01 "
    "(last reviewed 2025-01-01 by Dr Test); ask a clinician to check the page, then set reviewed and reviewed_by"
)
DUE_SOON = (
    "content/red_flags/rash.yaml:4:11: reviewed: notice: review due in 19 days: warning-signs/rash/ is due on "
    "2026-06-20 (last reviewed 2025-06-20 by Dr Test); plan the review"
)


def run(tree: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str], list[str]]:
    code = main(["check", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"), *extra])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def make_review_dates_due(tree: Path) -> None:
    """Toe trouble overdue since 2026-01-01; the rash page due on 2026-06-20 (19 days after TODAY)."""
    edit(tree, CAUSE, "reviewed: 2026-01-15", "reviewed: 2025-01-01")
    edit(tree, "content/red_flags/rash.yaml", "reviewed: 2026-01-15", "reviewed: 2025-06-20")


def test_clean_content_passes_with_a_summary(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Valid content: exit 0 and one closing line with the counts, on standard output."""
    code, out, err = run(tree, capsys, "--today", TODAY, "--strict")
    assert (code, out, err) == (0, ["Check passed: 0 errors, 0 warnings; 16 pages, 2 sources; 0 of 8 pages approved by a clinician."], [])


def test_review_dates_warn_then_fail_under_strict(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Overdue is a warning (an error with --strict); due soon is a notice that never fails; both name page and reviewer."""
    make_review_dates_due(tree)
    code, _, err = run(tree, capsys, "--today", TODAY)
    assert code == 0
    assert err == [OVERDUE, DUE_SOON, "Check passed: 0 errors, 1 warning, 1 notice in 2 files; 16 pages, 2 sources; 0 of 8 pages approved by a clinician."]

    code, _, err = run(tree, capsys, "--today", TODAY, "--strict")
    assert code == 1
    assert err == [
        OVERDUE.replace("reviewed: warning: ", "reviewed: "),
        DUE_SOON,
        "Check failed: 1 error, 0 warnings, 1 notice in 2 files (--strict: warnings count as errors).",
    ]


def test_a_review_date_after_today_is_an_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A review date still to come (a typo in the year) fails even without --strict: it would switch the
    reminders off for years."""
    edit(tree, CAUSE, "reviewed: 2026-01-15", "reviewed: 2126-01-15")
    code, _, err = run(tree, capsys, "--today", TODAY)
    assert code == 1
    assert err[0] == (
        f"{CAUSE}:12:11: reviewed: reviewed is 2126-01-15, a day still to come (today is {TODAY}); "
        "write the day a clinician last checked the page"
    )
    _, _, err = run(tree, capsys, "--today", "2126-01-14")  # a day's grace: CI's clock may be behind the editor's
    assert not any("still to come" in line for line in err)


def test_review_warning_days_comes_from_site_config(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With review_warning_days: 10, a page due in 19 days gets no reminder yet; on its due day it does."""
    make_review_dates_due(tree)
    (tree / "site_config/site.yaml").write_text((tree / "site_config/site.yaml").read_text() + "review_warning_days: 10\n")
    _, _, err = run(tree, capsys, "--today", TODAY)
    assert DUE_SOON not in err
    _, _, err = run(tree, capsys, "--today", "2026-06-20")
    assert DUE_SOON.replace("due in 19 days", "due today") in err


def test_reading_level_over_budget_is_a_warning_listing_the_hardest_sentence(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field above reading_grade_budget is a warning naming its hardest sentences; --strict fails on it."""
    edit(tree, CAUSE, "The nerves stop sending signals.", f"{HARD} Nerves stop working.")
    record(tree, capsys, "cause", "toe-trouble")
    code, _, err = run(tree, capsys, "--today", TODAY)
    assert code == 0
    assert err[:2] == [READING_WARNING, f'    grade 35.5: "{HARD}"']
    assert err[-1] == "Check passed: 0 errors, 1 warning in 1 file; 16 pages, 2 sources; 0 of 8 pages approved by a clinician."
    code, _, err = run(tree, capsys, "--today", TODAY, "--strict")
    assert code == 1
    assert err[0] == READING_WARNING.replace(": warning: ", ": ")


def test_citation_markers_and_emergency_number_are_not_scored(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """[^source] markers and {emergency_number} are not words a reader reads: they never raise the grade."""
    plain = "Your feet can feel numb. Then you may not feel a cut. Call {emergency_number} if you cannot walk."
    edit(tree, CAUSE, "The nerves stop sending signals.[^alpha-source]", plain.replace(".", ".[^alpha-source]", 1) + "[^alpha-source]")
    main(["readability", "--content", str(tree / "content"), "--site-config", str(tree / "site_config")])
    rows = [line for line in capsys.readouterr().out.splitlines() if "how_it_causes_numbness" in line]
    # 17 words: the marker and the placeholder are not counted; the grade is textstat's for the words alone.
    assert [row.split() for row in rows] == [["-0.9", "17", "ok", f"{CAUSE}:5:25", "how_it_causes_numbness"]]


def test_readability_table_is_worst_first(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`readability` prints every reader-facing field, hardest first, with a closing count."""
    edit(tree, CAUSE, "The nerves stop sending signals.", f"{HARD} Nerves stop working.")
    code = main(["readability", "--content", str(tree / "content"), "--site-config", str(tree / "site_config")])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0].split() == ["grade", "words", "status", "where", "field"]
    assert lines[1].split() == ["26.9", "13", "over", f"{CAUSE}:5:25", "how_it_causes_numbness"]
    grades = [float(line.split()[0]) for line in lines[1:-1]]
    # 24 texts of the pages, the 8 lines of their histories, and the publisher's funding and conflicts.
    assert grades == sorted(grades, reverse=True) and len(grades) == 34
    assert lines[-1] == (
        "34 fields; 1 above the budget of grade 8 (fields under 10 words are too short to judge)."
    )


def test_github_annotations(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format github prints one annotation per problem on standard output, newlines escaped, then the summary."""
    edit(tree, CAUSE, "group: nerves", "group: nervs")
    code, out, err = run(tree, capsys, "--today", TODAY, "--format", "github")
    assert code == 1 and err == []
    assert out == [
        f"::error file={CAUSE},line=3,col=8,title=group::'nervs' is not allowed; use one of: nerves, blood-vessels, "
        "spine, brain, immune, infection, nutrition, medicines, injury-cold, mental-health; did you mean 'nerves'?",
        "Check failed: 1 error, 0 warnings in 1 file.",
    ]


def test_github_annotations_for_warnings_and_notices(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings become ::warning (or ::error with --strict) and reminders ::notice, so they show on the PR's lines."""
    make_review_dates_due(tree)
    edit(tree, CAUSE, "The nerves stop sending signals.", f"{HARD} Nerves stop working.")
    record(tree, capsys, "cause", "toe-trouble")
    code, out, _ = run(tree, capsys, "--today", TODAY, "--format", "github")
    assert code == 0
    assert out[0] == (
        f"::warning file={CAUSE},line=5,col=25,title=how_it_causes_numbness::reads at grade 26.9, above the budget of 8; "
        f'use shorter sentences and everyday words, starting with:%0A    grade 35.5: "{HARD}"'
    )
    assert out[1].startswith(f"::warning file={CAUSE},line=12,col=11,title=reviewed::review overdue by 151 days")
    assert out[2].startswith("::notice file=content/red_flags/rash.yaml,line=4,col=11,title=reviewed::review due in 19 days")
    code, out, _ = run(tree, capsys, "--today", TODAY, "--format", "github", "--strict")
    assert code == 1
    assert [line.split(" ")[0] for line in out[:3]] == ["::error", "::error", "::notice"]


def test_real_content_passes_strict_check(capsys: pytest.CaptureFixture[str]) -> None:
    """The published content meets every rule CI applies: no errors, nothing above the reading budget.
    (Review dates are judged on a fixed day here; CI's own `check --strict` judges them on the real date.)"""
    code = main(["check", "--strict", "--today", "2026-12-02"])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert captured.out.startswith("Check passed: 0 errors, 0 warnings; ")
