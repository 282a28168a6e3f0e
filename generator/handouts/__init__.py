"""Printable handouts: one PDF for the topic and one per cause, made from the content."""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.render.write import files_under

FOLDER = "handouts"
"""The handouts' folder, both in the site (site/handouts/) and in the build folder."""


def handout_of(page_path: str) -> str:
    """The handout of a page, relative to the handouts folder: index.md -> overview.pdf, causes/x.md -> causes/x.pdf."""
    if page_path == "index.md":
        return "overview.pdf"
    return posixpath.splitext(page_path)[0] + ".pdf"


def printed_handouts(folder: Path) -> list[str]:
    """The handouts a build publishes: every PDF of the handouts folder (not its print record), as sorted
    paths relative to it. Both engines publish these."""
    return sorted(name for name in files_under(folder) if name.endswith(".pdf"))


def handout_uri(page_path: str) -> str:
    """The handout of a page as a docs-relative path, for links from the Markdown pages."""
    return f"{FOLDER}/{handout_of(page_path)}"


def short_address(address: str) -> str:
    """An address without its scheme, for people to type: example.org/numb-feet/causes/x/."""
    return address.split("://", 1)[-1]
