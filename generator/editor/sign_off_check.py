"""What `check` says about clinicians' approvals and page histories: stale, unknown, missing or out of order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.content.errors import ContentError, did_you_mean
from generator.content.link import Site
from generator.content.sign_off import SINGLE_PAGE_KINDS, GovernedPage, governed_pages, latest_approvals
from generator.editor.invocation import generator_command


@dataclass(frozen=True)
class ApprovalCount:
    """How many of the pages a clinician's approval still matches."""

    approved: int
    pages: int

    def words(self) -> str:
        return f"{self.approved} of {self.pages} pages approved by a clinician"


def approval_count(site: Site) -> ApprovalCount:
    pages = governed_pages(site)
    latest = latest_approvals(site)
    approved = sum(1 for page in pages if page.key in latest and latest[page.key][1].fingerprint == page.fingerprint)
    return ApprovalCount(approved, len(pages))


def _unknown_pages(site: Site, pages: list[GovernedPage]) -> list[ContentError]:
    """Approvals of pages the site does not have, or that name a page the wrong way."""
    if site.approvals is None:
        return []
    doc = site.approvals.doc
    known = {page.key for page in pages}
    errors = []
    seen: dict[tuple[str, str | None], int] = {}
    for index, approval in enumerate(site.approvals.model.approvals):
        at = ("approvals", index)
        key = (approval.kind, approval.id)
        if approval.kind in SINGLE_PAGE_KINDS and approval.id is not None:
            errors.append(doc.error((*at, "id"), f"a {approval.kind} approval names no id; remove the id"))
        elif approval.kind not in SINGLE_PAGE_KINDS and approval.id is None:
            errors.append(doc.error(at, f"a {approval.kind} approval needs the page's id; add `id:`"))
        elif key not in known:
            ids = [page.id for page in pages if page.kind == approval.kind and page.id]
            hint = did_you_mean(str(approval.id), ids) or "; remove this approval, or restore the page"
            errors.append(doc.error((*at, "id"), f"no {approval.kind} page has the id '{approval.id}'{hint}"))
        elif key in seen:
            message = f"{approval.kind} {approval.id or ''} is approved twice (also entry {seen[key] + 1}); keep only the newest"
            errors.append(doc.error(at, message))
        seen.setdefault(key, index)
    return errors


def approval_problems(site: Site) -> list[ContentError]:
    """A warning for each page whose content changed since its approval; with require_clinical_approval,
    an error for each page without an approval that matches it."""
    pages = governed_pages(site)
    errors = _unknown_pages(site, pages)
    latest = latest_approvals(site)
    required = site.config.require_clinical_approval
    for page in pages:
        found = latest.get(page.key)
        command = f'{generator_command()} approve {page.words} --by "NAME, ROLE"'
        if found and found[1].fingerprint != page.fingerprint:
            approval = found[1]
            where = f"{site.approvals.doc.display if site.approvals else 'approvals'} entry {found[0] + 1}"
            message = (
                f"the page's text changed since {approval.by} approved it on {approval.date.isoformat()} ({where}), so it now "
                f"says 'Not yet reviewed by a clinician'; ask a clinician to check it again, then run: {command}"
            )
            errors.append(page.entry.doc.error((), message, severity="error" if required else "warning"))
        elif not found and required:
            message = (
                "no clinician has approved this page, and require_clinical_approval is on in site_config/site.yaml; "
                f"ask a clinician to check it, then run: {command}"
            )
            errors.append(page.entry.doc.error((), message))
    return errors


def history_problems(site: Site, today: dt.date) -> list[ContentError]:
    """Page histories: newest first, no day still to come, and a new entry once the text has changed."""
    errors = []
    for page in governed_pages(site):
        doc, changes = page.entry.doc, page.entry.model.changes
        command = f'{generator_command()} changed {page.words} "WHAT CHANGED, IN ONE LINE"'
        for index, change in enumerate(changes):
            if change.date > today + dt.timedelta(days=1):  # a day's grace, as for review dates
                message = (
                    f"the date {change.date.isoformat()} is still to come (today is {today.isoformat()}); "
                    "write the day of the change"
                )
                errors.append(doc.error(("changes", index, "date"), message))
            if index and change.date > changes[index - 1].date:
                message = (
                    f"changes go newest first, and {change.date.isoformat()} is newer than the entry above it; "
                    "move this entry up"
                )
                errors.append(doc.error(("changes", index, "date"), message))
        if not changes:
            message = f"this page has no history yet; add its first entry (run: {command}), so readers see when it last changed"
            errors.append(doc.error((), message, severity="warning"))
        elif changes[0].fingerprint != page.fingerprint:
            message = (
                f"the page's text changed since its newest history entry ({changes[0].date.isoformat()}); say what changed "
                f"for readers: run {command}, or add an entry at the top of changes with date: {today.isoformat()} and "
                f"fingerprint: {page.fingerprint}"
            )
            errors.append(doc.error(("changes", 0), message, severity="warning"))
    return errors
