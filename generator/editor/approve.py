"""`approve`: record a clinician's sign-off of one page, tied to its content by the page's fingerprint."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import cast

from generator.content.errors import did_you_mean
from generator.content.link import Site
from generator.content.safety_schema import Approval, ApprovedKind
from generator.content.sign_off import SINGLE_PAGE_KINDS, GovernedPage, governed_pages, latest_approvals
from generator.content.translations import TranslatorReview
from generator.content.validate import APPROVALS, SAFETY_FOLDER

PAGE_KINDS = ("topic", "decision-flow", "hazards", "glossary", "cause", "red-flag", "treatment", "test")
HEADER = (
    "# Clinicians' approvals of pages, written by `python3 -m generator approve KIND ID --by \"NAME, ROLE\"`.\n"
    "# An approval holds while the page's fingerprint matches its content; edit the page and `check`\n"
    "# reports the approval as stale, and the page says 'Not yet reviewed by a clinician' again.\n"
)


class PageNotFound(ValueError):
    """The kind and id name no page of the site."""


def find_page(site: Site, kind: str, id_: str | None) -> GovernedPage:
    """The page a command names, or PageNotFound saying how to name it."""
    if kind in SINGLE_PAGE_KINDS:
        if id_:
            raise PageNotFound(f"{kind} is a single page: name no id (write just `{kind}`)")
    elif not id_:
        raise PageNotFound(f"name the {kind}'s id (its file name without .yaml) after the kind")
    pages = governed_pages(site)
    for page in pages:
        if page.key == (kind, id_ or None):
            return page
    if kind == "hazards":
        raise PageNotFound("this site has no hazard log (content/safety/hazards.yaml)")
    hint = did_you_mean(str(id_), [str(page.id) for page in pages if page.kind == kind]) or ""
    raise PageNotFound(f"no {kind} has the id '{id_}'{hint}")


def split_by(by: str) -> tuple[str, str]:
    """'Dr Ana Ruiz, GP' -> ('Dr Ana Ruiz', 'GP'); ValueError without both parts."""
    name, _, role = by.partition(",")
    if not name.strip() or not role.strip():
        raise ValueError('write --by "NAME, ROLE", like --by "Dr Ana Ruiz, GP (GMC 1234567)"')
    return name.strip(), role.strip()


def _yaml_text(approvals: list[Approval]) -> str:
    """approvals.yaml's text: one entry per page, in a stable order (kind, then id)."""
    lines = [HEADER, "approvals:\n"] if approvals else [HEADER, "approvals: []\n"]
    for approval in sorted(approvals, key=lambda a: (PAGE_KINDS.index(a.kind), a.id or "")):
        lines.append(sign_off_entry(approval))
    return "".join(lines)


def sign_off_entry(entry: Approval | TranslatorReview) -> str:
    """One entry of a sign-off file (approvals.yaml, reviews.yaml) as a YAML list item."""
    lines = [f"  - kind: {entry.kind}\n"]
    if entry.id:
        lines.append(f"    id: {entry.id}\n")
    lines.append(f"    by: {json.dumps(entry.by, ensure_ascii=False)}\n")
    lines.append(f"    role: {json.dumps(entry.role, ensure_ascii=False)}\n")
    lines.append(f"    date: {entry.date.isoformat()}\n")
    lines.append(f"    fingerprint: \"{entry.fingerprint}\"\n")  # quoted: digits alone read as a number
    return "".join(lines)


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step, so an editor's file is never left half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def approve(site: Site, content_dir: Path, kind: str, id_: str | None, by: str, day: dt.date) -> int:
    """Record the approval in content/safety/approvals.yaml, replacing the page's older one."""
    try:
        page = find_page(site, kind, id_)
        name, role = split_by(by)
    except ValueError as exc:
        print(f"error: {exc}; nothing was approved", file=sys.stderr)
        return 2
    kept = [approval for _, approval in latest_approvals(site).values() if (approval.kind, approval.id) != page.key]
    kind_name = cast(ApprovedKind, page.kind)  # governed_pages only makes the kinds an approval can name
    new = Approval(kind=kind_name, id=page.id, by=name, role=role, date=day, fingerprint=page.fingerprint)
    path = content_dir / SAFETY_FOLDER / APPROVALS
    write_atomically(path, _yaml_text([*kept, new]))
    print(
        f"Approved {page.words} ({page.entry.doc.display}, fingerprint {page.fingerprint}) by {name}, {role} on "
        f"{day.isoformat()}; recorded in {path}. The page shows the approval until its content changes."
    )
    return 0
