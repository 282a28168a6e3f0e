"""What the installed theme offers that content settings must match: the languages it translates into."""

from __future__ import annotations

import functools
from pathlib import Path

import material  # the theme package; its folder holds the translations


@functools.cache
def theme_languages() -> tuple[str, ...]:
    """The languages Material for MkDocs translates its buttons and labels into: one file each in the theme."""
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return tuple(sorted(path.stem for path in folder.glob("*.html")))
