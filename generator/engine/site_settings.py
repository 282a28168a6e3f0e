"""What every engine is told besides the Markdown: the navigation and site_config's settings, as plain data."""

from __future__ import annotations

from typing import Any

from generator.content.link import Site
from generator.pipeline import Generated
from generator.render.markdown import html_text
from generator.render.pages import NavItem

# The section of mkdocs.yml a setting goes in; the others are top-level keys.
SECTION_OF = {"language": "theme", "emergency_number": "extra"}


def engine_settings(generated: Generated) -> dict[str, Any]:
    """The navigation and the settings site_config/site.yaml holds (mkdocs.yml only holds defaults)."""
    return site_settings(generated.site, generated.nav)


def site_settings(site: Site, nav: list[NavItem]) -> dict[str, Any]:
    """What an engine is told of one Site (the site's own, or a translated edition's)."""
    settings = site.config
    return {
        "nav": nav,
        "site_name": html_text(settings.site_name),
        "site_url": settings.site_url,
        "language": settings.language,
        "emergency_number": settings.emergency_number,  # the 404 page's emergency line (theme/404.html)
    }


def apply_settings(config: Any, settings: dict[str, Any]) -> None:
    """Put settings into a configuration (MkDocs' object or a plain dict read from mkdocs.yml)."""
    for key, value in settings.items():
        if key in SECTION_OF:
            section = SECTION_OF[key]
            if section not in config or config[section] is None:
                config[section] = {}
            config[section][key] = value
        else:
            config[key] = value
