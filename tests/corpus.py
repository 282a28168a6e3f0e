"""The bad-input corpus (tests/bad_input/*.yaml): read a case, apply its edits to a content tree.

A case file holds `about` (what it tries), `edits` (a list, each naming a `file` of the tree and
one operation) and `expect`: either `error` (the exact line an editor must see; the build must
fail and change nothing) or `builds: true` with `page` and `shows` (text a reader must see on that
page, exactly as typed). Operations:

    replace: old text    with: new text   [repeat: N]   first occurrence; `with` repeated N times
    write: text          [repeat: N]                     the whole file
    append: text         [repeat: N]
    bytes: text                                          the whole file, one byte per character (\\xNN)
    prepend_bytes: text
    crlf: true                                           turn every line end into CR LF
    symlink: target                                      the file becomes a link to target
    copy_to: pattern     [repeat: N]                     copies named by pattern with {n} = 1..N
    delete: true
    mkdir: true
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent / "bad_input"


def cases() -> dict[str, dict[str, Any]]:
    """Every case by name (its file name without .yaml)."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.yaml"))}


def apply(tree: Path, edits: list[dict[str, Any]]) -> None:
    """Apply a case's edits to a copy of the minimal fixture."""
    for edit in edits:
        path = tree / edit["file"]
        times = int(edit.get("repeat", 1))
        if "replace" in edit:
            text = path.read_text(encoding="utf-8")
            assert edit["replace"] in text, f"{edit['file']} lacks {edit['replace']!r}"
            path.write_text(text.replace(edit["replace"], edit["with"] * times, 1), encoding="utf-8")
        elif "write" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit["write"] * times, encoding="utf-8")
        elif "append" in edit:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(edit["append"] * times)
        elif "bytes" in edit:
            path.write_bytes(edit["bytes"].encode("latin-1"))
        elif "prepend_bytes" in edit:
            path.write_bytes(edit["prepend_bytes"].encode("latin-1") + path.read_bytes())
        elif "crlf" in edit:
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        elif "symlink" in edit:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            os.symlink(edit["symlink"], path)
        elif "copy_to" in edit:
            data = path.read_bytes()
            for n in range(1, times + 1):
                (tree / edit["copy_to"].format(n=n)).write_bytes(data)
        elif "delete" in edit:
            path.unlink()
        elif "mkdir" in edit:
            path.mkdir(parents=True)
        else:
            raise AssertionError(f"unknown edit {edit}")


class _Reader(HTMLParser):
    """What a reader sees of a page (text outside script and style) and what could run or load."""

    ACTIVE = ("script", "img", "iframe", "object", "embed", "form", "svg", "math", "base", "meta", "link", "style")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.skip = 0
        self.elements: dict[str, int] = {}
        self.handlers: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.ACTIVE:
            self.elements[tag] = self.elements.get(tag, 0) + 1
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag}.{name}")
            if name in ("href", "src", "action", "formaction", "data") and value:
                self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def read_page(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def visible_text(html: str) -> str:
    """The page's text with runs of white space made one space, as a reader sees it."""
    return " ".join("".join(read_page(html).text).split())


def active_parts(html: str) -> dict[str, Any]:
    """Counts of elements that run or load things, on* handlers, and script-like URLs of a page."""
    page = read_page(html)
    risky = [u for u in page.urls if u.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    return {"elements": page.elements, "handlers": sorted(page.handlers), "risky_urls": risky}
