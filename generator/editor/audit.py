"""What `check` reports: the pipeline's errors plus the editorial warnings (review dates, reading level,
glossary, markup that would show as typed, approvals and page histories)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content.check import check, markup_problems
from generator.content.errors import ContentError, ContentErrors
from generator.content.glossary_check import glossary_problems
from generator.content.link import Site, link
from generator.content.review import review_problems
from generator.content.translation_check import stale_translations
from generator.content.uncited_claims import uncited_claims
from generator.content.validate import PartlyValid, validate_content
from generator.editor.edition_readability import edition_readability_problems
from generator.editor.readability import readability_problems
from generator.editor.sign_off_check import approval_problems, history_problems


def audit(content_dir: Path, site_config_dir: Path, today: dt.date) -> tuple[Site | None, list[ContentError]]:
    """Every problem in the content, errors and warnings, sorted; the Site when the content could be linked."""
    problems: list[ContentError] = []
    try:
        content, unreadable = validate_content(content_dir, site_config_dir), None
    except PartlyValid as exc:
        # The files that did validate are still checked against each other; references to the others are not.
        content, unreadable = exc.content, exc.unreadable
        problems.extend(exc.errors)
    except ContentErrors as exc:
        # Without the site-wide files nothing can be linked, so the site-wide advice waits until they are fixed.
        return None, exc.errors
    site = link(content, unreadable)
    try:
        check(site)
    except ContentErrors as exc:
        problems.extend(exc.errors)
    if unreadable:
        return site, sorted(problems)  # advice on the rest waits until every file validates
    problems.extend(review_problems(site, today))
    problems.extend(readability_problems(site))
    problems.extend(edition_readability_problems(site))
    problems.extend(markup_problems(site))
    problems.extend(uncited_claims(site))
    problems.extend(glossary_problems(site))
    problems.extend(stale_translations(site))
    # "Say what changed" waits until a file has no errors: its text is not final before then.
    with_errors = {problem.file for problem in problems if problem.severity == "error"}
    problems.extend(p for p in [*approval_problems(site), *history_problems(site, today)] if p.file not in with_errors)
    return site, sorted(problems)
