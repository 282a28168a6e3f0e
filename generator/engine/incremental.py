"""Live preview: after a content edit, rebuild only the pages whose HTML changes."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.content.fingerprint import Fingerprint, fingerprint
from generator.engine.partial_build import SearchEntries, mark_built, quiet_dirty_warning, read_skipped_pages, search_plugin
from generator.pipeline import Generated
from generator.render.pages import NavItem


@dataclass
class _State:
    pages: frozenset[str] = frozenset()
    views: dict[str, bytes] = field(default_factory=dict)
    # The navigation and page titles `views` digests.
    views_of: tuple[list[NavItem], dict[str, str]] = field(default_factory=lambda: ([], {}))
    settings: Fingerprint = ()
    search: SearchEntries = field(default_factory=SearchEntries)
    rebuilt: int = 0
    everything: bool = False  # the next build rebuilds every page
    # This build's pages and files to make again (docs-relative) and handouts printed again; None: every one.
    to_build: frozenset[str] | None = None
    handouts_printed: frozenset[str] = frozenset()
    exports_written: list[str] = field(default_factory=list)


# One live preview per process; kept in this imported module because MkDocs reloads
# its configuration (and the hook with it) on every rebuild.
_enabled = False
_state = _State()


def enable(command: str, dirty: bool) -> None:
    """Called at MkDocs startup: incremental rebuilds only for a dirty `serve`."""
    global _enabled, _state
    _enabled = command == "serve" and dirty
    _state = _State()
    if _enabled:
        quiet_dirty_warning()


def active() -> bool:
    return _enabled


def _views(nav: list[NavItem], titles: dict[str, str]) -> dict[str, bytes]:
    """A digest of what each page's navigation shows: the item lists open around it and its neighbours."""
    leaves: list[tuple[str, str]] = []  # (label, path) in reading order
    shown: dict[str, list[str]] = {}  # page path -> the item lists open around it

    def first_leaf(item: NavItem) -> str:
        if isinstance(item, str):
            return item
        (value,) = item.values()
        return value if isinstance(value, str) else first_leaf(value[0])

    def summary(items: list[NavItem]) -> str:
        # What Material shows for each item: a page's label and link (a bare path shows the
        # page's own title); a closed section's label and the link to its first page.
        parts = []
        for item in items:
            if isinstance(item, str):
                parts.append(f"{item}\t{titles.get(item, '')}")
            else:
                parts.append(f"{next(iter(item))}\t{first_leaf(item)}")
        return "\n".join(parts)

    def walk(items: list[NavItem], open_lists: list[str]) -> None:
        here = [*open_lists, summary(items)]
        for item in items:
            if isinstance(item, str):
                leaves.append((item, item))
                shown[item] = here
                continue
            ((label, value),) = item.items()
            if isinstance(value, str):
                leaves.append((label, value))
                shown[value] = here
            else:
                walk(value, here)

    walk(nav, [])
    views: dict[str, bytes] = {}
    for i, (label, path) in enumerate(leaves):
        before = leaves[i - 1] if i else ("", "")
        after = leaves[i + 1] if i + 1 < len(leaves) else ("", "")
        neighbours = [f"{lab}\t{p}\t{titles.get(p, '')}" for lab, p in (before, after)]
        text = "\n\n".join([*shown[path], *neighbours, label])
        views[path] = hashlib.blake2b(text.encode(), digest_size=16).digest()
    return views


def plan(config: MkDocsConfig, generated: Generated, handouts_printed: list[str], settings_dirs: list[Path]) -> None:
    """Before a rebuild: choose between rebuilding everything and only the pages and files that changed
    (those written into docs/, the pages whose navigation view changed, the handouts printed again)."""
    if not _enabled:
        return
    pages = frozenset(page.path for page in generated.site.pages)
    titles = {page.path: page.title for page in generated.site.pages}
    # Most edits change neither the navigation nor a title: comparing them is cheaper than a digest a page.
    same_nav = generated.nav == _state.views_of[0] and titles == _state.views_of[1]
    views = _state.views if same_nav else _views(generated.nav, titles)
    settings = fingerprint(*settings_dirs)
    if pages != _state.pages or settings != _state.settings or _state.everything:
        # First build, a page added or removed, or the site settings changed: start clean.
        shutil.rmtree(config.site_dir, ignore_errors=True)
        _state.search = SearchEntries()
        _state.to_build = None
    else:
        view_changed = {path for path, view in views.items() if view != _state.views.get(path)}
        _state.to_build = frozenset(generated.report.written) | view_changed
        _state.handouts_printed = frozenset(handouts_printed)
        _state.exports_written = list(generated.exports_report.written)
    _state.pages, _state.views, _state.views_of, _state.settings = pages, views, (generated.nav, titles), settings
    _state.everything = False
    _state.search.new_build()
    _state.rebuilt = 0


def rebuild_everything(config: MkDocsConfig) -> None:
    """Make the next build (and the one after it) rebuild every page, as after a change of settings."""
    if not _enabled:
        return
    shutil.rmtree(config.site_dir, ignore_errors=True)
    _state.everything = True
    _state.to_build = None
    _state.search = SearchEntries()
    _state.rebuilt = 0


def choose_files(files: Files, config: MkDocsConfig, handouts_folder: str) -> None:
    """Tell MkDocs which pages and files this rebuild makes again, so it need not compare each one's
    modification time with its copy's (two stat calls a file, thousands of files). The generator is the
    only writer of docs/ and the handouts, and the theme's files change only with the settings, which
    rebuild everything; `handouts_folder`: where the handouts are published (handouts/...)."""
    if not _enabled or _state.to_build is None:
        return
    docs_dir = os.path.join(os.path.abspath(config.docs_dir), "")
    handouts = handouts_folder + "/"
    for file in files:
        uri = file.src_uri
        if uri.startswith(handouts) and not file.is_documentation_page():
            build = uri[len(handouts) :] in _state.handouts_printed
        else:
            build = uri in _state.to_build and (file.abs_src_path or "").startswith(docs_dir)
        mark_built(file, build)


def exports_to_publish() -> list[str] | None:
    """The exports this rebuild publishes: those written since the last one, or None for every one."""
    return _state.exports_written if _enabled and _state.to_build is not None else None


def read_unchanged(config: MkDocsConfig, files: Files) -> None:
    """Read the skipped pages the navigation needs (partial_build.read_skipped_pages)."""
    if _enabled:
        read_skipped_pages(config, files)


def record_search_entries(page: Page, config: MkDocsConfig) -> None:
    """After the search plugin indexed a page: keep that page's entries for the merged index."""
    if _enabled and _state.search.record(page.url, config):
        _state.rebuilt += 1


def write_search_index(config: MkDocsConfig) -> None:
    """Replace the search plugin's index with every page's latest entries."""
    plugin = search_plugin(config)
    if not _enabled or plugin is None:
        return
    settings = {key: plugin.config[key] for key in ("lang", "separator", "pipeline", "fields")}
    path = Path(config.site_dir) / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_state.search.index_text(settings), encoding="utf-8")
    logging.getLogger("mkdocs").info(f"Rebuilt {_state.rebuilt} of {len(_state.pages)} pages")
