"""Determinism: the same content gives byte-identical Markdown and an identical site.

Only the sitemap and the handouts carry a date (MkDocs stamps the build day into sitemap.xml
and the gzip header of sitemap.xml.gz; Chromium stamps the print time into each PDF); with
SOURCE_DATE_EPOCH set, every file is identical.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, build_tree

# The only files that change with the build date (README.md, "Reproducible builds").
DATE_STAMPED = {"sitemap.xml", "sitemap.xml.gz", "handouts/overview.pdf", "handouts/causes/toe-trouble.pdf"}
EPOCH = 1767225600  # 2026-01-01


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build_in_new_process(tree: Path, out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "SOURCE_DATE_EPOCH": str(EPOCH)}
    command = [sys.executable, "-m", "generator", "build", "--content", str(tree / "content"),
               "--site-config", str(tree / "site_config"), "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site")]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Builds in two processes (different hash seeds, content and output in different folders) give
    the same bytes in every Markdown and site file."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "one" / "tree")
    shutil.copytree(FIXTURES / "minimal", tmp_path / "elsewhere" / "tree")
    _build_in_new_process(tmp_path / "one" / "tree", tmp_path / "a", "1")
    _build_in_new_process(tmp_path / "elsewhere" / "tree", tmp_path / "b", "2")
    docs_a, docs_b = _snapshot(tmp_path / "a" / "docs"), _snapshot(tmp_path / "b" / "docs")
    site_a, site_b = _snapshot(tmp_path / "a" / "site"), _snapshot(tmp_path / "b" / "site")
    assert len(docs_a) >= 14 and docs_a == docs_b
    assert len(site_a) > 50 and sorted(site_a) == sorted(site_b)
    assert [name for name in site_a if site_a[name] != site_b[name]] == []


def test_only_the_sitemap_carries_the_build_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build on another day differs from today's only in the documented date-stamped files."""
    sites = []
    for day in range(2):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + day * 86400))
        assert build_tree(FIXTURES / "minimal", tmp_path / str(day)) == 0
        sites.append(_snapshot(tmp_path / str(day) / "site"))
    assert {name for name in sites[0] if sites[0][name] != sites[1].get(name)} == DATE_STAMPED
    assert b"<lastmod>2026-01-02</lastmod>" in sites[1]["sitemap.xml"]
