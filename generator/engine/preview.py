"""Live preview that survives mistakes: while serving, content errors show on the page too."""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.errors import ContentError, ContentErrors
from generator.content.load import load_document
from generator.content.site_schema import SiteConfig
from generator.content.validate import validate_document


@dataclass
class _State:
    serving: bool = False
    errors: ContentErrors | None = None
    # Settings from the last good content, reused while the content has errors.
    last_good: dict[str, Any] = field(default_factory=dict)


_STATE = _State()
PLACEHOLDER_PAGE = """# The preview has content errors

The content could not be turned into pages yet. The box above lists each problem with its
file, line and a fix. Save the file after fixing it: this page reloads by itself.
"""


def enable() -> None:
    """Turn on serve mode for this process: errors become a page instead of a failed build."""
    _STATE.serving = True


def serving() -> bool:
    return _STATE.serving


def record_success(settings: dict[str, Any]) -> None:
    """The content is good again: forget the errors and remember these settings."""
    _STATE.errors = None
    _STATE.last_good = dict(settings)


def record_failure(errors: ContentErrors, docs_dir: Path) -> dict[str, Any]:
    """Print the errors, make sure there is a page to show them on; return the last good settings."""
    _STATE.errors = errors
    print(
        f"\nThe content has errors; the preview shows them on every page until they are fixed:\n{errors.report()}\n",
        file=sys.stderr,
        flush=True,
    )
    index = docs_dir / "index.md"
    if not index.exists():
        # No good pages to keep: give the server one page to show the errors on.
        docs_dir.mkdir(parents=True, exist_ok=True)
        index.write_text(PLACEHOLDER_PAGE, encoding="utf-8")
    return dict(_STATE.last_good)


def error_box() -> str:
    """The HTML box listing the current content errors ('' when there are none)."""
    if _STATE.errors is None:
        return ""
    problems = _STATE.errors.errors
    noun = "error" if len(problems) == 1 else "errors"
    listed = "\n".join(
        f"<li><code>{html.escape(f'{p.file}:{p.line}:{p.column}')}</code> "
        f"{html.escape(f'{p.field}: ' if p.field else '')}{html.escape(p.message)}</li>"
        for p in problems
    )
    return (
        '<div class="admonition danger preview-errors" role="alert">\n'
        f'<p class="admonition-title">The content has {len(problems)} {noun}: this preview shows the last good '
        "version of the site</p>\n"
        f"<ul>\n{listed}\n</ul>\n"
        "<p>Fix each one and save the file; the preview reloads by itself.</p>\n"
        "</div>\n"
    )


def configured_site_url(site_config_dir: Path) -> str | None:
    """site_url from site_config/site.yaml, or None while that file has errors."""
    path = site_config_dir / "site.yaml"
    if not path.is_file():
        return None
    doc, _ = load_document(path, path.name)
    ignored: list[ContentError] = []
    config = validate_document(doc, SiteConfig, ignored) if doc else None
    return config.site_url if config else None
