"""`python -m generator new <kind> <id>`: a starting file whose comments explain each field."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from generator.content.field_types import ID_PATTERN, SOURCE_EXAMPLE
from generator.content.schema import ENTITY_FOLDERS, Page, Reviewed, field_order
from generator.content.validate import PLACEHOLDER
from generator.editor.invocation import generator_command
from generator.editor.schema_export import ENTITY_KIND_FOLDERS, SCHEMA_KINDS, json_schema, schema_comment

KINDS = tuple(ENTITY_KIND_FOLDERS)
SCHEMA_DIR_NAME = "schema"
# Section pages already use these names in each folder's address.
RESERVED_IDS = {"index"}


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in textwrap.wrap(text, width=96, break_on_hyphens=False)]


def _field_order(kind: str) -> list[str]:
    """The page's own fields first, then the review fields shared by every page (as in content/)."""
    # A page's old addresses (moved_from) are added when it is renamed; a new page has none.
    # Its history (changes) is written by `changed`, which the next steps ask for once it is filled in.
    left_out = (set(Page.model_fields) - set(Reviewed.model_fields)) | {"changes"}
    return [name for name in field_order(SCHEMA_KINDS[kind]) if name not in left_out]


def _is_cited(prop: dict[str, Any]) -> bool:
    return "[^" in prop.get("patternErrorMessage", "")


def _ref_properties(schema: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    """The fields of a nested model a list holds (like a treatment's medicines)."""
    ref = prop.get("items", {}).get("$ref", "")
    return dict(schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {}).get("properties", {}))


def _existing_ids(content_dir: Path, name: str) -> list[str]:
    folder = content_dir / name
    return sorted(p.stem for p in folder.glob("*.yaml")) if name in ENTITY_FOLDERS and folder.is_dir() else []


def _field_lines(name: str, prop: dict[str, Any], required: bool, schema: dict[str, Any], content_dir: Path) -> list[str]:
    lines = _comment(prop.get("description", ""))
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    value_schema = options[0] if options else prop
    if "enum" in value_schema:
        lines += _comment("One of: " + ", ".join(value_schema["enum"]) + ".")
    if _is_cited(value_schema) or _is_cited(value_schema.get("items", {})):
        lines += _comment(f"End every sentence with its source, like {SOURCE_EXAMPLE}.")
    ids = _existing_ids(content_dir, name)
    if ids:
        lines += _comment("Ids you can use: " + ", ".join(ids) + ".")
    nested = _ref_properties(schema, value_schema)
    if nested:
        lines += _comment("Each item has:")
        for key, sub in nested.items():
            lines += _comment(f"  {key}: {sub.get('description', '')}")
    if value_schema.get("type") == "array":
        if required:
            lines.append(f"{name}: [{PLACEHOLDER}]")
        elif _is_cited(value_schema.get("items", {})) or nested:
            lines += _comment("Optional. To add items, replace [] with one item per line, each starting with '  - '.")
            lines.append(f"{name}: []")
        else:
            lines += _comment("Optional. Write the items between the brackets, separated by commas: [first, second].")
            lines.append(f"{name}: []")
    elif not required:
        lines += _comment("Optional: to use it, remove the '# ' before the next line and write the text.")
        lines.append(f"# {name}: {PLACEHOLDER}")
    elif _is_cited(value_schema):
        lines += [f"{name}: >-", f"  {PLACEHOLDER}"]
    else:
        lines.append(f"{name}: {PLACEHOLDER}")
    return lines


def starting_file(kind: str, target: Path, content_dir: Path) -> str:
    """The text of a new file of this kind: schema line, a header, and every field with its comment."""
    schema = json_schema(kind)
    properties: dict[str, Any] = schema["properties"]
    required = set(schema.get("required", []))
    lines = [
        schema_comment(target, content_dir.parent / SCHEMA_DIR_NAME),
        *_comment(f"A new {kind}: {schema.get('description', '')}"),
        *_comment(f"Replace every {PLACEHOLDER}, then run: .venv/bin/python3 -m generator check"),
        *_comment("Lines starting with # are notes for editors; readers never see them."),
    ]
    for name in _field_order(kind):
        lines.append("")
        lines += _field_lines(name, properties[name], name in required, schema, content_dir)
    return "\n".join(lines) + "\n"


def _id_problem(id_: str, target: Path, display: str) -> str | None:
    if not re.fullmatch(ID_PATTERN, id_):
        suggestion = re.sub(r"[^a-z0-9]+", "-", id_.lower()).strip("-") or "a-name-like-this"
        return f"'{id_}' is not a valid id; ids use lower-case letters, digits and single hyphens, like '{suggestion}'"
    if id_ in RESERVED_IDS:
        return f"'{id_}' is the name of the section page; choose another id"
    if target.exists():
        return f"{display} already exists; edit it, or choose another id"
    return None


def new_file(kind: str, id_: str, content_dir: Path) -> int:
    """Write content/<folder>/<id>.yaml for a new page and say what to fill in next; 1 if refused."""
    folder = ENTITY_KIND_FOLDERS[kind]
    target = content_dir / folder / f"{id_}.yaml"
    display = f"{content_dir.name}/{folder}/{id_}.yaml"
    problem = _id_problem(id_, target, display)
    if problem:
        print(f"{display}: {problem}")
        return 1
    text = starting_file(kind, target, content_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    print(f"Created {display}. Next:")
    print(f"  1. Replace each {PLACEHOLDER} (the comment above each field says what goes there):")
    field, field_line = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line.startswith(("#", " ")):
            field, field_line = line.split(":")[0], number
        if PLACEHOLDER in line and not line.startswith("#"):
            print(f"       line {field_line}: {field}")
    step = 2
    if kind != "cause":
        print(f"  {step}. Link the page: add '{id_}' to the {folder} list of each cause it belongs to.")
        step += 1
    if kind == "red-flag":
        print(f"  {step}. Ask it in content/decision_flow.yaml: a question with red_flags: [{id_}] (see CONTRIBUTING.md).")
        step += 1
        hazard = f"content/safety/hazards.yaml (missed_sign: {id_})"
        print(f"  {step}. If it is an emergency sign, add the hazard of missing it to {hazard}.")
        step += 1
    print(f"  {step}. Check it: {generator_command()} check")
    print(f"  {step + 1}. Start its page history: {generator_command()} changed {kind} {id_} \"First published.\"")
    print(f"  {step + 2}. Preview it: {generator_command()} serve")
    return 0
