"""Structured data: each page's schema.org JSON-LD (a MedicalWebPage), made from the content model."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

from generator.content.addresses import page_address
from generator.content.link import Site
from generator.content.safety_schema import Approval
from generator.content.schema import Change, Source

SCHEMA_ORG = "https://schema.org"
# The schema.org type of the thing each kind of entity page is about.
ABOUT_TYPE = {
    "cause": "MedicalCondition",
    "red_flag": "MedicalSignOrSymptom",
    "test": "MedicalTest",
    "treatment": "MedicalTherapy",
    "topic": "MedicalSignOrSymptom",
}
_HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_MARKER = re.compile(r"\[\^[^\]]*\]")
_SENTENCE = re.compile(r"(.+?[.!?])(?=\s|$)")
DESCRIPTION_LIMIT = 160  # what search results show of a meta description


def first_sentence(text: str) -> str:
    """The first sentence of a cited text, without its [^source] markers (for meta descriptions)."""
    plain = re.sub(r"\s+", " ", _MARKER.sub("", text)).strip()
    match = _SENTENCE.match(plain)
    return match.group(1) if match else plain


def description(text: str) -> str:
    """A meta description: the text, cut at a word before DESCRIPTION_LIMIT characters if longer."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    return text[: DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def script_safe_json(data: Any) -> str:
    """JSON text that can sit inside an HTML <script> element without ending it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _HTML_SAFE.items():
        text = text.replace(raw, escaped)
    return text


def _citation(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "ScholarlyArticle" if source.kind == "journal" else "WebPage", "name": source.title}
    if source.authors:
        item["author"] = [{"@type": "Person", "name": name} for name in source.authors]
    if source.journal:
        item["isPartOf"] = {"@type": "Periodical", "name": source.journal}
    if source.publisher:
        item["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.year:
        item["datePublished"] = str(source.year)
    if source.doi:
        item["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": source.doi}
    if source.link:
        item["url"] = source.link
    return item


def _about(site: Site, kind: str, id_: str | None) -> dict[str, Any]:
    if id_ is None:  # the home page and the built-in pages are about the symptom itself
        return {"@type": ABOUT_TYPE["topic"], "name": site.topic.model.title}
    model = site.table(kind)[id_].model
    about: dict[str, Any] = {"@type": ABOUT_TYPE[kind], "name": site.title_of(kind, id_)}
    if getattr(model, "also_called", None):
        about["alternateName"] = list(model.also_called)
    if getattr(model, "medicines", None):
        about["drug"] = [{"@type": "Drug", "name": medicine.name} for medicine in model.medicines]
    return about


def _front_matter(markdown: str) -> tuple[dict[str, Any], str, str]:
    """(parsed front matter, its text, the rest of the page) of a rendered page."""
    assert markdown.startswith("---\n"), "every template starts with front matter"
    head, _, body = markdown[4:].partition("\n---\n")
    # libyaml when present: this runs for every page, and the pure-Python parser was a large share of render.
    return yaml.load(head, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), head, body


def structured_data(
    site: Site,
    path: str,
    kind: str,
    id_: str | None,
    cited: list[str],
    markdown: str,
    approval: Approval | None = None,
    changes: Sequence[Change] = (),
) -> dict[str, Any]:
    """The MedicalWebPage for one rendered page; `cited` are the source ids its footnotes number. A
    clinician is named as its reviewer only through `approval`, an approval that matches the page now."""
    meta, _, _ = _front_matter(markdown)
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "MedicalWebPage",
        "name": html.unescape(meta["title"]),
        "description": html.unescape(meta["description"]),
        "url": page_address(site.config.site_url, path),
        "inLanguage": site.config.language,
        "isPartOf": {"@type": "WebSite", "name": site.config.site_name, "url": site.config.site_url},
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": _about(site, kind, id_),
    }
    if approval is not None:
        data["lastReviewed"] = approval.date.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": approval.by, "jobTitle": approval.role}
    if changes:
        data["dateModified"] = changes[0].date.isoformat()
    if kind == "sources":  # the Sources page numbers no footnotes: it lists every source
        cited = list(site.sources)
    if cited:
        data["citation"] = [_citation(site.sources[source_id]) for source_id in cited]
    return data


def with_structured_data(markdown: str, data: dict[str, Any]) -> str:
    """The page with `structured_data` added to its front matter (a YAML string of script-safe JSON)."""
    head, _, body = markdown[4:].partition("\n---\n")  # as _front_matter splits it; no need to parse again
    value = json.dumps(script_safe_json(data), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return f"---\n{head}\nstructured_data: {value}\n---\n{body}"
