"""Write stage: rendered pages -> the generated docs folder, swapped in whole or each changed file replaced whole."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.fingerprint import Fingerprint, fingerprint, updated
from generator.render.swap import recover, staging_of, swap_in


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def files_under(docs_dir: Path) -> set[str]:
    """Every file under the folder (all but folders: os.walk knows which without a stat call), as a relative
    path with forward slashes."""
    found: set[str] = set()
    for folder, _, names in os.walk(docs_dir):
        relative = os.path.relpath(folder, docs_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found


def link_or_copy(old: Path, new: Path) -> None:
    """`new` as a hard link to `old`, or a copy on a file system without hard links (or across two)."""
    try:
        os.link(old, new)
    except OSError:
        shutil.copy2(old, new)


def _replace_in_place(docs_dir: Path, changed: dict[str, bytes], removed: list[str]) -> None:
    """Each changed file written beside its old one and renamed over it, so no reader meets half a file;
    each removed file deleted. A write cut short leaves a folder that is not the last write's, which the
    next write finds out (its `on_disk` is None) and puts right."""
    for relative, data in changed.items():
        target = docs_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        writing = target.with_name(f".{target.name}.writing")
        try:
            writing.write_bytes(data)
        except OSError as exc:
            writing.unlink(missing_ok=True)
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        os.replace(writing, target)
    for relative in removed:
        (docs_dir / relative).unlink(missing_ok=True)


def write_docs(
    files: dict[str, str] | dict[str, bytes],
    docs_dir: Path,
    on_disk: Mapping[str, str | None] | None = None,
    kept: frozenset[str] = frozenset(),
) -> WriteReport:
    """Make docs_dir hold exactly `files` (docs-relative path -> text, or bytes as they are) and `kept`.

    An unknown folder is written beside the old one and swapped in whole. `on_disk`: what the folder is
    known to hold (each file's text as the last write left it, or None where only its presence is known,
    when nothing has touched the folder since); unchanged texts are then known without reading them back,
    and only the changed files are replaced, each whole. `kept`:
    files of the folder the caller knows are already right, kept as they are without being read."""
    docs_dir = docs_dir.absolute()
    recover(docs_dir)
    report = WriteReport()
    if on_disk is not None and docs_dir.is_dir():
        unchanged_texts = {r for r, value in files.items() if isinstance(value, str) and on_disk.get(r) == value}
    else:
        unchanged_texts = set()
    unchanged_texts |= kept - set(files)
    encoded: dict[str, bytes] = {}
    for relative in sorted(files):
        value = files[relative]
        if relative not in unchanged_texts:
            encoded[relative] = value if isinstance(value, bytes) else value.encode("utf-8")
    unchanged = unchanged_texts | {
        r for r, data in encoded.items() if (docs_dir / r).is_file() and (docs_dir / r).read_bytes() == data
    }
    every = set(files) | set(kept)
    report.unchanged = len(unchanged)
    report.written = [r for r in sorted(files) if r not in unchanged]
    existing = set(on_disk) if on_disk is not None and docs_dir.is_dir() else files_under(docs_dir)
    report.removed = sorted(existing - every)
    if docs_dir.is_dir() and not report.written and not report.removed:
        return report
    if on_disk is not None and docs_dir.is_dir():
        _replace_in_place(docs_dir, {r: encoded[r] for r in report.written}, report.removed)
        return report
    staging = staging_of(docs_dir)
    staging.mkdir(parents=True)
    try:
        for relative in sorted(every):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if relative in unchanged:
                link_or_copy(docs_dir / relative, target)
            else:
                try:
                    target.write_bytes(encoded[relative])
                except OSError as exc:  # a failed write() names no file; the editor needs to know which
                    raise OSError(exc.errno, exc.strerror, str(docs_dir / relative)) from exc
        swap_in(docs_dir)
    except BaseException:
        recover(docs_dir)
        raise
    return report


def write_tracked(
    files: dict[str, str] | dict[str, bytes],
    folder: Path,
    last: Fingerprint | None,
    last_texts: Mapping[str, str] | None = None,
    kept: frozenset[str] = frozenset(),
    now: Fingerprint | None = None,
) -> tuple[WriteReport, Fingerprint]:
    """write_docs, for a caller that writes the same folder again and again (serving): and the folder's
    fingerprint after, for its next write.

    `last`: the fingerprint this returned last time (None: the folder is unknown). While the folder still has
    it, nothing else touched it: it holds the last write's files (`last_texts`, or only their names), only
    changed files are replaced, and the fingerprint after is worked out from the files written and removed
    instead of a walk of thousands. `now`: the folder's fingerprint, when the caller has just taken it."""
    before = now if now is not None else (fingerprint(folder) if last is not None else None)
    on_disk: Mapping[str, str | None] | None = None
    if before is not None and before == last:
        prefix = len(str(folder)) + 1
        on_disk = last_texts if last_texts is not None else {path[prefix:]: None for path, _, _ in before}
    report = write_docs(files, folder, on_disk, kept)
    if on_disk is not None and before is not None:
        return report, updated(before, folder, report.written, report.removed)
    return report, fingerprint(folder)
