"""Review dates: which pages fall due for a clinician's review soon, and which are overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.content.built_in_pages import FLOW_PAGE
from generator.content.errors import ContentError
from generator.content.link import Site
from generator.content.validate import Loaded


@dataclass(frozen=True)
class ReviewStatus:
    """One page's review dates."""

    page: str  # the page's address below the site, like causes/stroke/
    entity: Loaded[Any]
    due: dt.date


def page_address(markdown_path: str) -> str:
    """causes/stroke.md -> causes/stroke/; index.md -> the home page."""
    if markdown_path == "index.md":
        return "the home page"
    stem = markdown_path.removesuffix(".md").removesuffix("/index")
    return f"{stem}/"


def review_statuses(site: Site) -> list[ReviewStatus]:
    """Every reviewed page with the date its next review is due."""
    interval = dt.timedelta(days=site.config.review_interval_days)
    out = [
        ReviewStatus(page_address("index.md"), site.topic, site.topic.model.reviewed + interval),
        ReviewStatus(page_address(FLOW_PAGE), site.flow, site.flow.model.reviewed + interval),
    ]
    for kind, entity in site.all_entities():
        out.append(ReviewStatus(page_address(site.page_of(kind, entity.id)), entity, entity.model.reviewed + interval))
    return out


def review_problems(site: Site, today: dt.date) -> list[ContentError]:
    """A notice for each page due within review_warning_days, a warning for each overdue page, an
    error for a review date after today."""
    problems = []
    for status in review_statuses(site):
        model = status.entity.model
        days = (status.due - today).days
        who = f"last reviewed {model.reviewed.isoformat()} by {model.reviewed_by}"
        if model.reviewed > today + dt.timedelta(days=1):
            # A typo in the year would switch the reminders off for years. A day's grace: CI's clock
            # (UTC) can still be on yesterday for an editor east of it.
            message = (
                f"reviewed is {model.reviewed.isoformat()}, a day still to come (today is {today.isoformat()}); "
                "write the day a clinician last checked the page"
            )
            problems.append(status.entity.doc.error(("reviewed",), message))
        elif days < 0:
            late = "1 day" if days == -1 else f"{-days} days"
            message = (
                f"review overdue by {late}: {status.page} was due on {status.due.isoformat()} ({who}); "
                "ask a clinician to check the page, then set reviewed and reviewed_by"
            )
            problems.append(status.entity.doc.error(("reviewed",), message, severity="warning"))
        elif days <= site.config.review_warning_days:
            when = "today" if days == 0 else ("in 1 day" if days == 1 else f"in {days} days")
            message = f"review due {when}: {status.page} is due on {status.due.isoformat()} ({who}); plan the review"
            problems.append(status.entity.doc.error(("reviewed",), message, severity="notice"))
    return problems
