"""Write stage: rendered pages -> the generated docs folder.

Only files whose bytes changed are rewritten (so `mkdocs serve` sees no false change),
each through a temporary file and a rename (so a reader never sees half a file), and
files the content no longer produces are removed.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_docs(files: dict[str, str] | dict[str, bytes], docs_dir: Path) -> WriteReport:
    """Make docs_dir hold exactly `files` (docs-relative path -> text, or bytes as they are)."""
    report = WriteReport()
    docs_dir.mkdir(parents=True, exist_ok=True)
    for relative in sorted(files):
        target = docs_dir / relative
        value = files[relative]
        data = value if isinstance(value, bytes) else value.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        _write_atomic(target, data)
        report.written.append(relative)
    wanted = {docs_dir / relative for relative in files}
    for existing in sorted(docs_dir.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            report.removed.append(existing.relative_to(docs_dir).as_posix())
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return report
