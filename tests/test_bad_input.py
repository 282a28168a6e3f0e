"""The bad-input corpus: every broken or hostile content tree gives a clean error or a correct site.

Each case in tests/bad_input/ is applied to a copy of the minimal fixture and built over a
site built from the clean fixture. A broken case must exit 1 with its exact `file:line:column`
message and no traceback, and leave the generated docs and the built site byte for byte as
they were. A hostile case that is allowed to build must show its text to the reader as typed,
with no element, event handler or script URL more than the clean page has.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, build_tree
from .corpus import active_parts, apply, cases, visible_text

CASES = cases()
WHERE = re.compile(r"^(content|site_config)(/[^:]+)?:\d+:\d+: ")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture built once: the 'previous site' every case is built over."""
    out = tmp_path_factory.mktemp("clean")
    assert build_tree(FIXTURES / "minimal", out) == 0
    return out


def test_the_corpus_is_large_and_varied() -> None:
    """The corpus keeps at least 40 cases, both kinds, so a deleted file can't quietly shrink it."""
    assert len(CASES) >= 40
    assert sum("error" in c["expect"] for c in CASES.values()) >= 30
    assert sum(bool(c["expect"].get("builds")) for c in CASES.values()) >= 10


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, clean_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken tree fails cleanly and changes nothing; a hostile but valid tree builds and shows text as typed."""
    case = CASES[name]
    tree, out = tmp_path / "tree", tmp_path / "out"
    shutil.copytree(FIXTURES / "minimal", tree)
    # Hard links: cheap, and a build never writes into an existing file (it swaps whole folders).
    shutil.copytree(clean_build, out, symlinks=True, copy_function=os.link)
    apply(tree, case["edits"])
    before = {"docs": _snapshot(out / "docs"), "site": _snapshot(out / "site")}
    capsys.readouterr()
    code = build_tree(tree, out)
    err = capsys.readouterr().err
    expect = case["expect"]
    if "error" in expect:
        lines = err.splitlines()
        assert code == 1, err
        assert expect["error"] in lines, err
        assert "Traceback" not in err
        assert all(WHERE.match(line) for line in lines[:-1]), err
        assert lines[-1].endswith("; nothing was written.")
        assert _snapshot(out / "docs") == before["docs"]
        assert _snapshot(out / "site") == before["site"]
    else:
        assert code == 0, err
        page = expect["page"]
        html = (out / "site" / page).read_text(encoding="utf-8")
        clean = (clean_build / "site" / page).read_text(encoding="utf-8")
        for text in expect["shows"]:
            assert " ".join(text.split()) in visible_text(html)
        assert active_parts(html) == active_parts(clean)
    assert not list(out.glob(".*"))  # no staging or retired folder is left behind


def test_limits_are_documented_for_editors() -> None:
    """The editors' guide states the limits the generator enforces, with the same numbers."""
    from generator.content import limits

    guide = (Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text()
    section = guide.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for phrase in (
        f"| {limits.MAX_FILE_BYTES // 1024} KiB |", f"| {limits.MAX_DEPTH} levels |", f"| {limits.MAX_PAGES} |",
        f"| {limits.MAX_TEXT} characters |", f"| {limits.MAX_TITLE} characters |", f"| {limits.MAX_ID} characters |",
    ):
        assert phrase in section
