"""Editors' messages for a field that failed validation: what is wrong, what was written, and the fix."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel

from generator.content.errors import did_you_mean
from generator.content.field_types import ID_PATTERN, PATTERN_WORDS
from generator.content.load import Document
from generator.content.schema import field_order

# The readable name of each field's expected type, for "expected ..." messages.
_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "fields (name: value)",
    "dict_type": "fields (name: value)",
}


def misspelt_required(errors: list[Any]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Unknown keys that are a missing required field misspelt, each with that field's location:
    one mistake, told once ("did you mean"), not as a missing field and an unknown one."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden":
            continue
        siblings = [str(m[-1]) for m in missing if m[:-1] == loc[:-1] and m not in found.values()]
        close = difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.6)
        if close:
            found[loc] = (*loc[:-1], close[0])
    return found


def field_message(error: Any, doc: Document, model: type[BaseModel], meant: str | None = None) -> str:
    """What is wrong, in an editor's words; `meant`: the missing required field an unknown key misspells."""
    kind = error["type"]
    loc = tuple(error["loc"])
    typed = doc.plain_scalars.get(loc)
    if kind == "extra_forbidden":
        if meant is not None:
            return f"unknown field '{loc[-1]}'; did you mean '{meant}'? (a required field, so it counts as missing)"
        owner = _model_at(model, loc[:-1])
        names = field_order(owner) if owner else []
        hint = did_you_mean(str(loc[-1]), names) or f"; allowed fields: {', '.join(names)}"
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "missing":
        return "this required field is missing; add it"
    if typed == "":
        # `name:` with nothing after it: YAML reads that as null, which says nothing useful to an editor.
        choices = f"; use one of: {', '.join(_allowed(error))}" if kind == "literal_error" else ""
        return f"this field is empty; write its value after the colon{choices}"
    if kind == "string_type" and typed is not None:
        return f'YAML read the unquoted {typed} as {_yaml_word(doc, loc)}, not text; put it in quotes: "{typed}"'
    if kind in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[kind]}, got {_describe(error.get('input'))}{_type_fix(error, model)}"
    if kind == "literal_error":
        allowed = _allowed(error)
        value = typed if typed is not None else str(error.get("input"))  # what the editor typed, not True/None
        return f"'{value}' is not allowed; use one of: {', '.join(allowed)}{did_you_mean(value, allowed)}"
    if kind == "string_too_short":
        if isinstance(loc[-1], int):
            return "text is empty; write the text or remove the item"
        owner = _model_at(model, loc[:-1])
        field = owner.model_fields.get(str(loc[-1])) if owner else None
        if field is not None and field.is_required():
            return "text is empty; write the text (this field is required)"
        return "text is empty; write the text or remove the field"
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"text is {len(error['input'])} characters long; the limit here is {limit}, so shorten it"
    if kind == "int_parsing_size":
        return "this number is far too long; expected a whole number such as 2024"
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return f"this list needs at least {least} item{'s' * (least != 1)}; add {'one' if least == 1 else 'them'}"
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = "at least" if kind == "greater_than_equal" else "at most"
        bound = error["ctx"]["ge" if kind == "greater_than_equal" else "le"]
        return f"{error['input']} is out of range; use a number of {limit} {bound}"
    if kind == "string_pattern_mismatch":
        if error["ctx"]["pattern"] == ID_PATTERN:
            typed_id = str(error["input"])
            # Capitals, '_' or spaces are a slip of form ('MRI', 'ct_scan'); a path or address is not.
            fixed = "-".join(re.findall(r"[a-z0-9]+", typed_id.lower()))
            hint = f"; did you mean '{fixed}'?" if fixed and re.fullmatch(r"[A-Za-z0-9 _-]+", typed_id) else ""
            return (
                f"'{typed_id}' is not an id; ids use lower-case letters, digits and single hyphens, "
                f"like 'diabetic-neuropathy'{hint}"
            )
        words = PATTERN_WORDS.get(error["ctx"]["pattern"])
        if words:
            return f"'{error['input']}' is not {words}"
        return f"'{error['input']}' has the wrong form (expected {error['ctx']['pattern']})"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"])


def _type_fix(error: Any, model: type[BaseModel]) -> str:
    """How to write the value the schema expects, for the shapes YAML makes of common slips."""
    kind, value = error["type"], error.get("input")
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # '- Headache: sudden and severe': the ': ' made YAML read a field where text was meant.
        key, inner = next(iter(value.items()))
        if isinstance(inner, str):
            return f"; the ': ' made YAML read a field name, so put the whole text in quotes: \"{key}: {inner}\""
        return "; the ': ' made YAML read a field name, so put the whole text in quotes"
    if kind == "string_type" and isinstance(value, list):
        return "; write one text here, without [ ] and without lines starting with '- '"
    if kind in ("model_type", "dict_type"):
        owner = _model_at(model, tuple(error["loc"]))
        names = [name for name, field in owner.model_fields.items() if field.is_required()] if owner else []
        if names:
            return f"; write the fields on the lines below, indented: {', '.join(f'{name}: ...' for name in names)}"
    if kind == "int_from_float" and isinstance(value, float):
        return f"; write it without a decimal point, like {int(value)}"
    return ""


def _allowed(error: Any) -> list[str]:
    return [a.strip().strip("'") for a in error["ctx"]["expected"].replace(" or ", ", ").split(",")]


def _yaml_word(doc: Document, loc: tuple[Any, ...]) -> str:
    value = value_at(doc.data, loc)
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "nothing (null)" if value is None else "a number"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields"
    return "text"


def value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The nested model class that owns a location, for listing its field names."""
    current: Any = model
    keyed = False  # the last field was a table by id (questions, outcomes): the next part is an id
    for part in loc:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        annotation = field.annotation
        keyed = typing.get_origin(annotation) is dict
        for arg in (*getattr(annotation, "__args__", ()), annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                current = arg
                break
            for inner in getattr(arg, "__args__", ()):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    current = inner
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def field_annotation(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The type the schema declares for the field at a location, with its Annotated extras (None if unknown)."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    owner = _model_at(model, loc[: names[-1]]) if names else None
    if owner is None:
        return None
    return typing.get_type_hints(owner, include_extras=True).get(loc[names[-1]])


def field_description(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """The schema's description of the field at a location ('' when there is none)."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return ""
    owner = _model_at(model, loc[: names[-1]])
    field = owner.model_fields.get(loc[names[-1]]) if owner else None
    return (field.description or "") if field else ""

