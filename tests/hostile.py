"""A content tree with hostile text in every text field the schema accepts it in.

Which fields take it is found by asking the schema itself (each file's model validates the
changed value or not), so a text field added later is attacked without editing this file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.content.schema import ENTITY_FOLDERS, Citations, DecisionFlow, Topic
from generator.content.site_schema import SiteConfig

from .conftest import FIXTURES

# Each vector sets a flag the browser test looks for; none of them may run or become an element.
PAYLOAD = (
    '<script>window.__pwned = "script"</script>'
    '<img src=x onerror="window.__pwned = \'img\'">'
    '<svg onload="window.__pwned = \'svg\'"></svg>'
    "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>"
    "[link](javascript:window.__pwned='link') ![i](data:text/html,x) "
    '<a href="javascript:alert(1)">a</a> {: onclick="window.__pwned = \'attr\'" } **bold** '
)
# Titles refuse < and > (the theme prints them as HTML), so they get the attribute-breaking kind.
TITLE_PAYLOAD = "\" autofocus onfocus=\"window.__pwned='title'\" ' & [t](javascript:alert(1)) "
# Optional fields the minimal fixture leaves out, added so they are attacked too.
EXTRA_FIELDS = {
    "content/treatments/rest.yaml": {"details": ["Rest often.[^alpha-source]"], "evidence": "Some evidence.[^alpha-source]"},
    "content/tests/blood-tests.yaml": {"also_called": ["Bloods"]},
}


def model_of(relative: str) -> type[BaseModel]:
    """The schema model of a file of the tree."""
    if relative == "site_config/site.yaml":
        return SiteConfig
    if relative == "content/topic.yaml":
        return Topic
    if relative == "content/citations.yaml":
        return Citations
    if relative == "content/decision_flow.yaml":
        return DecisionFlow
    return ENTITY_FOLDERS[relative.split("/")[1]]


def _strings(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _accepts(model: type[BaseModel], data: Any) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def make_tree(dest: Path, hostile: bool) -> list[str]:
    """Copy the minimal fixture with its optional text fields filled; attack them if `hostile`.

    Returns the attacked fields as 'file:field.path' (empty when not hostile)."""
    shutil.copytree(FIXTURES / "minimal", dest)
    attacked: list[str] = []
    for path in sorted(dest.rglob("*.yaml")):
        relative = path.relative_to(dest).as_posix()
        model = model_of(relative)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(EXTRA_FIELDS.get(relative, {}))
        for where in list(_strings(data)) if hostile else []:
            original = _get(data, where)
            for payload in (PAYLOAD, TITLE_PAYLOAD):
                _set(data, where, payload + original)
                if _accepts(model, data):
                    attacked.append(f"{relative}:{'.'.join(map(str, where))}")
                    break
                _set(data, where, original)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return attacked
