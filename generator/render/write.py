"""Write stage: rendered pages -> the generated docs folder, swapped in whole."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.render.swap import recover, staging_of, swap_in


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def _existing(docs_dir: Path) -> set[str]:
    if not docs_dir.is_dir():
        return set()
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()}


def _keep(old: Path, new: Path) -> None:
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links
        shutil.copy2(old, new)


def write_docs(files: dict[str, str] | dict[str, bytes], docs_dir: Path) -> WriteReport:
    """Make docs_dir hold exactly `files` (docs-relative path -> text, or bytes as they are)."""
    docs_dir = docs_dir.absolute()
    recover(docs_dir)
    report = WriteReport()
    encoded: dict[str, bytes] = {}
    for relative in sorted(files):
        value = files[relative]
        encoded[relative] = value if isinstance(value, bytes) else value.encode("utf-8")
    unchanged = {r for r, data in encoded.items() if (docs_dir / r).is_file() and (docs_dir / r).read_bytes() == data}
    report.unchanged = len(unchanged)
    report.written = [r for r in encoded if r not in unchanged]
    report.removed = sorted(_existing(docs_dir) - set(encoded))
    if docs_dir.is_dir() and not report.written and not report.removed:
        return report
    staging = staging_of(docs_dir)
    staging.mkdir(parents=True)
    try:
        for relative, data in encoded.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if relative in unchanged:
                _keep(docs_dir / relative, target)
            else:
                try:
                    target.write_bytes(data)
                except OSError as exc:  # a failed write() names no file; the editor needs to know which
                    raise OSError(exc.errno, exc.strerror, str(docs_dir / relative)) from exc
        swap_in(docs_dir)
    except BaseException:
        recover(docs_dir)
        raise
    return report
