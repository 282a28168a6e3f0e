"""Where a page made from a docs-relative Markdown path is served: causes/x.md -> causes/x/."""

from __future__ import annotations


def address_of(path: str) -> str:
    """The address inside the site of the page made from a docs-relative Markdown path ("" for the home page)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def page_address(site_url: str, page_path: str) -> str:
    """A page's public address, as MkDocs makes it with directory URLs: causes/x.md -> {site_url}causes/x/."""
    return site_url + address_of(page_path)
