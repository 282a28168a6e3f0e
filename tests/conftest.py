"""Shared fixtures: content trees to break, real builds, and Debian's Chromium for Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the minimal valid content tree (content/ and site_config/) to edit."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "tree")
    return tmp_path / "tree"


def build_tree(tree: Path, out: Path, *extra: str) -> int:
    return main([
        "build", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"),
        "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site"), *extra,
    ])


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once with MkDocs (strict) into a temporary folder."""
    out = tmp_path_factory.mktemp("real")
    code = main(["build", "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site")])
    assert code == 0, "the real content must build"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on loopback, as a reader's browser would load it: its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    """The real site served on loopback."""
    with served(real_site / "site") as address:
        yield address


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }
