"""A translation file's schema, derived from the English schema: only the texts readers read, with the same ids."""

from __future__ import annotations

import hashlib
import json
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from pydantic import BaseModel, Field, create_model

from generator.content.field_types import FREE_TEXT, ContentFingerprint
from generator.content.glossary_schema import Glossary
from generator.content.schema import (
    NOT_READER_FACING,
    Cause,
    DecisionFlow,
    DiagnosticTest,
    RedFlag,
    Strict,
    Topic,
    Treatment,
    field_order,
)

# Text fields that are never translated: what readers never see (but who did the editorial review, which
# pages name), and a medicine's brand, which is the same in every language.
NOT_TRANSLATED = (NOT_READER_FACING - {"reviewed_by"}) | {"brand"}
# Lists of names people search for: a translation has its own, as many as its language uses.
FREE_LISTS = frozenset({"also_called", "forms"})
FINGERPRINT_FIELD = "translated_from"

TranslationKind = Literal["topic", "decision-flow", "glossary", "cause", "red-flag", "treatment", "test"]
# The translatable kinds: the approve command's kind names -> the English model.
TRANSLATED_KINDS: dict[str, type[BaseModel]] = {
    "topic": Topic,
    "decision-flow": DecisionFlow,
    "glossary": Glossary,
    "cause": Cause,
    "red-flag": RedFlag,
    "treatment": Treatment,
    "test": DiagnosticTest,
}


def _is_text(annotation: Any) -> bool:
    return FREE_TEXT in getattr(annotation, "__metadata__", ())


def _without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else annotation
    return annotation


def _translated_type(annotation: Any) -> Any | None:
    """The type a translation gives a field of this English type; None when it holds nothing to translate."""
    annotation = _without_none(annotation)
    if _is_text(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is list:
        inner = _translated_type(typing.get_args(annotation)[0])
        return list[inner] if inner is not None else None  # type: ignore[valid-type]
    if origin is dict:
        key, value = typing.get_args(annotation)
        inner = _translated_type(value)
        return dict[key, inner] if inner is not None else None  # type: ignore[valid-type]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return part_translation(annotation)
    return None


@cache
def part_translation(model: type[BaseModel]) -> type[BaseModel]:
    """The translation of a part of a page (a flow question, a glossary term): its texts, each optional here;
    which of them a translation must have is decided against the English file (see translation_check)."""
    fields: dict[str, Any] = {}
    hints = typing.get_type_hints(model, include_extras=True)  # with each field's markers, which model_fields drops
    for name in field_order(model):
        if name in NOT_TRANSLATED:
            continue
        translated = _translated_type(hints[name])
        if translated is not None:
            description = model.model_fields[name].description or ""
            fields[name] = (translated | None, Field(default=None, description=description))
    return create_model(f"{model.__name__}Translation", __base__=Strict, __doc__=f"The texts of a {model.__name__}.", **fields)


@cache
def translation_model(kind: str) -> type[BaseModel]:
    """A translation file's model for one kind of page: its fingerprint line, then the English file's texts."""
    english = TRANSLATED_KINDS[kind]
    part = part_translation(english)
    fingerprint = (
        ContentFingerprint,
        Field(
            description="The fingerprint of the English text this translation was made from. "
            "`python3 -m generator translated LANG KIND [ID]` writes it once the translation matches the English file."
        ),
    )
    fields: dict[str, Any] = {FINGERPRINT_FIELD: fingerprint}
    hints = typing.get_type_hints(part, include_extras=True)
    for name, info in part.model_fields.items():
        fields[name] = (hints[name], Field(default=None, description=info.description))
    return create_model(
        f"{english.__name__}Translation",
        __base__=Strict,
        __doc__=f"A translation of a {kind} page: the same texts as its English file, in another language.",
        **fields,
    )


def translatable(value: Any) -> Any:
    """The English texts a translation of `value` (an English model or a part of one) holds, as plain data."""
    if isinstance(value, BaseModel):
        part = part_translation(type(value))
        out = {}
        for name in part.model_fields:
            inner = translatable(getattr(value, name))
            if inner not in (None, [], {}):
                out[name] = inner
        return out
    if isinstance(value, list):
        return [translatable(item) for item in value]
    if isinstance(value, dict):
        return {key: translatable(item) for key, item in value.items()}
    return value


def english_fingerprint(english: BaseModel) -> str:
    """Twelve hex digits that change whenever any text a translation of this page holds changes in English."""
    data = translatable(english)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
