"""Render each closed navigation entry once per build, not once per page.

Material renders every page's navigation with the recursive macro `render` of its template
`partials/nav-item.html`: about a sixth of MkDocs' time a page here, even with `navigation.prune`,
most of it the cost of calling Jinja macros. Most of what it renders is the same on page after
page: an entry off the open path (a link to another page, or a pruned section) comes out as one
link, and only that link's address relative to the page can differ. So such an entry's HTML is
kept, keyed by the entry, its place in the tree and that relative address, and where the macro
would be called for it again the kept HTML is used instead.

Material's templates are not copied. As the loader loads them (generator/template_wrap.py), it wraps the macro's body so that
it offers what it rendered to the cache, and its two call sites so that they ask the cache first
(`cached(...) or render(...)`). Entries on the open path (the page and the sections holding it) are
always rendered by Material's code. If Material's templates ever stop looking as expected, they
are left as they are and the navigation is rendered the slow way; tests/test_nav_cache.py fails
then, and also checks that a site built with the cache is byte-identical to one built without.
"""

from __future__ import annotations

from typing import Any

import jinja2
from mkdocs.utils import normalize_url

from .template_wrap import rewrite_templates

ITEM_TEMPLATE = "partials/nav-item.html"
NAV_TEMPLATE = "partials/nav.html"
MACRO = "{% macro render(nav_item, path, level, parent) %}"
_END = "{% endmacro %}"
_INNER_CALL = '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}'
_TOP_CALL = "{{ item.render(nav_item, path, 1) }}"
# The body, rendered into a variable and offered to the cache (which hands it back).
_BEFORE = "{% set _nav_key = nav_cache_key(nav_item, path, level, page) %}{% set _nav_html %}"
_AFTER = "{% endset %}{{ nav_cache_put(_nav_key, _nav_html) }}"
# With these features closed entries can show more than one link: no cache then.
_UNCACHEABLE = {"navigation.tabs", "navigation.sections", "navigation.expand"}


def wrap_item_template(source: str) -> str | None:
    """Material's nav-item template, its macro offering to and its inner call asking the cache;
    None when the template is not as expected."""
    if source.count(MACRO) != 1 or source.count(_INNER_CALL) != 1:
        return None
    start = source.index(MACRO) + len(MACRO)
    end = source.find(_END, start)
    if end < 0 or "{% macro" in source[start:end] or not start < source.index(_INNER_CALL) < end:
        return None
    body = source[start:end].replace(
        _INNER_CALL,
        '{{ nav_cached(item, path ~ "_" ~ loop.index, level + 1, page)'
        ' or render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
    )
    return source[:start] + _BEFORE + body + _AFTER + source[end:]


def wrap_nav_template(source: str) -> str | None:
    """Material's nav template, its call for each top-level entry asking the cache first."""
    if source.count(_TOP_CALL) != 1:
        return None
    return source.replace(_TOP_CALL, "{{ nav_cached(nav_item, path, 1, page) or item.render(nav_item, path, 1) }}")


def _plain(url: str) -> bool:
    """An address as MkDocs gives pages: relative, no empty, '.' or '..' parts (which it would normalize)."""
    if url == "":
        return True
    parts = url.rstrip("/").split("/")
    return not url.startswith("/") and all(part and not part.startswith(".") and ":" not in part for part in parts)


class NavCache:
    """The rendered closed entries of one build."""

    def __init__(self, features: list[str]) -> None:
        self.enabled = "navigation.prune" in features and not _UNCACHEABLE & set(features)
        self.html: dict[tuple[Any, ...], str] = {}
        self.targets: dict[int, str | None] = {}  # id of an entry -> the address it links to
        self.relative: dict[tuple[str, str], str] = {}  # (address, folder of the page) -> relative address

    def key(self, item: Any, path: str, level: int, page: Any) -> tuple[Any, ...] | None:
        """What the macro's output depends on, for a closed entry; None for an entry to render."""
        if not self.enabled or page is None or getattr(item, "active", True) or item is page or item == page:
            return None
        url = self._target(item)
        if url is None:
            return None
        return (id(item), path, level, self._relative(url, page))

    def _target(self, item: Any) -> str | None:
        """Where the entry links: a pruned section is one link, to its first page (render_pruned)."""
        known = self.targets.get(id(item), self)
        if known is self:
            target = item
            while target.children:
                target = target.children[0]
            url = getattr(target, "url", None)
            known = self.targets[id(item)] = None if url is None else str(url)
        return known  # type: ignore[return-value]

    def _relative(self, url: str, page: Any) -> str:
        """The entry's address relative to the page, as Material's `url` filter gives it. For pages in one
        folder it is the same unless the entry is inside the page's own folder, so it is worked out once
        per folder (MkDocs' relative path computation is most of a cached entry's cost)."""
        here = str(page.url)
        if not here.endswith("/") or (url.rstrip("/") + "/").startswith(here):
            return normalize_url(url, page=page)
        folder = here[: here.rstrip("/").rfind("/") + 1]
        known = self.relative.get((url, folder))
        if known is None:
            known = normalize_url(url, page=page)
            if _plain(url):  # only a plain address is kept: it is the same for every page of the folder
                self.relative[(url, folder)] = known
        return known

    def cached(self, item: Any, path: str, level: int, page: Any) -> str:
        """The entry's HTML if it was rendered before, else '' (so the template renders it)."""
        key = self.key(item, path, level, page)
        return self.html.get(key, "") if key is not None else ""

    def put(self, key: tuple[Any, ...] | None, html: str) -> str:
        if key is not None:
            self.html[key] = html
        return html


def install(env: jinja2.Environment, features: list[str]) -> NavCache:
    """Give a build's template environment a fresh cache: one per build, as titles may change between builds."""
    cache = NavCache(features)
    rewrite_templates(env, {ITEM_TEMPLATE: wrap_item_template, NAV_TEMPLATE: wrap_nav_template})
    env.globals.update(nav_cache_key=cache.key, nav_cached=cache.cached, nav_cache_put=cache.put)
    return cache
