"""The same docs/ built by Zensical (`build --engine zensical`): pages, checker, policy, data, print and handouts."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from generator.cli import main

from .conftest import ROOT
from .quality_support import Walk, page_paths, serve, walk_site

SITE_CONFIG = yaml.safe_load((ROOT / "site_config/site.yaml").read_text(encoding="utf-8"))
FLOW = "check-your-symptoms/"

if importlib.util.find_spec("zensical") is None:
    if os.environ.get("CI"):  # CI installs the extra: a missing Zensical there is a failure, not a skip
        raise RuntimeError("Zensical is not installed: bash scripts/setup.sh test,zensical")
    pytest.skip("Zensical is not installed (bash scripts/setup.sh zensical)", allow_module_level=True)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built with Zensical into a temporary folder."""
    out = tmp_path_factory.mktemp("zensical")
    code = main(["build", "--engine", "zensical", "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site")])
    assert code == 0, "the real content must build with Zensical"
    return out / "site"


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    with serve(zensical_site, urlparse(SITE_CONFIG["site_url"]).path) as url:
        yield url


def test_every_page_the_generator_made_is_built(zensical_site: Path, real_site: Path) -> None:
    """Zensical builds the same pages as MkDocs, and publishes the same handouts and exports."""
    assert page_paths(zensical_site) == page_paths(real_site / "site")
    handouts = sorted(p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*.pdf"))
    assert handouts == sorted(p.relative_to(real_site / "site").as_posix() for p in (real_site / "site").rglob("*.pdf"))
    assert "handouts/causes/diabetic-neuropathy.pdf" in handouts
    assert [p.name for p in (zensical_site / "handouts").rglob(".*")] == []  # the print record stays private
    # The exports (kept beside docs/) are published at the same addresses, byte for byte.
    exports = sorted(p.relative_to(real_site / "build/exports").as_posix() for p in (real_site / "build/exports").rglob("*.*"))
    assert "api/index.json" in exports and "feed.xml" in exports
    assert [p for p in exports if (zensical_site / p).read_bytes() != (real_site / "site" / p).read_bytes()] == []


def test_each_page_has_its_policy_data_and_print_styles(zensical_site: Path) -> None:
    """With no hook and no Python filter, every page still gets its CSP first in <head>, its JSON-LD and the
    print stylesheet; a cause page links its handout."""
    for path in zensical_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        head = html[html.index("<head>") : html.index("</head>")]
        before_policy = head[: head.find('<meta http-equiv="Content-Security-Policy"')]
        assert before_policy and "<script" not in before_policy and "<link" not in before_policy, path
        assert "script-src 'self'" in head and "unsafe-inline" not in head, path
    page = (zensical_site / "causes/diabetic-neuropathy/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "MedicalWebPage" and data["name"] == "Diabetic neuropathy"
    assert "assets/stylesheets/print.css" in page
    assert "handouts/causes/diabetic-neuropathy.pdf" in page


@pytest.mark.browser
def test_the_symptom_checker_works(page: Page, zensical_url: str) -> None:
    """Yes to the first question ends at the emergency card with its call link; No all the way ends at a card."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "'style-src" not in m.text else None)
    page.goto(zensical_url + FLOW)
    page.locator(".flow-app__answer").first.click()
    card = page.locator(".flow-app [data-urgency]")
    expect(card).to_have_attribute("data-urgency", "emergency")
    expect(card.locator(f'a[href="tel:{SITE_CONFIG["emergency_number"]}"]')).to_be_visible()
    page.goto(zensical_url + FLOW)
    for _ in range(40):
        if page.locator(".flow-app [data-urgency]").count():
            break
        page.locator(".flow-app__answer").last.click()
    expect(page.locator(".flow-app [data-urgency]")).to_be_visible()
    assert errors == []


@pytest.fixture(scope="module")
def zensical_walk(browser: Browser, zensical_url: str) -> Walk:
    return walk_site(browser, zensical_url, ["", FLOW, "causes/diabetic-neuropathy/", "warning-signs/", "no-such-page/"])


@pytest.mark.browser
def test_axe_and_the_policy_pass_on_a_few_pages(zensical_walk: Walk) -> None:
    """axe finds no WCAG A/AA violation, no request leaves the site, and the policy blocks no script. It does
    block the one style element Zensical's own script adds (its search dialog's look; README, "Zensical")."""
    assert {path: facts["violations"] for path, facts in zensical_walk.facts.items() if facts["violations"]} == {}
    blocked = {path: facts["csp"] for path, facts in zensical_walk.facts.items() if facts["csp"]}
    assert {v.split(" blocked")[0] for found in blocked.values() for v in found} <= {"style-src-elem"}, blocked
    assert zensical_walk.foreign == []
    unexpected = [e for e in zensical_walk.console_errors if "Content Security Policy directive 'style-src" not in e]
    assert unexpected == []
