"""The generator's fixed words in a site's language: English text in, the language's text out (render/locales/<language>.yaml)."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

LOCALES = Path(__file__).parent / "locales"
_PROJECT = Path(__file__).parents[2]  # catalogs are named from here in messages
SOURCE_LANGUAGE = "en"  # the language the generator's words are written in: it needs no catalog
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class MissingWords(LookupError):
    """A fixed text the language's catalog has no translation for, or a catalog that cannot be used."""


class Words:
    """The fixed words of one language: call it with the English text (and the values of its {placeholders})."""

    def __init__(self, language: str, catalog: Mapping[str, str] | None, source: str = "") -> None:
        self.language = language
        self._catalog = catalog  # None: the words are the English ones
        self._source = source  # the catalog file, for error messages

    def __call__(self, english: str, /, **values: object) -> str:
        text = english if self._catalog is None else self._catalog.get(english)
        if text is None:
            raise MissingWords(
                f"{self._source}: no {self.language!r} words for {english!r}; add it there (English text as the key)"
            )
        return fill(text, values, english) if values or "{" in text else text  # most texts have no values


def fill(text: str, values: Mapping[str, object], english: str = "") -> str:
    """The text with each {name} replaced by its value, in one pass (a value's own braces stay as they are)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise MissingWords(f"no value given for {{{name}}} in {english or text!r}")
        return str(values[name])

    return PLACEHOLDER.sub(value, text)


class _UniqueKeys(yaml.SafeLoader):
    """A YAML loader that refuses a key written twice (PyYAML would keep the last one silently)."""


def _mapping(loader: _UniqueKeys, node: yaml.MappingNode) -> dict[object, object]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        if key in seen:
            raise MissingWords(f"{key_node.start_mark.line + 1}: {key!r} is translated twice; keep one")
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_catalog(path: Path) -> dict[str, str]:
    """A catalog file: text to text, each translation with the same {placeholders} as its English."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys) or {}  # a SafeLoader
    except MissingWords as exc:
        raise MissingWords(f"{path}:{exc}") from None
    except yaml.YAMLError as exc:
        raise MissingWords(f"{path}: not readable as YAML: {exc}") from None
    if not isinstance(data, dict):
        raise MissingWords(f"{path}: a catalog is a mapping of English text to translated text")
    problems = []
    for english, translated in data.items():
        if not isinstance(english, str) or not isinstance(translated, str):
            problems.append(f"{english!r}: both sides must be quoted text (YAML reads a bare No as false)")
        elif sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(translated)):
            problems.append(f"{english!r}: the translation must keep the same {{placeholders}}: {translated!r}")
    if problems:
        raise MissingWords(f"{path}:\n  " + "\n  ".join(problems))
    return data


def catalog_path(language: str) -> Path:
    return LOCALES / f"{language}.yaml"


def _shown(path: Path) -> str:
    """A catalog's path as messages name it: from the project's folder when it is inside it."""
    return str(path.relative_to(_PROJECT) if path.is_relative_to(_PROJECT) else path)


@functools.cache
def words_for(language: str) -> Words:
    """The words of a language: the English ones for English, else its catalog's (the language, then its base)."""
    base = language.split("-")[0].lower()
    if base == SOURCE_LANGUAGE:
        return Words(language, None)
    for tag in (language, base):
        path = catalog_path(tag)
        if path.is_file():
            log.debug("fixed words for %s from %s", language, path)
            return Words(language, load_catalog(path), _shown(path))
    raise MissingWords(
        f"the generator has no words for the language {language!r}: add {_shown(catalog_path(base))} "
        "(each English text of the templates as a key, its translation as the value)"
    )
