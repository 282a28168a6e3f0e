"""Render stage: Site -> Markdown pages (Jinja2) and the navigation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.content.built_in_pages import (
    ABOUT_PAGE,
    ACCESSIBILITY_PAGE,
    BUILT_IN_PAGES,
    CAUSES_PAGE,
    FLOW_PAGE,
    FOOT_CARE_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    SAFETY_PAGE,
    SOURCES_PAGE,
    TESTS_PAGE,
    TREATMENTS_PAGE,
    WARNING_SIGNS_PAGE,
    menu_label,
)
from generator.content.field_types import EMERGENCY_PLACEHOLDER, ID_PATTERN
from generator.content.glossary_terms import TermIndex, anchor_of, term_index
from generator.content.groupings import (
    MAX_GENERAL,
    causes_by_group,
    emergency_steps,
    red_flags_by_urgency,
    sorted_ids,
    treatments_by_kind,
)
from generator.content.link import GROUP_TITLES, KIND_TITLES, Site
from generator.content.sign_off import current_approvals, governed_pages
from generator.handouts import handout_uri
from generator.parallel import jobs_for, map_shares
from generator.render.feedback import with_feedback
from generator.render.flow import flow_json_for_html, question_order
from generator.render.glossary_marks import Explainer
from generator.render.markdown import (
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
from generator.render.nav import split_long
from generator.render.safety import control_link, risk_words
from generator.render.structured_data import description, first_sentence, structured_data, with_structured_data

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


# A care card's level, read first by screen readers and hidden on screen (the NHS care-card pattern):
# the guide's urgencies as the NHS's three levels.
CARE_LEVELS = {
    "emergency": "Immediate action required:",
    "urgent": "Urgent advice:",
    "soon": "Non-urgent advice:",
    "self-care": "Non-urgent advice:",
}


def care_level(urgency: str) -> Markdown:
    """The visually hidden start of a care card of this urgency, as HTML."""
    return Markdown(f'<span class="care-card__level">{CARE_LEVELS[urgency]} </span>')


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
    # Text inside an HTML element the template writes (Markdown does not read it): HTML-escaped, never markup.
    env.filters["html"] = lambda text: Markdown(html_text(text, quote=False))
    env.globals["care_level"] = care_level
    return env


@dataclass
class PageContext:
    """What every template can use: the site, this page's path, its footnotes and link helpers."""

    site: Site
    path: str
    footnotes: Footnotes

    def explain(self, text: str) -> Markdown:
        """Plain text (no sources), with the first use of each glossary term linked to its entry."""
        return Markdown(self.footnotes.text(text))

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




def _footnotes(site: Site, index: TermIndex, path: str) -> Footnotes:
    """A page's footnotes, which also link the first use of each glossary term when the site has a glossary."""
    if index.pattern is None:
        return Footnotes(site.sources)
    fill = lambda text: text.replace(EMERGENCY_PLACEHOLDER, site.config.emergency_number)  # noqa: E731
    return Footnotes(site.sources, Explainer(index, path, fill).mark)


def _foldable(site_wide: list[str]) -> list[str]:
    """A site-wide list as a cause page folds it into its card: whole, or nothing past MAX_GENERAL."""
    return site_wide if len(site_wide) <= MAX_GENERAL else []


def _page_jobs(site: Site) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, template, extra variables) for every page of the site."""
    own_variables: dict[str, dict[str, Any]] = {
        HOME_PAGE: {"topic": site.topic.model},
        FLOW_PAGE: {
            "flow": site.flow.model,
            "flow_json": Markdown(flow_json_for_html(site)),
            "question_order": question_order(site),
        },
    }
    if site.glossary is not None:
        terms = sorted(site.glossary.model.terms, key=lambda entry: (entry.term.casefold(), entry.term))
        own_variables[GLOSSARY_PAGE] = {
            "terms": [(anchor_of(entry.term), entry) for entry in terms],
            "glossary": site.glossary.model,
        }
    if site.hazards is not None:
        own_variables[SAFETY_PAGE] = {"log": site.hazards.model, "risk_words": risk_words, "control_link": control_link}
    jobs = [
        (page.path, page.template, own_variables.get(page.path, {}))
        for page in BUILT_IN_PAGES
        if site.has_page(page.path)
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
        "causes_by_group": causes_by_group(site),
        "red_flags_by_urgency": lambda ids=None: red_flags_by_urgency(site, ids),
        "foldable_emergency_signs": _foldable(red_flags_by_urgency(site)["emergency"]),
        "emergency_steps": emergency_steps(site),
        "treatments_by_kind": lambda ids=None: treatments_by_kind(site, ids),
        "sorted_ids": sorted_ids,
        "site_titles": {p.path: p.title for p in site.pages},
        "handout_uri": handout_uri,
    }
    pages_with_files = governed_pages(site)
    approved = current_approvals(site, pages_with_files)
    shared["approved"] = approved
    governed = {governed_page.path: governed_page for governed_page in pages_with_files}
    shared["governed_count"] = len(governed)

    index = term_index(site.glossary.model if site.glossary else None)

    def render(jobs: Sequence[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str]]:
        out = []
        for path, template, extra in jobs:
            context = PageContext(site, path, _footnotes(site, index, path))
            markdown = env.get_template(template).render(page=context, site=site, **shared, **extra)
            markdown = with_feedback(markdown, site.config, path)
            kind = template.removesuffix(".md.j2")  # entity templates are named after their kind
            record = governed.get(path)
            data = structured_data(
                site, path, kind, extra.get("id"), context.footnotes.order, markdown,
                approved.get(path), record.entry.model.changes if record else [],
            )
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

    flags = red_flags_by_urgency(site)
    kinds = treatments_by_kind(site)
    label = menu_label  # fixed text; entity titles are escaped
    return [
        {label(HOME_PAGE): HOME_PAGE},
        {html_text(site.flow.model.title): FLOW_PAGE},
        {
            label(WARNING_SIGNS_PAGE): [
                WARNING_SIGNS_PAGE,
                {f"Call {site.config.emergency_number} now": entries("red_flag", flags["emergency"])},
                {"Contact a provider today": entries("red_flag", flags["urgent"])},
                *([{"Book an appointment": entries("red_flag", flags["soon"])}] if flags["soon"] else []),
            ]
        },
        {label(CAUSES_PAGE): [CAUSES_PAGE, *({GROUP_TITLES[g]: entries("cause", i)} for g, i in causes_by_group(site).items())]},
        {label(TESTS_PAGE): [TESTS_PAGE, *entries("test", sorted_ids(site.tests))]},
        {
            label(TREATMENTS_PAGE): [
                TREATMENTS_PAGE,
                *({KIND_TITLES[k]: entries("treatment", ids)} for k, ids in kinds.items() if k != "foot-care"),
            ]
        },
        {label(FOOT_CARE_PAGE): [FOOT_CARE_PAGE, *entries("treatment", kinds.get("foot-care", []))]},
        *([{label(GLOSSARY_PAGE): GLOSSARY_PAGE}] if site.glossary is not None else []),
        {label(SOURCES_PAGE): SOURCES_PAGE},
        {label(ABOUT_PAGE): ABOUT_PAGE},
        {label(ACCESSIBILITY_PAGE): ACCESSIBILITY_PAGE},
        *([{label(SAFETY_PAGE): SAFETY_PAGE}] if site.hazards is not None else []),
    ]
