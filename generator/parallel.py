"""Work split over the machine's cores: how many processes, and a forked map over shares."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

# Below this many pages a process, forking (and, for the HTML, setting MkDocs up again) costs more than it saves.
MIN_PAGES_PER_JOB = 200
MAX_JOBS = 8
JOBS_ENV = "FOOTGUIDE_BUILD_JOBS"
_PR_SET_PDEATHSIG = 1


class JobsError(ValueError):
    """A number of processes that is not a whole number of 1 or more."""


def parse_jobs(text: str, source: str) -> int:
    """A number of processes as typed (`source` names where: the option or the variable)."""
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if value < 1:
        raise JobsError(f"{source}: {text!r} is not a whole number of processes of 1 or more; use 1 to build in one process")
    return value


def jobs_for(pages: int, requested: int | None = None) -> int:
    """How many processes build a site of `pages` pages: as asked (argument, then environment), else one per core."""
    if requested is None and os.environ.get(JOBS_ENV, "").strip():
        requested = parse_jobs(os.environ[JOBS_ENV], JOBS_ENV)
    if requested is not None:
        return max(1, min(requested, MAX_JOBS))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS, pages // MIN_PAGES_PER_JOB))


def can_fork() -> bool:
    """Forking is safe only with no other thread running (a thread's locks would be copied held);
    `serve` runs a web server in threads, so it keeps to one process."""
    return hasattr(os, "fork") and threading.active_count() == 1


def map_shares(function: Callable[[Sequence[T]], R], items: Sequence[T], jobs: int) -> list[R]:
    """[function(share) for each of `jobs` interleaved shares of items], shares 1.. run in forked children."""
    shares = [items[i::jobs] for i in range(jobs)]
    if jobs <= 1 or not can_fork():
        return [function(share) for share in shares]
    with tempfile.TemporaryDirectory(prefix="footguide-share-") as folder:
        results = [Path(folder) / f"{i}.pickle" for i in range(jobs)]
        children = []
        for index in range(1, jobs):
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                os._exit(_child(function, shares[index], results[index]))
            children.append(pid)
        try:
            first = function(shares[0])
        finally:
            failures = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0]
        out = [first]
        for path in results[1:]:
            outcome = pickle.loads(path.read_bytes()) if path.is_file() else ("failed", "the process ended without a result")
            if failures or outcome[0] != "ok":
                raise RuntimeError(f"a forked share failed:\n{outcome[1]}")
            out.append(cast(R, outcome[1]))
        return out


def die_with_parent() -> None:
    """In a forked child: be killed when the parent dies, instead of working on as an orphan."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: an orphan finishes its share and exits


def _child(function: Callable[[Sequence[T]], R], share: Sequence[T], result: Path) -> int:
    die_with_parent()
    try:
        outcome: tuple[str, object] = ("ok", function(share))
        code = 0
    except BaseException:
        outcome, code = ("failed", traceback.format_exc()), 1
    try:
        result.write_bytes(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        code = 1
    return code
