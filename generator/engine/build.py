"""Build stage: generated Markdown -> the HTML site, swapped in only when the build succeeded."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator.engine import EngineError, shards
from generator.engine.edition_build import build_edition
from generator.engine.sitemap_languages import add_languages
from generator.parallel import jobs_for
from generator.pipeline import EditionOutput
from generator.render.swap import recover, staging_of, swap_in

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


def build_html(
    config_file: Path, docs_dir: Path, site_dir: Path, jobs: int | None = None, editions: Sequence[EditionOutput] = ()
) -> None:
    """Run MkDocs into a folder beside site_dir, each translated edition into its folder of it, then swap it in;
    the old site stays on failure.

    Large sites are built by several processes at once (see shards.py); `jobs` overrides how many.
    Raises EngineError when MkDocs stops.
    """
    try:
        _build_html(config_file, docs_dir, site_dir, jobs, editions)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from exc


def _build_html(
    config_file: Path, docs_dir: Path, site_dir: Path, jobs: int | None, editions: Sequence[EditionOutput]
) -> None:
    show_mkdocs_messages()
    site_dir = site_dir.absolute()
    recover(site_dir)
    staging = staging_of(site_dir)
    config = load_config(str(config_file), docs_dir=str(docs_dir.resolve()), site_dir=str(staging))
    count = jobs_for(_page_count(docs_dir), jobs)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            if count > 1:
                _generate_before_forking(config_file, docs_dir)
                shards.build_in_shares(
                    count,
                    staging,
                    lambda folder: _run_mkdocs(config, folder, dirty=True),
                    config.validation.links.anchors,
                    bool(config.strict),
                )
            else:
                _run_mkdocs(config, staging, dirty=False)
        finally:
            config.plugins.on_shutdown()
        for edition in editions:
            build_edition(config_file, edition, staging / edition.site.config.language)
        add_languages(staging, editions)
        swap_in(site_dir)
    except BaseException:
        recover(site_dir)
        raise


def _run_mkdocs(config: MkDocsConfig, site_dir: Path, dirty: bool) -> None:
    config.site_dir = str(site_dir)
    mkdocs_build(config, dirty=dirty)


def _page_count(docs_dir: Path) -> int:
    return sum(1 for _ in docs_dir.rglob("*.md"))


def _generate_before_forking(config_file: Path, docs_dir: Path) -> None:
    """What the MkDocs hook does first, done once here so the shares only read its result."""
    from generator.engine.settings import content_dirs, handouts_dir
    from generator.handouts.make import make_handouts
    from generator.pipeline import generate

    content_dir, site_config_dir = content_dirs(config_file.resolve().parent)
    generated = generate(content_dir, site_config_dir, docs_dir)
    make_handouts(generated.site, handouts_dir(docs_dir))
