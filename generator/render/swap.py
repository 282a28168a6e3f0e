"""Replace a whole output folder in one step, so a reader (or the next build) finds the old folder or
the new one, never a mix, whatever stops the build: an error, a full disk or a kill.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)


def staging_of(target: Path) -> Path:
    """Where the next version of `target` is built."""
    return target.with_name(f".{target.name}.building")


def retired_of(target: Path) -> Path:
    """Where the old version of `target` waits while the two-rename fallback runs."""
    return target.with_name(f".{target.name}.old")


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False when this system can't, so the caller falls back."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def recover(target: Path) -> None:
    """Undo what an interrupted build left: restore a retired folder, drop a half-built one."""
    retired = retired_of(target)
    if retired.is_dir() and not target.exists():
        retired.rename(target)
    staging = staging_of(target)
    # A parallel build's other folders and notes sit beside the staging folder (shards.py).
    for leftover in (staging, retired, *target.parent.glob(f"{staging.name}.*")):
        _remove(leftover)


def swap_in(target: Path) -> None:
    """Make the finished staging folder the target; the old target is removed afterwards."""
    staging, retired = staging_of(target), retired_of(target)
    if target.exists():
        if _exchange(staging, target):
            shutil.rmtree(staging, ignore_errors=True)  # now holds the old version; recover() retries
            return
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
