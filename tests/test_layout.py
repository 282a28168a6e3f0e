"""The package's layout rules: roles in folders, one engine boundary, small documented modules."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))
ROLES = {"content", "render", "editor", "engine", "handouts", "exports"}
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py", "pipeline.py", "parallel.py"}


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of each import in a module, relative ones made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return found


def test_every_module_sits_in_a_role_folder() -> None:
    """A newcomer sees the pipeline in the folders: only the command line and the stage runner stay at the top."""
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in TOP_LEVEL]
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert loose == [] and folders == ROLES


def test_only_the_engine_imports_mkdocs_or_material() -> None:
    """Everything but generator/engine/ works without MkDocs, so another engine can build the same docs/."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in MODULES
        if "engine" not in path.relative_to(PACKAGE).parts
        for module, _, line in _imports(path)
        if module.split(".")[0] in ("mkdocs", "material")
    ]
    assert offenders == []


def test_no_module_imports_another_modules_private_names() -> None:
    """A leading underscore means "only here": handouts and editor read content's public functions."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {module}.{name}"
        for path in MODULES
        for module, names, line in _imports(path)
        if module.startswith("generator")
        for name in names
        if name.startswith("_") and name != "__version__"
    ]
    assert offenders == []


def test_modules_are_small_and_say_what_they_are_for() -> None:
    """Modules stay under 400 lines, and each docstring says in a line or two what it is for."""
    too_long = [f"{p.relative_to(ROOT)}: {n} lines" for p in MODULES if (n := len(p.read_text().splitlines())) >= 400]
    undocumented = []
    for path in MODULES:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if not doc or len([line for line in doc.splitlines() if line.strip()]) > 2:
            undocumented.append(str(path.relative_to(ROOT)))
    assert too_long == [] and undocumented == []


def test_render_and_content_never_import_the_engine_or_handouts_internals() -> None:
    """The pipeline flows one way: content <- render <- engine. Content imports neither render nor the engine
    (but for the theme's list of languages, which the site settings must name)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in (PACKAGE / "content").rglob("*.py")
        for module, _, line in _imports(path)
        if module.startswith(("generator.render", "generator.editor", "generator.handouts", "generator.engine"))
        and module != "generator.engine.theme"
    ]
    assert offenders == []
