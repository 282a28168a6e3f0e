"""Build the HTML pages in several processes at once, one per core, for large sites."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.engine.partial_build import SearchEntries, mark_built, quiet_dirty_warning, read_skipped_pages
from generator.parallel import die_with_parent

_log = logging.getLogger("mkdocs.commands.build")


@dataclass
class _Share:
    """This process's part of a parallel build."""

    index: int
    count: int
    manifest: Path
    mine: set[str] = field(default_factory=set)  # src_uri of the pages this share builds
    files: Files | None = None
    search: SearchEntries = field(default_factory=SearchEntries)


# Set in each process of a parallel build, before MkDocs runs; the MkDocs hook consults it.
_share: _Share | None = None


# --- called by the MkDocs hook in every share ------------------------------------------------


def active() -> bool:
    """True in the processes of a parallel build."""
    return _share is not None


def choose_pages(files: Files) -> None:
    """Mark this share's pages as the ones to build; static files are copied by the first share only."""
    if _share is None:
        return
    pages = [file for file in files if file.is_documentation_page()]
    _share.files = files
    others = sum(1 for file in files if not file.is_documentation_page())
    _share.mine = divide_pages(pages, _share.count, others)[_share.index]
    first = _share.index == 0
    for file in files:
        build = file.src_uri in _share.mine if file.is_documentation_page() else first
        mark_built(file, build)


# What a page costs to build, in bytes of its Markdown: a page of Markdown takes about 0.8 ms a
# kilobyte to convert, and its theme, search entries and writing about 5 ms more, as much as 6 KB.
PAGE_COST = 6_000
# Copying one static file (the first share copies them all), in the same unit.
STATIC_FILE_COST = 300


def divide_pages(pages: list[File], count: int, static_files: int) -> list[set[str]]:
    """Each share's pages (by src_uri), about equal in cost. Sorted by cost, each page goes to the share
    with the least so far: a site's index pages (every source, every cause) cost as much as hundreds
    of cause pages each, and a split by count left one share seconds behind the other. The first
    share starts with the static files it copies. The same files give the same split in every share."""
    costs = sorted(
        ((PAGE_COST + os.path.getsize(file.abs_src_path or ''), file.src_uri) for file in pages), key=lambda c: (-c[0], c[1])
    )
    loads = [static_files * STATIC_FILE_COST] + [0] * (count - 1)
    shares: list[set[str]] = [set() for _ in range(count)]
    for cost, uri in costs:
        lightest = loads.index(min(loads))
        loads[lightest] += cost
        shares[lightest].add(uri)
    return shares


def copies_static_files() -> bool:
    """Whether this process puts the site's files other than pages in place: the first share of a parallel
    build, or the only process of any other build."""
    return _share is None or _share.index == 0


def read_other_pages(config: MkDocsConfig, files: Files) -> None:
    """Pages of other shares are not rendered here, but their titles are needed for navigation."""
    if _share is not None:
        read_skipped_pages(config, files)  # choose_pages made exactly this share's pages "modified"


def record_search_entries(page: Page, config: MkDocsConfig) -> None:
    """After the search plugin indexed a page: keep that page's entries for the merged index."""
    if _share is not None:
        _share.search.record(page.file.src_uri, config)


def write_manifest(config: MkDocsConfig) -> None:
    """After the build: what the parent needs from this share to merge it."""
    if _share is None or _share.files is None:
        return
    mine = [file for file in _share.files.documentation_pages() if file.src_uri in _share.mine and file.page is not None]
    links: list[list[str]] = []
    for file in mine:
        for target, anchors in (file.page.links_to_anchors or {}).items():  # type: ignore[union-attr]
            if target.src_uri in _share.mine or target.page is None:
                continue  # checked by MkDocs in this share, or not a page
            links.extend([file.src_uri, target.src_uri, anchor, link] for anchor, link in sorted(anchors.items()))
    manifest = {
        "order": [file.src_uri for file in _share.files.documentation_pages()],
        "pages": {file.src_uri: file.dest_uri for file in mine},
        "search": _share.search.pages,
        "anchors": {file.src_uri: sorted(file.page.present_anchor_ids or ()) for file in mine},  # type: ignore[union-attr]
        "links": links,
    }
    _share.manifest.write_text(json.dumps(manifest), encoding="utf-8")


# --- the parent ----------------------------------------------------------------------------


def share_folders(staging: Path, count: int) -> list[Path]:
    """Where each share writes: the first into the staging folder itself, the others beside it."""
    return [staging, *(staging.with_name(f"{staging.name}.{i}") for i in range(1, count))]


def build_in_shares(count: int, staging: Path, run_build: Callable[[Path], None], anchor_level: int, strict: bool) -> None:
    """Run `run_build(site_dir)` in `count` processes, one share of the pages each, and merge into `staging`."""
    global _share
    folders = share_folders(staging, count)
    manifests = [folder.with_name(f"{folder.name}.manifest.json") for folder in folders]
    for path in [*folders, *manifests]:
        _remove(path)
    quiet_dirty_warning()
    # Everything alive now (the generated library, MkDocs' files and navigation) stays alive for the
    # whole build: frozen, the cycle collector of every share stops walking it again and again.
    gc.freeze()
    children: dict[int, int] = {}
    for index in range(1, count):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: build one share, then leave without running the parent's cleanup
            _share = _Share(index, count, manifests[index])
            os._exit(_child(folders[index], run_build))
        children[pid] = index
    _share = _Share(0, count, manifests[0])
    try:
        try:
            run_build(folders[0])
        except BaseException:
            _stop(children)
            raise
        finally:
            _share = None
        failed = _wait(children)
        if failed:
            raise Abort(f"Aborted: {len(failed)} of {count} build processes failed (see the messages above).")
        _merge(folders, [json.loads(m.read_text(encoding="utf-8")) for m in manifests], anchor_level, strict)
    finally:
        gc.unfreeze()  # a process that builds again (tests, serve) must be able to free it later
        for path in [*folders[1:], *manifests]:
            _remove(path)


def _child(folder: Path, run_build: Callable[[Path], None]) -> int:
    die_with_parent()  # an orphan would go on writing into a folder the next build reuses
    code = 1
    try:
        run_build(folder)
        code = 0
    except Abort:
        pass  # MkDocs has logged why
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def _stop(children: dict[int, int]) -> None:
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    _wait(children)


def _wait(children: dict[int, int]) -> list[int]:
    failed = []
    for pid, index in children.items():
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(index)
    return failed


def _merge(folders: list[Path], manifests: list[dict[str, Any]], anchor_level: int, strict: bool) -> None:
    site = folders[0]
    for folder, manifest in zip(folders[1:], manifests[1:], strict=True):
        for dest in manifest["pages"].values():
            target = site / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(folder / dest, target)
    _merge_search_index(site, manifests)
    problems = _check_anchor_links(manifests)
    for problem in problems:
        _log.log(anchor_level, problem)
    if problems and strict and anchor_level >= logging.WARNING:
        raise Abort(f"Aborted with {len(problems)} warnings in strict mode!")


def _merge_search_index(site: Path, manifests: list[dict[str, Any]]) -> None:
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, list[dict[str, Any]]] = {}
    for manifest in manifests:
        entries.update(manifest["search"])
    # The order a one-process build indexes pages in, so the file is the same bytes.
    index["docs"] = [entry for page in manifests[0]["order"] for entry in entries.get(page, [])]
    path.write_bytes(json.dumps(index, separators=(",", ":"), default=str).encode("utf-8"))


def _check_anchor_links(manifests: list[dict[str, Any]]) -> list[str]:
    anchors: dict[str, set[str]] = {}
    for manifest in manifests:
        anchors.update((page, set(ids)) for page, ids in manifest["anchors"].items())
    problems = []
    for manifest in manifests:
        for source, target, anchor, link in manifest["links"]:
            if target in anchors and anchor not in anchors[target]:
                # MkDocs' own wording (mkdocs/structure/pages.py), so both kinds of check read alike.
                problem = f"the doc '{target}' does not contain an anchor '#{anchor}'"
                problems.append(f"Doc file '{source}' contains a link '{link}', but {problem}.")
    return problems


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()
