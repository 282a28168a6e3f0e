"""Property-based tests (Hypothesis): any content tree builds or gives ContentErrors; text reaches the reader unchanged.

Generated trees start from the minimal fixture and get random edits: values of any YAML type
in any field, deleted and unknown fields, files replaced by random text or bytes, new files
with random names. The generator runs to Markdown on disk, and each page is converted to HTML
with Python-Markdown and the extensions of mkdocs.yml (MkDocs' own converter) — a full MkDocs
build per example would be too slow for CI; the corpus and the other tests build real sites.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.content.errors import ContentErrors
from generator.content.field_types import CITATION_MARKER
from generator.content.load import INVISIBLE_CHARACTERS
from generator.pipeline import generate

from .conftest import FIXTURES, ROOT

_MKDOCS = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "python"))
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in _MKDOCS["markdown_extensions"]]
CONFIGS = {k: v for e in _MKDOCS["markdown_extensions"] if isinstance(e, dict) for k, v in e.items()}
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _html(page: str) -> str:
    body, _ = get_data(page)
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=CONFIGS)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*path, i))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _load(path: Path) -> dict[str, Any] | None:
    """A file's fields, or None when an earlier edit made it something else."""
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    return content if isinstance(content, dict) else None


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(["alpha-source", "beta-paper", "[^alpha-source]", "rest", "999"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                      max_leaves=6)


@FAST
@given(data=st.data())
def test_any_tree_builds_or_gives_content_errors(data: st.DataObject) -> None:
    """Valid or broken, a tree never makes the generator raise anything but ContentErrors, every
    error names a file and a line, and the pages it writes convert to HTML."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(FIXTURES / "minimal", tree)
        files = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.yaml"))
        for _ in range(data.draw(st.integers(1, 3), label="edits")):
            relative = data.draw(st.sampled_from(files), label="file")
            path = tree / relative
            action = data.draw(st.sampled_from(["set", "set", "delete", "add", "text", "bytes", "new"]), label="action")
            if action == "text":
                path.write_text(data.draw(st.text(max_size=200), label="text"), encoding="utf-8")
                continue
            if action == "bytes":
                path.write_bytes(data.draw(st.binary(max_size=200), label="bytes"))
                continue
            if action == "new":
                name = data.draw(st.from_regex(r"[a-zA-Z0-9 ._-]{1,12}", fullmatch=True), label="name")
                folder = data.draw(st.sampled_from(["causes", "red_flags", "tests", "treatments"]), label="folder")
                target = tree / "content" / folder / f"{name}.yaml"
                if target.exists() or name.startswith("."):
                    continue
                base = _load(tree / files[0]) if data.draw(st.booleans(), label="copy a cause") else {}
                target.write_text(yaml.safe_dump(base or {}, allow_unicode=True), encoding="utf-8")
                continue
            content = _load(path)
            if content is None:
                continue
            paths = _paths(content)
            if action == "add" or not paths:
                content[data.draw(st.text(min_size=1, max_size=12), label="key")] = data.draw(values, label="value")
            else:
                where = data.draw(st.sampled_from(paths), label="where")
                if action == "delete":
                    del _parent(content, where)[where[-1]]
                else:
                    _parent(content, where)[where[-1]] = data.draw(values, label="value")
            path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        try:
            generated = generate(tree / "content", tree / "site_config", Path(tmp) / "docs")
        except ContentErrors as exc:
            assert exc.errors
            assert all(e.file and e.line >= 1 and e.column >= 1 and e.message for e in exc.errors)
            assert not (Path(tmp) / "docs").exists()  # nothing is written when content has errors
            return
        for page in sorted((Path(tmp) / "docs").rglob("*.md")):
            _html(page.read_text(encoding="utf-8"))
        assert generated.site.pages


class _Elements(HTMLParser):
    """The text of each element of some tags, footnote markers (<sup>) left out."""

    def __init__(self, tags: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.open: list[list[str]] = []
        self.texts: dict[str, list[str]] = {tag: [] for tag in tags}
        self.in_sup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.tags:
            self.open.append([tag, ""])
        self.in_sup += tag == "sup"

    def handle_endtag(self, tag: str) -> None:
        self.in_sup -= tag == "sup"
        if tag in self.tags and self.open and self.open[-1][0] == tag:
            name, text = self.open.pop()
            self.texts[name].append(_seen(text))

    def handle_data(self, data: str) -> None:
        if self.open and not self.in_sup:
            self.open[-1][1] += data


def _seen(text: str) -> str:
    """Text as a browser shows it: runs of HTML white space (ASCII) are one space."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip(" ")


def _plain(allow_angles: bool) -> st.SearchStrategy[str]:
    """Text an editor may type: anything printable, with spaces, tabs and newlines."""
    alphabet = st.characters(exclude_categories=("Cs", "Cc"), include_characters=" \t\n<>&[]()*_`#!{}|\\")
    return (
        st.text(alphabet=alphabet, min_size=1, max_size=60)
        .filter(lambda s: s.strip() and not INVISIBLE_CHARACTERS.search(s) and not CITATION_MARKER.search(s))
        .filter(lambda s: "999" not in s and "{emergency_number}" not in s)
        .filter(lambda s: allow_angles or ("<" not in s and ">" not in s))
    )


@settings(max_examples=60, deadline=None)
@given(summary=_plain(True), symptom=_plain(True), name=_plain(False))
def test_text_reaches_the_reader_unchanged(summary: str, symptom: str, name: str) -> None:
    """What an editor types in a cited paragraph, a list item and a title is what the reader sees
    in the page's HTML (white space collapsed, as browsers do)."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(FIXTURES / "minimal", tree)
        cause = tree / "content/causes/toe-trouble.yaml"
        content = yaml.safe_load(cause.read_text())
        content.update(summary=summary + "[^beta-paper]", other_symptoms=[symptom], name=name)
        cause.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        generate(tree / "content", tree / "site_config", Path(tmp) / "docs")
        page = _Elements(("h1", "p", "li"))
        page.feed(_html((Path(tmp) / "docs/causes/toe-trouble.md").read_text(encoding="utf-8")))
        assert page.texts["h1"] == [_seen(name.strip())]
        assert _seen(summary.lstrip()) in page.texts["p"]  # the schema strips the whole value, marker included
        assert _seen(symptom.strip()) in page.texts["li"]
