"""One Markdown converter for all of a build's pages, reset between pages, not one made per page.

MkDocs' `Page.render` makes a new `markdown.Markdown` for each page, which imports and sets up every
extension and builds the block parser and the inline patterns again: about 5 % of a 3,000-cause
build (bench/RESULTS.md). Python-Markdown's documented way to convert many documents is one
converter with `reset()` called between them, which clears its stash and references and every
extension's state (footnotes, table of contents). MkDocs registers a page's own four processors
under fixed names, so each page's replace the last page's.

Kept only while every extension is Python-Markdown's own or this package's, whose state `reset()`
is known to clear, and footnotes' UNIQUE_IDS is off (its ids count the documents converted); a build
with anything else makes a converter per page, as MkDocs does.
tests/test_nav_html.py builds whole sites both ways and compares every byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any

import markdown
import mkdocs.structure.pages

# Where an extension is known to keep its per-document state where `Markdown.reset()` clears it.
_KNOWN_MODULES = ("markdown.extensions.", "generator.")


class _Converters:
    """Stands in for the `markdown` module in mkdocs.structure.pages, which uses only its `Markdown`."""

    def __init__(self) -> None:
        # The current build's extension list (by identity) and settings, and its converter once made.
        self.extensions: Sequence[Any] | None = None
        self.configs: Mapping[str, Any] = {}
        self.kept: markdown.Markdown | None = None
        self.short_names: set[str] = set()

    # Named as the class MkDocs calls: `markdown.Markdown(extensions=..., extension_configs=...)`.
    def Markdown(self, extensions: Sequence[Any], extension_configs: Mapping[str, Any]) -> markdown.Markdown:
        if extensions is not self.extensions or extension_configs != self.configs:
            return markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        if self.kept is None:
            # Checked now, not at install: a plugin may add an extension to the list after the hook ran.
            if not _all_known(extensions, self.short_names):
                self.extensions = None
                return markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
            self.kept = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
            return self.kept
        del self.kept.parser.state[:]  # reset() leaves it; a page that failed halfway could leave an entry
        return self.kept.reset()

    def __getattr__(self, name: str) -> Any:
        return getattr(markdown, name)


_converters = _Converters()


def _all_known(extensions: Sequence[Any], short_names: set[str]) -> bool:
    """Every extension is Python-Markdown's own or this package's (an Extension object a plugin added is not)."""
    return all(isinstance(name, str) and (name in short_names or name.startswith(_KNOWN_MODULES)) for name in extensions)


def install(config: Any) -> bool:
    """Convert this build's pages with one converter, if its extensions allow; True when they do."""
    mkdocs.structure.pages.markdown = _converters  # type: ignore[assignment]
    extensions = config["markdown_extensions"]
    configs = config["mdx_configs"] or {}
    # Short names ("toc") are entry points: known when they lead to a known module.
    short_names = {point.name for point in entry_points(group="markdown.extensions") if point.value.startswith(_KNOWN_MODULES)}
    # With UNIQUE_IDS, footnotes' reset() counts documents into the ids: a page's would depend on those before it.
    unique_ids = bool((configs.get("footnotes") or {}).get("UNIQUE_IDS"))
    reusable = not unique_ids and _all_known(extensions, short_names)
    _converters.extensions = extensions if reusable else None
    _converters.configs = configs
    _converters.short_names = short_names
    _converters.kept = None
    return reusable
