"""Add each page's address in every language (hreflang) to the built sitemaps of a site published in several."""

from __future__ import annotations

import gzip
import html
import re
from collections.abc import Sequence
from pathlib import Path

from mkdocs.utils import get_build_timestamp

from generator.pipeline import EditionOutput
from generator.render.editions import alternates

XHTML = "http://www.w3.org/1999/xhtml"
_LOC = re.compile(r"^(\s*)<loc>([^<]+)</loc>\n", re.MULTILINE)


def _links_by_address(editions: Sequence[EditionOutput]) -> dict[str, list[dict[str, str]]]:
    """Each page's address, in any language, -> the page's address in every language and the default."""
    out: dict[str, list[dict[str, str]]] = {}
    for edition in editions:
        for page in edition.site.pages:
            found = alternates(edition.site, page.path)
            for entry in found[:-1]:  # the last is x-default, which repeats the first language's address
                out[entry["href"]] = found
    return out


def _with_links(text: str, links: dict[str, list[dict[str, str]]]) -> str:
    def add(match: re.Match[str]) -> str:
        indent, address = match.group(1), html.unescape(match.group(2))
        lines = [match.group(0)]
        for entry in links.get(address, []):
            lines.append(
                f'{indent}<xhtml:link rel="alternate" hreflang="{entry["hreflang"]}" href="{html.escape(entry["href"])}"/>\n'
            )
        return "".join(lines)

    text = text.replace("<urlset ", f'<urlset xmlns:xhtml="{XHTML}" ', 1)
    return _LOC.sub(add, text)


def add_languages(site_dir: Path, editions: Sequence[EditionOutput]) -> None:
    """Rewrite site_dir's sitemap and each edition's (and their .gz copies) with the pages' other languages,
    as search engines read hreflang from sitemaps. Nothing to do for a site in one language."""
    if not editions:
        return
    links = _links_by_address(editions)
    sitemaps = [site_dir / "sitemap.xml", *(site_dir / e.site.config.language / "sitemap.xml" for e in editions)]
    for sitemap in sitemaps:
        if not sitemap.is_file():
            continue
        text = _with_links(sitemap.read_text(encoding="utf-8"), links)
        sitemap.write_text(text, encoding="utf-8")
        with sitemap.with_suffix(".xml.gz").open("wb") as out, gzip.GzipFile(
            fileobj=out, filename="sitemap.xml.gz", mode="wb", mtime=get_build_timestamp()
        ) as packed:
            packed.write(text.encode("utf-8"))
