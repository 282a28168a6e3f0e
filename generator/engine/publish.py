"""Put the files kept beside docs/ (the exports) into a built site, at the same paths, as hard links."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


def _every_file(folder: Path) -> list[str]:
    found: list[str] = []
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in names)
    return sorted(found)


def publish_files(folder: Path, site_dir: Path, paths: Iterable[str] | None = None) -> int:
    """Each file of `folder` (or only `paths`, relative to it) at the same place under site_dir; how many.

    A hard link rather than a copy (ten thousand files at 3,000 causes): safe because the generator never
    rewrites a file in place, it writes a new one and renames it over the old (render/write.py), so the
    site keeps the bytes it was built with. Copied where the disk has no hard links or site_dir is elsewhere."""
    if not folder.is_dir():
        return 0
    made: set[Path] = set()
    count = 0
    for relative in _every_file(folder) if paths is None else paths:
        source, target = folder / relative, site_dir / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        count += 1
    return count
