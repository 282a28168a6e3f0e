"""MkDocs hook: run the generator before every build and watch content/ while serving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.content.errors import ContentErrors
from generator.engine import incremental, preview, shards
from generator.engine.edition_build import EDITION_KEY
from generator.engine.finish import finish_page
from generator.engine.output_lock import outputs_locked
from generator.engine.publish import place, publish_files
from generator.engine.settings import content_dirs, handouts_dir
from generator.engine.site_settings import apply_settings, engine_settings
from generator.engine.theme_templates import reuse_compiled_templates
from generator.exports.files import exports_dir
from generator.handouts import FOLDER, printed_handouts
from generator.handouts.make import make_handouts
from generator.handouts.pdf import PrintError, close_kept_browser, keep_browser_open
from generator.pipeline import generate, last_generated


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        preview.enable()
        keep_browser_open()  # an edit reprints its handout in the open browser, not a new one
    incremental.enable(command, dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.extra.get(EDITION_KEY):
        return config  # a translated edition: its Markdown, handouts and settings were written before this build
    content_dir, site_config_dir = content_dirs(Path(config.config_file_path).parent)
    # Serving or a bare `mkdocs build` writes docs/ and the handouts here; `generator build` holds the lock already.
    with outputs_locked(Path(config.docs_dir)):
        try:
            # A share of a parallel build uses what its parent generated before forking.
            generated = (shards.active() and last_generated(content_dir, site_config_dir, Path(config.docs_dir))) or generate(
                content_dir, site_config_dir, Path(config.docs_dir)
            )
        except ContentErrors as exc:
            if not preview.serving():
                raise PluginError("the content has errors:\n" + exc.report()) from None
            # Serving: keep the last good pages and settings, and show the errors on them.
            apply_settings(config, preview.record_failure(exc, Path(config.docs_dir)))
            incremental.rebuild_everything(config)  # the error box goes on every page
            return config
        try:
            printed = []
            if not shards.active():  # a parallel build's parent printed them before forking
                printed = make_handouts(generated.site, handouts_dir(Path(config.docs_dir)), generated.handouts_made).printed
        except PrintError as exc:
            raise PluginError(f"printing the handouts failed: {exc}") from None
    applied = engine_settings(generated)
    if preview.serving():
        preview.record_success(applied)
    apply_settings(config, applied)
    theme_dir = config.theme.custom_dir
    incremental.plan(
        config, generated, printed, [site_config_dir, Path(config.config_file_path), *([Path(theme_dir)] if theme_dir else [])]
    )
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    return reuse_compiled_templates(env)  # MkDocs makes a new environment for every build


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    incremental.read_unchanged(config, files)
    shards.read_other_pages(config, files)
    return nav


@event_priority(-100)  # after the search plugin indexed the page
def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    incremental.record_search_entries(page, config)
    shards.record_search_entries(page, config)
    return context


@event_priority(-100)  # after the search plugin wrote its index
def on_post_build(config: MkDocsConfig) -> None:
    incremental.write_search_index(config)
    shards.write_manifest(config)
    if shards.copies_static_files() and not config.extra.get(EDITION_KEY):  # an edition has no exports of its own
        publish_files(exports_dir(Path(config.docs_dir)), Path(config.site_dir), incremental.exports_to_publish())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the printed handouts as site/handouts/..., so pages can link them like any file."""
    folder = handouts_dir(Path(config.docs_dir))
    source, site, directory_urls = str(folder.parent), config.site_dir, config.use_directory_urls
    for name in printed_handouts(folder):
        files.append(_Handout(f"{FOLDER}/{name}", src_dir=source, dest_dir=site, use_directory_urls=directory_urls))
    shards.choose_pages(files)
    incremental.choose_files(files, config, FOLDER)
    return files


class _Handout(File):
    """A printed handout, published as a hard link to it rather than a copy (151 MB of PDFs at 3,000
    causes). Safe because the handouts folder never rewrites a PDF in place: a changed one is a new
    file swapped in (generator/render/write.py), so the site keeps the bytes it was built with."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        place(Path(self.abs_src_path or ""), Path(self.abs_dest_path))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return preview.error_box() + html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finish_page(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return finish_page(output_content) if template_name.endswith(".html") else output_content  # the 404 page


def on_shutdown() -> None:
    close_kept_browser()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
    # docs/ is the generator's output, written during each build: watching it made every
    # content edit rebuild the site twice.
    server.unwatch(config.docs_dir)
    for folder in content_dirs(Path(config.config_file_path).parent):
        server.watch(str(folder))
    return server
