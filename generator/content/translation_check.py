"""Check each translation against its English file: the same texts, ids, sources and placeholders, and not out of date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.content.errors import ContentError, FieldPath, did_you_mean, format_field
from generator.content.field_types import CITATION_MARKER, EMERGENCY_PLACEHOLDER
from generator.content.link import Site
from generator.content.load import Document
from generator.content.sign_off import GovernedPage, governed_pages
from generator.content.translation_schema import FINGERPRINT_FIELD, FREE_LISTS, english_fingerprint, translatable
from generator.content.translations import SINGLE_FILES, entity_folder_of


def translated_pages(site: Site) -> list[GovernedPage]:
    """The pages a translation can be made of: every page made from one content file but the hazard log."""
    return [page for page in governed_pages(site) if page.kind != "hazards"]


def translation_path(language: str, page: GovernedPage) -> str:
    """Where a page's translation lives, like content/es/causes/stroke.yaml."""
    if page.id is None:
        name = next(file for file, kind in SINGLE_FILES.items() if kind == page.kind)
        return f"content/{language}/{name}"
    return f"content/{language}/{entity_folder_of(page.kind)}/{page.id}.yaml"


def _sources(text: str) -> list[str]:
    return sorted(set(CITATION_MARKER.findall(text)))


def _short(text: str) -> str:
    text = " ".join(CITATION_MARKER.sub("", text).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _compare(english: Any, translated: Any, path: FieldPath, doc: Document, english_file: str) -> Iterator[ContentError]:
    """What differs in shape between an English value and its translation, at the translation's file:line."""
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            yield doc.error(path, "should hold the same fields as in the English file")
            return
        for key in translated:
            if (key == FINGERPRINT_FIELD and not path) or (key in FREE_LISTS and key not in english):
                continue  # a language's own search names are welcome even where the English has none
            if key not in english:
                hint = did_you_mean(str(key), english) or ""
                where = format_field((*path, key))
                yield doc.error(
                    (*path, key),
                    f"{english_file} has no '{where}' to translate{hint}; remove it here or add it there first",
                    at_key=True,
                )
        for key, value in english.items():
            if key not in translated or translated[key] in (None, [], ""):
                text = value if isinstance(value, str) else ""
                shown = f" (\"{_short(text)}\")" if text else ""
                yield doc.error(
                    (*path, key) if key in translated else path,
                    f"'{format_field((*path, key))}' is missing: translate the English text{shown} from {english_file}",
                    at_key=key in translated,
                )
            else:
                yield from _compare(value, translated[key], (*path, key), doc, english_file)
    elif isinstance(english, list):
        if not isinstance(translated, list):
            yield doc.error(path, "should be a list, like in the English file")
            return
        if path and path[-1] in FREE_LISTS:
            return  # names people search for in this language: its own list
        if len(english) != len(translated):
            yield doc.error(
                path,
                f"has {len(translated)} items, but the English list in {english_file} has {len(english)}; "
                "keep one translated item for each English item, in the same order",
            )
            return
        for i, (item, translated_item) in enumerate(zip(english, translated, strict=True)):
            yield from _compare(item, translated_item, (*path, i), doc, english_file)
    elif isinstance(english, str) and isinstance(translated, str):
        wanted, found = _sources(english), _sources(translated)
        if wanted != found:
            missing = [f"[^{s}]" for s in wanted if s not in found]
            extra = [f"[^{s}]" for s in found if s not in wanted]
            parts = ([f"add {', '.join(missing)}"] if missing else []) + ([f"remove {', '.join(extra)}"] if extra else [])
            yield doc.error(
                path,
                f"cites other sources than the English text: {' and '.join(parts)}, so each claim keeps the source "
                "that supports it",
            )
        if (EMERGENCY_PLACEHOLDER in english) != (EMERGENCY_PLACEHOLDER in translated):
            verb = "write" if EMERGENCY_PLACEHOLDER in english else "take out"
            yield doc.error(path, f"{verb} {EMERGENCY_PLACEHOLDER} here, as the English text does", near=None)


def translation_errors(site: Site) -> list[ContentError]:
    """Each language's missing and unknown translation files, and every translation whose shape differs from
    its English file."""
    errors: list[ContentError] = []
    pages = translated_pages(site)
    for language, files in site.translations.items():
        by_key = {page.key: page for page in pages}
        for page in pages:
            if page.key not in files.files and page.key not in files.unreadable:
                path = translation_path(language, page)
                errors.append(
                    ContentError(
                        path, 1, 1, "",
                        f"file is missing: the '{language}' edition needs every page; copy the texts of "
                        f"{page.entry.doc.display} here, translate them, then run "
                        f"`python3 -m generator translated {language} {page.words}`",
                    )
                )
        for key, loaded in sorted(files.files.items(), key=lambda item: (item[0][0], item[0][1] or "")):
            english_page = by_key.get(key)
            if english_page is None:
                kind, id_ = key
                hint = did_you_mean(str(id_), [str(p.id) for p in pages if p.kind == kind]) or (
                    "; remove it, or add the English page first"
                )
                message = f"translates no page: no {kind} has the id '{id_}'{hint}"
                errors.append(ContentError(loaded.doc.display, 1, 1, "", message))
                continue
            english = translatable(english_page.entry.model)
            errors.extend(_compare(english, loaded.doc.data, (), loaded.doc, english_page.entry.doc.display))
    return errors


def stale_translations(site: Site) -> list[ContentError]:
    """A warning for each translation made from English text that has changed since."""
    warnings = []
    pages = {page.key: page for page in translated_pages(site)}
    for language, files in site.translations.items():
        for key, loaded in files.files.items():
            page = pages.get(key)
            if page is None:
                continue
            now = english_fingerprint(page.entry.model)
            made_from = getattr(loaded.model, FINGERPRINT_FIELD)
            if made_from != now:
                warnings.append(
                    loaded.doc.error(
                        (FINGERPRINT_FIELD,),
                        f"out of date: {page.entry.doc.display} has changed since this translation was made "
                        f"(fingerprint {made_from}, now {now}); bring the {language} text in line with it, then run "
                        f"`python3 -m generator translated {language} {page.words}`",
                        severity="warning",
                    )
                )
    return warnings
