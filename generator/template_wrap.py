"""The theme's template loader, with some of Material's templates rewritten as they are loaded.

Material's templates are not copied into theme/: where this project does part of their work more
cheaply (generator/nav_html.py, generator/interface_texts.py, generator/depth_blocks.py), a small
rewrite of Material's own source is applied as the template is loaded. A rewrite that finds the template not as it expects
returns None, and the template is used as Material wrote it (each rewrite's test fails then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2

# Material's source of a template -> the rewritten source, or None when the template is not as expected.
Rewrite = Callable[[str], str | None]


class WrappingLoader(jinja2.BaseLoader):
    """The theme's loader, with the rewrites of some templates applied as they are loaded."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner
        self.rewrites: dict[str, Rewrite] = {}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        rewrite = self.rewrites.get(template)
        return (rewrite and rewrite(source)) or source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def rewrite_templates(env: jinja2.Environment, rewrites: dict[str, Rewrite]) -> None:
    """Apply these rewrites to the templates as the environment loads them (call it before it renders)."""
    if not isinstance(env.loader, WrappingLoader):
        assert env.loader is not None
        env.loader = WrappingLoader(env.loader)
    env.loader.rewrites.update(rewrites)
