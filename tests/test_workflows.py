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
    assert commands[1:] == [
        "bash scripts/setup.sh",
        ".venv/bin/python3 -m generator check --strict --format github",
        ".venv/bin/python3 -m generator schema --check",
        "bash scripts/test.sh -q",
    ]


def test_workflows_run_on_debian_12_with_its_own_python() -> None:
    """CI runs the README's commands as a new user would: stock Debian 12, its externally managed python3."""
    for workflow in ("pull-request.yml", "deploy.yml"):
        jobs = yaml.safe_load((ROOT / ".github/workflows" / workflow).read_text())["jobs"]
        job = jobs["check" if workflow == "pull-request.yml" else "build"]
        assert job["container"] == "debian:12"


def test_deploy_builds_the_site_and_publishes_it_to_pages() -> None:
    """main is published only after its tests pass, built for the Pages address (refusing a placeholder),
    and the site/ folder is what GitHub Pages publishes."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    # PyYAML reads the key `on` as true.
    assert workflow[True]["workflow_run"] == {"workflows": ["Check content"], "types": ["completed"], "branches": ["main"]}
    condition = workflow["jobs"]["build"]["if"]
    assert "workflow_run.conclusion == 'success'" in condition
    # Never a pull request's run, nor a fork's branch that happens to be called main.
    assert "github.event.workflow_run.event == 'push'" in condition
    assert "github.event.workflow_run.head_repository.full_name == github.repository" in condition
    # A newer push cancels an older check, so an older main is never published after a newer one.
    checks = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    assert checks["concurrency"] == {"group": "check-${{ github.ref }}", "cancel-in-progress": True}
    build = _steps("deploy.yml", "build")
    runs = [step.get("run") for step in build]
    assert '.venv/bin/python3 -m generator build --publish --site-url "${{ steps.pages.outputs.base_url }}/"' in runs
    upload = next(step for step in build if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(str(step.get("uses", "")).startswith("actions/deploy-pages@") for step in _steps("deploy.yml", "deploy"))


def test_pre_commit_hooks_run_on_content_and_pass_on_the_real_content() -> None:
    """The pre-commit hooks fire for content and schema changes, and their commands pass on the real repository."""
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]}
    assert hooks["content-check"]["files"] == r"^(content|site_config)/.*\.yaml$"
    for hook in hooks.values():
        command = [sys.executable if word == ".venv/bin/python3" else word for word in shlex.split(hook["entry"])]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
