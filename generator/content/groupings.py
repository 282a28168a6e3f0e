"""How linked content is grouped for readers: signs by urgency, treatments by kind, causes by group."""

from __future__ import annotations

from typing import Any

from generator.content.link import GROUP_TITLES, KIND_TITLES, Site

# The most site-wide items (general warning signs of one urgency, foot-care habits) printed where a
# patient takes them away: a handout, and the folded list of a cause page's emergency card. Past this
# bound both point to the page that lists them all (a library of hundreds of topics would otherwise
# print 30-page handouts); the real guide's counts and the reasoning are in bench/RESULTS.md.
MAX_GENERAL = 16

# An index page (causes, tests, treatments, foot care) gives each entry's summary up to this many entries;
# past it, names only, as an A-Z list does: each page still opens with its summary, and one edited summary
# no longer changes (and rebuilds) a page hundreds of kilobytes long. The real guide lists under 30 each.
INDEX_SUMMARIES_UP_TO = 60


def sorted_ids(table: dict[str, Any], key: str = "name", ids: list[str] | None = None) -> list[str]:
    """Ids of a table (or only `ids`, so a page sorts its own few links, not the whole site) by name."""
    return sorted(table if ids is None else ids, key=lambda i: (getattr(table[i].model, key).lower(), i))


def red_flags_by_urgency(site: Site, ids: list[str] | None = None) -> dict[str, list[str]]:
    """Signs by urgency: a page's own in the order its editor listed them (the most telling first, as
    stroke lists its one-sided numbness), the whole site's by their wording."""
    chosen = ids if ids is not None else sorted(site.red_flags, key=lambda i: site.red_flags[i].model.sign.lower())
    out: dict[str, list[str]] = {"emergency": [], "urgent": [], "soon": []}
    for flag_id in chosen:
        out[site.red_flags[flag_id].model.urgency].append(flag_id)
    return out


def emergency_steps(site: Site) -> list[str]:
    """What to do in an emergency, as the flow's emergency outcome says it: every emergency card says the same."""
    outcome = next((o for o in site.flow.model.outcomes.values() if o.urgency == "emergency"), None)
    return list(outcome.steps) if outcome else []


def treatments_by_kind(site: Site, ids: list[str] | None = None) -> dict[str, list[str]]:
    """Treatments (all, or only `ids`) by kind in KIND_TITLES' order, each kind sorted by name; empty kinds left out."""
    chosen = ids if ids is not None else list(site.treatments)
    out: dict[str, list[str]] = {kind: [] for kind in KIND_TITLES}
    for treatment_id in sorted(chosen, key=lambda i: site.treatments[i].model.name.lower()):
        out[site.treatments[treatment_id].model.kind].append(treatment_id)
    return {k: v for k, v in out.items() if v}


def causes_by_group(site: Site) -> dict[str, list[str]]:
    """Causes by group in GROUP_TITLES' order, each sorted by name; empty groups left out."""
    out: dict[str, list[str]] = {}
    for group in GROUP_TITLES:
        members = [c for c in sorted_ids(site.causes) if site.causes[c].model.group == group]
        if members:
            out[group] = members
    return out
