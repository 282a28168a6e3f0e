"""Make a handouts folder hold exactly the current handouts, printing only those that changed."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.fingerprint import Fingerprint, fingerprint
from generator.content.link import Site
from generator.handouts import handout_of
from generator.handouts.content import General, all_handouts, cause_handout, topic_handout
from generator.handouts.html import PAPER_SIZES, finish, render_handouts_unfinished
from generator.handouts.pdf import PrintError, page_count, print_pdfs
from generator.render.page_cache import PageCache, shared_inputs
from generator.render.write import write_tracked

MANIFEST = ".printed.json"
MAX_PAGES = 2  # a handout is one sheet of paper, printed on both sides
# Bump to print every handout again when the printing itself changes (not the HTML).
PRINT_VERSION = "1"


@dataclass
class HandoutReport:
    printed: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    pages: dict[str, int] = field(default_factory=dict)

    def add(self, other: HandoutReport, prefix: str) -> None:
        """Count another set of handouts (a translated edition's, its paths under `prefix`) in this report."""
        self.printed += [prefix + path for path in other.printed]
        self.unchanged += other.unchanged
        self.removed += [prefix + path for path in other.removed]
        self.seconds += other.seconds
        self.pages.update({prefix + path: count for path, count in other.pages.items()})

    def summary(self) -> str:
        counts = sorted(set(self.pages.values())) or [0]
        span = f"{counts[0]}" if len(counts) == 1 else f"{counts[0]}-{counts[-1]}"
        return (
            f"{len(self.pages)} handouts of {span} pages: {len(self.printed)} printed, {self.unchanged} unchanged, "
            f"{len(self.removed)} removed, in {self.seconds:.1f} s"
        )

    def too_long(self) -> list[str]:
        """Handouts longer than MAX_PAGES, as 'path: N pages' lines for editors."""
        return [f"{path}: {n} pages (at most {MAX_PAGES})" for path, n in sorted(self.pages.items()) if n > MAX_PAGES]


@dataclass(frozen=True)
class _Manifest:
    """What the folder's last write recorded: each handout's key (what it was printed from) and page count."""

    keys: dict[str, str] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        return json.dumps({"printed": self.keys, "pages": self.pages}, indent=1, sort_keys=True) + "\n"


def _manifest(folder: Path) -> _Manifest:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _Manifest()
    if not isinstance(data, dict):
        return _Manifest()
    if not isinstance(data.get("printed"), dict):  # written before page counts were kept: keys only
        return _Manifest({k: v for k, v in data.items() if isinstance(v, str)})
    pages = data.get("pages")
    pages = pages if isinstance(pages, dict) else {}
    return _Manifest(
        {k: v for k, v in data["printed"].items() if isinstance(v, str)},
        {k: v for k, v in pages.items() if isinstance(v, int)},
    )


def _guard(folder: Path) -> None:
    """Refuse to empty a folder that is not ours: the write removes every file it does not make."""
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MANIFEST).is_file():
        raise PrintError(f"{folder} has other files and is not a handouts folder (no {MANIFEST}); choose a new or empty folder")


# The last Site this process made handouts from, the folder, and the folder's state after.
# `generator build` makes them, then the MkDocs hook asks again for the same Site.
_last: tuple[Site, Path, Fingerprint, HandoutReport] | None = None


COMPACT = "compact:"  # marks a manifest key of a handout printed compact


def _key(html: str, address: str) -> str:
    # The QR code is a function of the address, so the address stands in for it in the key.
    return hashlib.sha256(f"{PRINT_VERSION}\n{address}\n{html}".encode()).hexdigest()


def _compact(site: Site, paths: frozenset[str]) -> dict[str, tuple[str, str]]:
    """The compact HTML (and address) of these handouts."""
    return render_handouts_unfinished(site, [h for h in all_handouts(site, paths) if h.path in paths])


def _handout_inputs(site: Site) -> str:
    """What a cause's handout reads besides its own file and the titles it prints: all a page reads, and the
    home-care summaries."""
    summaries = {id_: treatment.model.summary for id_, treatment in site.treatments.items()}
    text = shared_inputs(site) + json.dumps(summaries, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unfinished_handouts(site: Site, cache: PageCache | None) -> dict[str, tuple[str, str]]:
    """Every handout's unfinished HTML and address (render_handouts_unfinished); with a cache, a cause's
    handout is made again only when its file or what it reads changed (render/page_cache.py)."""
    if cache is None:
        return render_handouts_unfinished(site, all_handouts(site))
    old = cache.start(site, _handout_inputs(site))
    general = General.of(site)
    out = render_handouts_unfinished(site, [topic_handout(site, general)])
    todo = []
    for cause_id in sorted(site.causes):
        path, model = handout_of(site.page_of("cause", cause_id)), site.causes[cause_id].model
        kept = cache.take(old, path, (model,))
        if kept is None:
            todo.append(cause_id)
        else:
            address, _, html = kept.partition("\n")
            out[path] = (html, address)
    contents, titles = [], {}
    for cause_id in todo:  # every list a handout sorts by title it prints whole (or not at all)
        with site.recording_titles() as read:
            contents.append(cause_handout(site, cause_id, general))
        titles[cause_id] = read
    made = render_handouts_unfinished(site, contents)
    for cause_id in todo:
        path = handout_of(site.page_of("cause", cause_id))
        html, address = made[path]
        cache.keep(path, (site.causes[cause_id].model,), f"{address}\n{html}", titles[cause_id])
        out[path] = made[path]
    return out


def make_handouts(site: Site, folder: Path, cache: PageCache | None = None) -> HandoutReport:
    """Write every handout's PDF into `folder` (and nothing else), printing only changed ones. `cache`: the
    handouts' HTML made last time in this process (serve), to make again only those whose inputs changed."""
    global _last
    # The folder as this process's last make left it (nothing else wrote it since), or None.
    before = fingerprint(folder) if _last is not None and _last[1] == folder else None
    untouched = _last is not None and before is not None and _last[2] == before
    if _last is not None and untouched and _last[0] is site:
        return HandoutReport(unchanged=len(_last[3].pages), pages=dict(_last[3].pages))
    start = time.perf_counter()
    _guard(folder)
    documents = unfinished_handouts(site, cache)
    keys = {path: _key(html, address) for path, (html, address) in documents.items()}
    previous = _manifest(folder)
    # Printed compact last time: its key is the compact HTML's (compact text is worked out only for these).
    was_compact = frozenset(path for path, key in previous.keys.items() if key.startswith(COMPACT) and path in documents)
    if was_compact:
        for path, (html, address) in _compact(site, was_compact).items():
            keys[path] = COMPACT + _key(html, address)
    files: dict[str, bytes] = {}
    changed: dict[str, str] = {}
    kept: set[str] = set()  # printed from the same HTML last time: kept without being read
    for path, (html, address) in documents.items():
        if previous.keys.get(path) == keys[path] and (folder / path).is_file():
            kept.add(path)
        else:
            changed[path] = finish(html, address)
    paper = PAPER_SIZES[site.config.paper_size]
    files.update(print_pdfs(changed, paper))
    # Too long for one sheet: printed again compact (home care by name, sources run on; the page has the rest).
    too_long = frozenset(path for path in changed if page_count(files[path]) > MAX_PAGES)
    if too_long:
        compact = _compact(site, too_long)
        files.update(print_pdfs({path: finish(html, address) for path, (html, address) in compact.items()}, paper))
        keys.update({path: COMPACT + _key(html, address) for path, (html, address) in compact.items()})
    pages = {
        path: page_count(files[path]) if path in files else previous.pages.get(path) or page_count((folder / path).read_bytes())
        for path in documents
    }
    files[MANIFEST] = _Manifest(keys, pages).text().encode()
    # Known folder: only the changed files are replaced (a thousand handouts are not linked into a new folder).
    last = _last[2] if _last is not None and _last[1] == folder else None
    written, after = write_tracked(files, folder, last, kept=frozenset(kept), now=before)
    report = HandoutReport(sorted(changed), len(documents) - len(changed), written.removed, time.perf_counter() - start, pages)
    _last = (site, folder, after, report)
    return report
