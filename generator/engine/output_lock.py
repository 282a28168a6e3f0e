"""One writer at a time: builds, previews and handout runs that share output folders take turns."""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Folders this process holds, with how many nested holders each has (the MkDocs hook runs inside a build).
_held: dict[Path, int] = {}


def _lockable(folder: Path) -> Path:
    """The folder that holds `folder`, or its nearest existing ancestor: locking must create nothing."""
    place = folder.resolve().parent
    while not place.is_dir():
        place = place.parent
    return place


@contextmanager
def outputs_locked(*outputs: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folders that hold these outputs for as long as the block runs.

    A second process that wants one of them says so and waits until the first is done. The lock is
    the kernel's flock on the folder itself, so no lock file is left behind, and it is let go if the
    process dies."""
    places = sorted({_lockable(output) for output in outputs})  # one order everywhere: no deadlock
    taken: list[Path] = []
    opened: list[int] = []
    try:
        for place in places:
            if not _held.get(place):
                handle = os.open(place, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
                opened.append(handle)
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    print(f"Another build is writing into {place}; waiting for it to finish…", file=sys.stderr, flush=True)
                    fcntl.flock(handle, fcntl.LOCK_EX)
            _held[place] = _held.get(place, 0) + 1
            taken.append(place)
        yield
    finally:
        for place in taken:
            _held[place] -= 1
            if not _held[place]:
                del _held[place]
        for handle in opened:
            os.close(handle)
