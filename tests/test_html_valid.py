"""Every built page is valid HTML to the W3C Nu HTML Checker (vnu.jar, installed by scripts/test.sh)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .conftest import ROOT

VNU = ROOT / ".cache/npm/node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_built_page_is_valid_html(real_site: Path) -> None:
    """Nu finds no error on any page, the 404 page and renamed pages' forwarding pages included
    (Material's checkbox toggles once carried autocomplete, and index pages a label for nothing)."""
    assert VNU.is_file(), "the Nu HTML Checker is missing: run bash scripts/test.sh, which installs it"
    pages = sorted((real_site / "site").rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    site = (real_site / "site").as_uri()
    found = sorted(
        f"{m.get('url', '').removeprefix(site)}:{m.get('lastLine', '?')}: {m.get('message', '')}" for m in messages
    )
    assert found == []
    assert len(pages) > 80
