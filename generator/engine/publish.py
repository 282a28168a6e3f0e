"""Put files kept beside docs/ (the exports, the handouts) into a built site, at the same paths, as hard links."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.render.write import files_under, link_or_copy


def place(source: Path, target: Path) -> None:
    """One file at `target` as a hard link to `source` (a copy where that cannot be), replacing what was there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    link_or_copy(source, target)


def publish_files(folder: Path, site_dir: Path, paths: Iterable[str] | None = None) -> int:
    """Each file of `folder` (or only `paths`, relative to it) at the same place under site_dir; how many.

    A hard link rather than a copy (ten thousand files at 3,000 causes): safe because the generator never
    rewrites a file in place, it writes a new one and renames it over the old (render/write.py), so the
    site keeps the bytes it was built with. Copied where the disk has no hard links or site_dir is elsewhere."""
    if not folder.is_dir():
        return 0
    count = 0
    for relative in sorted(files_under(folder)) if paths is None else paths:
        place(folder / relative, site_dir / relative)
        count += 1
    return count
