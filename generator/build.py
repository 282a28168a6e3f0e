"""Build stage: generated Markdown -> the HTML site, swapped in only when the build succeeded."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .swap import recover, staging_of, swap_in

# Material 9.8 prints a banner about MkDocs 2 on every build; it is noise for editors.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def show_mkdocs_messages(level: int = logging.WARNING) -> None:
    """Print MkDocs' log (warnings for a build; progress too while serving)."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(min(logger.getEffectiveLevel(), level))
    for handler in logger.handlers:
        if getattr(handler, "_footguide", False):
            handler.setLevel(level)
            return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    handler.setLevel(level)
    handler._footguide = True  # type: ignore[attr-defined]
    logger.addHandler(handler)


def build_html(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Run MkDocs into a folder beside site_dir, then swap it in; the old site stays on failure."""
    show_mkdocs_messages()
    site_dir = site_dir.absolute()
    recover(site_dir)
    config = load_config(str(config_file), docs_dir=str(docs_dir.resolve()), site_dir=str(staging_of(site_dir)))
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        swap_in(site_dir)
    except BaseException:
        recover(site_dir)
        raise
