"""The build benchmark runs end to end on a small synthetic site (no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.run import STAGES, main
from bench.synth import counts
from generator.pipeline import prepare


def test_synthetic_content_is_valid_and_proportionate(tmp_path: Path) -> None:
    """The benchmark's content passes the generator's own checks, in the real content's proportions."""
    from bench.synth import write_content

    sizes = write_content(tmp_path, 40, seed=3)
    site = prepare(tmp_path / "content", tmp_path / "site_config")
    assert (len(site.causes), len(site.tests), len(site.treatments), len(site.red_flags), len(site.sources)) == (
        40, 12, 52, 30, 60,
    )
    assert sizes == counts(40)


def test_bench_smoke_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`bench/run.py --sizes 100` builds, rebuilds (writing no Markdown) and builds the baseline, then reports it all."""
    out = tmp_path / "results.json"
    assert main(["--sizes", "100", "--work", str(tmp_path / "work"), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].startswith("| causes | pages | load+validate |")
    assert printed.splitlines()[2].startswith("| 100 | 345 |")
    results = json.loads(out.read_text())
    (row,) = results["sizes"]
    assert row["causes"] == 100 and row["pages"] == 345
    assert set(STAGES) <= set(row["stages"])
    assert all(row["stages"][stage] > 0 for stage in ("load+validate", "link", "check", "render", "write"))
    assert 0 < row["generator"] < row["build"] and 0 < row["mkdocs"] < row["build"]
    assert row["peak_mb"] > 20 and row["cpu"] > 0
    # Every page, and the machine-readable files beside them: one api/ JSON per entity page (335), plus
    # api/index.json, api/topic.json, api/codes.json, the FHIR Questionnaire and the two feeds.
    written = 345 + 335 + 6
    assert row["markdown_written"] == written, "the first build writes every page"
    assert row["rebuild"]["markdown_written"] == 0 and row["rebuild"]["markdown_unchanged"] == written
    assert row["html_files"] > 345 and row["output_bytes"] > 1_000_000
    assert row["handouts_printed"] == 101 and row["rebuild"]["handouts_printed"] == 0, "topic + one per cause, then none"
    # The baseline builds the same pages without the generator's hook, so without the handout PDFs and the
    # exports (both kept beside docs/, and published by the hook).
    assert row["baseline"]["mkdocs"] > 0 and row["baseline"]["html_files"] == row["html_files"] - 101 - (335 + 6)
    assert row["ratio"] > row["site_ratio"] > 0
    # The floor parses the same content and creates as many files as the generator wrote.
    assert row["floor"]["parse"] > 0 and row["floor"]["write"] > 0
    assert row["floor"]["markdown_files"] == 345 and row["floor"]["yaml_files"] == 335 + 3, "a file per entity, with the three shared files"
    assert 0 < row["floor_share"] < row["generator_share"]
