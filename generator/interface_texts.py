"""Each of Material's interface texts looked up once per build, not at every use.

Material prints its interface texts ("Skip to content", "Search", "Back to top"...) through the macro
`t` of `partials/language.html`, which asks the language's own macro; that macro builds a dictionary of
all the language's texts (about a hundred) to return one of them, some thirty times a page. A key's
text is the same on every page of a build, so as the loader loads that template
(generator/template_wrap.py), the macro is made to look the text up in a per-build dictionary, which
Material's own macros fill the first time a key is asked for. If the template is not as expected it
is used as it is, and tests/test_nav_html.py fails.
"""

from __future__ import annotations

from typing import Any

import jinja2

from .template_wrap import rewrite_templates

TEMPLATE = "partials/language.html"
_LOOKUP = "{{ lang.t(key) or fallback.t(key) or key }}"


def wrap_language_template(source: str) -> str | None:
    """Material's language template, its `t` asking the per-build texts; None when not as expected."""
    if source.count(_LOOKUP) != 1:
        return None
    return source.replace(_LOOKUP, "{{ interface_text(lang, fallback, key) }}")


class InterfaceTexts:
    """The texts of one build, by language template and key."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str], str] = {}

    def text(self, lang: Any, fallback: Any, key: str) -> str:
        """What Material's `t` gives: the language's text, else English's, else the key itself."""
        found = self.texts.get((lang.__name__, key))
        if found is None:
            found = self.texts[(lang.__name__, key)] = str(lang.t(key) or fallback.t(key) or key)
        return found


def install(env: jinja2.Environment) -> InterfaceTexts:
    """Give a build's template environment fresh texts (the language may change between builds)."""
    texts = InterfaceTexts()
    rewrite_templates(env, {TEMPLATE: wrap_language_template})
    env.globals["interface_text"] = texts.text
    return texts
