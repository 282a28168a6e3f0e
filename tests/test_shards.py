"""Parallel builds (generator/engine/shards.py): several processes build shares of the pages and the
result is the very site a one-process build makes; a failing share fails the whole build."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator import parallel
from generator.cli import main
from generator.engine import shards

from .conftest import ROOT

EPOCH = "1767225600"  # fixes the sitemap's date and the handouts' print time


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_builds_make_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real content built by 1, 2 and 3 processes gives the same files, byte for byte (pages,
    search index, sitemap, assets, handouts), and no share folder is left beside the site."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    sites = {}
    for jobs in (1, 2, 3):
        site = tmp_path / f"site{jobs}"
        assert main(["build", "--docs-dir", str(tmp_path / "docs"), "--site-dir", str(site), "--jobs", str(jobs)]) == 0
        sites[jobs] = _snapshot(site)
    one = sites[1]
    assert len([name for name in one if name.endswith(".html")]) >= 76
    assert {"api/index.json", "feed.xml", "fhir/Questionnaire-check-your-symptoms.json"} <= set(one), "the exports"
    for jobs in (2, 3):
        assert sorted(sites[jobs]) == sorted(one)
        assert [name for name in one if sites[jobs][name] != one[name]] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "docs", "site1", "site2", "site3"]


# Run in a process of its own: forking is only used when no other thread runs, and the test
# session may have started the loopback web server's thread.
_RENDER_SCRIPT = """
from pathlib import Path
from generator.parallel import can_fork, map_shares
from generator.pipeline import prepare
from generator.render.pages import render_pages

assert can_fork()
site = prepare(Path("content"), Path("site_config"))
one, three = render_pages(site, 1), render_pages(site, 3)
assert len(one) >= 76 and list(three) == list(one) and three == one, "renders differ"

def divide(share):
    return [10 // n for n in share]

assert map_shares(divide, [1, 2, 5, 10], 3) == [[10, 1], [5], [2]]
try:
    map_shares(divide, [1, 0, 2], 2)
except RuntimeError as error:
    assert "ZeroDivisionError" in str(error), error
else:
    raise AssertionError("a failing share was not reported")
print("ok")
"""


def test_parallel_rendering_makes_the_same_markdown() -> None:
    """The render stage gives the same pages, in the same order, in 1 or 3 processes; results come
    back in share order, and an error in a forked share fails the stage with its traceback."""
    result = subprocess.run([sys.executable, "-c", _RENDER_SCRIPT], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _fail_in_share(index: int):  # type: ignore[no-untyped-def]
    def run_build(folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / "page.html").write_text("built", encoding="utf-8")
        assert shards._share is not None
        if shards._share.index == index:
            raise Abort("this share failed")
        # A share that succeeds leaves its notes for the parent, as the MkDocs hook does.
        shards._share.manifest.write_text('{"order": [], "pages": {}, "search": {}, "anchors": {}, "links": []}')

    return run_build


@pytest.mark.parametrize("failing", [0, 1])
def test_a_failing_share_fails_the_build(tmp_path: Path, failing: int) -> None:
    """Whether the parent's own share or a forked one fails, the build raises, and the other
    shares' folders and notes are removed (the caller then drops the staging folder)."""
    staging = tmp_path / ".site.building"
    with pytest.raises(Abort):
        shards.build_in_shares(2, staging, _fail_in_share(failing), logging.WARNING, strict=True)
    assert shards._share is None
    assert [p.name for p in tmp_path.iterdir() if p != staging] == []


def test_links_to_anchors_in_another_share_are_checked() -> None:
    """A link to a missing anchor on a page another process built is reported in MkDocs' words, and
    a link to an anchor that exists passes."""
    manifests = [
        {"anchors": {"a.md": ["top"]}, "links": [["a.md", "b.md", "gone", "b.md#gone"], ["a.md", "b.md", "here", "b.md#here"]]},
        {"anchors": {"b.md": ["here"]}, "links": [["b.md", "a.md", "top", "a.md#top"]]},
    ]
    problems = shards._check_anchor_links(manifests)
    assert problems == ["Doc file 'a.md' contains a link 'b.md#gone', but the doc 'b.md' does not contain an anchor '#gone'."]


def test_how_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small sites build in one process; large ones get one per core (at most MAX_JOBS); the
    --jobs option, then FOOTGUIDE_BUILD_JOBS, override that."""
    monkeypatch.delenv(parallel.JOBS_ENV, raising=False)
    cores = len(os.sched_getaffinity(0))
    assert parallel.jobs_for(76) == 1
    assert parallel.jobs_for(100_000) == min(cores, parallel.MAX_JOBS)
    assert parallel.jobs_for(76, 3) == 3
    monkeypatch.setenv(parallel.JOBS_ENV, "2")
    assert parallel.jobs_for(76) == 2
    assert parallel.jobs_for(76, 1) == 1
    assert parallel.jobs_for(76, 99) == parallel.MAX_JOBS


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_wrong_number_of_processes_is_refused_with_how_to_fix_it(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--jobs and FOOTGUIDE_BUILD_JOBS take a whole number of 1 or more; anything else stops the build
    before it starts, naming the option or variable and the value, and nothing is written."""
    out = ["--docs-dir", str(tmp_path / "docs"), "--site-dir", str(tmp_path / "site")]
    with pytest.raises(SystemExit) as stopped:
        main(["build", *out, "--jobs", value])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"error: argument --jobs: '{value}' is not a whole number of processes of 1 or more; use 1 to build in one process\n"
    )
    monkeypatch.setenv(parallel.JOBS_ENV, value)
    assert main(["build", *out]) == 2
    assert capsys.readouterr().err == (
        f"error: FOOTGUIDE_BUILD_JOBS: '{value}' is not a whole number of processes of 1 or more; use 1 to build in one process\n"
    )
    assert not (tmp_path / "site").exists() and not (tmp_path / "docs").exists()


def test_shares_are_divided_by_cost_not_by_count(tmp_path: Path) -> None:
    """A huge index page gets a share nearly to itself, the first share (which copies the static
    files) gets fewer pages, every page is built exactly once, and the split is the same every time."""

    class Page:
        def __init__(self, name: str, size: int) -> None:
            self.src_uri = name
            self.abs_src_path = str(tmp_path / name)
            Path(self.abs_src_path).write_bytes(b"x" * size)

    pages = [Page("sources.md", 600_000), *(Page(f"cause-{i:03}.md", 4_000) for i in range(100))]
    first, second = shards.divide_pages(pages, 2, static_files=0)
    assert "sources.md" in first and len(first) < 40 < len(second), "the big page outweighs dozens of small ones"
    assert first.isdisjoint(second) and first | second == {page.src_uri for page in pages}
    assert shards.divide_pages(pages, 2, static_files=0) == [first, second]
    with_static = shards.divide_pages(pages[1:], 2, static_files=200)
    assert len(with_static[0]) < len(with_static[1]), "the share copying static files builds fewer pages"
