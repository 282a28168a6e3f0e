"""A page of a site published in several languages: its links to the same page in the others, and who checked its translation."""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.content.addresses import page_address
from generator.content.link import Site
from generator.render.dates import long_date
from generator.render.flow import page_href
from generator.render.interface_words import words_for
from generator.render.markdown import Markdown, escape, html_text

# Each language's name in itself: a reader looks for their own language's name, not its name in English.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def language_name(language: str) -> str:
    """A language's own name for itself."""
    name = LANGUAGE_NAMES.get(language) or LANGUAGE_NAMES.get(language.split("-")[0])
    if name is None:
        raise KeyError(f"no name for the language {language!r}: add its own name for itself to LANGUAGE_NAMES in {__name__}")
    return name


def _prefix(site: Site, language: str) -> str:
    """The folder of the whole site that holds a language's pages: "" for the site's first language, "es/" for Spanish."""
    if site.edition is not None and language == site.edition.language:
        return site.edition.prefix
    return "" if language == site.languages[0] else f"{language}/"


def _first_site_url(site: Site) -> str:
    """The address of the site in its first language, of which every edition's address is a folder."""
    url = site.config.site_url
    if site.edition is None:
        return url
    if not url.endswith(site.edition.prefix):
        raise ValueError(f"the {site.edition.language} edition's site_url {url!r} must end in its folder {site.edition.prefix!r}")
    return url.removesuffix(site.edition.prefix)


def alternates(site: Site, path: str) -> list[dict[str, str]]:
    """The page's address in every language, and the first language's as the default (hreflang x-default)."""
    first = _first_site_url(site)
    out = [{"hreflang": language, "href": page_address(first + _prefix(site, language), path)} for language in site.languages]
    return [*out, {"hreflang": "x-default", "href": out[0]["href"]}]


def language_switch(site: Site, path: str) -> list[dict[str, str]]:
    """Links to the same page in the other languages: each one's relative address, language tag and own name,
    HTML-escaped (theme/main.html prints them above the page, out of its text and its search entry)."""
    here = _prefix(site, site.config.language) + path
    return [
        {
            "href": html_text(page_href(here, _prefix(site, language) + path)),
            "lang": html_text(language),
            "name": html_text(language_name(language)),
        }
        for language in site.languages
        if language != site.config.language
    ]


def with_languages(markdown: str, site: Site, path: str) -> str:
    """The page with its language switch in its front matter; unchanged when the site has one language.
    The page's address in each language (hreflang) goes in the sitemaps instead (engine/sitemap_languages.py):
    Material's script fetches a sitemap for every <link rel="alternate"> in <head>."""
    if len(site.languages) < 2:
        return markdown
    head, _, body = markdown[4:].partition("\n---\n")
    data = json.dumps(language_switch(site, path), ensure_ascii=False)  # JSON is YAML: one line, no quoting to get wrong
    return f"---\n{head}\nlanguage_switch: {data}\n---\n{body}"


def translation_review_text(site: Site, path: str, value: Callable[[str], str] = str) -> str:
    """Who checked the translation of this page, or that no one has yet ("" on the site's own language);
    `value` readies each value for where the line goes (escape, for Markdown)."""
    if site.edition is None:
        return ""
    words = words_for(site.config.language)
    review = site.edition.reviews.get(path)
    if review is None:
        return words("No medical translator has reviewed this translation yet. Our editorial team wrote it.")
    date = long_date(review.date, site.config)
    by, role = value(review.by), value(review.role)
    return words("Translation reviewed by {by}, {role}, on {date}.", by=by, role=role, date=value(date))


def translation_review(site: Site, path: str) -> Markdown:
    """The translation's review line as a Markdown paragraph ("" on the site's own language)."""
    text = translation_review_text(site, path, escape)
    return Markdown(f"{text}\n{{: .translation-review }}" if text else "")


def with_translation_review(markdown: str, site: Site, path: str) -> str:
    """The page with its translation's review line at the end of its text, for pages without a sign-off block."""
    line = translation_review(site, path)
    return f"{markdown.rstrip()}\n\n{line}\n" if line else markdown
