"""Editors' errors: each kind names file:line:column, the field, what is wrong and a fix."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synth import write_content
from generator.cli import main

from .conftest import ROOT

# Review dates are judged by this day, not the clock, so the fixture's pages are never due in these tests.
TODAY = "2026-06-01"


def check(tree: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    code = main(["check", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"),
                 "--today", TODAY, *extra])
    return code, capsys.readouterr().err.splitlines()


def edit(tree: Path, relative: str, old: str, new: str) -> None:
    path = tree / relative
    text = path.read_text()
    assert old in text, f"fixture {relative} lacks {old!r}"
    path.write_text(text.replace(old, new, 1))


CAUSE = "content/causes/toe-trouble.yaml"


def record(tree: Path, capsys: pytest.CaptureFixture[str], *page: str) -> None:
    """Say what changed, as an editor does after editing a page (`changed`), so only the tested advice is left."""
    assert main(["changed", *page, "Test edit.", "--content", str(tree / "content"), "--site-config",
                 str(tree / "site_config"), "--date", TODAY]) == 0
    capsys.readouterr()

# (file, text to replace, replacement, the exact error line expected)
CASES = {
    "unknown field with did-you-mean": (
        CAUSE, "group: nerves\n", "group: nerves\nalso_caled: [x]\n",
        f"{CAUSE}:4:1: also_caled: unknown field 'also_caled'; did you mean 'also_called'?",
    ),
    "duplicate key": (
        CAUSE, "onset: gradual\n", "onset: gradual\nonset: sudden\n",
        f"{CAUSE}:7:1: onset: duplicate key 'onset' (first at line 6); keep one and delete the other",
    ),
    "wrong type": (
        CAUSE, "tests: [blood-tests]", "tests: blood-tests",
        f"{CAUSE}:9:8: tests: expected a list (lines starting with '- '), got text",
    ),
    "unquoted No": (
        CAUSE, "name: Toe trouble", "name: No",
        f'{CAUSE}:1:7: name: YAML read the unquoted No as true/false, not text; put it in quotes: "No"',
    ),
    "empty required text": (
        CAUSE, "name: Toe trouble", 'name: ""',
        f"{CAUSE}:1:7: name: text is empty; write the text (this field is required)",
    ),
    "missing required field": (
        CAUSE, "sides: both\n", "",
        f"{CAUSE}:1:1: sides: this required field is missing; add it",
    ),
    "enum value with did-you-mean": (
        CAUSE, "group: nerves", "group: nervs",
        f"{CAUSE}:3:8: group: 'nervs' is not allowed; use one of: nerves, blood-vessels, spine, brain, immune, "
        "infection, nutrition, medicines, injury-cold, mental-health; did you mean 'nerves'?",
    ),
    "dangling red flag id": (
        CAUSE, "red_flags: [slurred-speech, rash]", "red_flags: [slurred-speech, rahs]",
        f"{CAUSE}:11:29: red_flags[1]: unknown red flag 'rahs'; did you mean 'rash'?",
    ),
    "id with its words swapped": (
        CAUSE, "red_flags: [slurred-speech, rash]", "red_flags: [speech-slurred, rash]",
        f"{CAUSE}:11:13: red_flags[0]: unknown red flag 'speech-slurred'; did you mean 'slurred-speech'?",
    ),
    "id with a word left out": (
        CAUSE, "tests: [blood-tests]", "tests: [blood]",
        f"{CAUSE}:9:9: tests[0]: unknown test 'blood'; did you mean 'blood-tests'?",
    ),
    "misspelled field of a decision-flow question": (
        "content/decision_flow.yaml", "if_no:", "if_noo:",
        "content/decision_flow.yaml:9:5: questions.ask-speech.if_noo: unknown field 'if_noo'; did you mean 'if_no'?",
    ),
    "dangling treatment id without a close match": (
        CAUSE, "treatments: [rest, socks]", "treatments: [rest, surgery]",
        f"{CAUSE}:10:20: treatments[1]: unknown treatment 'surgery'; add content/treatments/surgery.yaml or fix the id",
    ),
    "same id listed twice": (
        CAUSE, "treatments: [rest, socks]", "treatments: [rest, rest, socks]",
        f"{CAUSE}:10:20: treatments[1]: 'rest' is listed twice (first at line 10); remove one",
    ),
    # Case and spacing aside, the page would show the same words twice.
    "same symptom listed twice": (
        CAUSE, "other_symptoms: [Cold toes]", "other_symptoms:\n  - Cold toes\n  - \"cold  toes\"",
        f"{CAUSE}:10:5: other_symptoms[1]: 'cold  toes' is listed twice (first at line 9); remove one",
    ),
    "same other name listed twice": (
        CAUSE, "also_called: [TT]", "also_called: [TT, Toe pain, TT]",
        f"{CAUSE}:2:29: also_called[2]: 'TT' is listed twice (first at line 2); remove one",
    ),
    "old address in a folder the site does not have": (
        CAUSE, "reviewed_by: Dr Test\n", "reviewed_by: Dr Test\nmoved_from: [cause/toe-pain/]\n",
        f"{CAUSE}:14:14: moved_from[0]: 'cause/' is not a folder of the site's pages; did you mean 'causes'?",
    ),
    "old address that is still a page": (
        CAUSE, "reviewed_by: Dr Test\n", "reviewed_by: Dr Test\nmoved_from: [tests/blood-tests/]\n",
        f"{CAUSE}:14:14: moved_from[0]: 'tests/blood-tests/' is still the address of a page "
        "(content/tests/blood-tests.yaml); remove it here, or rename that file",
    ),
    "old address written as a full address": (
        CAUSE, "reviewed_by: Dr Test\n", "reviewed_by: Dr Test\nmoved_from: [https://example.org/test/causes/tt/]\n",
        f"{CAUSE}:14:14: moved_from[0]: write the address as it follows the site's address, without https:// "
        "or a leading /, like causes/old-name/",
    ),
    "unknown source in a citation marker": (
        CAUSE, "[^beta-paper]", "[^beta-papr]",
        f"{CAUSE}:4:39: summary: unknown source 'beta-papr'; did you mean 'beta-paper'?",
    ),
    "statement without a source": (
        CAUSE, "Toe trouble harms toe nerves.[^beta-paper]", "Toe trouble harms toe nerves.",
        f"{CAUSE}:4:10: summary: this statement has no source; end it with a citation such as [^nlm-numbness-tingling]",
    ),
    "bad date": (
        CAUSE, "reviewed: 2026-01-15", "reviewed: 2026-02-30",
        f"{CAUSE}:12:11: reviewed: '2026-02-30' is not a real date; expected a date like 2026-01-31",
    ),
    "field with nothing after the colon": (
        CAUSE, "name: Toe trouble", "name:",
        f"{CAUSE}:1:6: name: this field is empty; write its value after the colon",
    ),
    "unquoted on where a choice belongs": (
        "content/red_flags/rash.yaml", "urgency: urgent", "urgency: on",
        "content/red_flags/rash.yaml:2:10: urgency: 'on' is not allowed; use one of: emergency, urgent, soon; did you mean 'soon'?",
    ),
    "date in another format": (
        CAUSE, "reviewed: 2026-01-15", "reviewed: 15/01/2026",
        f"{CAUSE}:12:11: reviewed: '15/01/2026' is not a date written year-month-day; expected a date like 2026-01-31",
    ),
    "date as a bare number": (
        CAUSE, "reviewed: 2026-01-15", "reviewed: 20260115",
        f"{CAUSE}:12:11: reviewed: '20260115' is not a date written year-month-day; expected a date like 2026-01-31",
    ),
    "date with a time": (
        CAUSE, "reviewed: 2026-01-15", "reviewed: 2026-01-15 10:30:00",
        f"{CAUSE}:12:11: reviewed: '2026-01-15 10:30' has a time; write only the date, like 2026-01-31",
    ),
    "date with a time but no seconds (YAML keeps it text)": (
        CAUSE, "reviewed: 2026-01-15", "reviewed: 2026-01-15 10:30",
        f"{CAUSE}:12:11: reviewed: '2026-01-15 10:30' has a time; write only the date, like 2026-01-31",
    ),
    "placeholder left in": (
        CAUSE, "name: Toe trouble", "name: TODO",
        f"{CAUSE}:1:7: name: still says TODO; replace it (The name most readers know)",
    ),
    "placeholder spelt with an escape": (  # the file never says TODO, only its value does
        CAUSE, "name: Toe trouble", 'name: "\\x54ODO"',
        f"{CAUSE}:1:7: name: still says TODO; replace it (The name most readers know)",
    ),
    "placeholder in a choice": (
        CAUSE, "group: nerves", "group: TODO",
        f"{CAUSE}:3:8: group: still says TODO; replace it (Which family of causes it belongs to)",
    ),
    "address that is not https": (
        "site_config/site.yaml", "site_url: https://example.org/test/", "site_url: http://example.org/test/",
        "site_config/site.yaml:2:11: site_url: 'http://example.org/test/' is not an https address ending in '/'; "
        "write the site's full address with '/' at the end, like https://example.org/numb-feet/",
    ),
    "sentence added after the last source": (
        CAUSE, "summary: Toe trouble harms toe nerves.[^beta-paper]",
        "summary: Toe trouble harms toe nerves.[^beta-paper] Rest cures it.",
        f"{CAUSE}:4:53: summary: the last words ('Rest cures it.') have no source; end them with a citation such as "
        "[^nlm-numbness-tingling], or delete them",
    ),
    "': ' in a list item, which YAML reads as a field": (
        CAUSE, "other_symptoms: [Cold toes]", "other_symptoms:\n  - Cold toes: mostly at night",
        f"{CAUSE}:9:5: other_symptoms[0]: expected text, got fields; the ': ' made YAML read a field name, so put "
        'the whole text in quotes: "Cold toes: mostly at night"',
    ),
    "a list where one text belongs": (
        CAUSE, "name: Toe trouble", "name: [Toe trouble, TT]",
        f"{CAUSE}:1:7: name: expected text, got a list; write one text here, without [ ] and without lines "
        "starting with '- '",
    ),
    "text where fields belong": (
        "site_config/site.yaml", "reviewer:\n  name: Dr Test\n  role: GP\n", "reviewer: Dr Test\n",
        "site_config/site.yaml:6:11: reviewer: expected fields (name: value), got text; write the fields on the "
        "lines below, indented: name: ..., role: ...",
    ),
    "a number with a decimal point where a whole one belongs": (
        "site_config/site.yaml", "review_interval_days: 365", "review_interval_days: 365.5",
        "site_config/site.yaml:9:23: review_interval_days: expected a whole number, got a number; write it without "
        "a decimal point, like 365",
    ),
    "an empty list that needs an item": (
        CAUSE, "sources: [alpha-source]", "sources: []",
        f"{CAUSE}:14:10: sources: this list needs at least 1 item; add one",
    ),
    "an id in capitals or with an underscore": (
        CAUSE, "tests: [blood-tests]", "tests: [Blood_Tests]",
        f"{CAUSE}:9:9: tests[0]: 'Blood_Tests' is not an id; ids use lower-case letters, digits and single hyphens, "
        "like 'diabetic-neuropathy'; did you mean 'blood-tests'?",
    ),
    "a date where a name belongs": (
        CAUSE, "name: Toe trouble", "name: 2026-01-01",
        f'{CAUSE}:1:7: name: YAML read the unquoted 2026-01-01 as a date, not text; put it in quotes: "2026-01-01"',
    ),
    "a warning-sign question without its if_no": (
        "content/decision_flow.yaml", "    if_no: ask-rash\n", "",
        "content/decision_flow.yaml:6:5: questions.ask-speech: a warning-sign question needs red_flags, if_yes and "
        "if_no (and no answers), and if_no is missing; a choice question needs answers only",
    ),
    "note after plain text, which YAML drops": (
        CAUSE, "name: Toe trouble", "name: Toe trouble #1 in toes",
        f"{CAUSE}:1:7: name: YAML reads '#1 in toes' after this text as a note and leaves it out; if it belongs to the "
        'text, put the whole text in quotes, like "Toe trouble #1 in toes"; if it is a note, put it on a line of its own',
    ),
    "note after a list item of plain text": (
        CAUSE, "other_symptoms: [Cold toes]", 'other_symptoms:\n  - Toes feel "cold"   # says the patient',
        f"{CAUSE}:9:5: other_symptoms[0]: YAML reads '# says the patient' after this text as a note and leaves it out; "
        'if it belongs to the text, put the whole text in quotes, like "Toes feel \\"cold\\" # says the patient"; '
        "if it is a note, put it on a line of its own",
    ),
    "site address without its last slash": (  # page addresses on handouts would run into the site's
        "site_config/site.yaml", "site_url: https://example.org/test/", "site_url: https://example.org/test",
        "site_config/site.yaml:2:11: site_url: 'https://example.org/test' is not an https address ending in '/'; "
        "write the site's full address with '/' at the end, like https://example.org/numb-feet/",
    ),
    "language tag": (
        "site_config/site.yaml", "language: en", "language: English",
        "site_config/site.yaml:3:11: language: 'English' is not a language the theme has words for (its buttons and "
        "labels); write a code from Material for MkDocs' list, like en, es or pt-BR",
    ),
    # en-US passed the check and then stopped the build: "'partials/languages/en-US.html' not found".
    "language with a region the theme has no words for": (
        "site_config/site.yaml", "language: en", "language: en-US",
        "site_config/site.yaml:3:11: language: 'en-US' is not a language the theme has words for (its buttons and "
        "labels); write a code from Material for MkDocs' list, like en, es or pt-BR; did you mean 'en'?",
    ),
    "language in other capitals than the theme's": (
        "site_config/site.yaml", "language: en", "language: pt-br",
        "site_config/site.yaml:3:11: language: 'pt-br' is not a language the theme has words for (its buttons and "
        "labels); write a code from Material for MkDocs' list, like en, es or pt-BR; did you mean 'pt-BR'?",
    ),
    "number out of range": (
        "site_config/site.yaml", "review_interval_days: 365", "review_interval_days: 5",
        "site_config/site.yaml:9:23: review_interval_days: 5 is out of range; use a number of at least 30",
    ),
    "text where a number belongs": (
        "site_config/site.yaml", "review_interval_days: 365", "review_interval_days: a year",
        "site_config/site.yaml:9:23: review_interval_days: expected a whole number, got text",
    ),
    "tab indent": (
        CAUSE, "  - name: pregabalin", "\t- name: pregabalin",
        None,
    ),
    "invalid YAML": (
        CAUSE, "name: Toe trouble", "name: Toe: trouble",
        f"{CAUSE}:1:10: this is not valid YAML (mapping values are not allowed here); check the indenting and quote "
        "text that contains ': ' or starts with a quote, [ or {",
    ),
    "unsafe tag": (
        CAUSE, "name: Toe trouble", "name: !!python/object:os.system echo",
        f"{CAUSE}:1:7: name: the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; remove it and write plain text",
    ),
    "alias": (
        CAUSE, "also_called: [TT]", "also_called: &names [TT]\nother_symptoms_copy: *names",
        f"{CAUSE}:3:22: aliases (*name) are not allowed; write the value out in full",
    ),
    "DOI not bare": (
        "content/citations.yaml", "doi: 10.1000/feet.1", "doi: 10.1000%2Ffeet.1",
        "content/citations.yaml:17:10: sources[1].doi: write the bare DOI with a plain slash, like 10.1002/14651858.CD007393.pub4",
    ),
    "duplicate source id": (
        "content/citations.yaml", "  - id: beta-paper", "  - id: alpha-source",
        "content/citations.yaml:7:9: sources[1].id: duplicate source id 'alpha-source' (first at line 2); give each source its own id",
    ),
    "source nothing cites": (
        "content/citations.yaml", "sources:\n", "sources:\n  - id: gamma\n    kind: web\n    title: G\n    publisher: G Org\n",
        "content/citations.yaml:2:9: sources[0].id: source 'gamma' is not cited by any page; cite it or remove it",
    ),
    "outcome steps written as one text": (
        "content/decision_flow.yaml",
        "    steps:\n      - Do not drive yourself.[^alpha-source]\n      - Note the time it started.[^beta-paper]\n",
        "    steps: Do not drive yourself.[^alpha-source]\n",
        "content/decision_flow.yaml:28:12: outcomes.emergency.steps: expected a list (lines starting with '- '), got text",
    ),
    "an urgency that is not one of the three": (
        "content/red_flags/rash.yaml", "urgency: urgent", "urgency: later",
        "content/red_flags/rash.yaml:2:10: urgency: 'later' is not allowed; use one of: emergency, urgent, soon",
    ),
    "hard-coded emergency number": (
        CAUSE, "The nerves stop sending signals.", "If you cannot walk, call 999.",
        f"{CAUSE}:5:50: how_it_causes_numbness: write {{emergency_number}} instead of 999, so the number follows "
        "site_config/site.yaml",
    ),
    "unquoted emergency number": (
        "site_config/site.yaml", 'emergency_number: "999"', "emergency_number: 999",
        'site_config/site.yaml:4:19: emergency_number: YAML read the unquoted 999 as a number, not text; put it in quotes: "999"',
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_error_message(case: str, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each error kind gives one exact, actionable message and a non-zero exit."""
    relative, old, new, expected = CASES[case]
    if case == "tab indent":
        relative = "content/treatments/socks.yaml"
        expected = f"{relative}:5:1: a tab is used for indenting; use spaces instead"
    edit(tree, relative, old, new)
    code, lines = check(tree, capsys)
    assert code == 1
    assert expected in lines, "\n".join(lines)
    assert re.fullmatch(r"Check failed: \d+ errors?, 0 warnings in \d+ files?\.", lines[-1]), lines[-1]


def test_a_mistake_deep_in_a_long_text_is_reported_at_its_own_line(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In a text folded over many lines, each error points at the line and column of the words it is about,
    not at the field's first line: a typed number, a broken marker, and words added after the last source."""
    long_text = (
        "how_it_causes_numbness: >-\n"
        "  The nerves stop sending\n"
        "  signals.[^alpha-source] Call 999 if your feet go\n"
        "  numb all at once.[alpha-source] Feet\n"
        "  can hurt.[^alpha-source] Rest fixes\n"
        "  it.\n"
    )
    edit(tree, CAUSE, "how_it_causes_numbness: The nerves stop sending signals.[^alpha-source]\n", long_text)
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines[0] == (
        f"{CAUSE}:9:28: how_it_causes_numbness: the last words ('Rest fixes it.') have no source; end them with a "
        "citation such as [^nlm-numbness-tingling], or delete them"
    )
    edit(tree, CAUSE, " Rest fixes\n  it.\n", "\n")
    code, lines = check(tree, capsys)
    assert lines[:2] == [
        f"{CAUSE}:7:32: how_it_causes_numbness: write {{emergency_number}} instead of 999, so the number follows "
        "site_config/site.yaml",
        f"{CAUSE}:8:20: how_it_causes_numbness: '[alpha-source]' would show as typed: write [^alpha-source] to cite "
        "the source",
    ]


def test_markdown_html_and_line_breaks_are_warned_about_where_they_stand(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text is shown as typed: Markdown bold, a Markdown link, an HTML tag and a line break the page would
    not keep are each a warning at their own place (so `check --strict`, as in CI, fails on them)."""
    edit(tree, CAUSE, "summary: Toe trouble harms toe nerves.[^beta-paper]",
         "summary: >-\n  Toe trouble **harms** toe <em>nerves</em>.\n\n  See [this](https://example.org/).[^beta-paper]")
    code, lines = check(tree, capsys)
    assert code == 0
    assert lines[:4] == [
        f"{CAUSE}:5:15: summary: warning: '**harms**' shows with its ** marks: the site does not use Markdown; "
        "write the words without them",
        f"{CAUSE}:5:29: summary: warning: '<em>' shows as typed: a text is never HTML; take the tag out",
        f"{CAUSE}:7:3: summary: warning: this text has a line break, which the page does not keep (it shows as one "
        "paragraph); join the lines with '>-' and no blank line, or make each part an item of a list",
        f"{CAUSE}:7:7: summary: warning: '[this](https://example.org/)' shows as typed: link a page by its id "
        "(such as tests: [mri]) and put web addresses in content/citations.yaml",
    ]
    code, _ = check(tree, capsys, "--strict")
    assert code == 1


def test_a_note_after_an_id_a_choice_or_a_date_is_only_a_note(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """YAML's end-of-line notes stay allowed where no words of the editor's can be lost: after ids, choices,
    dates and numbers, and after quoted or folded text, whose '#' is part of the text."""
    edit(tree, CAUSE, "group: nerves", "group: nerves   # the family of causes")
    edit(tree, CAUSE, "tests: [blood-tests]", "tests:\n  - blood-tests # the first one")
    edit(tree, CAUSE, "reviewed: 2026-01-15", "reviewed: 2026-01-15 # by Dr Test")
    edit(tree, CAUSE, "also_called: [TT]", 'also_called: ["TT #2"]  # quoted')
    edit(tree, "site_config/site.yaml", "review_interval_days: 365", "review_interval_days: 365 # a year")
    code, lines = check(tree, capsys)
    assert code == 0, lines


def test_every_error_in_every_file_in_one_run(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Editors see all problems at once, then one summary line."""
    edit(tree, CAUSE, "group: nerves", "group: nervs")
    edit(tree, "content/red_flags/rash.yaml", "urgency: urgent", "urgency: urjent")
    edit(tree, "content/tests/blood-tests.yaml", "name: Blood tests", "nam: Blood tests")
    code, lines = check(tree, capsys)
    assert code == 1
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "content/causes/toe-trouble.yaml", "content/red_flags/rash.yaml",
        "content/tests/blood-tests.yaml",
    ]
    assert lines[-1] == "Check failed: 3 errors, 0 warnings in 3 files."


def test_two_pages_with_one_url(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cause whose id would overwrite a section page is refused."""
    (tree / "content/causes/index.yaml").write_text((tree / CAUSE).read_text())
    code, lines = check(tree, capsys)
    assert code == 1
    assert ("content/causes/index.yaml:1:1: would make the page causes/index.md, which the built-in page "
            "'Causes' also makes; rename this file") in lines


def test_bad_file_names(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """File names are ids; a .yml file or an unknown top-level file is pointed out."""
    (tree / "content/causes/Toe_Pain.yaml").write_text((tree / CAUSE).read_text())
    (tree / "content/tests/mri.yml").write_text("name: MRI\n")
    (tree / "content/redflags").mkdir()
    code, lines = check(tree, capsys)
    assert code == 1
    assert ("content/causes/Toe_Pain.yaml:1:1: file name 'Toe_Pain.yaml' is not a valid id; rename it to "
            "'toe-pain.yaml' (lower-case letters, digits and single hyphens)") in lines
    assert "content/tests/mri.yml:1:1: only .yaml files belong in tests/; rename it to mri.yaml" in lines
    assert "content/redflags:1:1: is not a known content file or folder; did you mean 'red_flags'?" in lines


def test_byte_order_mark_and_non_utf8(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Encoding traps get a message an editor can act on."""
    (tree / "content/red_flags/rash.yaml").write_bytes(b"\xef\xbb\xbf" + (tree / "content/red_flags/rash.yaml").read_bytes())
    (tree / "content/tests/blood-tests.yaml").write_bytes(b"name: Blood \xe9tests\n")
    code, lines = check(tree, capsys)
    assert code == 1
    assert "content/red_flags/rash.yaml:1:1: file starts with a byte-order mark; save it as UTF-8 without BOM" in lines
    assert "content/tests/blood-tests.yaml:1:1: text is not UTF-8; save the file as UTF-8" in lines


def test_empty_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "content/red_flags/rash.yaml").write_text("# nothing yet\n")
    code, lines = check(tree, capsys)
    assert code == 1
    assert "content/red_flags/rash.yaml:1:1: file is empty; fill it in or delete it" in lines


def test_five_mistakes_in_one_file_are_all_reported(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A repeated key does not hide the file's other mistakes: one run lists all five, in line order."""
    edit(tree, CAUSE, "also_called: [TT]", "also_called: [TT, No]")
    edit(tree, CAUSE, "group: nerves", "group: nervs")
    edit(tree, CAUSE, "onset: gradual\n", "onset: gradual\nonset: sudden\n")
    edit(tree, CAUSE, "tests: [blood-tests]", "tests: blood-tests")
    edit(tree, CAUSE, "reviewed: 2026-01-15", "reviewed: 15/01/2026")
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines == [
        f'{CAUSE}:2:19: also_called[1]: YAML read the unquoted No as true/false, not text; put it in quotes: "No"',
        f"{CAUSE}:3:8: group: 'nervs' is not allowed; use one of: nerves, blood-vessels, spine, brain, immune, "
        "infection, nutrition, medicines, injury-cold, mental-health; did you mean 'nerves'?",
        f"{CAUSE}:7:1: onset: duplicate key 'onset' (first at line 6); keep one and delete the other",
        f"{CAUSE}:10:8: tests: expected a list (lines starting with '- '), got text",
        f"{CAUSE}:13:11: reviewed: '15/01/2026' is not a date written year-month-day; expected a date like 2026-01-31",
        "Check failed: 5 errors, 0 warnings in 1 file.",
    ]


# Reads a library with `jobs` processes and prints, as JSON, what came back (or the error report)
# and the processes that read entity files.
_READ_IN_PROCESSES = """
import json, os, sys
from pathlib import Path
from generator.content import validate
from generator.content.errors import ContentErrors
root, jobs, pids = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
read = validate._read_keyed  # what every file's read goes through
def reading(path, *args, **kwargs):
    with pids.open("a") as out:
        out.write(f"{os.getpid()}\\n")
    return read(path, *args, **kwargs)
validate._read_keyed = reading
try:
    content = validate.validate_content(root / "content", root / "site_config", jobs)
    print(json.dumps([[folder, e.id, e.model.model_dump(mode="json"), sorted(map(str, e.doc.positions.items()))]
                      for folder, loaded in content.entities.items() for e in loaded]))
    print(f"kept for the next read: {len(validate._LOADED)}")  # serving reads only edited files again
except ContentErrors as exc:
    print(exc.report())
"""


def test_files_read_by_several_processes_give_what_one_process_gives(tmp_path: Path) -> None:
    """A library read by forked processes gives the same models with the same positions, in the same
    order, the same files kept for the next read, and with broken files in every share the same
    errors, as one process reading it all."""
    write_content(tmp_path, 40, seed=3)

    def read(jobs: int) -> tuple[str, int]:
        pids = tmp_path / f"pids-{jobs}"
        pids.unlink(missing_ok=True)
        result = subprocess.run([sys.executable, "-c", _READ_IN_PROCESSES, str(tmp_path), str(jobs), str(pids)],
                                cwd=ROOT, capture_output=True, text=True, check=True)
        return result.stdout, len(set(pids.read_text().split()))

    def first_difference(a: str, b: str) -> str:
        # Not pytest's own diff of two long texts, which takes minutes.
        return next((f"line {n}: {x[:300]!r} != {y[:300]!r}" for n, (x, y) in enumerate(zip(a.split("], ["), b.split("], ["), strict=False)) if x != y), "")

    (one, one_reader), (three, readers) = read(1), read(3)
    assert one_reader == 1 and readers == 3, "three processes read files"
    same = one == three
    assert same, first_difference(one, three)
    assert one.count('"causes"') == 40 and "kept for the next read: " in one
    causes = sorted((tmp_path / "content" / "causes").glob("*.yaml"))
    for path in causes[:6]:  # shares are dealt out in turn, so every share gets broken files
        path.write_text(path.read_text() + "extra_field: 1\n")
    causes[6].write_text("name: [unclosed\n")
    (one, _), (three, _) = read(1), read(3)
    same = one == three
    assert same, first_difference(one, three)
    assert one.count("unknown field 'extra_field'") == 6 and causes[6].name in one


_UNREADABLE_IN_A_SHARE = """
import sys
from pathlib import Path
from generator.content import validate
root, name = Path(sys.argv[1]), sys.argv[2]
load = validate.load_document
def loading(path, display):
    if path.name == name:
        raise PermissionError(13, "Permission denied", str(path))
    return load(path, display)
validate.load_document = loading
try:
    validate.validate_content(root / "content", root / "site_config", 3)
except PermissionError as exc:
    print(f"PermissionError {exc.filename}")
"""


def test_a_file_no_process_can_read_is_reported_as_in_one_process(tmp_path: Path) -> None:
    """A file that cannot be opened raises the same OSError (which the command line reports with the
    file's name) whichever forked process read it, not a share's traceback."""
    write_content(tmp_path, 12, seed=3)
    # The second and third files fall in the second and third shares.
    for path in sorted((tmp_path / "content" / "causes").glob("*.yaml"))[1:3]:
        result = subprocess.run([sys.executable, "-c", _UNREADABLE_IN_A_SHARE, str(tmp_path), path.name],
                                cwd=ROOT, capture_output=True, text=True)
        assert result.stdout.strip() == f"PermissionError {path}", result.stderr[-2000:]


def test_field_errors_and_broken_references_come_in_one_run(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A field mistake in one file does not hide a broken reference in another, and the broken file's id
    is not reported again as unknown where the flow and the cause name it: one run, every real error."""
    edit(tree, "content/red_flags/rash.yaml", "urgency: urgent\n", "urgency: urgent\ncolour: red\n")
    edit(tree, CAUSE, "treatments: [rest, socks]", "treatments: [rest, socks, bogus]")
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines == [
        f"{CAUSE}:10:27: treatments[2]: unknown treatment 'bogus'; add content/treatments/bogus.yaml or fix the id",
        "content/red_flags/rash.yaml:3:1: colour: unknown field 'colour'; "
        "allowed fields: sign, urgency, why, moved_from, changes, reviewed, reviewed_by, sources",
        "Check failed: 2 errors, 0 warnings in 2 files.",
    ]


def test_build_reports_field_errors_and_broken_references_together(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The build, like check, lists both kinds of error before writing nothing."""
    edit(tree, "content/red_flags/rash.yaml", "urgency: urgent\n", "urgency: urgent\ncolour: red\n")
    edit(tree, CAUSE, "tests: [blood-tests]", "tests: [blood-test]")
    out = tree.parent / "out"
    code = main(["build", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"),
                 "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site")])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert [line.split(": ", 1)[0] for line in err[:-1]] == [f"{CAUSE}:9:9", "content/red_flags/rash.yaml:3:1"]
    assert "unknown test 'blood-test'; did you mean 'blood-tests'?" in err[0]
    assert not out.exists()


def test_a_misspelt_required_field_is_one_error_with_the_right_name(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'sumary:' for the required 'summary:' is one mistake: one line at the misspelt key, not 'missing' too."""
    edit(tree, CAUSE, "summary:", "sumary:")
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines[:-1] == [
        f"{CAUSE}:4:1: sumary: unknown field 'sumary'; did you mean 'summary'? (a required field, so it counts as missing)"
    ]


def test_a_source_id_with_the_emergency_number_in_it_is_not_a_typed_number(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'[^nhs-call-999]' names a source: only the number typed in the words asks for {emergency_number}."""
    edit(tree, "content/citations.yaml", "id: alpha-source", "id: nhs-call-999")
    for path in (tree / "content").rglob("*.yaml"):
        path.write_text(path.read_text().replace("alpha-source", "nhs-call-999"))
    code, lines = check(tree, capsys)
    assert code == 0, lines
    edit(tree, CAUSE, "The nerves stop sending signals.", "If you cannot walk, call 999.")
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines[0] == (f"{CAUSE}:5:50: how_it_causes_numbness: write {{emergency_number}} instead of 999, so the number "
                        "follows site_config/site.yaml")


def test_a_figure_or_a_study_needs_a_source_right_after_it(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sentence with a figure or a study is a claim readers may check: in a cited text it ends with its
    own marker (a marker two sentences later is not enough); in a text without sources it is refused.
    Warnings, so --strict (CI) fails on them."""
    edit(tree, CAUSE, "how_it_causes_numbness: The nerves stop sending signals.",
         "how_it_causes_numbness: About 1 in 4 people get it. The nerves stop sending signals.")
    edit(tree, "content/decision_flow.yaml", "help: Any new red spots count.",
         "help: Any new red spots count. A study found that 30% of people miss them.")
    # Claims are warnings, so `changed` still writes; it records the edits.
    record(tree, capsys, "cause", "toe-trouble")
    record(tree, capsys, "decision-flow")
    code, lines = check(tree, capsys)
    assert code == 0
    assert lines == [
        f"{CAUSE}:5:31: how_it_causes_numbness: warning: '1 in 4' states a fact a reader may check, with no source "
        "right after it; end this sentence with its own source",
        "content/decision_flow.yaml:12:36: questions.ask-rash.help: warning: 'A study' states a fact a reader may "
        "check, with no source right after it; this field takes no sources, so move the claim to a text that cites one",
        "Check passed: 0 errors, 2 warnings in 2 files; 16 pages, 2 sources; 0 of 8 pages approved by a clinician.",
    ]
    assert check(tree, capsys, "--strict")[0] == 1
    edit(tree, CAUSE, "About 1 in 4 people get it.", "About 1 in 4 people get it.[^alpha-source]")
    # Not claims: a dose, a test's name, a review of one's own medicines.
    edit(tree, "content/decision_flow.yaml", " A study found that 30% of people miss them.",
         " Look 2 times a day. Nerve conduction studies can help. Ask for a review of your medicines.")
    record(tree, capsys, "cause", "toe-trouble")
    record(tree, capsys, "decision-flow")
    code, lines = check(tree, capsys, "--strict")
    assert code == 0, lines


def test_a_misspelt_required_field_is_named_even_when_a_closer_field_exists(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'reviewed-by:' beside an existing 'reviewed:' means the missing 'reviewed_by', not 'reviewed'."""
    edit(tree, CAUSE, "reviewed_by:", "reviewed-by:")
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines[:-1] == [
        f"{CAUSE}:13:1: reviewed-by: unknown field 'reviewed-by'; did you mean 'reviewed_by'? "
        "(a required field, so it counts as missing)"
    ]
