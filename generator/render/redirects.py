"""Moved pages: at each address a page had before (its `moved_from`), a small page that sends the
reader on to where it is now, so old links, bookmarks and printed handouts keep working.
"""

from __future__ import annotations

import posixpath

from generator.content.addresses import address_of
from generator.content.link import Site
from generator.render.csp import content_security_policy
from generator.render.interface_words import words_for
from generator.render.markdown import html_text


def moved_from_of(site: Site) -> dict[str, tuple[str, str]]:
    """Every old address -> (the page's Markdown path now, its title); the first file to claim one wins
    (check.py reports a second)."""
    moved: dict[str, tuple[str, str]] = {}
    for kind, entity in site.all_entities():
        for address in entity.model.moved_from:
            moved.setdefault(address, (site.page_of(kind, entity.id), site.title_of(kind, entity.id)))
    return moved


def lost_addresses(removed: list[str], site: Site) -> list[str]:
    """Addresses of pages a build removed (docs-relative files it deleted) that no page now forwards."""
    moved = moved_from_of(site)
    return [address_of(path) for path in removed if path.endswith(".md") and address_of(path) not in moved]


def _forwarding_page(site: Site, old_address: str, path: str, title: str) -> str:
    target = address_of(path)
    relative = posixpath.relpath(target or ".", old_address) + "/"
    full = site.config.site_url + target
    name, href = html_text(title), html_text(relative)
    words = words_for(site.config.language)
    link = f'<a href="{href}">{name}</a>'
    return (
        "<!doctype html>\n"
        f'<html lang="{html_text(site.config.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html_text(content_security_policy(""))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{words('{name} has moved', name=name)} - {html_text(site.config.site_name)}</title>\n"
        f'<link rel="canonical" href="{html_text(full)}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n"
        "<body>\n"
        f"<p>{words('This page has moved. Go to {link}.', link=link)}</p>\n"
        "</body>\n"
        "</html>\n"
    )


def forwarding_pages(site: Site) -> dict[str, str]:
    """The docs-relative file of each old address (`causes/old-name/index.html`) and its HTML."""
    return {
        f"{old}index.html": _forwarding_page(site, old, path, title)
        for old, (path, title) in sorted(moved_from_of(site).items())
    }
