"""Dates as readers read them: the site's date format and month names (November 25, 2026; 25 de noviembre de 2026)."""

from __future__ import annotations

import datetime as dt

from generator.content.site_schema import SiteConfig
from generator.render.interface_words import fill


def long_date(day: dt.date, config: SiteConfig) -> str:
    """A date in the site's language, from site_config's date_format and month_names."""
    return fill(config.date_format, {"day": day.day, "month": config.month_names[day.month - 1], "year": day.year})
