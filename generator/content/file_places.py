"""Where a content file stands: its name in messages, and whether it can be read (a plain file inside content/)."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def display_path(path: Path, root: Path) -> str:
    """A path as messages name it: from root's parent folder (content/causes/x.yaml)."""
    base, text = str(root.parent), str(path)
    prefix = base if base.endswith(os.sep) else base + os.sep
    if text.startswith(prefix) and base != ".":  # what relative_to gives, without its cost on thousands of files
        return text[len(prefix) :].replace(os.sep, "/")
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _within(real: str, real_root: str) -> bool:
    """Whether resolved path text `real` is `real_root` or inside it."""
    return real == real_root or real.startswith(real_root if real_root.endswith(os.sep) else real_root + os.sep)


def place_error(path: Path, root: Path, resolved: dict[str, str], plain: bool = False) -> str | None:
    """Why a content path can't be read, or None: missing, a dangling or looping link, outside root, not a file.

    `resolved` caches real folder paths (as text) for one run: a plain file's real path is its folder's plus
    its name, so a library of thousands of files resolves each folder once, not every file. `plain`: the
    caller's folder listing already showed a plain file (not a link), so it is not asked again."""
    try:
        plain_file = plain or stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        plain_file = False
    if plain_file:
        folder, top = os.path.dirname(path), str(root)
        for name in (folder, top):
            if name not in resolved:
                resolved[name] = os.path.realpath(name)
        return None if _within(resolved[folder], resolved[top]) else _outside(root)
    if not path.exists() and not path.is_symlink():
        return "file is missing; create it (see CONTRIBUTING.md)"
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11 reports a link loop so
        return "is a link that leads nowhere (or in a loop); replace it with the file itself"
    # Checked for every file, not only links: a linked parent folder leads outside as well.
    if not real.is_relative_to(root.resolve()):
        return _outside(root)
    if not real.is_file():
        return "is not a plain file; replace it with a YAML file"
    return None


def _outside(root: Path) -> str:
    return f"is a link to a file outside {root.name}/; copy the file in instead"


def not_a_plain_file(entry: os.DirEntry[str]) -> bool:
    """A name that exists but is no plain file (a folder); a link that leads nowhere or loops is named later."""
    try:
        return not entry.is_file() and os.path.exists(entry.path)
    except OSError:  # a link in a loop
        return False
