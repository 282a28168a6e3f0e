"""JSON Schema for editors' IDEs, exported from the pydantic models (never written by hand)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.field_types import LANGUAGE_PATTERN
from generator.content.glossary_schema import Glossary
from generator.content.safety_schema import Approvals, HazardLog
from generator.content.schema import (
    ENTITY_FOLDERS,
    Cause,
    Citations,
    DecisionFlow,
    DiagnosticTest,
    RedFlag,
    Topic,
    Treatment,
)
from generator.content.site_schema import SiteConfig
from generator.content.translation_schema import TRANSLATED_KINDS, translation_model
from generator.content.translations import FOLDER_KINDS, REVIEWS_FILE, TranslatorReviews
from generator.editor.invocation import generator_command

# Every content kind by the name editors type (`python -m generator new red-flag ...`) and its schema file.
SCHEMA_KINDS: dict[str, type[BaseModel]] = {
    "topic": Topic,
    "cause": Cause,
    "red-flag": RedFlag,
    "treatment": Treatment,
    "test": DiagnosticTest,
    "citations": Citations,
    "decision-flow": DecisionFlow,
    "glossary": Glossary,
    "site": SiteConfig,
    "hazards": HazardLog,
    "approvals": Approvals,
    # A translated edition's files (content/<language>/...): derived from the English kinds above.
    **{f"{kind}-translation": translation_model(kind) for kind in TRANSLATED_KINDS},
    "translator-reviews": TranslatorReviews,
}
TRANSLATION_SUFFIX = "-translation"
# The folder of content/ that holds each kind with one file per page.
ENTITY_KIND_FOLDERS = {kind: folder for folder, model in ENTITY_FOLDERS.items() for kind, m in SCHEMA_KINDS.items() if m is model}
# Where the single-file kinds live, relative to the project.
SINGLE_FILES = {
    "topic": "content/topic.yaml",
    "citations": "content/citations.yaml",
    "decision-flow": "content/decision_flow.yaml",
    "glossary": "content/glossary.yaml",
    "site": "site_config/site.yaml",
    "hazards": "content/safety/hazards.yaml",
    "approvals": "content/safety/approvals.yaml",
}
# The kinds whose lists check.py refuses to repeat an item in: all but the registry, where two
# authors of one paper can share a name.
KINDS_WITHOUT_REPEATS = frozenset(SCHEMA_KINDS) - {"citations"}
SCHEMA_LINE = "# yaml-language-server: $schema="
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def kind_location(kind: str) -> str:
    """Where files of a kind live: 'content/causes/<id>.yaml' or 'content/topic.yaml' (translations: under
    content/<language>/)."""
    if kind == "translator-reviews":
        return f"content/<language>/{REVIEWS_FILE}"
    if kind.endswith(TRANSLATION_SUFFIX):
        return kind_location(kind.removesuffix(TRANSLATION_SUFFIX)).replace("content/", "content/<language>/", 1)
    return SINGLE_FILES.get(kind) or f"content/{ENTITY_KIND_FOLDERS[kind]}/<id>.yaml"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind, with the keys editors' tools look for."""
    model = SCHEMA_KINDS[kind]
    schema = model.model_json_schema()
    if kind in KINDS_WITHOUT_REPEATS:
        _mark_unique_items(schema)
    return {
        "$schema": DRAFT,
        "$comment": "Generated from generator/content/schema.py by `.venv/bin/python3 -m generator schema`; do not edit by hand.",
        "title": f"{model.__name__} ({kind_location(kind)})",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def _mark_unique_items(schema: Any) -> None:
    """Tell editors' tools that a list of texts or ids never repeats an item (the check stage's rule)."""
    if isinstance(schema, dict):
        items = schema.get("items")
        if schema.get("type") == "array" and isinstance(items, dict) and items.get("type") == "string":
            schema["uniqueItems"] = True
        for value in schema.values():
            _mark_unique_items(value)
    elif isinstance(schema, list):
        for value in schema:
            _mark_unique_items(value)


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def schema_comment(file: Path, schema_dir: Path) -> str:
    """The first line a content file needs to name its schema, relative to where the file is."""
    kind = kind_of(file)
    relative = os.path.relpath(schema_dir / schema_file_name(kind), file.parent)
    return f"{SCHEMA_LINE}{Path(relative).as_posix()}"


def kind_of(file: Path) -> str:
    """The kind of a content file from where it lives."""
    edition = _edition_part(file)
    if edition is not None:
        return edition
    for kind, location in SINGLE_FILES.items():
        if file.as_posix().endswith(location):
            return kind
    for kind, folder in ENTITY_KIND_FOLDERS.items():
        if file.parent.name == folder:
            return kind
    raise KeyError(f"{file} is not a content file")


def _edition_part(file: Path) -> str | None:
    """The kind of a translated edition's file (content/<language>/...), or None for any other file."""
    parts = file.as_posix().split("/")
    if "content" not in parts:
        return None
    below = parts[len(parts) - 1 - parts[::-1].index("content") + 1 :]
    if len(below) < 2 or not re.fullmatch(LANGUAGE_PATTERN, below[0]):
        return None
    rest = "/".join(below[1:])
    if rest == REVIEWS_FILE:
        return "translator-reviews"
    for kind, location in SINGLE_FILES.items():
        if location == f"content/{rest}" and kind in TRANSLATED_KINDS:
            return kind + TRANSLATION_SUFFIX
    if len(below) == 3 and below[1] in FOLDER_KINDS:
        return FOLDER_KINDS[below[1]] + TRANSLATION_SUFFIX
    return None


def write_schemas(out: Path, check_only: bool = False) -> int:
    """Write (or with check_only, compare) every kind's schema file; 1 when any is out of date."""
    stale = []
    if not check_only:
        out.mkdir(parents=True, exist_ok=True)
    for kind in SCHEMA_KINDS:
        target = out / schema_file_name(kind)
        text = schema_text(kind)
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target)
        if not check_only:
            target.write_text(text, encoding="utf-8")
    if check_only:
        for target in stale:
            print(f"{target} is out of date; run: {generator_command()} schema")
        return 1 if stale else 0
    print(f"Wrote {len(stale)} of {len(SCHEMA_KINDS)} schema files into {out} (the others were up to date).")
    return 0
