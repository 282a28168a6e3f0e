"""A renamed page keeps its old address working (moved_from), and a build warns when a page is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from generator.cli import main

from .conftest import build_tree, served

OLD = "content/causes/toe-trouble.yaml"
NEW = "content/causes/toe-pain.yaml"


def _rename(tree: Path, moved_from: str | None) -> None:
    text = (tree / OLD).read_text()
    if moved_from is not None:
        text += f"moved_from: [{moved_from}]\n"
    (tree / NEW).write_text(text)
    (tree / OLD).unlink()
    flow = tree / "content/decision_flow.yaml"
    flow.write_text(flow.read_text().replace("causes: [toe-trouble]", "causes: [toe-pain]"))


def test_a_renamed_page_forwards_readers_from_its_old_address(tree: Path, tmp_path: Path, page: Page) -> None:
    _rename(tree, "causes/toe-trouble")  # written without the last '/', as editors may
    assert build_tree(tree, tmp_path) == 0
    site = tmp_path / "site"
    forwarding = (site / "causes/toe-trouble/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../toe-pain/">' in forwarding
    assert '<a href="../toe-pain/">Toe trouble</a>' in forwarding
    assert '<meta name="robots" content="noindex">' in forwarding
    assert '<link rel="canonical" href="https://example.org/test/causes/toe-pain/">' in forwarding
    assert "Content-Security-Policy" in forwarding and forwarding.count("://") == 1  # loads nothing from elsewhere
    # Not a page of its own: neither searched nor listed for search engines.
    assert "causes/toe-trouble/" not in (site / "search/search_index.json").read_text()
    assert "causes/toe-trouble/" not in (site / "sitemap.xml").read_text()
    with served(site) as address:
        page.goto(address + "causes/toe-trouble/")
        page.wait_for_url("**/causes/toe-pain/")
        assert page.locator("h1").inner_text() == "Toe trouble"


def test_a_build_that_loses_a_page_says_how_to_keep_its_address(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_tree(tree, tmp_path) == 0
    capsys.readouterr()
    _rename(tree, None)
    assert build_tree(tree, tmp_path) == 0
    warning = (
        "warning: the page causes/toe-trouble/ is gone (its file was renamed, moved or deleted), so links, bookmarks "
        "and printed handouts that name it find nothing; if it moved, add `moved_from: [causes/toe-trouble/]` to its new file"
    )
    assert warning in capsys.readouterr().err.splitlines()
    (tree / NEW).write_text((tree / NEW).read_text() + "moved_from: [causes/toe-trouble/]\n")
    assert build_tree(tree, tmp_path) == 0
    assert "is gone" not in capsys.readouterr().err
    assert (tmp_path / "site/causes/toe-trouble/index.html").is_file()


def test_a_link_to_the_old_id_names_the_new_one(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ids that look nothing alike get no "did you mean"; moved_from tells check what the page is called now."""
    text = (tree / OLD).read_text().replace("treatments: [rest, socks]", "treatments: [rest, wool-socks]")
    (tree / OLD).write_text(text)
    socks = tree / "content/treatments/socks.yaml"
    (tree / "content/treatments/wool-socks.yaml").write_text(socks.read_text() + "moved_from: [foot-care/socks/]\n")
    socks.unlink()
    _rename(tree, "causes/toe-trouble/")
    flow = tree / "content/decision_flow.yaml"
    flow.write_text(flow.read_text().replace("causes: [toe-pain]", "causes: [toe-trouble]"))
    (tree / NEW).write_text((tree / NEW).read_text().replace("[rest, wool-socks]", "[rest, socks]"))
    code = main(["check", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"), "--today", "2026-06-01"])
    errors = capsys.readouterr().err.splitlines()
    assert code == 1
    assert (
        f"{NEW}:10:20: treatments[1]: unknown treatment 'socks'; it was renamed to 'wool-socks' "
        "(see moved_from in content/treatments/wool-socks.yaml): write that instead"
    ) in errors, errors
    assert any(
        line.startswith("content/decision_flow.yaml:31:")
        and line.endswith("unknown cause 'toe-trouble'; it was renamed to 'toe-pain' (see moved_from in content/causes/toe-pain.yaml): write that instead")
        for line in errors
    ), errors
