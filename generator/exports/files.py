"""Every export as a file, written into its own folder beside docs/ (each engine publishes it with the site)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from generator.content.link import Site
from generator.exports import codes, feeds, fhir
from generator.exports.changes import ContentPage
from generator.exports.content_api import INDEX_PATH, api_index, api_pages, api_path, page_document
from generator.render.page_cache import PageCache, every_title, shared_inputs


def exports_dir(docs_dir: Path) -> Path:
    """Where the exports are written: build/exports/ beside the docs folder. Outside it, MkDocs does not list
    and copy thousands of data files on every rebuild; the engines publish them at the same addresses."""
    return docs_dir.resolve().parent / "build" / "exports"


def _json(data: Any) -> str:
    """Byte-identical for the same data: keys sorted, no time of writing."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _api_file(site: Site, page: ContentPage) -> str:
    return _json(page_document(site, page))


def export_files(site: Site, cache: PageCache | None = None) -> dict[str, str]:
    """Site-relative path -> text of every export. With a cache, a page's API file is made again only when
    its content file or what it reads from the rest of the site changed (render/page_cache.py)."""
    pages = api_pages(site)
    cache = cache if cache is not None else PageCache()
    old = cache.start(site, shared_inputs(site))
    files: dict[str, str] = {}
    for page in pages:
        path = api_path(page)
        files[path] = cache.take_or_make(old, path, (page.entry.model,), functools.partial(_api_file, site, page))
    # The site-wide files print every page's title. The index and the Questionnaire print besides only what
    # every page reads (addresses, the flow); the code lookup also each cause's codes.
    titles = every_title(site)
    files[INDEX_PATH] = cache.take_or_make(old, INDEX_PATH, (titles,), lambda: _json(api_index(site, pages)))
    files[fhir.PATH] = cache.take_or_make(old, fhir.PATH, (titles,), lambda: _json(fhir.questionnaire(site)))
    cause_codes = tuple((cause_id, cause.model.icd10cm) for cause_id, cause in site.causes.items())
    files[codes.PATH] = cache.take_or_make(
        old, codes.PATH, (titles, *cause_codes), lambda: _json(codes.code_lookup(site))
    )
    # The feeds print each page's title, address and last change, and the site's settings.
    items = feeds.feed_items(site)
    for path, feed in ((feeds.JSON_PATH, feeds.json_feed), (feeds.ATOM_PATH, feeds.atom_feed)):
        files[path] = cache.take_or_make(
            old, path, (titles, site.config, *items), functools.partial(feed, site, items)
        )
    return dict(sorted(files.items()))
