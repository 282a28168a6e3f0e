"""A cheap fingerprint of folders (every file's path, size and modification time)."""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path

Fingerprint = tuple[tuple[str, int, int], ...]


def _walk(folder: str, out: list[tuple[str, int, int]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    except NotADirectoryError:  # a single file, such as mkdocs.yml
        stat = os.stat(folder)
        out.append((folder, stat.st_size, stat.st_mtime_ns))
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, out)
        else:
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            except OSError:  # a link in a loop, a file it may not read: validation says what is wrong
                out.append((entry.path, -1, -1))
                continue
            out.append((entry.path, stat.st_size, stat.st_mtime_ns))


def fingerprint(*folders: Path) -> Fingerprint:
    """Every file under the folders (or the file itself) with its size and mtime, in a stable order."""
    out: list[tuple[str, int, int]] = []
    for folder in folders:
        _walk(str(folder), out)
    return tuple(sorted(out))


def updated(before: Fingerprint, folder: Path, changed: Iterable[str], removed: Iterable[str]) -> Fingerprint:
    """`fingerprint(folder)` after only `changed` were written and `removed` deleted (paths relative to the
    folder, with forward slashes), given the folder's fingerprint before: a stat of each changed file
    instead of a walk of thousands, each put in its place in the sorted entries."""
    prefix = str(folder) + "/"
    entries = list(before)
    path_of = itemgetter(0)
    for relative in removed:
        path = prefix + relative
        place = bisect_left(entries, path, key=path_of)
        if place < len(entries) and entries[place][0] == path:
            del entries[place]
    for relative in changed:
        path = prefix + relative
        info = os.stat(path)
        place = bisect_left(entries, path, key=path_of)
        if place < len(entries) and entries[place][0] == path:
            entries[place] = (path, info.st_size, info.st_mtime_ns)
        else:
            entries.insert(place, (path, info.st_size, info.st_mtime_ns))
    return tuple(entries)
