"""Build stage: generated Markdown -> the HTML site, swapped in only when the build succeeded."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

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
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.old")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    config = load_config(str(config_file), docs_dir=str(docs_dir.resolve()), site_dir=str(staging))
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
