"""Where the content lives: one answer for the command line and the MkDocs hook."""

from __future__ import annotations

import os
from pathlib import Path

CONTENT_ENV = "FOOTGUIDE_CONTENT_DIR"
SITE_CONFIG_ENV = "FOOTGUIDE_SITE_CONFIG_DIR"


def content_dirs(project_dir: Path) -> tuple[Path, Path]:
    """(content dir, site_config dir): from the environment, else beside mkdocs.yml."""
    content = Path(os.environ.get(CONTENT_ENV) or project_dir / "content")
    site_config = Path(os.environ.get(SITE_CONFIG_ENV) or project_dir / "site_config")
    return content.resolve(), site_config.resolve()


def use_content_dirs(content: Path, site_config: Path) -> None:
    """Point the MkDocs hook at these folders for the rest of this process."""
    os.environ[CONTENT_ENV] = str(content.resolve())
    os.environ[SITE_CONFIG_ENV] = str(site_config.resolve())


def handouts_dir(docs_dir: Path) -> Path:
    """Where the build keeps the printed handouts: build/handouts/ beside the docs folder (outside it,
    so `mkdocs serve` does not watch them; the MkDocs hook adds them to the site)."""
    return docs_dir.resolve().parent / "build" / "handouts"
