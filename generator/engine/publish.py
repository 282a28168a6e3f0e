"""Put the files kept beside docs/ (the exports) into a built site, at the same paths, as hard links."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.render.write import files_under, link_or_copy


def publish_files(folder: Path, site_dir: Path, paths: Iterable[str] | None = None) -> int:
    """Each file of `folder` (or only `paths`, relative to it) at the same place under site_dir; how many.

    A hard link rather than a copy (ten thousand files at 3,000 causes): safe because the generator never
    rewrites a file in place, it writes a new one and renames it over the old (render/write.py), so the
    site keeps the bytes it was built with. Copied where the disk has no hard links or site_dir is elsewhere."""
    if not folder.is_dir():
        return 0
    made: set[Path] = set()
    count = 0
    for relative in sorted(files_under(folder)) if paths is None else paths:
        source, target = folder / relative, site_dir / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.unlink(missing_ok=True)
        link_or_copy(source, target)
        count += 1
    return count
