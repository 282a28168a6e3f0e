"""Generation: golden Markdown, determinism, minimal rewrites, escaping and atomic output."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.exports.files import exports_dir
from generator.pipeline import generate

from .conftest import FIXTURES, build_tree

GOLDEN = Path(__file__).resolve().parent / "golden" / "minimal"


def _generate(tree: Path, docs: Path):
    return generate(tree / "content", tree / "site_config", docs)


def _read_all(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _published(docs: Path) -> dict[str, bytes]:
    """What the engines publish from a generation: the Markdown and the exports (kept beside docs/), by path."""
    return _read_all(docs) | _read_all(exports_dir(docs))


def test_golden_markdown(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The minimal fixture renders exactly the stored Markdown and exports (pytest --update-golden rewrites them)."""
    _generate(FIXTURES / "minimal", tmp_path / "docs")
    produced = _published(tmp_path / "docs")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path / "docs", GOLDEN)
        shutil.copytree(exports_dir(tmp_path / "docs"), GOLDEN, dirs_exist_ok=True)
    assert produced == _read_all(GOLDEN)
    assert not set(_read_all(tmp_path / "docs")) & set(_read_all(exports_dir(tmp_path / "docs"))), "no path in both"


def test_same_content_gives_byte_identical_markdown(tmp_path: Path) -> None:
    """Two generations of the same content are identical, byte for byte."""
    _generate(FIXTURES / "minimal", tmp_path / "a")
    _generate(FIXTURES / "minimal", tmp_path / "b")
    assert _read_all(tmp_path / "a") == _read_all(tmp_path / "b")


def test_second_run_rewrites_nothing_and_stale_files_go(tmp_path: Path) -> None:
    """Unchanged pages are not rewritten; pages the content no longer makes are removed."""
    docs = tmp_path / "docs"
    first = _generate(FIXTURES / "minimal", docs)
    assert len(first.report.written) == 16 and len(first.exports_report.written) == 12  # api/, fhir/, feeds
    (docs / "causes/old-cause.md").write_text("stale")
    (exports_dir(docs) / "api/causes/old-cause.json").write_text("stale")
    second = _generate(FIXTURES / "minimal", docs)
    assert second.report.written == [] and second.exports_report.written == []
    assert second.report.removed == ["causes/old-cause.md"]
    assert second.exports_report.removed == ["api/causes/old-cause.json"]
    assert (second.report.unchanged, second.exports_report.unchanged) == (16, 12)


def _event_handler_attributes(html: str) -> list[str]:
    """Every on* attribute of every element: none may come from content."""
    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(f"{tag}.{name}" for name, _ in attrs if name.startswith("on"))

    Parser().feed(html)
    return found


def test_content_is_text_not_html(tree: Path, tmp_path: Path) -> None:
    """HTML, script and Markdown link tricks in content reach the page as visible text only."""
    cause = tree / "content/causes/toe-trouble.yaml"
    hostile = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> **bold** &amp;'
    cause.write_text(cause.read_text().replace(
        "summary: Toe trouble harms toe nerves.[^beta-paper]",
        f"summary: '{hostile}[^beta-paper]'",
    ).replace("name: Toe trouble", "name: 'Toe \" onmouseover=\"alert(4) & # trouble'"))
    assert build_tree(tree, tmp_path) == 0
    html = (tmp_path / "site/causes/toe-trouble/index.html").read_text()
    assert "<script>alert" not in html and "href=\"javascript:" not in html and "<img src=x" not in html
    assert "<strong>bold</strong>" not in html
    assert _event_handler_attributes(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(2))" in html.replace("&#x27;", "'")
    assert "**bold** &amp;amp;" in html
    assert 'Toe " onmouseover="alert(4) &amp; # trouble</h1>' in html
    assert '<meta name="description" content="Toe &quot; onmouseover=&quot;alert(4) &amp; # trouble and numb feet:' in html


def test_errors_write_nothing_and_keep_the_old_site(tree: Path, tmp_path: Path) -> None:
    """A content error leaves the generated docs and the built site exactly as they were."""
    assert build_tree(tree, tmp_path) == 0
    before_docs, before_site = _read_all(tmp_path / "docs"), _read_all(tmp_path / "site")
    cause = tree / "content/causes/toe-trouble.yaml"
    cause.write_text(cause.read_text().replace("name: Toe trouble", "name: Changed") + "bogus: 1\n")
    assert build_tree(tree, tmp_path) == 1
    assert _read_all(tmp_path / "docs") == before_docs
    assert _read_all(tmp_path / "site") == before_site


def test_failed_mkdocs_build_keeps_the_old_site(tree: Path, tmp_path: Path) -> None:
    """If MkDocs itself fails, the previous site stays whole and no staging folder is left."""
    assert build_tree(tree, tmp_path) == 0
    before = _read_all(tmp_path / "site")
    broken = tmp_path / "mkdocs-broken.yml"
    broken.write_text((Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text()
                      .replace("custom_dir: theme", "custom_dir: no-such-theme-folder"))
    assert build_tree(tree, tmp_path, "--config-file", str(broken)) == 1
    assert _read_all(tmp_path / "site") == before
    assert not (tmp_path / ".site.building").exists()
