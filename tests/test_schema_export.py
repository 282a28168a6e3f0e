"""The JSON Schema editors' IDEs use: exported from the models, committed up to date, and right about the content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.editor.schema_export import SCHEMA_KINDS, SCHEMA_LINE, kind_of, schema_comment, schema_file_name

from .conftest import FIXTURES, ROOT

SCHEMA_DIR = ROOT / "schema"


class _Yaml12Loader(yaml.SafeLoader):
    """Reads dates as text, as VS Code's YAML extension (YAML 1.2) does before applying a schema."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = yaml.safe_load((SCHEMA_DIR / schema_file_name(kind)).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _content_files(root: Path) -> list[Path]:
    return sorted([*(root / "content").rglob("*.yaml"), *(root / "site_config").glob("*.yaml")])


def _messages(kind: str, data: Any) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(kind).iter_errors(data))


def test_committed_schema_files_match_the_models(tmp_path: Path) -> None:
    """schema/ holds exactly what `python -m generator schema` exports now, so editors' IDEs never drift."""
    assert main(["schema", "--out", str(tmp_path)]) == 0
    exported = {p.name: p.read_text(encoding="utf-8") for p in sorted(tmp_path.iterdir())}
    committed = {p.name: p.read_text(encoding="utf-8") for p in sorted(SCHEMA_DIR.iterdir())}
    assert exported == committed, "run: python3 -m generator schema"
    assert main(["schema", "--out", str(SCHEMA_DIR), "--check"]) == 0


def test_every_field_has_a_description() -> None:
    """Hovering any field in VS Code explains it: every property of every kind has a description."""
    missing = []
    for kind in SCHEMA_KINDS:
        schema = yaml.safe_load((SCHEMA_DIR / schema_file_name(kind)).read_text(encoding="utf-8"))
        for owner_name, owner in [(kind, schema), *schema.get("$defs", {}).items()]:
            if not owner.get("description"):
                missing.append(owner_name)
            for name, prop in owner.get("properties", {}).items():
                if not prop.get("description"):
                    missing.append(f"{owner_name}.{name}")
    assert missing == []


def test_every_content_file_names_its_schema() -> None:
    """Each file's first line points VS Code at the right schema file, by a path that exists from where the file is."""
    wrong = []
    for path in _content_files(ROOT):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        expected = schema_comment(path, SCHEMA_DIR)
        target = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
        if first != expected or not target.is_file():
            wrong.append(f"{path.relative_to(ROOT)}: {first!r}, expected {expected!r}")
    assert wrong == []
    assert len(_content_files(ROOT)) == 165


def test_real_content_passes_the_exported_schema() -> None:
    """What the generator accepts, the editors' IDE accepts too: no file is underlined for nothing."""
    failures = {}
    for path in _content_files(ROOT):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
        messages = _messages(kind_of(path), data)
        if messages:
            failures[str(path.relative_to(ROOT))] = messages
    assert failures == {}


def _fixture(relative: str) -> Any:
    return yaml.load((FIXTURES / "minimal" / relative).read_text(encoding="utf-8"), Loader=_Yaml12Loader)


@pytest.mark.parametrize(
    ("kind", "relative", "change", "expected"),
    [
        ("cause", "content/causes/toe-trouble.yaml", {"sumary": "x"},
         ": Additional properties are not allowed ('sumary' was unexpected)"),
        ("cause", "content/causes/toe-trouble.yaml", {"group": "nervs"},
         "group: 'nervs' is not one of ['nerves', 'blood-vessels', 'spine', 'brain', 'immune', 'infection', "
         "'nutrition', 'medicines', 'injury-cold', 'mental-health']"),
        ("cause", "content/causes/toe-trouble.yaml", {"summary": "No source here."},
         "summary: 'No source here.' does not match '\\\\[\\\\^[^\\\\]\\\\s]+\\\\]\\\\s*$'"),
        ("cause", "content/causes/toe-trouble.yaml", {"summary": "Sourced.[^alpha-source] Not this."},
         "summary: 'Sourced.[^alpha-source] Not this.' does not match '\\\\[\\\\^[^\\\\]\\\\s]+\\\\]\\\\s*$'"),
        ("cause", "content/causes/toe-trouble.yaml", {"tests": ["Blood_Tests"]},
         "tests/0: 'Blood_Tests' does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'"),
        ("cause", "content/causes/toe-trouble.yaml", {"reviewed": "15/01/2026"},
         "reviewed: '15/01/2026' does not match '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"),
        ("red-flag", "content/red_flags/rash.yaml", {"urgency": None}, "urgency: None is not one of ['emergency', 'urgent', 'soon']"),
        ("test", "content/tests/blood-tests.yaml", {"name": ""}, "name: '' should be non-empty"),
        ("site", "site_config/site.yaml", {"emergency_number": 999}, "emergency_number: 999 is not of type 'string'"),
        ("cause", "content/causes/toe-trouble.yaml", {"treatments": ["rest", "socks", "rest"]},
         "treatments: ['rest', 'socks', 'rest'] has non-unique elements"),
    ],
    ids=["unknown field", "enum", "uncited", "uncited last words", "id", "date", "null", "empty", "unquoted number",
         "repeated id"],
)
def test_bad_fixtures_fail_the_schema(kind: str, relative: str, change: dict[str, Any], expected: str) -> None:
    """The schema underlines the same mistakes `check` reports."""
    data = {**_fixture(relative), **change}
    assert expected in _messages(kind, data)


def test_missing_field_and_journal_without_journal_fail_the_schema() -> None:
    """Required fields and the web/journal rule of a source are in the schema too."""
    cause = _fixture("content/causes/toe-trouble.yaml")
    del cause["sides"]
    assert _messages("cause", cause) == [": 'sides' is a required property"]
    citations = _fixture("content/citations.yaml")
    del citations["sources"][1]["journal"]
    assert _messages("citations", citations) == ["sources/1: 'journal' is a required property"]


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "check-jsonschema"), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_every_schema_compiles_in_a_strict_client() -> None:
    """check-jsonschema (Unicode regex mode, as Ajv 8) accepts every schema: no pattern has an escape it refuses."""
    refused = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        result = _check_jsonschema("--check-metaschema", str(path))
        if result.returncode:
            refused[path.name] = result.stdout + result.stderr
    assert refused == {}


def test_every_content_file_validates_against_the_schema_its_first_line_names() -> None:
    """An editor's IDE reads the first line's schema: each real content file passes it in check-jsonschema."""
    failed = {}
    for path in _content_files(ROOT):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(SCHEMA_LINE), f"{path}: first line {first!r}"
        schema = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
        result = _check_jsonschema("--schemafile", str(schema), str(path))
        if result.returncode:
            failed[str(path.relative_to(ROOT))] = result.stdout + result.stderr
    assert failed == {}
