"""Printable handouts: one PDF for the topic and one per cause, made from the content.

The bundle: `content.py` (Site -> what each handout says), `html.py` (Jinja2 template and
print CSS -> self-contained HTML), `pdf.py` (Debian's Chromium prints the HTML), `make.py`
(only changed handouts are printed again; the folder holds exactly the current set).
Where each handout lives is defined here once, for the pages that link to it.
"""

from __future__ import annotations

import posixpath

FOLDER = "handouts"
"""The handouts' folder, both in the site (site/handouts/) and in the build folder."""


def handout_of(page_path: str) -> str:
    """The handout of a page, relative to the handouts folder: index.md -> overview.pdf, causes/x.md -> causes/x.pdf."""
    if page_path == "index.md":
        return "overview.pdf"
    return posixpath.splitext(page_path)[0] + ".pdf"


def handout_uri(page_path: str) -> str:
    """The handout of a page as a docs-relative path, for links from the Markdown pages."""
    return f"{FOLDER}/{handout_of(page_path)}"


def page_address(site_url: str, page_path: str) -> str:
    """A page's public address, as MkDocs makes it with directory URLs: causes/x.md -> {site_url}causes/x/."""
    stem = posixpath.splitext(page_path)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return site_url + stem


def short_address(address: str) -> str:
    """An address without its scheme, for people to type: example.org/numb-feet/causes/x/."""
    return address.split("://", 1)[-1]
