"""Atomic builds: a killed build, a full disk or a write error leaves the old site (and docs) whole.

The docs folder and the site are each built beside the old one and swapped in whole
(generator/render/swap.py). These tests stop real builds part-way and look at what is left.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import CHROMIUM, FIXTURES, ROOT, build_tree

EPOCH = "1767225600"  # 2026-01-01: sitemaps carry the build date, so every build here uses one


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(out: Path) -> list[str]:
    """Staging or retired folders an interrupted build left (docs, site, handouts)."""
    return sorted(p.name for p in (*out.iterdir(), *out.glob("build/*")) if p.name.endswith((".building", ".old")))


def _command(tree: Path, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "generator", "build", "--content", str(tree / "content"),
        "--site-config", str(tree / "site_config"), "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site"),
    ]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, dict]:
    """Built once per module: the 'old' site, then the content changed and the 'new' one built apart.
    Returns (changed tree, old build folder, old snapshots, new snapshots)."""
    base = tmp_path_factory.mktemp("atomic")
    tree = base / "tree"
    shutil.copytree(FIXTURES / "minimal", tree)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert build_tree(tree, base / "old") == 0
        # A source's title is in the footnotes of most pages, so the new docs differ in many files.
        citations = tree / "content/citations.yaml"
        citations.write_text(citations.read_text().replace("title: Alpha page", "title: Alpha page, revised"))
        assert build_tree(tree, base / "new") == 0
    old = {"docs": _snapshot(base / "old" / "docs"), "site": _snapshot(base / "old" / "site")}
    new = {"docs": _snapshot(base / "new" / "docs"), "site": _snapshot(base / "new" / "site")}
    changed = [name for name in new["docs"] if old["docs"].get(name) != new["docs"][name]]
    assert len(changed) >= 8 and old["site"] != new["site"]
    return tree, base / "old", old, new


@pytest.fixture
def old_and_new(built_once: tuple[Path, Path, dict, dict], tmp_path: Path) -> tuple[Path, dict, dict]:
    """A copy of the old build in out/ (the changed content is in `changed_tree`); (out, old, new)."""
    _, old_build, old, new = built_once
    shutil.copytree(old_build, tmp_path / "out", symlinks=True)
    return tmp_path / "out", old, new


@pytest.fixture
def changed_tree(built_once: tuple[Path, Path, dict, dict]) -> Path:
    return built_once[0]


def test_killed_builds_leave_a_whole_site(changed_tree: Path, old_and_new: tuple[Path, dict, dict]) -> None:
    """SIGKILL at random points of real builds (while MkDocs writes, and earlier): docs/ and site/
    are each exactly the old or exactly the new version, and the next build cleans up and succeeds."""
    out, old, new = old_and_new
    rng = random.Random(int(os.environ.get("KILL_SEED", "9")))
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    during_mkdocs = 0
    for attempt in range(6):
        process = subprocess.Popen(_command(changed_tree, out), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if attempt % 2 == 0:  # wait for MkDocs to start writing the new site, then kill it mid-way
            deadline = time.monotonic() + 60
            while not (out / ".site.building").exists() and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.3))
        else:  # anywhere from start-up to the end
            time.sleep(rng.uniform(0, 1.5))
        staging_seen = (out / ".site.building").exists()
        process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode == -signal.SIGKILL and staging_seen:
            during_mkdocs += 1
        for part in ("docs", "site"):
            now = _snapshot(out / part)
            assert now in (old[part], new[part]), f"attempt {attempt}: {part}/ is a mix of two builds"
    assert during_mkdocs >= 2, "too few kills landed while MkDocs was writing; the test proved little"
    finished = subprocess.run(_command(changed_tree, out), cwd=ROOT, env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _snapshot(out / "site") == new["site"] and _snapshot(out / "docs") == new["docs"]
    assert _leftovers(out) == []


@pytest.mark.parametrize("failing", ["docs", "handouts", "site"])
def test_write_error_keeps_the_old_site(changed_tree: Path, tmp_path: Path, old_and_new: tuple[Path, dict, dict], failing: str) -> None:
    """A file-size limit makes a write fail part-way (as a full disk would): a clean one-line message,
    exit 1, the old site untouched; docs/ is whole (old if its own write failed, else new)."""
    out, old, new = old_and_new
    changed = sorted(name for name in new["docs"] if old["docs"].get(name) != new["docs"][name])
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    if failing == "docs":
        # Just under the largest changed page: changed pages written before it would show a partial write.
        largest = max(changed, key=lambda name: len(new["docs"][name]))
        assert changed.index(largest) > 0, "no changed page is written before the failing one"
        limit = len(new["docs"][largest]) - 1
        expected = r"Could not read or write /\S+: File too large\. The previous site was left as it was\.\n"
    elif failing == "handouts":
        limit = 64 * 1024  # Chromium, printing the handouts, dies writing its profile
        expected = r"Printing the handouts failed: Chromium stopped while printing: .*\n"
    else:
        limit = 64 * 1024  # every page and handout fits; the theme's JavaScript bundle does not
        wrapper = tmp_path / "chromium"  # lets Chromium (only) write past the limit, so MkDocs is what fails
        wrapper.write_text(f'#!/bin/sh\nulimit -f unlimited\nexec {CHROMIUM} "$@"\n')
        wrapper.chmod(0o755)
        env["FOOTGUIDE_CHROMIUM"] = str(wrapper)
        expected = r"Could not read or write (/\S+|a file): File too large\. The previous site was left as it was\.\n"

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    result = subprocess.run(
        _command(changed_tree, out), cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=limit_file_size, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.fullmatch(expected, result.stderr), result.stderr
    assert _snapshot(out / "site") == old["site"]
    assert _snapshot(out / "docs") == (old if failing == "docs" else new)["docs"]
    assert _leftovers(out) == []


def test_full_disk_keeps_the_old_site(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """On a real 4 MiB file system that fits one site but not two, the new build fails with a clean
    message and the old site stays whole (needs root to mount a tmpfs; skipped otherwise)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        assert build_tree(tree, disk) == 0
        before = _snapshot(disk / "site")
        topic = tree / "content/topic.yaml"
        topic.write_text(topic.read_text().replace("title: Numb toes", "title: Numb toes and feet"))
        capsys.readouterr()
        assert build_tree(tree, disk) == 1
        err = capsys.readouterr().err
        assert re.fullmatch(r"Could not read or write (/\S+|a file): No space left on device\. The previous site was left as it was\.\n", err), err
        assert _snapshot(disk / "site") == before
        assert _leftovers(disk) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_file_where_the_staging_folder_goes_is_cleared(tree: Path, tmp_path: Path) -> None:
    """A stray file named like the staging folder (left by hand or by a crash) does not stop the build."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".site.building").write_text("not a folder")
    (out / ".docs.building").write_text("not a folder")
    assert main(["build", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"),
                 "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site")]) == 0
    assert _leftovers(out) == []


def test_a_closed_output_pipe_is_not_reported_as_a_failed_build() -> None:
    """`generator check | head` style: when the reader of the output goes away, the command says
    nothing false (no "previous site was left", no traceback) and exits non-zero."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "check"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command prints its summary
    error = process.stderr.read().decode()
    assert process.wait() == 1
    assert error == ""


def test_two_builds_at_once_take_turns_and_leave_a_whole_site(tmp_path: Path) -> None:
    """Two `generator build`s started together in one checkout: the second waits for the first (and
    says so), both succeed, and the site is whole after every round, never empty or half-swapped."""
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "minimal", tree)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    reference = tmp_path / "reference"
    assert subprocess.run(_command(tree, reference), env=env, capture_output=True).returncode == 0
    expected = {"docs": _snapshot(reference / "docs"), "site": _snapshot(reference / "site")}
    out = tmp_path / "out"
    waited = 0
    for _ in range(4):
        runs = [subprocess.Popen(_command(tree, out), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
        results = [run.communicate(timeout=300) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], results
        waited += sum("Another build is writing into" in err for _, err in results)
        assert {"docs": _snapshot(out / "docs"), "site": _snapshot(out / "site")} == expected
        assert _leftovers(out) == []
    assert waited >= 1  # over four rounds, at least once one build found the other at work
