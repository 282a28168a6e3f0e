"""Build the generated docs/ with Zensical: a configuration written from mkdocs.yml and the generator's data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.engine import EngineError
from generator.engine.edition_build import search_in
from generator.engine.finish import finish_site
from generator.engine.publish import publish_files
from generator.engine.settings import handouts_dir
from generator.engine.site_settings import apply_settings, engine_settings, site_settings
from generator.engine.sitemap_languages import add_languages
from generator.exports.files import exports_dir
from generator.handouts import FOLDER, printed_handouts
from generator.pipeline import Generated
from generator.render.swap import recover, staging_of, swap_in

CONFIG_NAME = ".zensical.yml"


def zensical_config(
    config_file: Path, docs_dir: Path, site_dir: Path, settings: dict[str, Any], project: Path | None = None
) -> dict[str, Any]:
    """mkdocs.yml with the navigation and settings the generator made (`engine_settings`), and no hook
    (Zensical runs none)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.pop("hooks", None)
    apply_settings(config, settings)
    project = project or docs_dir.resolve().parent  # where the configuration is written
    config["docs_dir"] = os.path.relpath(docs_dir.resolve(), project)
    config["site_dir"] = os.path.relpath(site_dir.resolve(), project)
    theme = config.setdefault("theme", {})
    theme.setdefault("variant", "classic")  # Material's own look, which theme/'s styles and their contrast checks are for
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((config_file.resolve().parent / theme["custom_dir"]).resolve())
    return config


def build_with_zensical(config_file: Path, docs_dir: Path, site_dir: Path, generated: Generated, handouts: Path) -> None:
    """Build the site with Zensical into a folder beside site_dir, finish its pages, add the handouts and swap
    it in; the old site stays on failure. Raises EngineError when Zensical stops or is not installed."""
    # Zensical builds only inside the folder of its configuration: written beside docs/, building there.
    project = docs_dir.resolve().parent
    site_dir = site_dir.absolute()
    recover(site_dir)
    staging = staging_of(site_dir)
    inside = project / "build" / "zensical-site"
    _run(project, zensical_config(config_file, docs_dir, inside, engine_settings(generated)), inside)
    try:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.move(str(inside), str(staging))
        _publish_handouts(handouts, staging)
        publish_files(exports_dir(docs_dir), staging)
        # Each translated edition: its own configuration and folder (Zensical builds inside the project only).
        for language, edition in generated.editions.items():
            settings = site_settings(edition.site, edition.nav)
            edition_inside = project / "build" / f"zensical-site-{language}"
            config = zensical_config(config_file, edition.docs_dir, edition_inside, settings, project)
            search_in(config, language)
            _run(project, config, edition_inside)
            shutil.move(str(edition_inside), str(staging / language))
            _publish_handouts(handouts_dir(edition.docs_dir), staging / language)
        finish_site(staging)
        add_languages(staging, list(generated.editions.values()))
        swap_in(site_dir)
    except BaseException:
        recover(site_dir)
        raise


def _publish_handouts(handouts: Path, site: Path) -> None:
    """The printed handouts, as the MkDocs build publishes them."""
    publish_files(handouts, site / FOLDER, printed_handouts(handouts))


def _run(project: Path, config: dict[str, Any], inside: Path) -> None:
    """Run Zensical with this configuration (written beside docs/, removed afterwards) into `inside`."""
    written = project / CONFIG_NAME
    written.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(inside, ignore_errors=True)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(written)],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        written.unlink(missing_ok=True)
    if result.returncode != 0 or not (inside / "index.html").is_file():
        shutil.rmtree(inside, ignore_errors=True)
        missing = "No module named zensical" in result.stderr
        hint = " (install it with: bash scripts/setup.sh zensical)" if missing else ""
        raise EngineError(f"Zensical failed{hint}:\n{(result.stderr or result.stdout).strip()[-2000:]}")
