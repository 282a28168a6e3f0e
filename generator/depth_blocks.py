"""Material's header and its `__config` script, rendered once per page depth, not once per page.

Both are the same on every page at the same depth but for one thing, the header's page title: the
addresses in them (the home page, the logo, the search worker) are relative to the page, and for
pages at one depth below one top folder they come out the same. As the theme's loader loads
`partials/header.html` and `base.html` (generator/template_wrap.py), the header is wrapped so that it
is rendered once per (depth, top folder) with a mark where the title goes, and each page gets that
HTML with its own title put in; the `config` block is wrapped the same way, with no title. With
sticky tabs in the header (which show the page's place) nothing is kept. If Material's templates are
not as expected they are used as they are, and tests/test_nav_html.py fails; it also builds sites
with and without this and compares them.
"""

from __future__ import annotations

from typing import Any

import jinja2

from .template_wrap import rewrite_templates

HEADER_TEMPLATE = "partials/header.html"
BASE_TEMPLATE = "base.html"
# Where the header prints the page's title (whitespace as in Material's template, both branches alike).
_TITLE = """            {% if page.meta and page.meta.title %}
              {{ page.meta.title }}
            {% else %}
              {{ page.title }}
            {% endif %}"""
_TITLE_MARKED = """            {% if page.meta and page.meta.title %}
              {{ depth_title_mark }}
            {% else %}
              {{ depth_title_mark }}
            {% endif %}"""
_CONFIG_START = "{% block config %}"
_BLOCK_END = "{% endblock %}"
# The character cannot come from a title: the generator refuses control characters in content.
MARK = "\x00page title\x00"
# Features that make the header show something of the page besides its title.
_UNCACHEABLE = {"navigation.tabs.sticky"}


def _kept(name: str, body: str) -> str:
    """A template part rendered once per key and reused."""
    return (
        f'{{% set _depth_html = depth_block("{name}", page, base_url) %}}'
        f"{{% if _depth_html is none %}}{{% set _depth_html %}}{body}{{% endset %}}"
        f'{{% set _depth_html = depth_block_put("{name}", page, base_url, _depth_html) %}}{{% endif %}}'
    )


def wrap_header_template(source: str) -> str | None:
    """Material's header, kept per depth with the title marked and filled in per page; None when not as expected."""
    if source.count(_TITLE) != 1:
        return None
    # Jinja drops a template's last line break; inside the kept part it would be printed.
    body = source[:-1] if source.endswith("\n") else source
    return _kept("header", body.replace(_TITLE, _TITLE_MARKED)) + "{{ depth_title(_depth_html, page) }}"


def wrap_base_template(source: str) -> str | None:
    """Material's base template, its `config` block kept per depth; None when not as expected."""
    if source.count(_CONFIG_START) != 1:
        return None
    start = source.index(_CONFIG_START) + len(_CONFIG_START)
    end = source.find(_BLOCK_END, start)
    if end < 0 or "{% block" in source[start:end]:
        return None
    return source[:start] + _kept("config", source[start:end]) + "{{ _depth_html }}" + source[end:]


class DepthBlocks:
    """The header and config HTML of one build, by page depth and top folder."""

    def __init__(self, features: list[str]) -> None:
        self.enabled = not _UNCACHEABLE & set(features)
        self.html: dict[tuple[str, str, str], str] = {}

    @staticmethod
    def _key(name: str, page: Any, base_url: Any) -> tuple[str, str, str] | None:
        if page is None or isinstance(page, jinja2.Undefined):
            return None
        url = str(page.url)
        # Relative addresses are the same for pages at one depth unless a target shares the page's top folder.
        return name, str(base_url), url.split("/", 1)[0] if "/" in url else ""

    def get(self, name: str, page: Any, base_url: Any) -> str | None:
        key = self._key(name, page, base_url)
        return self.html.get(key) if self.enabled and key is not None else None

    def put(self, name: str, page: Any, base_url: Any, html: str) -> str:
        key = self._key(name, page, base_url)
        if self.enabled and key is not None:
            self.html[key] = html
        return html

    @staticmethod
    def title(html: str, page: Any) -> str:
        """The header with this page's title where the mark is, as Material prints it (not escaped)."""
        if MARK not in html:
            return html
        if page is None or isinstance(page, jinja2.Undefined):
            return html.replace(MARK, "")  # a page-less template (404): Material prints an empty title
        meta = getattr(page, "meta", None)
        title = meta["title"] if meta and meta.get("title") else page.title
        return html.replace(MARK, str(title))


def install(env: jinja2.Environment, features: list[str]) -> DepthBlocks:
    """Give a build's template environment fresh kept blocks (titles and settings may change between builds)."""
    blocks = DepthBlocks(features)
    rewrite_templates(env, {HEADER_TEMPLATE: wrap_header_template, BASE_TEMPLATE: wrap_base_template})
    env.globals.update(depth_block=blocks.get, depth_block_put=blocks.put, depth_title=blocks.title, depth_title_mark=MARK)
    return blocks
