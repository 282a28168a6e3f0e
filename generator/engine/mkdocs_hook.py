"""MkDocs hook: run the generator before every build and watch content/ while serving."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator.content.errors import ContentErrors
from generator.engine import incremental, preview, shards
from generator.engine.output_lock import outputs_locked
from generator.engine.settings import content_dirs, handouts_dir
from generator.handouts import FOLDER
from generator.handouts.make import make_handouts
from generator.handouts.pdf import PrintError, close_kept_browser, keep_browser_open
from generator.pipeline import generate, last_generated
from generator.render.csp import content_security_policy
from generator.render.markdown import html_text


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        preview.enable()
        keep_browser_open()  # an edit reprints its handout in the open browser, not a new one
    incremental.enable(command, dirty)


def on_config(config: Any) -> Any:
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
            _apply(config, preview.record_failure(exc, Path(config.docs_dir)))
            incremental.rebuild_everything(config)  # the error box goes on every page
            return config
        try:
            if not shards.active():  # a parallel build's parent printed them before forking
                make_handouts(generated.site, handouts_dir(Path(config.docs_dir)))
        except PrintError as exc:
            raise PluginError(f"printing the handouts failed: {exc}") from None
    settings = generated.site.config
    # site_config/site.yaml is the one place for these; mkdocs.yml only holds defaults.
    applied = {
        "nav": generated.nav,
        "site_name": html_text(settings.site_name),
        "site_url": settings.site_url,
        "language": settings.language,
        "emergency_number": settings.emergency_number,  # the 404 page's emergency line (theme/404.html)
    }
    if preview.serving():
        preview.record_success(applied)
    _apply(config, applied)
    theme_dir = config.theme.custom_dir
    incremental.plan(
        config, generated, [site_config_dir, Path(config.config_file_path), *([Path(theme_dir)] if theme_dir else [])]
    )
    return config


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    incremental.read_unchanged(config, files)
    shards.read_other_pages(config, files)
    return nav


@event_priority(-100)  # after the search plugin indexed the page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    incremental.record_search_entries(page, config)
    shards.record_search_entries(page, config)
    return context


@event_priority(-100)  # after the search plugin wrote its index
def on_post_build(config: Any) -> None:
    incremental.write_search_index(config)
    shards.write_manifest(config)


def on_files(files: Files, config: Any) -> Files:
    """Publish the printed handouts as site/handouts/..., so pages can link them like any file."""
    folder = handouts_dir(Path(config.docs_dir))
    for pdf in sorted(folder.rglob("*.pdf")):
        uri = f"{FOLDER}/{pdf.relative_to(folder).as_posix()}"
        files.append(
            _Handout(uri, src_dir=str(folder.parent), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        )
    shards.choose_pages(files)
    return files


class _Handout(File):
    """A printed handout, published as a hard link to it rather than a copy (151 MB of PDFs at 3,000
    causes). Safe because the handouts folder never rewrites a PDF in place: a changed one is a new
    file swapped in (generator/render/write.py), so the site keeps the bytes it was built with."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        target = Path(self.abs_dest_path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            os.link(str(self.abs_src_path), target)
        except OSError:  # another file system (serve builds into a temporary folder), or no hard links
            super().copy_file(dirty)


# The section of MkDocs' configuration a setting goes in; the others are top-level keys.
_SECTION_OF = {"language": "theme", "emergency_number": "extra"}


def _apply(config: Any, settings: dict[str, Any]) -> None:
    for key, value in settings.items():
        (config[_SECTION_OF[key]] if key in _SECTION_OF else config)[key] = value


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return preview.error_box() + html


# Material's two hidden toggles carry autocomplete="off", which HTML allows only on text-like inputs (Nu
# HTML Checker error); they sit outside every template block, so the finished page is mended here.
_TOGGLES = tuple(
    (f'type="checkbox" id="__{name}" autocomplete="off">', f'type="checkbox" id="__{name}">') for name in ("drawer", "search")
)


def _mend_toggles(output: str) -> str:
    for before, after in _TOGGLES:
        output = output.replace(before, after, 1)
    return output


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _mend_toggles(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return _mend_toggles(output_content)  # the 404 page


def on_shutdown() -> None:
    close_kept_browser()


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    # docs/ is the generator's output, written during each build: watching it made every
    # content edit rebuild the site twice.
    server.unwatch(config.docs_dir)
    for folder in content_dirs(Path(config.config_file_path).parent):
        server.watch(str(folder))
    return server


def on_env(env: Any, config: Any, files: Any) -> Any:
    # theme/main.html prints the Content-Security-Policy through this filter (see generator/render/csp.py).
    env.filters["content_security_policy"] = content_security_policy
    return env
