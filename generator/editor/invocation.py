"""How a reader of this machine's terminal runs the generator, for help texts and hints."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def generator_command() -> str:
    """`.venv/bin/python3 -m generator` inside the project's own virtual environment, else `python3 -m generator`."""
    venv = PROJECT / ".venv"
    if Path(sys.prefix).resolve() != venv.resolve():
        return "python3 -m generator"
    try:
        where = os.path.relpath(venv, Path.cwd())
    except ValueError:
        where = str(venv)
    return f"{where}/bin/python3 -m generator"
