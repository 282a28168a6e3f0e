"""Material's primary navigation, rendered by Python code instead of its Jinja macro.

Every page carries the navigation, and Material renders it with the recursive macro `render` of
`partials/nav-item.html`: even with `navigation.prune` and short sections it was about a tenth of a
large build's time, nearly all of it the cost of Jinja macro calls. This module writes the same
elements with the same attributes, text and order (only the white space between tags differs: one
line break wherever Material's template has white space), for the features this site uses.

It covers what Material does with `navigation.indexes` and `navigation.prune`, and nothing more:
with tabs, sections, expand or an integrated table of contents, or for an entry with an icon, a
subtitle, a status or a typeset title, it renders nothing and Material's macro renders that entry as
before. As the theme's loader loads `partials/nav.html` (generator/template_wrap.py), its call of the
macro for each top-level entry asks this module first. tests/test_nav_html.py checks that the
template still looks as expected (so a Material upgrade is noticed) and builds sites both ways: every
page has the same navigation, white space apart, and is otherwise byte-identical.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.utils import normalize_url

from .template_wrap import rewrite_templates

NAV_TEMPLATE = "partials/nav.html"
_TOP_CALL = "{{ item.render(nav_item, path, 1) }}"
_QUICK_CALL = '{{ quick_nav(nav_item, path, page, lang.t("toc")) or item.render(nav_item, path, 1) }}'
# Features whose navigation this module does not write (Material's macro does then).
_UNSUPPORTED = {"navigation.tabs", "navigation.sections", "navigation.expand", "toc.integrate"}
_ICON = '<span class="md-nav__icon md-icon"></span>'


def wrap_nav_template(source: str) -> str | None:
    """Material's nav template, its call for each top-level entry asking this module first; None
    when the template is not as expected."""
    if source.count(_TOP_CALL) != 1:
        return None
    return source.replace(_TOP_CALL, _QUICK_CALL)


class _Unsupported(Exception):
    """An entry that needs something of Material's macro this module does not write."""


def _plain(url: str) -> bool:
    """An address as MkDocs gives pages: relative, no empty, '.' or '..' parts (which it would normalize)."""
    if url == "":
        return True
    parts = url.rstrip("/").split("/")
    return not url.startswith("/") and all(part and not part.startswith(".") and ":" not in part for part in parts)


class NavRenderer:
    """The primary navigation of one build's pages."""

    def __init__(self, features: list[str], toc_title: str | None) -> None:
        self.enabled = not _UNSUPPORTED & set(features)
        self.indexes = "navigation.indexes" in features
        self.prune = "navigation.prune" in features
        self.toc_title = toc_title  # markdown_extensions' toc title, which Material prefers to its own
        self.closed: dict[tuple[int, str, int, str], str] = {}  # an entry off the open path -> its HTML
        self.relative: dict[tuple[str, str], str] = {}  # (address, folder of the page) -> relative address
        self.targets: dict[int, str] = {}  # id of a closed entry -> the address it links to
        self.index_pages: dict[int, Any] = {}  # id of a section -> its index page, or None

    def top_item(self, item: Any, path: str, page: Any, toc_text: Any) -> Markup:
        """One top-level entry's HTML, or '' for Material's macro to render it."""
        if not self.enabled or page is None or isinstance(page, jinja2.Undefined):
            return Markup("")
        try:
            lines: list[str] = [""]
            self._item(lines, item, path, 1, page, str(toc_text))
            lines.append("")
            return Markup("\n".join(lines))
        except _Unsupported:
            return Markup("")

    # --- Material's macro `render` and the macros it calls ------------------------------------------

    def _item(self, out: list[str], item: Any, path: str, level: int, page: Any, toc_text: str) -> None:
        if getattr(item, "pages", None):
            raise _Unsupported("an entry with pages of its own (Material's blog)")
        active = bool(getattr(item, "active", False))
        children = getattr(item, "children", None)
        if not active and (children or not item == page):
            out.append(self._closed(item, path, level, page))
            return
        css = "md-nav__item md-nav__item--active" if active else "md-nav__item"
        if children:
            self._open_section(out, item, children, css, path, level, page, toc_text)
        elif item == page:
            self._current_page(out, item, css, page, toc_text)
        else:
            self._link(out, item, css, page)

    def _closed(self, item: Any, path: str, level: int, page: Any) -> str:
        """An entry off the open path: the same HTML on every page that sees it at the same address."""
        url = self._target(item)
        key = (id(item), path, level, self._url(url, page))
        html = self.closed.get(key)
        if html is None:
            lines: list[str] = []
            if getattr(item, "children", None):
                if not self.prune:
                    raise _Unsupported("closed sections without navigation.prune")
                lines.append('<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">')
                self._pruned(lines, item, page)
                lines.append("</li>")
            else:
                self._link(lines, item, "md-nav__item", page)
            html = self.closed[key] = "\n".join(lines)
        return html

    def _open_section(
        self, out: list[str], section: Any, children: list[Any], css: str, path: str, level: int, page: Any, toc_text: str
    ) -> None:
        index = self._index(section, children)
        out.append(f'<li class="{css} md-nav__item--nested">')
        out.append(f'<input class="md-nav__toggle md-toggle " type="checkbox" id="{path}" checked>')
        if index is None:
            out.append(f'<label class="md-nav__link" for="{path}" id="{path}_label" tabindex="0">')
            self._content(out, section, section)
            out += [_ICON, "</label>"]
        else:
            current = "md-nav__link--active" if index == page else ""
            out.append('<div class="md-nav__link md-nav__container">')
            out.append(f'<a href="{self._url(index.url, page)}" class="md-nav__link {current}">')
            self._content(out, index, section)
            out.append("</a>")
            if len(children) > 1:
                out += [f'<label class="md-nav__link {current}" for="{path}" id="{path}_label" tabindex="0">', _ICON, "</label>"]
            out.append("</div>")
        expanded = "true" if section.active else "false"  # Material's `tojson`
        out.append(f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" aria-expanded="{expanded}">')
        out += [f'<label class="md-nav__title" for="{path}">', _ICON, self._title(section), "</label>"]
        out.append('<ul class="md-nav__list" data-md-scrollfix>')
        for number, child in enumerate(children, start=1):
            if index is None or child != index:
                self._item(out, child, f"{path}_{number}", level + 1, page, toc_text)
        out += ["</ul>", "</nav>", "</li>"]

    def _current_page(self, out: list[str], item: Any, css: str, page: Any, toc_text: str) -> None:
        toc = _toc_entries(page)
        out.append(f'<li class="{css}">')
        out.append('<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
        if toc:
            out.append('<label class="md-nav__link md-nav__link--active" for="__toc">')
            self._content(out, item, item)
            out += [_ICON, "</label>"]
        out.append(f'<a href="{self._url(item.url, page)}" class="md-nav__link md-nav__link--active">')
        self._content(out, item, item)
        out.append("</a>")
        if toc:
            self._toc(out, toc, self.toc_title or toc_text)
        out.append("</li>")

    def _link(self, out: list[str], item: Any, css: str, page: Any) -> None:
        out += [f'<li class="{css}">', f'<a href="{self._url(item.url, page)}" class="md-nav__link">']
        self._content(out, item, item)
        out += ["</a>", "</li>"]

    def _pruned(self, out: list[str], section: Any, page: Any) -> None:
        """Material's render_pruned: a closed section is one link, to the first page inside it (its target)."""
        out.append(f'<a href="{self._url(self._target(section), page)}" class="md-nav__link">')
        self._content(out, section, section)
        out += [_ICON, "</a>"]

    def _content(self, out: list[str], item: Any, ref: Any) -> None:
        """Material's render_content(item, ref): the title of `ref`, the extras of `item`."""
        meta = getattr(item, "meta", None)
        if meta and (meta.get("icon") or meta.get("subtitle") or meta.get("status") or getattr(item, "encrypted", None)):
            raise _Unsupported("an icon, subtitle or status")
        out += ['<span class="md-ellipsis">', self._title(ref), "</span>"]

    @staticmethod
    def _title(item: Any) -> str:
        if getattr(item, "typeset", None):
            raise _Unsupported("a typeset title")
        return str(item.title)  # as Material prints it: the theme's environment does not escape

    def _toc(self, out: list[str], toc: list[Any], title: str) -> None:
        """Material's partials/toc.html and toc-item.html, for the page's own entry."""
        out.append(f'<nav class="md-nav md-nav--secondary" aria-label="{escape(title)}">')
        out += ['<label class="md-nav__title" for="__toc">', _ICON, title, "</label>"]
        out.append('<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>')
        self._toc_items(out, toc)
        out += ["</ul>", "</nav>"]

    def _toc_items(self, out: list[str], entries: list[Any]) -> None:
        for entry in entries:
            if getattr(entry, "typeset", None):
                raise _Unsupported("a typeset heading")
            out += ['<li class="md-nav__item">', f'<a href="{entry.url}" class="md-nav__link">']
            out += ['<span class="md-ellipsis">', str(entry.title), "</span>", "</a>"]
            if entry.children:
                label = escape(Markup(str(entry.title)).striptags())
                out += [f'<nav class="md-nav" aria-label="{label}">', '<ul class="md-nav__list">']
                self._toc_items(out, entry.children)
                out += ["</ul>", "</nav>"]
            out.append("</li>")

    # --- addresses ------------------------------------------------------------------------------------

    def _index(self, section: Any, children: list[Any]) -> Any:
        """The section's index page (navigation.indexes), its first child that is one."""
        if not self.indexes:
            return None
        known = self.index_pages.get(id(section), self)
        if known is self:
            known = self.index_pages[id(section)] = next((child for child in children if getattr(child, "is_index", False)), None)
        return known

    def _target(self, item: Any) -> str:
        """Where a closed entry links: a pruned section is one link, to its first page."""
        known = self.targets.get(id(item))
        if known is None:
            target = item
            while getattr(target, "children", None):
                target = target.children[0]
            known = self.targets[id(item)] = str(target.url)
        return known

    def _url(self, url: Any, page: Any) -> str:
        """The address relative to the page, as Material's `url` filter gives it. For pages in one
        folder it is the same unless the address is inside the page's own folder, so it is worked
        out once per folder (MkDocs' relative path computation is most of a closed entry's cost)."""
        url = str(url)
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


def _toc_entries(page: Any) -> list[Any]:
    """The table of contents Material shows: the page's, without its single top-level heading."""
    toc = list(page.toc or [])
    if toc and toc[0].level == 1:
        toc = list(toc[0].children)
    return toc


def install(env: jinja2.Environment, config: Any) -> NavRenderer:
    """Give a build's template environment a fresh renderer: one per build, as titles may change."""
    toc_config = (config.get("mdx_configs") or {}).get("toc") or {}
    renderer = NavRenderer(list(config.theme.get("features") or []), toc_config.get("title"))
    rewrite_templates(env, {NAV_TEMPLATE: wrap_nav_template})
    env.globals["quick_nav"] = renderer.top_item
    return renderer
