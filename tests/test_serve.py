"""The live preview (`python -m generator serve`) rebuilds only what changed, and leaves nothing stale."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _interruptible() -> None:
    """Run in the server's process before it starts: SIGINT back to its default, so Ctrl-C stops it even when
    the tests run in a background job (a shell makes those ignore SIGINT: each stop waited out 30 s)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Preview:
    """A real `python -m generator serve` process on a content tree."""

    def __init__(self, tree: Path, out: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.log = out / "serve.log"
        command = [sys.executable, "-m", "generator", "serve", "--content", str(tree / "content")]
        command += ["--site-config", str(tree / "site_config"), "--docs-dir", str(out / "docs")]
        command += ["--dev-addr", f"127.0.0.1:{port}"]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                preexec_fn=_interruptible,
            )
        served = self.wait_log(r"Serving on (http://\S+)", 1)
        self.base = served.rstrip("/") + "/"

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, pattern: str, count: int, timeout: float = 90, since: int = 0) -> str:
        """Wait until the log (from offset `since`) holds `count` matches of pattern; return the last one's group."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            found = re.findall(pattern, self.text()[since:], re.S)
            if len(found) >= count:
                return str(found[-1])
            time.sleep(0.1)
        raise AssertionError(f"no {count}x {pattern!r} in the serve log:\n{self.text()}")

    def page(self, path: str) -> tuple[int, str]:
        return _get(self.base + path)

    def pdf_text(self, path: str, folder: Path) -> str:
        """A PDF the preview serves, as pdftotext reads it."""
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            (folder / "served.pdf").write_bytes(response.read())
        return subprocess.run(["pdftotext", str(folder / "served.pdf"), "-"], capture_output=True, text=True, check=True).stdout

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def preview(tree: Path, tmp_path: Path) -> Iterator[Preview]:
    running = Preview(tree, tmp_path)
    yield running
    running.stop()


def _search_titles(preview: Preview, location: str) -> list[str]:
    """Titles of the search entries for one location; every location must be indexed once."""
    status, body = preview.page("search/search_index.json")
    assert status == 200
    locations = [doc["location"] for doc in json.loads(body)["docs"]]
    assert sorted({loc for loc in locations if locations.count(loc) > 1}) == [], "pages indexed twice"
    return [doc["title"] for doc in json.loads(body)["docs"] if doc["location"] == location]


def test_edit_rebuilds_only_affected_pages_and_nothing_is_stale(preview: Preview, tree: Path, tmp_path: Path) -> None:
    """Renaming a cause updates its page, pages linking to it, the navigation and search; a new page appears, a removed one goes."""
    total = int(preview.wait_log(r"Rebuilt \d+ of (\d+) pages", 1))
    assert preview.wait_log(r"Rebuilt (\d+) of \d+ pages", 1) == str(total), "the first build builds every page"
    time.sleep(1.5)  # the watcher's first scan of content/

    cause = tree / "content" / "causes" / "toe-trouble.yaml"
    cause.write_text(cause.read_text().replace("name: Toe trouble", "name: Toe trouble Qwzx"))
    rebuilt = int(preview.wait_log(r"Rebuilt (\d+) of \d+ pages", 2))
    preview.wait_log(r"Reloading browsers", 1)
    assert rebuilt < total, "a rename rebuilds the pages that show the name, not the whole site"
    for path in ("causes/toe-trouble/", "treatments/rest/", "causes/", "sources/", "tests/blood-tests/"):
        status, html = preview.page(path)
        assert status == 200 and "Toe trouble Qwzx" in html, path
    # The Tests overview does not mention causes, but its footer links back to the page before it.
    assert "Toe trouble Qwzx" in preview.page("tests/")[1], "the footer of the next page names it"
    assert _search_titles(preview, "causes/toe-trouble/") == ["Toe trouble Qwzx"], "one fresh search entry, no stale one"
    assert _search_titles(preview, "about/") == ["About this guide"], "pages not rebuilt stay in the search index"
    # Its handout was printed again (in the browser the preview keeps open) and is served new.
    assert "Toe trouble Qwzx" in preview.pdf_text("handouts/causes/toe-trouble.pdf", tmp_path)
    # Files the rebuild did not copy again are still served: the changed data file new, the rest as they were.
    assert '"Toe trouble Qwzx"' in preview.page("api/causes/toe-trouble.json")[1]
    assert preview.page("api/tests/blood-tests.json")[0] == 200
    assert preview.page("assets/stylesheets/site.css")[0] == 200
    with urllib.request.urlopen(preview.base + "handouts/overview.pdf", timeout=10) as response:
        assert response.read(5) == b"%PDF-", "an unchanged handout"

    mark = len(preview.text())
    flow = tree / "content" / "decision_flow.yaml"
    flow.write_text(flow.read_text().replace("red_flags: [rash]", "red_flags: [rash, cold-feet]"))
    flag = tree / "content" / "red_flags" / "cold-feet.yaml"
    flag.write_text(
        "sign: Your feet are icy cold\nurgency: urgent\nwhy: Cold feet can mean poor blood flow.[^beta-paper]\n"
        "reviewed: 2026-01-15\nreviewed_by: Dr Test\nsources: [beta-paper]\n"
    )
    # Two files change; in between the content may have an error, which rebuilds everything too.
    preview.wait_log(rf"Rebuilt ({total + 1}) of {total + 1} pages.*?Reloading browsers", 1, since=mark)
    assert preview.page("warning-signs/cold-feet/")[0] == 200
    assert _search_titles(preview, "warning-signs/cold-feet/") == ["Your feet are icy cold"]

    mark = len(preview.text())
    flag.unlink()
    flow.write_text(flow.read_text().replace("red_flags: [rash, cold-feet]", "red_flags: [rash]"))
    preview.wait_log(rf"Rebuilt ({total}) of {total} pages.*?Reloading browsers", 1, since=mark)
    assert preview.page("warning-signs/cold-feet/")[0] == 404, "a removed page is not served stale"
    assert _search_titles(preview, "warning-signs/cold-feet/") == []


def test_a_save_while_generating_is_generated_next_time(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's save that lands while a generation runs (between reading the files and writing the
    pages) is not taken for one already generated: the next generation renders it."""
    from generator import pipeline

    cause = tree / "content" / "causes" / "toe-trouble.yaml"
    docs = tmp_path / "docs"
    render = pipeline.render_pages

    def save_during_render(site: object, jobs: int | None = None, cache: object = None) -> dict[str, str]:
        pages = render(site, jobs, cache)  # type: ignore[arg-type]
        cause.write_text(cause.read_text().replace("name: Toe trouble", "name: Toe trouble Saved late"))
        return pages

    monkeypatch.setattr(pipeline, "render_pages", save_during_render)
    pipeline.generate(tree / "content", tree / "site_config", docs, 1)
    assert "Saved late" not in (docs / "causes/toe-trouble.md").read_text()
    monkeypatch.setattr(pipeline, "render_pages", render)
    pipeline.generate(tree / "content", tree / "site_config", docs, 1)
    assert "# Toe trouble Saved late" in (docs / "causes/toe-trouble.md").read_text()


def test_bursts_of_saves_always_end_on_the_last_save(preview: Preview, tree: Path) -> None:
    """Auto-saving editors: bursts of 3-8 saves at random gaps of 0.02-0.6 s; after each burst the served
    page and the search index show the last save within 30 s."""
    import random

    preview.wait_log(r"Rebuilt \d+ of \d+ pages", 1)
    time.sleep(1.5)  # the watcher's first scan of content/
    cause = tree / "content" / "causes" / "toe-trouble.yaml"
    original = cause.read_text()
    chance = random.Random(20261203)
    for burst in range(4):
        saves = chance.randint(3, 8)
        for save in range(saves):
            # Written in place, as editors do (truncate, then write), so a build can read it half-written.
            with open(cause, "w", encoding="utf-8") as handle:
                handle.write(original.replace("name: Toe trouble", f"name: Toe trouble B{burst}S{save}"))
            time.sleep(chance.uniform(0.02, 0.6))
        last = f"Toe trouble B{burst}S{saves - 1}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            _, html = preview.page("causes/toe-trouble/")
            if f"<h1 id=\"toe-trouble-b{burst}s{saves - 1}\">{last}</h1>" in html or f">{last}</h1>" in html:
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"burst {burst}: the page never showed {last!r}:\n{preview.text()[-3000:]}")
        assert last in _search_titles(preview, "causes/toe-trouble/")
