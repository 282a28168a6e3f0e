"""The generator's stages joined: load and validate -> link -> check -> render -> write."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.check import CheckedTexts, check
from generator.content.errors import ContentErrors
from generator.content.fingerprint import Fingerprint, fingerprint
from generator.content.link import Site, link
from generator.content.localize import edition_site
from generator.content.validate import PartlyValid, validate_content
from generator.exports.files import export_files, exports_dir
from generator.render.page_cache import PageCache
from generator.render.pages import NavItem, navigation, render_pages
from generator.render.redirects import forwarding_pages
from generator.render.write import WriteReport, write_docs, write_tracked


@dataclass
class EditionOutput:
    """A translated edition's Site, navigation and Markdown folder."""

    site: Site
    nav: list[NavItem]
    docs_dir: Path
    report: WriteReport


@dataclass
class Generated:
    site: Site
    nav: list[NavItem]
    report: WriteReport
    timings: dict[str, float] = field(default_factory=dict)
    editions: dict[str, EditionOutput] = field(default_factory=dict)  # language -> its edition
    # What this generation made from each content file, for the next one in this process to reuse.
    pages_made: PageCache = field(default_factory=PageCache)
    exports_made: PageCache = field(default_factory=PageCache)
    handouts_made: PageCache = field(default_factory=PageCache)
    editions_made: dict[str, PageCache] = field(default_factory=dict)  # language -> its edition's pages
    files: dict[str, str] = field(default_factory=dict)  # every file written into docs/, by path
    texts_checked: CheckedTexts = field(default_factory=CheckedTexts)
    exports: dict[str, str] = field(default_factory=dict)  # every file written into the exports folder, by path
    exports_report: WriteReport = field(default_factory=WriteReport)


def edition_docs_dir(docs_dir: Path, language: str) -> Path:
    """Where an edition's Markdown goes: build/editions/<language>/docs/, beside the docs folder (outside it, so
    the site's own build never reads it)."""
    return docs_dir.resolve().parent / "build" / "editions" / language / "docs"


def _generate_editions(
    site: Site, docs_dir: Path, jobs: int | None, made: dict[str, PageCache]
) -> dict[str, EditionOutput]:
    """Render and write every translated edition; the check stage has already passed for them. `made`: each
    edition's pages from the last generation, reused where nothing they read changed (filled for the next)."""
    editions = {}
    for language in site.translations:
        edition = edition_site(site, language)
        pages = render_pages(edition, jobs, made.setdefault(language, PageCache())) | forwarding_pages(edition)
        folder = edition_docs_dir(docs_dir, language)
        editions[language] = EditionOutput(edition, navigation(edition), folder, write_docs(pages, folder))
    return editions


def prepare(
    content_dir: Path,
    site_config_dir: Path,
    timings: dict[str, float] | None = None,
    jobs: int | None = None,
    checked: CheckedTexts | None = None,
) -> Site:
    """Load, validate, link and check; raise ContentErrors with every problem found. `jobs`: processes
    reading files at once (default: see parallel.jobs_for); `checked`: the last check's findings to reuse."""
    timings = timings if timings is not None else {}
    start = time.perf_counter()
    try:
        content, unreadable, invalid = validate_content(content_dir, site_config_dir, jobs), None, []
    except PartlyValid as exc:  # the valid files are still checked, so one run reports everything
        content, unreadable, invalid = exc.content, exc.unreadable, exc.errors
    timings["load+validate"] = time.perf_counter() - start
    start = time.perf_counter()
    site = link(content, unreadable)
    timings["link"] = time.perf_counter() - start
    start = time.perf_counter()
    try:
        check(site, checked)
    except ContentErrors as exc:
        raise ContentErrors([*invalid, *exc.errors]) from None
    if invalid:
        raise ContentErrors(invalid)
    timings["check"] = time.perf_counter() - start
    return site


@contextmanager
def _few_collections() -> Iterator[None]:
    """Let the cycle collector run less often while the stages build the library's objects.

    They make millions of objects that all stay alive, and each of Python's default collections
    walks every one of them again: at 3,000 causes that was 1.7 s of the 3.9 s load+validate stage.
    The collector still runs (the threshold is raised, not removed), and is set back afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


# The last generation in this process: its folders, the fingerprint of its inputs taken before they
# were read, the fingerprints of the docs and exports folders it wrote, and its result.
_last: tuple[tuple[Path, Path, Path], Fingerprint, tuple[Fingerprint, Fingerprint], Generated] | None = None


def generate(content_dir: Path, site_config_dir: Path, docs_dir: Path, jobs: int | None = None) -> Generated:
    """Every stage up to the Markdown on disk. Nothing is written unless all content is valid.

    When neither the content nor the docs folder changed since this process last
    generated into the same folders, the last result is returned as it is. `jobs`: processes
    reading files and rendering pages at once (default: see parallel.jobs_for).
    """
    global _last
    folders = (content_dir.resolve(), site_config_dir.resolve(), docs_dir.resolve())
    # Taken before anything is read: a save that lands while this generation runs must not be taken
    # for one it has seen (an editor's last save would never be rendered).
    inputs = fingerprint(*folders[:2])
    exports_folder = exports_dir(docs_dir)
    if _last is not None and _last[0] == folders and _last[1] == inputs and _last[2] == _outputs(folders[2], exports_folder):
        return _last[3]
    timings: dict[str, float] = {}
    # Render by dependency: the last generation's pages are reused where nothing they read changed.
    same_folders = _last is not None and _last[0] == folders
    pages_made = _last[3].pages_made if _last is not None and same_folders else PageCache()
    exports_made = _last[3].exports_made if _last is not None and same_folders else PageCache()
    handouts_made = _last[3].handouts_made if _last is not None and same_folders else PageCache()
    editions_made = _last[3].editions_made if _last is not None and same_folders else {}
    texts_checked = _last[3].texts_checked if _last is not None and same_folders else CheckedTexts()
    last = _last if _last is not None and same_folders else None
    with _few_collections():
        site = prepare(content_dir, site_config_dir, timings, jobs, texts_checked)
        start = time.perf_counter()
        pages = render_pages(site, jobs, pages_made) | forwarding_pages(site)
        exports = export_files(site, exports_made)
        nav = navigation(site)
        timings["render"] = time.perf_counter() - start
    start = time.perf_counter()
    # Each folder is written in place while it is what the last generation wrote (nothing else touched it).
    report, docs_after = write_tracked(pages, folders[2], last[2][0] if last else None, last[3].files if last else None)
    exports_report, exports_after = write_tracked(
        exports, exports_folder, last[2][1] if last else None, last[3].exports if last else None
    )
    timings["write"] = time.perf_counter() - start
    start = time.perf_counter()
    with _few_collections():
        editions = _generate_editions(site, docs_dir, jobs, editions_made)
    timings["editions"] = time.perf_counter() - start
    start = time.perf_counter()
    generated = Generated(
        site, nav, report, timings, editions, pages_made, exports_made, handouts_made, editions_made, pages,
        texts_checked, exports, exports_report,
    )
    _last = (folders, inputs, (docs_after, exports_after), generated)
    timings["fingerprint"] = time.perf_counter() - start
    return generated


def _outputs(docs_dir: Path, exports_folder: Path) -> tuple[Fingerprint, Fingerprint]:
    return fingerprint(docs_dir), fingerprint(exports_folder)


def last_generated(content_dir: Path, site_config_dir: Path, docs_dir: Path) -> Generated | None:
    """This process's last generation into these folders, unchecked (see shards.py: the parent
    generated just before forking, and the shares must not write docs/ at the same time)."""
    folders = (content_dir.resolve(), site_config_dir.resolve(), docs_dir.resolve())
    return _last[3] if _last is not None and _last[0] == folders else None
