"""Handout HTML: content -> one self-contained document per handout (Jinja2, autoescaped).

Everything the page needs is inline (CSS, the QR code as SVG), so printing it fetches nothing.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
import segno
from markupsafe import Markup

from generator.content.link import Site
from generator.content.site_schema import SiteConfig
from generator.handouts.content import HandoutContent
from generator.render.compiled_templates import CompiledTemplates
from generator.render.dates import long_date
from generator.render.interface_words import words_for

HERE = Path(__file__).parent
PAPER_SIZES = {"letter": "Letter", "a4": "A4"}


@functools.cache  # an address's code never changes; making one is the slow part of a handout
def qr_svg(address: str) -> Markup:
    """A QR code of the address as inline SVG, made here (segno), sized by the CSS."""
    code = segno.make(address, error="m")
    return Markup(code.svg_inline(scale=1, border=0, omitsize=True, svgclass="qr", lineclass=None, dark="#000"))


def css_string(text: str) -> Markup:
    """Text as a CSS string literal that cannot end the string or the <style> element."""
    escaped = "".join(ch if ch.isascii() and (ch.isalnum() or ch in " .,:/-_()'") else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def css_counters(text: str) -> Markup:
    """'Page {page} of {pages}' as CSS content: its words as strings, {page} and {pages} as the page counters."""
    parts = re.split(r"\{(pages?)\}", text)  # words, counter, words, counter, words
    pieces = [f"counter({part})" if index % 2 else css_string(part) for index, part in enumerate(parts) if part]
    return Markup(" ".join(pieces))


_COMPILED = CompiledTemplates()  # a new environment each generation, the templates compiled once a process


def environment(config: SiteConfig) -> jinja2.Environment:
    """Autoescaping environment: every content string is HTML-escaped when printed, and so are the fixed
    words `_` gives in the site's language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_COMPILED,
    )
    env.filters["long_date"] = functools.partial(long_date, config=config)
    env.filters["css_string"] = css_string
    env.filters["css_counters"] = css_counters
    env.globals["_"] = words_for(config.language)
    return env


# Where a handout's QR code goes until it is known to be printed: content can't write this
# (every content string is escaped), and making the code is most of a handout's render time.
QR_MARK = "<!--footguide:qr-->"


def render_handout(env: jinja2.Environment, config: SiteConfig, handout: HandoutContent, qr: Markup | None = None) -> str:
    """One handout as a complete HTML document (with `qr` in place of its QR code, if given)."""
    css = env.get_template("handout.css").render(config=config, handout=handout, paper=PAPER_SIZES[config.paper_size])
    code = qr if qr is not None else qr_svg(handout.address)
    return env.get_template("handout.html.j2").render(config=config, handout=handout, css=Markup(css), qr=code)


def render_handouts(site: Site, handouts: list[HandoutContent]) -> dict[str, str]:
    """HTML of every handout, keyed by its path in the handouts folder."""
    env = environment(site.config)
    return {h.path: render_handout(env, site.config, h) for h in handouts}


def render_handouts_unfinished(site: Site, handouts: list[HandoutContent]) -> dict[str, tuple[str, str]]:
    """(HTML with QR_MARK for the QR code, the address it encodes) of every handout, by path: enough to
    tell whether a handout changed, without making a QR code for each of thousands of handouts."""
    env = environment(site.config)
    return {h.path: (render_handout(env, site.config, h, Markup(QR_MARK)), h.address) for h in handouts}


def finish(html: str, address: str) -> str:
    """An unfinished handout's HTML with its QR code in place: what render_handouts gives."""
    return html.replace(QR_MARK, qr_svg(address), 1)
