"""Render stage: Site -> Markdown pages (Jinja2) and the navigation."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.content.built_in_pages import (
    ABOUT_PAGE,
    ACCESSIBILITY_PAGE,
    BUILT_IN_BY_PATH,
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
    INDEX_SUMMARIES_UP_TO,
    MAX_GENERAL,
    causes_by_group,
    emergency_steps,
    red_flags_by_urgency,
    sorted_ids,
    treatments_by_kind,
)
from generator.content.link import GROUP_TITLES, KIND_TITLES, Site, TitleReads
from generator.content.sign_off import current_approvals, governed_pages
from generator.content.site_schema import SiteConfig
from generator.handouts import handout_uri
from generator.parallel import jobs_for, map_shares
from generator.render.compiled_templates import CompiledTemplates
from generator.render.dates import long_date
from generator.render.editions import translation_review, with_languages, with_translation_review
from generator.render.feedback import with_feedback
from generator.render.flow import flow_json_for_html, question_order, targets
from generator.render.glossary_marks import Explainer
from generator.render.interface_words import Words, words_for
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
from generator.render.page_cache import Inputs, PageCache, every_title, shared_inputs
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


def care_level(urgency: str, words: Words) -> Markdown:
    """The visually hidden start of a care card of this urgency, as HTML."""
    return Markdown(f'<span class="care-card__level">{html_text(words(CARE_LEVELS[urgency]), quote=False)} </span>')


def _ident(value: str) -> Markdown:
    """An id printed into an HTML id or class: ids are validated, so refuse anything else."""
    if not re.fullmatch(ID_PATTERN, value):
        raise ValueError(f"not an id: {value!r}")
    return Markdown(value)


def _template_folders(language: str) -> list[Path]:
    """Where templates are looked up: a language's own copy of a page first (templates/es/about.md.j2), then the shared one."""
    own = [TEMPLATES / tag for tag in dict.fromkeys((language, language.split("-")[0])) if (TEMPLATES / tag).is_dir()]
    return [*own, TEMPLATES]


_COMPILED = CompiledTemplates()  # a new environment each generation, the templates compiled once a process


def environment(config: SiteConfig) -> jinja2.Environment:
    """The templates' environment in the site's language: `_` gives fixed words as Markdown (their values
    escaped like any printed value), `_text` as plain text (for front matter), `long_date` the site's dates."""
    words = words_for(config.language)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_template_folders(config.language)),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,  # one environment per render; checking each template's file at every include cost a stat call
        bytecode_cache=_COMPILED,
    )
    env.filters["meta"] = front_matter_value
    env.filters["search_tags"] = search_tags
    env.filters["ident"] = _ident
    env.filters["first_sentence"] = first_sentence
    env.filters["description"] = description
    env.filters["long_date"] = lambda day: escape(long_date(day, config))
    # Text inside an HTML element the template writes (Markdown does not read it): HTML-escaped, never markup.
    env.filters["html"] = lambda text: Markdown(html_text(text, quote=False))
    env.globals["care_level"] = functools.partial(care_level, words=words)
    env.globals["_"] = functools.partial(_markdown_words, words)
    env.globals["_text"] = words
    return env


def _markdown_words(words: Words, english: str, /, **values: object) -> Markdown:
    """Fixed words as Markdown: the text is the generator's own, each value is escaped as any printed value is."""
    return Markdown(words(english, **{name: _finalize(value) for name, value in values.items()}) if values else words(english))


@dataclass
class PageContext:
    """What every template can use: the site, this page's path, its footnotes and link helpers."""

    site: Site
    path: str
    footnotes: Footnotes
    translation_shown: bool = False  # whether the template printed the translation's review line

    def translation_review(self) -> Markdown:
        """The line saying who checked this page's translation ("" on the site's own language)."""
        self.translation_shown = True
        return translation_review(self.site, self.path)

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

    def linked_entry(self, kind: str, id_: str, text: str, listed: int = 0) -> Markdown:
        """A list entry of an index page: the page's link, then its text. A text that starts with the
        page's own name links those words ("[Lupus](...) is an autoimmune disease") instead of saying
        the name twice ("Lupus: Lupus is ..."). On a page listing more than INDEX_SUMMARIES_UP_TO
        entries (`listed`), the link alone."""
        if listed > INDEX_SUMMARIES_UP_TO:
            return self.link(kind, id_)
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
    words = words_for(site.config.language)
    own_variables: dict[str, dict[str, Any]] = {
        HOME_PAGE: {"topic": site.topic.model},
        FLOW_PAGE: {
            "flow": site.flow.model,
            "flow_json": Markdown(flow_json_for_html(site)),
            "question_order": question_order(site),
            "answers": functools.partial(targets, words=words),
        },
        # Only here: other pages print titles through Site.title_of, which render by dependency records.
        SOURCES_PAGE: {"site_titles": {p.path: page_title(site, p.path, p.title) for p in site.pages}},
    }
    if site.glossary is not None:
        terms = sorted(site.glossary.model.terms, key=lambda entry: (entry.term.casefold(), entry.term))
        own_variables[GLOSSARY_PAGE] = {
            "terms": [(anchor_of(entry.term), entry) for entry in terms],
            "glossary": site.glossary.model,
        }
    if site.hazards is not None:
        # The hazard log has no translation: its risks and controls are worded in the language it is written
        # in (the site's first), as the record around them is (a translated page marks that part lang="en").
        record_words = words_for(site.languages[0] if site.languages else site.config.language)
        own_variables[SAFETY_PAGE] = {
            "log": site.hazards.model,
            "risk_words": functools.partial(risk_words, words=record_words),
            "control_link": functools.partial(control_link, words=record_words),
        }
    jobs = [
        (page.path, page.template, own_variables.get(page.path, {}))
        for page in BUILT_IN_PAGES
        if site.has_page(page.path)
    ]
    for kind, entity in site.all_entities():
        jobs.append((site.page_of(kind, entity.id), f"{kind}.md.j2", {"id": entity.id, "entity": entity.model}))
    return jobs


def page_title(site: Site, path: str, title: str) -> str:
    """A page's title as readers see it: a built-in page's fixed title in the site's language."""
    built_in = BUILT_IN_BY_PATH.get(path)
    return words_for(site.config.language)(title) if built_in and built_in.title is not None else title


def render_pages(site: Site, jobs: int | None = None, cache: PageCache | None = None) -> dict[str, str]:
    """Every page's Markdown, keyed by its docs-relative path. With a cache, a page is rendered again only when
    what it reads changed (page_cache.py; a built-in page's list is its `reads`)."""
    env = environment(site.config)
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
        "handout_uri": handout_uri,
    }
    pages_with_files = governed_pages(site)
    approved = current_approvals(site, pages_with_files)
    shared["approved"] = approved
    governed = {governed_page.path: governed_page for governed_page in pages_with_files}
    shared["governed_count"] = len(governed)

    index = term_index(site.glossary.model if site.glossary else None)

    def render(jobs: Sequence[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str, TitleReads]]:
        out = []
        for path, template, extra in jobs:
            with site.recording_titles() as titles:
                out.append((path, render_one(path, template, extra), titles))
        return out

    def render_one(path: str, template: str, extra: dict[str, Any]) -> str:
        context = PageContext(site, path, _footnotes(site, index, path))
        markdown = env.get_template(template).render(page=context, site=site, **shared, **extra)
        if not context.translation_shown:  # a page without the sign-off block still says who translated it
            markdown = with_translation_review(markdown, site, path)
        markdown = with_feedback(markdown, site.config, path)
        markdown = with_languages(markdown, site, path)
        kind = template.removesuffix(".md.j2")  # entity templates are named after their kind
        record = governed.get(path)
        data = structured_data(
            site, path, kind, extra.get("id"), context.footnotes.order, markdown,
            approved.get(path), record.entry.model.changes if record else [],
        )
        return with_structured_data(markdown, data)

    pages = _page_jobs(site)
    old = cache.start(site, shared_inputs(site)) if cache is not None else {}
    inputs: dict[str, Inputs | None] = {}
    reused: dict[str, str] = {}
    if cache is not None:
        titles = every_title(site)
        inputs = {path: _own_inputs(site, path, extra, approved, titles) for path, _, extra in pages}
        for path, page_inputs in inputs.items():
            if page_inputs is not None and (text := cache.take(old, path, page_inputs)) is not None:
                reused[path] = text
    wanted = [job for job in pages if job[0] not in reused]
    # Pages are independent: large sites render in one process per core (generator/parallel.py).
    shares = map_shares(render, wanted, jobs_for(len(wanted), jobs)) if wanted else []
    made = [page for share in shares for page in share]
    rendered = {path: text for path, text, _ in made} | reused
    if cache is not None:
        for path, text, read in made:
            if (page_inputs := inputs[path]) is not None:
                cache.keep(path, page_inputs, text, read)
    return {path: rendered[path] for path, _, _ in pages}  # the one-process order


def _own_inputs(site: Site, path: str, extra: dict[str, Any], approved: dict[str, Any], titles: str) -> Inputs | None:
    """What a page prints beyond the shared inputs and the titles it reads through Site.title_of
    (page_cache.py): a content file's page its model; a built-in page every page's title (`titles`), the
    models of the tables it lists and its own approval; None when it must be rendered every time."""
    if "entity" in extra:
        return (extra["entity"],)
    reads = BUILT_IN_BY_PATH[path].reads
    if reads is None:
        return None
    tables = {"topic": [site.topic]} | {name: list(getattr(site, name).values()) for name in reads if name != "topic"}
    return (titles, approved.get(path), *(entry.model for name in reads for entry in tables[name]))


def navigation(site: Site) -> list[NavItem]:
    """The site's navigation, in the order readers need it."""

    def entries(kind: str, ids: list[str]) -> list[NavItem]:
        out: list[NavItem] = []
        for i in ids:
            out.append({html_text(site.title_of(kind, i)): site.page_of(kind, i)})
        return split_long(out, [site.title_of(kind, i) for i in ids])

    flags = red_flags_by_urgency(site)
    kinds = treatments_by_kind(site)
    words = words_for(site.config.language)

    def say(english: str, **values: object) -> str:
        return html_text(words(english, **values))  # fixed words in the site's language; entity titles are escaped

    def label(path: str) -> str:
        return say(menu_label(path))

    return [
        {label(HOME_PAGE): HOME_PAGE},
        {html_text(site.flow.model.title): FLOW_PAGE},
        {
            label(WARNING_SIGNS_PAGE): [
                WARNING_SIGNS_PAGE,
                {say("Call {number} now", number=site.config.emergency_number): entries("red_flag", flags["emergency"])},
                {say("Contact a provider today"): entries("red_flag", flags["urgent"])},
                *([{say("Book an appointment"): entries("red_flag", flags["soon"])}] if flags["soon"] else []),
            ]
        },
        {
            label(CAUSES_PAGE): [
                CAUSES_PAGE,
                *({say(GROUP_TITLES[group]): entries("cause", ids)} for group, ids in causes_by_group(site).items()),
            ]
        },
        {label(TESTS_PAGE): [TESTS_PAGE, *entries("test", sorted_ids(site.tests))]},
        {
            label(TREATMENTS_PAGE): [
                TREATMENTS_PAGE,
                *({say(KIND_TITLES[k]): entries("treatment", ids)} for k, ids in kinds.items() if k != "foot-care"),
            ]
        },
        {label(FOOT_CARE_PAGE): [FOOT_CARE_PAGE, *entries("treatment", kinds.get("foot-care", []))]},
        *([{label(GLOSSARY_PAGE): GLOSSARY_PAGE}] if site.glossary is not None else []),
        {label(SOURCES_PAGE): SOURCES_PAGE},
        {label(ABOUT_PAGE): ABOUT_PAGE},
        {label(ACCESSIBILITY_PAGE): ACCESSIBILITY_PAGE},
        *([{label(SAFETY_PAGE): SAFETY_PAGE}] if site.hazards is not None else []),
    ]
