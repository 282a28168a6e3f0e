"""The published address: a placeholder is warned about, refused when publishing, and a deploy can set the real one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.site_address import SITE_URL_ENV

from .conftest import build_tree


@pytest.fixture(autouse=True)
def _no_address_in_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts without a published address, and the one `--site-url` sets does not outlive it
    (the build sets it in this process's environment, for the processes it starts)."""
    monkeypatch.delenv(SITE_URL_ENV, raising=False)
    yield
    os.environ.pop(SITE_URL_ENV, None)


def _set_url(tree: Path, url: str) -> None:
    path = tree / "site_config/site.yaml"
    lines = [f"site_url: {url}" if line.startswith("site_url:") else line for line in path.read_text().splitlines()]
    path.write_text("\n".join(lines) + "\n")


def test_a_placeholder_address_builds_with_a_warning(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """example.org builds (for previews and tests) but the build says the address leads nowhere."""
    _set_url(tree, "https://example.org/guide/")
    assert build_tree(tree, tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert (
        f"warning: the site's address https://example.org/guide/ (site_url in {tree / 'site_config' / 'site.yaml'}) is a "
        "placeholder: every handout's QR code, printed address and search-engine link would lead nowhere. "
        "Set the real address before publishing."
    ) in err.splitlines()


def test_publish_refuses_a_placeholder_and_builds_nothing(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`build --publish` (what the deploy runs) stops before writing anything while the address is a placeholder."""
    _set_url(tree, "https://docs.example.com/guide/")
    assert build_tree(tree, tmp_path / "out", "--publish") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the site's address https://docs.example.com/guide/ ")
    assert err.rstrip().endswith("Set the real address there, or pass --site-url https://…/; nothing was built.")
    assert not (tmp_path / "out").exists()


def test_site_url_option_sets_the_address_of_every_page_and_handout(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The deploy passes the real address; canonical links and the sitemap use it, and nothing warns."""
    _set_url(tree, "https://example.org/guide/")
    out = tmp_path / "out"
    assert build_tree(tree, out, "--publish", "--site-url", "https://owner.github.io/repo/") == 0
    assert "placeholder" not in capsys.readouterr().err
    home = (out / "site/index.html").read_text()
    assert '<link rel="canonical" href="https://owner.github.io/repo/">' in home
    assert "example.org/guide" not in home
    assert "https://owner.github.io/repo/causes/" in (out / "site/sitemap.xml").read_text()


def test_a_site_url_that_is_not_an_address_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --site-url is a usage error naming the form to write."""
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--site-url", "http://owner.github.io/repo"])
    assert exit_info.value.code == 2
    assert ("argument --site-url: 'http://owner.github.io/repo' is not a site address; write it like "
            "https://example.org/numb-feet/ (https, ending in '/')") in capsys.readouterr().err


def test_a_bad_address_in_the_environment_is_refused_by_name(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """FOOTGUIDE_SITE_URL set by hand to a non-address stops the build with the form to write, no traceback."""
    monkeypatch.setenv(SITE_URL_ENV, "owner.github.io/repo")
    assert build_tree(tree, tmp_path / "out") == 2
    assert capsys.readouterr().err == (
        "error: 'owner.github.io/repo' is not a site address; write it like https://example.org/numb-feet/ "
        "(https, ending in '/')\n"
    )
    assert not (tmp_path / "out").exists()
