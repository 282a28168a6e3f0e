"""Build a translated edition with MkDocs into its folder of the site (site/es/), from a configuration written for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.engine.site_settings import apply_settings, site_settings
from generator.pipeline import EditionOutput

# The key in `extra` that tells the MkDocs hook a build is an edition's: its Markdown is already written.
EDITION_KEY = "edition"


def edition_config(config_file: Path, edition: EditionOutput, site_dir: Path) -> dict[str, Any]:
    """mkdocs.yml as the edition needs it: its navigation, name, address and language, its own folders, and
    search in its language. Paths in mkdocs.yml are made absolute, as the copy lives elsewhere."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    project = config_file.resolve().parent
    apply_settings(config, site_settings(edition.site, edition.nav))
    language = edition.site.config.language
    config["docs_dir"] = str(edition.docs_dir)
    config["site_dir"] = str(site_dir)
    config["hooks"] = [str(project / hook) for hook in config.get("hooks", [])]
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(project / theme["custom_dir"])
    config.setdefault("extra", {})[EDITION_KEY] = language
    search_in(config, language)
    return config


def search_in(config: dict[str, Any], language: str) -> None:
    """Set the search plugin of a configuration read from mkdocs.yml to index in `language`."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "search" in plugin:
            plugin["search"] = {**(plugin["search"] or {}), "lang": [language]}


def build_edition(config_file: Path, edition: EditionOutput, site_dir: Path) -> None:
    """Run MkDocs for one edition into site_dir (a folder of the site being built, not yet swapped in)."""
    written = edition.docs_dir.parent / "mkdocs.yml"
    written.write_text(
        yaml.safe_dump(edition_config(config_file, edition, site_dir), sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    config = load_config(str(written))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()
