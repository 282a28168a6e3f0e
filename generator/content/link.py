"""Link stage: validated content -> one Site with pages, reverse indexes and citation users.

Nothing here fails; ids that do not resolve are left for the check stage to report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.content.built_in_pages import BUILT_IN_PAGES, FLOW_PAGE, GLOSSARY_PAGE, HOME_PAGE, SAFETY_PAGE
from generator.content.edition import Edition
from generator.content.errors import did_you_mean
from generator.content.glossary_schema import Glossary
from generator.content.load import Document
from generator.content.safety_schema import Approvals, HazardLog
from generator.content.schema import (
    ICD10CM_SOURCE,
    Cause,
    DecisionFlow,
    DiagnosticTest,
    RedFlag,
    Source,
    Topic,
    Treatment,
)
from generator.content.site_schema import SiteConfig
from generator.content.translations import LocaleFiles
from generator.content.validate import Loaded, ValidatedContent

if TYPE_CHECKING:
    from generator.content.sign_off import GovernedPage

# Where each kind of page lives; a treatment's folder depends on its kind.
SECTION_OF_TREATMENT = {"medical": "treatments", "home-care": "treatments", "alternative": "treatments", "foot-care": "foot-care"}
TitleReads = dict[tuple[str, str], str]  # (kind, id) -> the title of that page a text printed


GROUP_TITLES = {
    "nerves": "Nerve problems",
    "blood-vessels": "Blood vessel problems",
    "spine": "Back and spine problems",
    "brain": "Brain and spinal cord conditions",
    "immune": "Immune system conditions",
    "infection": "Infections",
    "nutrition": "Nutrition",
    "medicines": "Medicine side effects",
    "injury-cold": "Injury and cold",
    "mental-health": "Mental health",
}
KIND_TITLES = {
    "medical": "Medical treatment",
    "home-care": "Home care",
    "alternative": "Other approaches",
    "foot-care": "Foot care",
}


@dataclass(frozen=True)
class PageRef:
    """A page of the site: its Markdown path (relative to docs/) and who produces it."""

    path: str
    title: str
    producer: str  # 'content/causes/x.yaml' or 'built-in'
    doc: Document | None = None


def _title(kind: str, model: Any) -> str:
    return str(model.sign if kind == "red_flag" else model.name)


@dataclass
class Site:
    config: SiteConfig
    topic: Loaded[Topic]
    flow: Loaded[DecisionFlow]
    citations_doc: Document
    sources: dict[str, Source]
    source_docs_index: dict[str, int]
    causes: dict[str, Loaded[Cause]]
    red_flags: dict[str, Loaded[RedFlag]]
    treatments: dict[str, Loaded[Treatment]]
    tests: dict[str, Loaded[DiagnosticTest]]
    pages: list[PageRef] = field(default_factory=list)
    causes_by_test: dict[str, list[str]] = field(default_factory=dict)
    causes_by_treatment: dict[str, list[str]] = field(default_factory=dict)
    causes_by_red_flag: dict[str, list[str]] = field(default_factory=dict)
    citing_pages: dict[str, list[str]] = field(default_factory=dict)
    config_doc: Document | None = None  # site_config/site.yaml, for file:line in site-wide warnings
    # kind -> ids of page files that did not validate: a reference to one is not reported again.
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    hazards: Loaded[HazardLog] | None = None  # the hazard log, when the site has one
    approvals: Loaded[Approvals] | None = None  # clinicians' approvals, once a page has one
    glossary: Loaded[Glossary] | None = None  # the glossary, when the site has one
    # Every language the site is published in, its own first (site_config's language, then its locales).
    languages: tuple[str, ...] = ()
    edition: Edition | None = None  # set on a translated edition's Site; None on the site's own language
    translations: dict[str, LocaleFiles] = field(default_factory=dict)  # language -> its translation files
    # language -> its edition's Site, made once (localize.edition_site) for the check stage and the render alike
    edition_sites: dict[str, Site] = field(default_factory=dict)
    # What every page reads besides its own file, and every page's title, digested once (render/page_cache.py).
    shared_inputs_digest: str = field(default="", repr=False, compare=False)
    titles_digest: str = field(default="", repr=False, compare=False)
    # Every page made from one content file, listed once (sign_off.governed_pages).
    governed: list[GovernedPage] | None = field(default=None, repr=False, compare=False)
    # The titles read since recording_titles() began, by (kind, id); None while nothing records.
    title_reads: TitleReads | None = field(default=None, repr=False, compare=False)

    def has_page(self, path: str) -> bool:
        """Whether a built-in page is made: the safety and glossary pages only from their files."""
        return {SAFETY_PAGE: self.hazards, GLOSSARY_PAGE: self.glossary}.get(path, True) is not None

    def page_of(self, kind: str, id_: str) -> str:
        """The Markdown path of an entity's page, made from its id (never hand-written)."""
        if kind == "cause":
            return f"causes/{id_}.md"
        if kind == "red_flag":
            return f"warning-signs/{id_}.md"
        if kind == "test":
            return f"tests/{id_}.md"
        if kind == "treatment":
            return f"{SECTION_OF_TREATMENT[self.treatments[id_].model.kind]}/{id_}.md"
        raise KeyError(kind)

    def mend_reference(self, kind: str, id_: str, folder: str) -> str:
        """How to mend a reference to an id no file has: the page's id now when it moved (moved_from
        names the old one), else a close id, else which file to add."""
        for entity_id, entity in self.table(kind).items():
            if any(address.removesuffix("/").rsplit("/", 1)[-1] == id_ for address in entity.model.moved_from):
                return f"; it was renamed to '{entity_id}' (see moved_from in {entity.doc.display}): write that instead"
        return did_you_mean(id_, self.table(kind)) or f"; add content/{folder}/{id_}.yaml or fix the id"

    def is_unreadable(self, kind: str, id_: str) -> bool:
        """Whether a file with this id exists but did not validate (its errors are already reported)."""
        return id_ in self.unreadable.get(kind, set())

    def table(self, kind: str) -> dict[str, Loaded[Any]]:
        """The entities of one kind ('cause', 'red_flag', 'test', 'treatment') by id."""
        tables: dict[str, dict[str, Loaded[Any]]] = {
            "cause": self.causes,
            "red_flag": self.red_flags,
            "test": self.tests,
            "treatment": self.treatments,
        }
        return tables[kind]

    def title_of(self, kind: str, id_: str) -> str:
        """An entity's page title: a red flag's sign, every other entity's name."""
        title = _title(kind, self.table(kind)[id_].model)
        if self.title_reads is not None:
            self.title_reads[(kind, id_)] = title
        return title

    @contextmanager
    def recording_titles(self) -> Iterator[TitleReads]:
        """The titles title_of gives while this lasts: what a text made meanwhile printed of other pages
        (render/page_cache.py). An enclosing recording gets them too."""
        outer, reads = self.title_reads, TitleReads()
        self.title_reads = reads
        try:
            yield reads
        finally:
            self.title_reads = outer
            if outer is not None:
                outer.update(reads)

    def titles_unchanged(self, reads: TitleReads) -> bool:
        """Whether every title in `reads` is still the title of its page (recording_titles)."""
        for (kind, id_), title in reads.items():
            entry = self.table(kind).get(id_)
            if entry is None or _title(kind, entry.model) != title:
                return False
        return True

    def content_entries(self) -> list[Loaded[Any]]:
        """Every validated document whose text reaches a page (not the registry or site settings)."""
        entries: list[Loaded[Any]] = [self.topic, self.flow]
        return entries + [entity for _, entity in self.all_entities()] + ([self.glossary] if self.glossary else [])

    def content_docs(self) -> list[Document]:
        """Every document whose text reaches a page (not the registry or site settings)."""
        return [entry.doc for entry in self.content_entries()]

    def all_entities(self) -> Iterator[tuple[str, Loaded[Any]]]:
        for kind, table in (
            ("cause", self.causes),
            ("red_flag", self.red_flags),
            ("test", self.tests),
            ("treatment", self.treatments),
        ):
            for entity in table.values():
                yield kind, entity


def _by_id(items: list[Loaded[Any]]) -> dict[str, Loaded[Any]]:
    # First one wins here; the check stage reports the duplicate.
    out: dict[str, Loaded[Any]] = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


KIND_OF_FOLDER = {"causes": "cause", "red_flags": "red_flag", "tests": "test", "treatments": "treatment"}


def link(content: ValidatedContent, unreadable: dict[str, set[str]] | None = None) -> Site:
    """Build the Site: entity tables, every page, and the reverse indexes. `unreadable`: folder -> ids of
    page files that did not validate (see validate.PartlyValid)."""
    sources: dict[str, Source] = {}
    index: dict[str, int] = {}
    for i, source in enumerate(content.citations.model.sources):
        sources.setdefault(source.id, source)
        index.setdefault(source.id, i)
    site = Site(
        config=content.site.model,
        topic=content.topic,
        flow=content.flow,
        citations_doc=content.citations.doc,
        sources=sources,
        source_docs_index=index,
        causes=_by_id(content.entities["causes"]),
        red_flags=_by_id(content.entities["red_flags"]),
        treatments=_by_id(content.entities["treatments"]),
        tests=_by_id(content.entities["tests"]),
        config_doc=content.site.doc,
        unreadable={KIND_OF_FOLDER[folder]: ids for folder, ids in (unreadable or {}).items()},
        hazards=content.hazards,
        approvals=content.approvals,
        glossary=content.glossary,
        languages=(content.site.model.language, *content.site.model.locales),
        translations=content.translations,
    )
    own_title: dict[str, Loaded[Any]] = {HOME_PAGE: site.topic, FLOW_PAGE: site.flow}  # written from content files
    if site.hazards is not None:
        own_title[SAFETY_PAGE] = site.hazards
    site.pages = [
        PageRef(page.path, own_title[page.path].model.title, own_title[page.path].doc.display, own_title[page.path].doc)
        if page.title is None
        else PageRef(
            page.path, page.title, f"the built-in page '{page.title}'",
            site.glossary.doc if page.path == GLOSSARY_PAGE and site.glossary else None,
        )
        for page in BUILT_IN_PAGES
        if site.has_page(page.path)
    ]
    for kind, entity in site.all_entities():
        site.pages.append(PageRef(site.page_of(kind, entity.id), site.title_of(kind, entity.id), entity.doc.display, entity.doc))

    reverse: dict[str, dict[str, list[str]]] = {
        "tests": defaultdict(list),
        "treatments": defaultdict(list),
        "red_flags": defaultdict(list),
    }
    for cause_id, cause in sorted(site.causes.items()):
        for attribute, table in reverse.items():
            for target in dict.fromkeys(getattr(cause.model, attribute)):
                table[target].append(cause_id)
    site.causes_by_test = dict(reverse["tests"])
    site.causes_by_treatment = dict(reverse["treatments"])
    site.causes_by_red_flag = dict(reverse["red_flags"])

    citing: dict[str, list[str]] = defaultdict(list)
    for page in site.pages:
        if page.doc is None:
            continue
        for _, source_id in page.doc.citations():
            if page.path not in citing[source_id]:
                citing[source_id].append(page.path)
    # A cause's codes are backed by the ICD-10-CM tabular list, though no reader's text cites it.
    for cause_id, cause in sorted(site.causes.items()):
        if cause.model.icd10cm:
            citing[ICD10CM_SOURCE].append(site.page_of("cause", cause_id))
    site.citing_pages = {k: sorted(v) for k, v in citing.items()}
    return site
