"""Render stage: Site -> Markdown pages (Jinja2) and the navigation.

Templates print content through `finalize`, which escapes every plain string, so a
template cannot forget to escape: only values the generator wrapped in `Markdown` pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .flow import EMERGENCY_PLACEHOLDER, flow_json_for_html, question_order
from .handouts import handout_uri
from .link import FLOW_PAGE, GROUP_TITLES, KIND_TITLES, Site
from .markdown import (
    Footnotes,
    Markdown,
    escape,
    front_matter_value,
    html_text,
    relative_link,
    safe_url,
    search_tags,
    source_text,
)
from .nav import split_long
from .parallel import jobs_for, map_shares
from .schema import ID_PATTERN
from .structured_data import description, first_sentence, structured_data, with_structured_data

TEMPLATES = Path(__file__).parent / "templates"
NavItem = str | dict[str, Any]


def _finalize(value: Any) -> Any:
    if isinstance(value, Markdown):
        return value
    if value is None:
        return ""
    if isinstance(value, (str, int, float, dt.date)):
        return escape(str(value))
    raise TypeError(f"template printed a {type(value).__name__}; render it through a filter")


def _ident(value: str) -> Markdown:
    """An id printed into an HTML id or class: ids are validated, so refuse anything else."""
    if not re.fullmatch(ID_PATTERN, value):
        raise ValueError(f"not an id: {value!r}")
    return Markdown(value)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,  # one environment per render; checking each template's file at every include cost a stat call
    )
    env.filters["meta"] = front_matter_value
    env.filters["search_tags"] = search_tags
    env.filters["ident"] = _ident
    env.filters["first_sentence"] = first_sentence
    env.filters["description"] = description
    env.filters["long_date"] = lambda d: Markdown(f"{d:%B} {d.day}, {d:%Y}")
    return env


@dataclass
class PageContext:
    """What every template can use: the site, this page's path, its footnotes and link helpers."""

    site: Site
    path: str
    footnotes: Footnotes

    def fill(self, text: str) -> str:
        """Plain text with the site's emergency number in place of {emergency_number}."""
        return text.replace(EMERGENCY_PLACEHOLDER, self.site.config.emergency_number)

    def cite(self, text: str) -> Markdown:
        return self.footnotes.text(self.fill(text))

    def refs(self, ids: list[str]) -> Markdown:
        return self.footnotes.refs(ids)

    def link(self, kind: str, id_: str) -> Markdown:
        """A Markdown link to an entity's page, made from its id."""
        title = self.site.title_of(kind, id_)
        return Markdown(f"[{escape(title)}]({relative_link(self.path, self.site.page_of(kind, id_))})")

    def linked_entry(self, kind: str, id_: str, text: str) -> Markdown:
        """A list entry of an index page: the page's link, then its text. A text that starts with the
        page's own name links those words ("[Lupus](...) is an autoimmune disease") instead of saying
        the name twice ("Lupus: Lupus is ...")."""
        title = self.site.title_of(kind, id_)
        if text.startswith(title + " "):
            return Markdown(f"{self.link(kind, id_)} {self.cite(text[len(title) :].lstrip())}")
        return Markdown(f"{self.link(kind, id_)}: {self.cite(text)}")

    def href(self, to_page: str, anchor: str = "") -> Markdown:
        return Markdown(relative_link(self.path, to_page, anchor))

    def url(self, address: str | None) -> Markdown:
        return Markdown(safe_url(address or ""))

    def source(self, source_id: str) -> Markdown:
        return source_text(self.site.sources[source_id])

    def due(self, reviewed: dt.date) -> dt.date:
        return reviewed + dt.timedelta(days=self.site.config.review_interval_days)


def _sorted_ids(table: dict[str, Any], key: str = "name", ids: list[str] | None = None) -> list[str]:
    """Ids of a table (or only `ids`, so a page sorts its own few links, not the whole site) by name."""
    return sorted(table if ids is None else ids, key=lambda i: (getattr(table[i].model, key).lower(), i))


# The most site-wide items (general warning signs of one urgency, foot-care habits) printed where a
# patient takes them away: a handout, and the folded list of a cause page's emergency card. Past this
# bound both point to the page that lists them all (a library of hundreds of topics would otherwise
# print 30-page handouts); the real guide's counts and the reasoning are in bench/RESULTS.md.
MAX_GENERAL = 16


def _red_flags_by_urgency(site: Site, ids: list[str] | None = None) -> dict[str, list[str]]:
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


def _foldable(site_wide: list[str]) -> list[str]:
    """A site-wide list as a cause page folds it into its card: whole, or nothing past MAX_GENERAL."""
    return site_wide if len(site_wide) <= MAX_GENERAL else []


def _treatments_by_kind(site: Site, ids: list[str] | None = None) -> dict[str, list[str]]:
    chosen = ids if ids is not None else list(site.treatments)
    out: dict[str, list[str]] = {kind: [] for kind in KIND_TITLES}
    for treatment_id in sorted(chosen, key=lambda i: site.treatments[i].model.name.lower()):
        out[site.treatments[treatment_id].model.kind].append(treatment_id)
    return {k: v for k, v in out.items() if v}


def _causes_by_group(site: Site) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group in GROUP_TITLES:
        members = [c for c in _sorted_ids(site.causes) if site.causes[c].model.group == group]
        if members:
            out[group] = members
    return out


def _page_jobs(site: Site) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, template, extra variables) for every page of the site."""
    jobs: list[tuple[str, str, dict[str, Any]]] = [
        ("index.md", "topic.md.j2", {"topic": site.topic.model}),
        (
            FLOW_PAGE,
            "flow.md.j2",
            {"flow": site.flow.model, "flow_json": Markdown(flow_json_for_html(site)), "question_order": question_order(site)},
        ),
        ("causes/index.md", "causes_index.md.j2", {}),
        ("warning-signs/index.md", "warning_signs_index.md.j2", {}),
        ("tests/index.md", "tests_index.md.j2", {}),
        ("treatments/index.md", "treatments_index.md.j2", {}),
        ("foot-care/index.md", "foot_care_index.md.j2", {}),
        ("sources.md", "sources.md.j2", {}),
        ("about.md", "about.md.j2", {}),
    ]
    for kind, entity in site.all_entities():
        jobs.append((site.page_of(kind, entity.id), f"{kind}.md.j2", {"id": entity.id, "entity": entity.model}))
    return jobs


def render_pages(site: Site, jobs: int | None = None) -> dict[str, str]:
    """Every page's Markdown, keyed by its docs-relative path."""
    env = environment()
    shared = {
        "config": site.config,
        "group_titles": GROUP_TITLES,
        "kind_titles": KIND_TITLES,
        "causes_by_group": _causes_by_group(site),
        "red_flags_by_urgency": lambda ids=None: _red_flags_by_urgency(site, ids),
        "foldable_emergency_signs": _foldable(_red_flags_by_urgency(site)["emergency"]),
        "emergency_steps": emergency_steps(site),
        "treatments_by_kind": lambda ids=None: _treatments_by_kind(site, ids),
        "sorted_ids": _sorted_ids,
        "site_titles": {p.path: p.title for p in site.pages},
        "handout_uri": handout_uri,
    }

    def render(jobs: Sequence[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str]]:
        out = []
        for path, template, extra in jobs:
            context = PageContext(site, path, Footnotes(site.sources))
            markdown = env.get_template(template).render(page=context, site=site, **shared, **extra)
            kind = template.removesuffix(".md.j2")  # entity templates are named after their kind
            data = structured_data(site, path, kind, extra.get("id"), context.footnotes.order, markdown)
            out.append((path, with_structured_data(markdown, data)))
        return out

    pages = _page_jobs(site)
    # Pages are independent: large sites render in one process per core (generator/parallel.py).
    shares = map_shares(render, pages, jobs_for(len(pages), jobs))
    rendered = dict(page for share in shares for page in share)
    return {path: rendered[path] for path, _, _ in pages}  # the one-process order


def navigation(site: Site) -> list[NavItem]:
    """The site's navigation, in the order readers need it."""

    def entries(kind: str, ids: list[str]) -> list[NavItem]:
        out: list[NavItem] = []
        for i in ids:
            out.append({html_text(site.title_of(kind, i)): site.page_of(kind, i)})
        return split_long(out, [site.title_of(kind, i) for i in ids])

    flags = _red_flags_by_urgency(site)
    kinds = _treatments_by_kind(site)
    return [
        {"Home": "index.md"},  # section labels below are fixed text; entity titles are escaped
        {html_text(site.flow.model.title): FLOW_PAGE},
        {
            "Warning signs": [
                "warning-signs/index.md",
                {f"Call {site.config.emergency_number} now": entries("red_flag", flags["emergency"])},
                {"Contact a provider today": entries("red_flag", flags["urgent"])},
                *([{"Book an appointment": entries("red_flag", flags["soon"])}] if flags["soon"] else []),
            ]
        },
        {"Causes": ["causes/index.md", *({GROUP_TITLES[g]: entries("cause", ids)} for g, ids in _causes_by_group(site).items())]},
        {"Tests": ["tests/index.md", *entries("test", _sorted_ids(site.tests))]},
        {
            "Treatment and home care": [
                "treatments/index.md",
                *({KIND_TITLES[k]: entries("treatment", ids)} for k, ids in kinds.items() if k != "foot-care"),
            ]
        },
        {"Foot care": ["foot-care/index.md", *entries("treatment", kinds.get("foot-care", []))]},
        {"Sources": "sources.md"},
        {"About": "about.md"},
    ]
