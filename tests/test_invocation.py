"""The command the generator's help and hints print is one that runs on this machine."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from generator.editor.invocation import generator_command

from .conftest import ROOT


def test_the_printed_command_runs_from_the_project_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hints say a command that works as typed in the project folder (Debian has no `python`)."""
    monkeypatch.chdir(ROOT)
    command = generator_command()
    if Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():
        assert command == ".venv/bin/python3 -m generator"
    else:
        assert command == "python3 -m generator"
    assert not command.startswith("python ")
    result = subprocess.run([*shlex.split(command), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {command} ")
