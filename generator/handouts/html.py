"""Handout HTML: content -> one self-contained document per handout (Jinja2, autoescaped).

Everything the page needs is inline (CSS, the QR code as SVG), so printing it fetches nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import jinja2
import segno
from markupsafe import Markup

from ..link import Site
from ..schema import SiteConfig
from .content import HandoutContent

HERE = Path(__file__).parent
PAPER_SIZES = {"letter": "Letter", "a4": "A4"}


def long_date(day: dt.date) -> str:
    """The site's date form: November 25, 2026."""
    return f"{day:%B} {day.day}, {day:%Y}"


@functools.cache  # an address's code never changes; making one is the slow part of a handout
def qr_svg(address: str) -> Markup:
    """A QR code of the address as inline SVG, made here (segno), sized by the CSS."""
    code = segno.make(address, error="m")
    return Markup(code.svg_inline(scale=1, border=0, omitsize=True, svgclass="qr", lineclass=None, dark="#000"))


def css_string(text: str) -> Markup:
    """Text as a CSS string literal that cannot end the string or the <style> element."""
    escaped = "".join(ch if ch.isascii() and (ch.isalnum() or ch in " .,:/-_()'") else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def environment() -> jinja2.Environment:
    """Autoescaping environment: every content string is HTML-escaped when printed."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["css_string"] = css_string
    return env


def render_handout(env: jinja2.Environment, config: SiteConfig, handout: HandoutContent) -> str:
    """One handout as a complete HTML document."""
    css = env.get_template("handout.css").render(config=config, handout=handout, paper=PAPER_SIZES[config.paper_size])
    return env.get_template("handout.html.j2").render(config=config, handout=handout, css=Markup(css), qr=qr_svg(handout.address))


def render_handouts(site: Site, handouts: list[HandoutContent]) -> dict[str, str]:
    """HTML of every handout, keyed by its path in the handouts folder."""
    env = environment()
    return {h.path: render_handout(env, site.config, h) for h in handouts}
