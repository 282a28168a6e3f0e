"""Clinical sign-off tied to what was signed, page histories, and what every page tells a reader about us."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.cli import main
from generator.content.site_address import SITE_URL_ENV
from generator.editor.invocation import generator_command

from .conftest import build_tree
from .corpus import visible_text
from .test_errors import CAUSE, TODAY, check, edit

APPROVALS = "content/safety/approvals.yaml"


@pytest.fixture(autouse=True)
def _no_published_address() -> Iterator[None]:
    """`build --site-url` sets the address for the rest of the process: put it back for the other tests."""
    os.environ.pop(SITE_URL_ENV, None)
    yield
    os.environ.pop(SITE_URL_ENV, None)


def _command(tree: Path, *args: str) -> int:
    return main([*args, "--content", str(tree / "content"), "--site-config", str(tree / "site_config")])


def _approve(tree: Path, *page: str, by: str = "Dr Ana Ruiz, GP (GMC 1234567)") -> int:
    return _command(tree, "approve", *page, "--by", by, "--date", "2026-05-20")


def _json_ld(page_html: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(page_html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    return data


def _cause_page(out: Path) -> str:
    return (out / "site/causes/toe-trouble/index.html").read_text(encoding="utf-8")


def test_an_approval_shows_until_the_page_changes(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Approved: the page and its JSON-LD name the clinician. Edited afterwards: check warns at the page's
    file:line (so --strict fails), and the page says "Not yet reviewed by a clinician", naming nobody."""
    assert _approve(tree, "cause", "toe-trouble") == 0
    assert "Approved cause toe-trouble" in capsys.readouterr().out
    assert check(tree, capsys, "--strict")[0] == 0
    out = tmp_path / "out"
    assert build_tree(tree, out) == 0
    capsys.readouterr()
    page = _cause_page(out)
    assert "Approved by Dr Ana Ruiz, GP (GMC 1234567) on May 20, 2026." in visible_text(page)
    assert "Not yet reviewed by a clinician" not in visible_text(page)
    data = _json_ld(page)
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr Ana Ruiz", "jobTitle": "GP (GMC 1234567)"}
    assert data["lastReviewed"] == "2026-05-20"
    api = json.loads((out / "site/api/causes/toe-trouble.json").read_text())
    assert api["clinicalApproval"] == {"by": "Dr Ana Ruiz", "role": "GP (GMC 1234567)", "date": "2026-05-20"}
    assert api["editorialReview"] == {"date": "2026-01-15", "by": "Dr Test"}
    other = (out / "site/warning-signs/rash/index.html").read_text(encoding="utf-8")
    assert "Not yet reviewed by a clinician." in visible_text(other) and "reviewedBy" not in other

    edit(tree, CAUSE, "The nerves stop sending signals.", "The nerves stop sending signals to the brain.")
    code, lines = check(tree, capsys)
    assert code == 0
    assert lines[0] == (
        f"{CAUSE}:1:1: warning: the page's text changed since Dr Ana Ruiz approved it on 2026-05-20 ({APPROVALS} entry 1), "
        "so it now says 'Not yet reviewed by a clinician'; ask a clinician to check it again, then run: "
        f'{generator_command()} approve cause toe-trouble --by "NAME, ROLE"'
    )
    assert check(tree, capsys, "--strict")[0] == 1
    assert build_tree(tree, out) == 0
    page = _cause_page(out)
    assert "Not yet reviewed by a clinician." in visible_text(page)
    assert "Ana Ruiz" not in page and "reviewedBy" not in page and "lastReviewed" not in page
    assert json.loads((out / "site/api/causes/toe-trouble.json").read_text())["clinicalApproval"] is None


def test_approve_names_the_page_and_the_clinician_or_writes_nothing(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped id gets a did-you-mean; --by needs a name and a role; a single page takes no id."""
    assert _approve(tree, "cause", "toe-truble") == 2
    assert capsys.readouterr().err == "error: no cause has the id 'toe-truble'; did you mean 'toe-trouble'?; nothing was approved\n"
    assert _approve(tree, "cause", "toe-trouble", by="Dr Ana Ruiz") == 2
    assert 'write --by "NAME, ROLE"' in capsys.readouterr().err
    assert _approve(tree, "topic", "home") == 2
    assert "topic is a single page: name no id" in capsys.readouterr().err
    assert not (tree / APPROVALS).exists()
    assert _approve(tree, "topic") == 0 and _approve(tree, "red-flag", "rash") == 0
    text = (tree / APPROVALS).read_text()
    assert text.count("  - kind: ") == 2 and text.index("kind: topic") < text.index("kind: red-flag")


def test_a_broken_approvals_file_fails_at_its_line(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped field or an id no page has is a file:line error with a did-you-mean, never a traceback."""
    (tree / "content/safety").mkdir()
    (tree / APPROVALS).write_text(
        "approvals:\n"
        "  - kind: cause\n    id: toe-trubble\n    by: Dr A\n    role: GP\n    date: 2026-05-01\n    fingerprint: \"0123456789ab\"\n"
        "  - kind: topic\n    by: Dr A\n    rol: GP\n    date: 2026-05-01\n    fingerprint: \"0123456789ab\"\n"
    )
    code, lines = check(tree, capsys)
    assert code == 1
    assert f"{APPROVALS}:10:5: approvals[1].rol: unknown field 'rol'; did you mean 'role'? (a required field, so it counts as missing)" in lines
    (tree / APPROVALS).write_text((tree / APPROVALS).read_text().replace("rol: GP", "role: GP"))
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines[0] == f"{APPROVALS}:3:9: approvals[0].id: no cause page has the id 'toe-trubble'; did you mean 'toe-trouble'?"


def test_changed_adds_an_entry_on_top_and_keeps_the_file_as_written(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`changed` puts the newest entry first, keeps comments, and its fingerprint quiets the check; an edit
    without an entry is a warning that gives the fingerprint to paste."""
    path = tree / CAUSE
    edit(tree, CAUSE, "group: nerves\n", "group: nerves  # the family\n")
    edit(tree, CAUSE, "The nerves stop sending signals.", "The nerves stop sending signals to the brain.")
    code, lines = check(tree, capsys)
    assert code == 0 and re.fullmatch(
        rf"{CAUSE}:\d+:5: changes\[0\]: warning: the page's text changed since its newest history entry \(2026-01-15\); "
        r"say what changed for readers: run .* changed cause toe-trouble \"WHAT CHANGED, IN ONE LINE\", or add an entry "
        rf"at the top of changes with date: {TODAY} and fingerprint: [0-9a-f]{{12}}",
        lines[0],
    ), lines
    before = path.read_text()
    assert _command(tree, "changed", "cause", "toe-trouble", "Said where the signals go.", "--date", "2026-05-30") == 0
    after = path.read_text()
    assert "group: nerves  # the family\n" in after
    added = after.split("changes:\n", 1)[1]
    assert added.startswith('  - date: 2026-05-30\n    what: "Said where the signals go."\n    fingerprint: "')
    assert added.endswith(before.split("changes:\n", 1)[1])  # the older entry stays, below
    assert check(tree, capsys, "--strict") == (0, [])


def test_history_goes_newest_first_with_no_day_still_to_come(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An entry above a newer one, or dated after today, is an error at its date."""
    text = (tree / CAUSE).read_text()
    entry = text.split("changes:\n", 1)[1]
    (tree / CAUSE).write_text(text + entry.replace("2026-01-15", "2027-01-01").replace("  - date", "  - date", 1))
    code, lines = check(tree, capsys)
    assert code == 1
    assert any(line.endswith("changes[1].date: the date 2027-01-01 is still to come (today is 2026-06-01); "
                             "write the day of the change") for line in lines), lines
    assert any("changes go newest first, and 2027-01-01 is newer than the entry above it; move this entry up" in line
               for line in lines), lines


def test_required_approval_fails_check_and_the_deploy(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With require_clinical_approval on, an unapproved page is an error, and `build --publish` builds nothing."""
    config = tree / "site_config/site.yaml"
    config.write_text(config.read_text() + "require_clinical_approval: true\n")
    code, lines = check(tree, capsys)
    assert code == 1
    assert lines[-1] == "Check failed: 8 errors, 0 warnings in 8 files."
    assert all("no clinician has approved this page, and require_clinical_approval is on" in line for line in lines[:-1])
    out = tmp_path / "out"
    assert build_tree(tree, out, "--publish", "--site-url", "https://owner.github.io/repo/") == 1
    assert "require_clinical_approval is on, and 8 of 8 pages have no clinician's approval" in capsys.readouterr().err
    assert not out.exists()


def test_publish_refuses_a_placeholder_contact(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Readers' reports must reach someone: the deploy refuses example.org as the publisher's address."""
    config = tree / "site_config/site.yaml"
    config.write_text(config.read_text().replace("pages@numbfeet-test.org", "pages@example.org"))
    out = tmp_path / "out"
    assert build_tree(tree, out, "--publish", "--site-url", "https://owner.github.io/repo/") == 1
    assert "publisher.contact in site_config/site.yaml is a placeholder (pages@example.org)" in capsys.readouterr().err
    assert not out.exists()


def _pages(site: Path) -> list[Path]:
    """Every built page but the redirects of renamed pages and the 404 page."""
    return [
        path for path in sorted(site.rglob("index.html"))
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")[:2000]
    ]


def test_every_page_has_a_feedback_link_with_its_own_address(real_site: Path) -> None:
    """Each page ends with "Report a problem with this page": a link (no widget, no script) that carries the page's address."""
    site = real_site / "site"
    missing = []
    for path in _pages(site):
        page = path.read_text(encoding="utf-8")
        address = re.findall(r'<link rel="canonical" href="([^"]+)">', page)[0]
        # The Spanish edition (es/) says it in Spanish.
        links = re.findall(r'<a href="([^"]+)">(?:Report a problem with this page|Avísenos de un problema en esta página)</a>', page)
        label = "Página" if "/es/" in address else "Page"
        if len(links) != 1 or f"{label}: {address}" not in unquote(html.unescape(links[0])):
            missing.append(str(path.relative_to(site)))
    assert len(_pages(site)) > 80 and missing == []


def test_about_and_accessibility_pages_say_what_a_reader_can_check(real_site: Path) -> None:
    """About: publisher, review process, sources, funding, no ads, privacy. Accessibility: standard, tests,
    known problems, other formats, complaints. Every page names its clinical review state."""
    about = visible_text((real_site / "site/about/index.html").read_text(encoding="utf-8"))
    for words in ("Who publishes it", "The Numb Feet Guide team", "How it is written and checked", "How we choose sources",
                  "Who pays for it", "This guide has no advertising", "Your privacy",
                  "Right now, 0 of our 82 pages are approved by a clinician."):
        assert words in about, words
    statement = visible_text((real_site / "site/accessibility/index.html").read_text(encoding="utf-8"))
    for words in ("WCAG) version 2.2 at level AA", "axe-core", "HTML_CodeSniffer", "The printable handouts (PDF files) are not tagged",
                  "Ask for another format", "Report a problem or complain", "pages@example.org"):
        assert words in statement, words
    stroke = visible_text((real_site / "site/causes/stroke/index.html").read_text(encoding="utf-8"))
    assert "Not yet reviewed by a clinician." in stroke and "Page history:" in stroke


def test_the_fhir_questionnaire_is_active_only_while_a_clinician_approval_matches(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other systems read the checker's FHIR status: "active" needs a clinician's approval of the flow as it is."""
    out, questionnaire = tmp_path / "out", "site/fhir/Questionnaire-check-your-symptoms.json"
    assert build_tree(tree, out) == 0
    assert json.loads((out / questionnaire).read_text())["status"] == "draft"
    assert _approve(tree, "decision-flow") == 0
    assert build_tree(tree, out) == 0
    assert json.loads((out / questionnaire).read_text())["status"] == "active"
    edit(tree, "content/decision_flow.yaml", "help: Any new red spots count.", "help: Any new red spot counts.")
    assert build_tree(tree, out) == 0
    assert json.loads((out / questionnaire).read_text())["status"] == "draft"
