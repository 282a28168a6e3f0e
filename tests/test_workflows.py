"""The repository workflow: what CI, GitHub Pages and pre-commit run for editors' pull requests."""

from __future__ import annotations

import shlex
import subprocess
import sys

import yaml

from .conftest import ROOT


def _steps(workflow: str, job: str) -> list[dict]:
    data = yaml.safe_load((ROOT / ".github/workflows" / workflow).read_text())
    return data["jobs"][job]["steps"]


def test_pull_request_check_runs_strict_check_with_annotations_and_the_tests() -> None:
    """Every pull request runs check --strict --format github (annotations on the changed lines) and the suite."""
    commands = [step.get("run") for step in _steps("pull-request.yml", "check")]
    assert "python3 -m generator check --strict --format github" in commands
    assert "python3 -m generator schema --check" in commands
    assert "bash scripts/test.sh -q" in commands


def test_deploy_builds_the_site_and_publishes_it_to_pages() -> None:
    """main is built with the generator and the site/ folder is what GitHub Pages publishes."""
    build = _steps("deploy.yml", "build")
    assert "python3 -m generator build" in [step.get("run") for step in build]
    upload = next(step for step in build if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(str(step.get("uses", "")).startswith("actions/deploy-pages@") for step in _steps("deploy.yml", "deploy"))


def test_pre_commit_hooks_run_on_content_and_pass_on_the_real_content() -> None:
    """The pre-commit hooks fire for content and schema changes, and their commands pass on the real repository."""
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]}
    assert hooks["content-check"]["files"] == r"^(content|site_config)/.*\.yaml$"
    for hook in hooks.values():
        command = [sys.executable if word == "python3" else word for word in shlex.split(hook["entry"])]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
