"""Every content page's typed content as JSON (api/), for other sites and apps to syndicate."""

from __future__ import annotations

from typing import Any

from generator.content.addresses import page_address
from generator.content.field_types import CITATION_MARKER
from generator.content.groupings import red_flags_by_urgency
from generator.content.link import Site
from generator.content.sign_off import KIND_NAMES, SINGLE_PAGE_KINDS, approval_of
from generator.exports.changes import ContentPage, content_pages, last_change
from generator.handouts import FOLDER, handout_of
from generator.render.flow import plain
from generator.render.structured_data import ABOUT_TYPE

VERSION = 1
API_KINDS = ("topic", "cause", "red_flag", "test", "treatment")


def api_path(page: ContentPage) -> str:
    """Where a page's JSON is: causes/x.md -> api/causes/x.json, the home page -> api/topic.json."""
    return "api/topic.json" if page.kind == "topic" else f"api/{page.path.removesuffix('.md')}.json"


def handout_address(site: Site, page: ContentPage) -> str | None:
    """The public address of the page's printable handout (the home page and each cause have one)."""
    return f"{site.config.site_url}{FOLDER}/{handout_of(page.path)}" if page.kind in ("topic", "cause") else None


def _text(site: Site, heading: str, text: str | None) -> list[dict[str, Any]]:
    if not text:
        return []
    return [{"heading": heading, "text": plain(site, text), "sources": list(dict.fromkeys(CITATION_MARKER.findall(text)))}]


def _items(site: Site, heading: str, items: list[str]) -> list[dict[str, Any]]:
    if not items:
        return []
    cited = [marker for item in items for marker in CITATION_MARKER.findall(item)]
    return [{"heading": heading, "items": [plain(site, item) for item in items], "sources": list(dict.fromkeys(cited))}]


def _link(site: Site, kind: str, id_: str) -> dict[str, str]:
    return {"id": id_, "title": site.title_of(kind, id_), "url": page_address(site.config.site_url, site.page_of(kind, id_))}


def _red_flags(site: Site, ids: list[str] | None) -> dict[str, list[dict[str, str]]]:
    return {urgency: [_link(site, "red_flag", i) for i in flags] for urgency, flags in red_flags_by_urgency(site, ids).items()}


def _sections(site: Site, page: ContentPage) -> tuple[str, list[str], str, list[dict[str, Any]]]:
    """(name, other names, summary, sections) of a page, by its kind."""
    m = page.entry.model
    if page.kind == "topic":
        sections = [
            *_text(site, "What it feels like", m.what_it_feels_like),
            *_items(site, "Feelings that can come with it", m.sensations),
            *_text(site, "More than a foot that fell asleep", m.not_just_asleep),
            *_text(site, "Over time", m.long_term),
            *_items(site, "What it can lead to", m.complications),
            *_text(site, "Outlook", m.outlook),
        ]
        return m.title, [], m.summary, sections
    if page.kind == "cause":
        sections = [*_text(site, "How it causes numbness", m.how_it_causes_numbness),
                    {"heading": "Typical pattern", "text": m.typical_pattern(), "sources": []},
                    *_items(site, "Other symptoms", m.other_symptoms)]
        return m.name, list(m.also_called), m.summary, sections
    if page.kind == "red_flag":
        return m.sign, [], m.why, _text(site, "Why it matters", m.why)
    if page.kind == "test":
        sections = [*_text(site, "What happens", m.what_happens), *_text(site, "What it can show", m.what_it_can_show)]
        return m.name, list(m.also_called), m.what_it_can_show, sections
    sections = [*_items(site, "Details", m.details), *_items(site, "Cautions", m.cautions), *_text(site, "Evidence", m.evidence)]
    return m.name, [], m.summary, sections


def _sources(site: Site, page: ContentPage, sections: list[dict[str, Any]], summary: str) -> list[dict[str, Any]]:
    ids = [*CITATION_MARKER.findall(summary), *(i for s in sections for i in s["sources"]), *page.entry.model.sources]
    out = []
    for source_id in dict.fromkeys(ids):
        source = site.sources[source_id]
        record = {"id": source_id, "title": source.title, "url": source.link}
        for field in ("authors", "publisher", "journal", "year", "doi"):
            if getattr(source, field):
                record[field] = getattr(source, field)
        out.append(record)
    return out


def _related(site: Site, page: ContentPage) -> dict[str, Any]:
    """The links a page's kind has: a cause's tests, treatments and signs; the causes a sign, test or treatment serves."""
    m, id_ = page.entry.model, page.entry.id
    if page.kind == "topic":
        return {"redFlags": _red_flags(site, None)}
    if page.kind == "cause":
        return {"redFlags": _red_flags(site, list(m.red_flags)), "tests": [_link(site, "test", i) for i in m.tests],
                "treatments": [_link(site, "treatment", i) for i in m.treatments],
                "icd10cm": [{"code": c.code, "title": c.title} for c in m.icd10cm]}
    served = {"red_flag": site.causes_by_red_flag, "test": site.causes_by_test, "treatment": site.causes_by_treatment}[page.kind]
    extra: dict[str, Any] = {"causes": [_link(site, "cause", i) for i in served.get(id_, [])]}
    if page.kind == "red_flag":
        extra["urgency"] = m.urgency
    if page.kind == "treatment":
        extra["treatmentKind"] = m.kind
        extra["medicines"] = [{"name": med.name, **({"brand": med.brand} if med.brand else {})} for med in m.medicines]
    return extra


def page_document(site: Site, page: ContentPage) -> dict[str, Any]:
    """One page's content as the API publishes it (version 1)."""
    name, other_names, summary, sections = _sections(site, page)
    change = last_change(page.entry)
    return {
        "version": VERSION,
        "id": page.entry.id,
        "kind": page.kind,
        "schemaOrg": {"@type": "MedicalWebPage", "about": ABOUT_TYPE[page.kind]},
        "url": page_address(site.config.site_url, page.path),
        "handout": handout_address(site, page),
        "name": plain(site, name),
        "otherNames": other_names,
        "summary": plain(site, summary),
        "sections": sections,
        **_related(site, page),
        "sources": _sources(site, page, sections, summary),
        # The editors' own check; a clinician is named only while their approval matches the page.
        "editorialReview": {"date": page.entry.model.reviewed.isoformat(), "by": page.entry.model.reviewed_by},
        "clinicalApproval": _approval(site, page),
        "lastChange": {"date": change.date.isoformat(), "what": change.what},
    }


def _approval(site: Site, page: ContentPage) -> dict[str, str] | None:
    kind = KIND_NAMES.get(page.kind, page.kind)
    approval = approval_of(site, kind, None if kind in SINGLE_PAGE_KINDS else page.entry.id, page.entry)
    if approval is None:
        return None
    return {"by": approval.by, "role": approval.role, "date": approval.date.isoformat()}


INDEX_PATH = "api/index.json"


def api_pages(site: Site) -> list[ContentPage]:
    """The pages that have an API file."""
    return [page for page in content_pages(site) if page.kind in API_KINDS]


def api_index(site: Site, pages: list[ContentPage]) -> dict[str, Any]:
    """api/index.json: every page with its title and addresses."""
    return {
        "version": VERSION,
        "pages": [
            {"id": page.entry.id, "kind": page.kind, "title": plain(site, page.title),
             "url": page_address(site.config.site_url, page.path), "api": site.config.site_url + api_path(page),
             "handout": handout_address(site, page)}
            for page in pages
        ],
    }
