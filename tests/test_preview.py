"""Live preview that survives mistakes: a real `serve` process shows content errors on the page and recovers."""

from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .conftest import ROOT, build_tree
from .test_errors import CAUSE, edit

WAIT_SECONDS = 90  # generous: a bound on waiting, not a speed check (CI machines can be busy)
BAD_GROUP_MESSAGE = (
    "group: 'nervs' is not allowed; use one of: nerves, blood-vessels, spine, brain, immune, "
    "infection, nutrition, medicines, injury-cold, mental-health; did you mean 'nerves'?"
)
BAD_GROUP = f"{CAUSE}:3:8: {BAD_GROUP_MESSAGE}"
BAD_GROUP_HTML = f"<li><code>{CAUSE}:3:8</code> {html.escape(BAD_GROUP_MESSAGE)}</li>"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, wanted: Callable[[str], bool], server: subprocess.Popen[bytes], log: Path) -> str:
    """Poll a page until its HTML satisfies `wanted`; fail with the server's log after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    body = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped:\n" + log.read_text()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if wanted(body):
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed what was expected; last body:\n{body[:2000]}\nlog:\n{log.read_text()}")


def test_serve_shows_errors_on_the_page_and_recovers(tree: Path, tmp_path: Path) -> None:
    """Broken at start, fixed, broken again, fixed: the server never stops, errors show on the page and in the
    terminal, the last good pages stay in docs/, and each fix brings the real page back without a restart."""
    edit(tree, CAUSE, "group: nerves", "group: nervs")
    docs, log = tmp_path / "docs", tmp_path / "serve.log"
    port = _free_port()
    command = [
        sys.executable, "-m", "generator", "serve", "--content", str(tree / "content"),
        "--site-config", str(tree / "site_config"), "--docs-dir", str(docs), "--dev-addr", f"127.0.0.1:{port}",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    home = f"http://127.0.0.1:{port}/test/"
    cause_page = f"{home}causes/toe-trouble/"
    try:
        # No good pages yet: the home page is a stand-in that lists the error.
        body = _wait_for(home, lambda b: "preview-errors" in b, server, log)
        assert BAD_GROUP_HTML in body
        assert "The preview has content errors" in body
        assert BAD_GROUP in log.read_text()

        edit(tree, CAUSE, "group: nervs", "group: nerves")
        _wait_for(cause_page, lambda b: "preview-errors" not in b and "Toe trouble harms toe nerves" in b, server, log)
        good_markdown = (docs / "causes/toe-trouble.md").read_bytes()

        edit(tree, CAUSE, "group: nerves", "group: nervs")
        body = _wait_for(cause_page, lambda b: "preview-errors" in b, server, log)
        assert BAD_GROUP_HTML in body
        assert "Toe trouble harms toe nerves" in body, "the last good page stays visible under the errors"
        assert (docs / "causes/toe-trouble.md").read_bytes() == good_markdown

        edit(tree, CAUSE, "group: nervs", "group: nerves")
        _wait_for(cause_page, lambda b: "preview-errors" not in b and "Toe trouble harms toe nerves" in b, server, log)
        assert server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def test_a_real_build_never_writes_an_error_page(tree: Path, tmp_path: Path) -> None:
    """Outside serve, a content error stops the build and leaves the good docs and site exactly as they were."""
    assert build_tree(tree, tmp_path) == 0
    before = {p: p.read_bytes() for p in sorted((tmp_path / "docs").rglob("*")) if p.is_file()}
    site_index = (tmp_path / "site/index.html").read_bytes()
    edit(tree, CAUSE, "group: nerves", "group: nervs")
    assert build_tree(tree, tmp_path) == 1
    after = {p: p.read_bytes() for p in sorted((tmp_path / "docs").rglob("*")) if p.is_file()}
    assert after == before
    assert (tmp_path / "site/index.html").read_bytes() == site_index
    assert b"preview-errors" not in site_index
