"""What a build of only some pages needs, shared by the live preview (incremental.py) and the
parallel build (shards.py): both run MkDocs' dirty mode, where a page not "modified" is skipped.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

_DIRTY_WARNING = "A 'dirty' build is being performed"


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns that dirty builds are inexact; both users make theirs exact (strict mode would abort)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """Drop MkDocs' dirty-build warning from now on (added once, however many builds ask)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _QuietDirtyWarning) for f in logger.filters):
        logger.addFilter(_QuietDirtyWarning())


def read_skipped_pages(config: MkDocsConfig, files: Files) -> None:
    """A page MkDocs will skip still needs its source read when the navigation gave it no title (a section's
    index page), or the menus and the footer of the pages built show none for it. Every other entry of the
    navigation has its title from the generator, and is not read."""
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.markdown is None and page.title is None and not file.is_modified():
            page.read_source(config)


def mark_built(file: File, build: bool) -> None:
    """Whether a dirty build makes this page or file again: the answer to the question MkDocs asks each file
    (its own answer compares modification times)."""
    file.is_modified = (lambda: True) if build else (lambda: False)  # type: ignore[method-assign]


def _compact_json(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), default=str)


def search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, or None when the site has none."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin.search_index, "entries"):
            return plugin
    return None


@dataclass
class SearchEntries:
    """Each built page's search entries, taken from the search plugin right after it indexed the page."""

    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Each page's entries as they stand in the index file, written once (a rebuild rewrites the whole file).
    texts: dict[str, str] = field(default_factory=dict)
    _seen: int = 0  # entries of the plugin's index already taken

    def record(self, key: str, config: MkDocsConfig) -> bool:
        """Keep the entries added since the last call under `key`; False when there is no search plugin."""
        plugin = search_plugin(config)
        if plugin is None:
            return False
        entries = plugin.search_index.entries
        self.pages[key] = entries[self._seen :]
        self.texts[key] = ",".join(_compact_json(entry) for entry in self.pages[key])
        self._seen = len(entries)
        return True

    def index_text(self, settings: dict[str, Any]) -> str:
        """The search index file of every page's latest entries: json.dumps of {"config", "docs"}, compact."""
        docs = ",".join(text for text in self.texts.values() if text)
        return f'{{"config":{_compact_json(settings)},"docs":[{docs}]}}'

    def new_build(self) -> None:
        """The plugin starts a new index for each build; keep the pages, count again from 0."""
        self._seen = 0
