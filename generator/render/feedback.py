"""Every page's "Report a problem with this page" link: an email or a form, with the page's address filled in."""

from __future__ import annotations

from urllib.parse import quote

from generator.content.addresses import page_address
from generator.content.site_schema import SiteConfig
from generator.render.interface_words import words_for
from generator.render.markdown import safe_url

SUBJECT = "A problem with a page of the guide"


def feedback_href(config: SiteConfig, path: str) -> str:
    """Where the link leads for the page at `path`: a form address with {page} filled in, or a mailto: link."""
    address = page_address(config.site_url, path)
    target = config.feedback or config.publisher.contact
    if target.startswith("https://"):
        return target.replace("{page}", quote(address, safe=""))
    words = words_for(config.language)
    body = words("Page: {address}\n\nWhat is wrong or missing:\n", address=address)
    return f"mailto:{target}?subject={quote(words(SUBJECT))}&body={quote(body)}"


def with_feedback(markdown: str, config: SiteConfig, path: str) -> str:
    """The page with the feedback paragraph after its text (the footnotes still come last)."""
    link = safe_url(feedback_href(config, path))
    words = words_for(config.language)
    paragraph = words(
        "Is this page useful? [Report a problem with this page]({link}). Nothing is sent unless you send it yourself.", link=link
    )
    return f"{markdown.rstrip()}\n\n{paragraph}\n{{: .page-feedback data-search-exclude }}\n"
