"""The pages' Content-Security-Policy: only the site itself may supply scripts, styles, fonts and frames."""

from __future__ import annotations

import base64
import functools
import hashlib
import re

# Inline scripts a browser runs: no src, and no data type such as application/json or ld+json.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)[\w+.-]+/[\w+.-]+""", re.I)

# Every fetch directive is 'self' (or narrower): nothing may come from another host.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # plus the hashes of the inline scripts
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Material's CSS draws icons as data: SVG masks
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],  # the search index runs in a web worker from assets/
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def _runs_inline(attrs: str) -> bool:
    return "src=" not in attrs.lower() and not _DATA_TYPE.search(attrs)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for each executable inline script in a piece of HTML."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        if not _runs_inline(match.group("attrs")):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


# Every page asks with the scripts of its depth in the site, so the few answers are kept.
@functools.lru_cache(maxsize=64)
def content_security_policy(inline_html: str) -> str:
    """The policy for a page whose only allowed inline scripts are those in inline_html."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    directives["script-src"] += inline_script_hashes(inline_html)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


# The page's own text, written from content. Content cannot make HTML elements (generator/render/markdown.py
# escapes '<'), so no nested <article> can end this early; this only keeps a mistake there from being allowed.
_CONTENT = re.compile(r"<article\b.*?</article>", re.S | re.I)
_HEAD = re.compile(r"<head\b[^>]*>\s*", re.I)
_POLICY_META = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"", re.I)


def has_content_security_policy(page: str) -> bool:
    """Whether a page's <head> already carries a policy."""
    head = _HEAD.search(page)
    end = page.find("</head>")
    return head is not None and _POLICY_META.search(page, head.end(), end if end != -1 else len(page)) is not None


def with_content_security_policy(page: str) -> str:
    """A built page with its policy first in <head>: the theme's inline scripts are allowed by hash, and
    none inside the article, so a script that came from content would still be blocked."""
    outside_content = _CONTENT.sub("", page)
    policy = content_security_policy(outside_content_scripts(outside_content))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    finished, count = _HEAD.subn(lambda head: head.group(0) + tag + "\n", page, count=1)
    if count != 1:
        raise ValueError("a built page has no <head>: it cannot carry its Content-Security-Policy")
    return finished


def outside_content_scripts(html: str) -> str:
    """Only the executable inline scripts of a piece of HTML, joined (the key of the policy's cache)."""
    return "".join(m.group(0) for m in _INLINE_SCRIPT.finditer(html) if _runs_inline(m.group("attrs")))
