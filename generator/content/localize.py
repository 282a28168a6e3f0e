"""A language edition's Site: the English Site with each page's texts replaced by its translation's."""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import BaseModel

from generator.content.edition import Edition, TranslationReview
from generator.content.link import Site, link
from generator.content.schema import Citations
from generator.content.sign_off import content_fingerprint
from generator.content.site_schema import SiteConfig
from generator.content.translation_check import translated_pages
from generator.content.translation_schema import FINGERPRINT_FIELD
from generator.content.translations import FOLDER_KINDS
from generator.content.validate import Loaded, ValidatedContent


def _merged(value: Any, translated: Any) -> Any:
    """An English value with the translated texts put in: models, lists of models and mappings field by field."""
    if isinstance(value, BaseModel) and isinstance(translated, dict):
        fields = type(value).model_fields
        update = {name: _merged(getattr(value, name), part) for name, part in translated.items() if name in fields}
        return value.model_copy(update=update)
    if isinstance(value, list) and value and isinstance(value[0], BaseModel) and isinstance(translated, list):
        return [_merged(item, part) for item, part in zip(value, translated, strict=True)]
    if isinstance(value, dict) and isinstance(translated, dict):
        return {key: _merged(item, translated[key]) if key in translated else item for key, item in value.items()}
    return translated


def _edition_config(config: SiteConfig, language: str) -> SiteConfig:
    """The site settings as the edition's readers meet them: its name, number, wording and dates, at /<language>/."""
    locale = config.locales[language]
    return config.model_copy(
        update={
            "language": language,
            "site_name": locale.site_name,
            "site_url": f"{config.site_url}{language}/",
            "emergency_number": locale.emergency_number,
            "disclaimer": locale.disclaimer,
            "reviewer": locale.reviewer,
            "publisher": config.publisher.model_copy(
                update={"funding": locale.funding, "conflicts_of_interest": locale.conflicts_of_interest}
            ),
            "accessibility": config.accessibility.model_copy(update={"known_problems": locale.known_problems}),
            "date_format": locale.date_format,
            "month_names": locale.month_names,
            "locales": {},
        }
    )


def edition_site(site: Site, language: str) -> Site:
    """The Site of one translated edition, made once per Site. Every page needs a translation (check says
    which are missing); a page without one keeps its English text."""
    if language not in site.edition_sites:
        site.edition_sites[language] = _made_edition_site(site, language)
    return site.edition_sites[language]


def _made_edition_site(site: Site, language: str) -> Site:
    files = site.translations[language].files

    def translated(kind: str, id_: str | None, loaded: Loaded[Any]) -> Loaded[Any]:
        found = files.get((kind, id_))
        if found is None:
            return loaded
        texts = found.model.model_dump(exclude_none=True, exclude={FINGERPRINT_FIELD})
        return Loaded(loaded.id, _merged(loaded.model, texts), found.doc)

    pages = {page.key: page for page in translated_pages(site)}
    entities: dict[str, list[Loaded[Any]]] = {}
    tables: dict[str, dict[str, Loaded[Any]]] = {
        "causes": site.causes, "red_flags": site.red_flags, "tests": site.tests, "treatments": site.treatments,
    }
    for folder, table in tables.items():
        entities[folder] = [translated(FOLDER_KINDS[folder], entity.id, entity) for entity in table.values()]
    config = _edition_config(site.config, language)
    content = ValidatedContent(
        site=Loaded("site", config, site.config_doc or site.citations_doc),
        topic=translated("topic", None, site.topic),
        citations=Loaded("citations", Citations.model_construct(sources=list(site.sources.values())), site.citations_doc),
        flow=translated("decision-flow", None, site.flow),
        entities=entities,
        hazards=site.hazards,
        approvals=site.approvals,
        glossary=translated("glossary", None, site.glossary) if site.glossary else None,
    )
    edition = Edition(language, f"{language}/", _current_reviews(site, language, pages))
    return dataclasses.replace(link(content), languages=site.languages, edition=edition, edition_sites={})


def _current_reviews(site: Site, language: str, pages: dict[Any, Any]) -> dict[str, TranslationReview]:
    """Page path -> the translator's review that still matches the page's translation."""
    locale = site.translations[language]
    if locale.reviews is None:
        return {}
    out: dict[str, TranslationReview] = {}
    for review in locale.reviews.model.reviews:
        page = pages.get((review.kind, review.id))
        found = locale.files.get((review.kind, review.id))
        if page is None or found is None or content_fingerprint(found.model) != review.fingerprint:
            continue
        current = out.get(page.path)
        if current is None or review.date >= current.date:
            out[page.path] = TranslationReview(review.by, review.role, review.date)
    return out
