"""`serve`: MkDocs' live-reloading server over the generated site, rebuilding changed pages on each edit."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.commands.serve import serve as mkdocs_serve

from generator.engine import preview
from generator.engine.build import show_mkdocs_messages


def serve(config_file: Path, docs_dir: Path, site_config_dir: Path, dev_addr: str | None) -> None:
    """Serve the site until interrupted; content errors show in the terminal and on the page."""
    preview.enable()
    docs_dir.mkdir(parents=True, exist_ok=True)  # MkDocs refuses a docs folder that does not exist yet
    show_mkdocs_messages(logging.INFO)
    # MkDocs picks the address path before the hook runs: give it site.yaml's, so the preview is where it says.
    site_url = preview.configured_site_url(site_config_dir)
    extra: dict[str, Any] = {"site_url": site_url} if site_url else {}
    # Dirty mode rebuilds only changed pages; generator/engine/incremental.py makes that exact.
    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, docs_dir=str(docs_dir.resolve()), build_type="dirty", **extra)
