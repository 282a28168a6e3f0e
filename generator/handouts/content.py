"""What each handout says, taken from the linked Site: plain text and source numbers, no markup.

The template escapes every string it prints; this module only chooses and orders the content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlparse

from ..flow import EMERGENCY_PLACEHOLDER
from ..link import Site
from ..markdown import source_plain
from ..render import _red_flags_by_urgency, _treatments_by_kind
from ..schema import CITATION_MARKER, Cause, Topic
from . import handout_of, page_address, short_address

# Treatments a reader does themselves; the rest are for "when to see a provider".
HOME_KINDS = ("home-care", "foot-care")


@dataclass(frozen=True)
class Piece:
    """A run of plain text and the numbers of the sources cited right after it."""

    text: str
    refs: tuple[int, ...] = ()


Cited = list[Piece]


@dataclass(frozen=True)
class Item:
    title: str
    text: Cited


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    host: str


class Notes:
    """Numbers a handout's sources in order of first use."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def cite(self, text: str) -> Cited:
        """Split a cited text into pieces; [^id] markers become source numbers."""
        text = text.replace(EMERGENCY_PLACEHOLDER, self._site.config.emergency_number)
        pieces: Cited = []
        words = ""
        refs: list[int] = []
        position = 0
        for match in CITATION_MARKER.finditer(text):
            between = text[position : match.start()]
            if between and refs:  # text after a run of markers starts a new piece
                pieces.append(Piece(words, tuple(sorted(set(refs)))))
                words, refs = "", []
            words += between
            refs.append(self.number(match.group(1)))
            position = match.end()
        if text[position:] and refs:
            pieces.append(Piece(words, tuple(sorted(set(refs)))))
            words, refs = "", []
        words += text[position:]
        if words or refs:
            pieces.append(Piece(words, tuple(sorted(set(refs)))))
        return pieces

    def lines(self) -> list[SourceLine]:
        out = []
        for n, source_id in enumerate(self.order, start=1):
            source = self._site.sources[source_id]
            # The DOI is in the text already; a web page gets its host so a reader can find it.
            host = urlparse(source.url).netloc.removeprefix("www.") if source.url and not source.doi else ""
            out.append(SourceLine(n, source_plain(source), host))
        return out


@dataclass
class HandoutContent:
    """Everything one handout prints, in reading order."""

    path: str  # relative to the handouts folder
    page: str  # the docs-relative Markdown page it belongs to
    title: str
    address: str
    short_address: str
    reviewed: dt.date
    reviewed_by: str
    due: dt.date
    also_called: list[str] = field(default_factory=list)
    intro: list[Cited] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    emergency: list[str] = field(default_factory=list)
    emergency_is_general: bool = False
    urgent: list[str] = field(default_factory=list)
    home: list[Item] = field(default_factory=list)
    home_is_general: bool = False
    provider: list[Cited] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    treatments: list[str] = field(default_factory=list)
    sources: list[SourceLine] = field(default_factory=list)


def _base(site: Site, page: str, title: str, reviewed: dt.date, reviewed_by: str) -> HandoutContent:
    address = page_address(site.config.site_url, page)
    due = reviewed + dt.timedelta(days=site.config.review_interval_days)
    return HandoutContent(handout_of(page), page, title, address, short_address(address), reviewed, reviewed_by, due)


def _signs(site: Site, ids: list[str]) -> list[str]:
    return [site.title_of("red_flag", i) for i in ids]


def _home_items(site: Site, notes: Notes, ids: list[str]) -> list[Item]:
    by_kind = _treatments_by_kind(site, ids)
    chosen = [t for kind in HOME_KINDS for t in by_kind.get(kind, [])]
    return [Item(site.title_of("treatment", t), notes.cite(site.treatments[t].model.summary)) for t in chosen]


def _foot_care(site: Site, notes: Notes) -> list[Item]:
    return _home_items(site, notes, [t for t, e in site.treatments.items() if e.model.kind == "foot-care"])


def topic_handout(site: Site) -> HandoutContent:
    """The overview handout: what numb feet are, the warning signs, daily foot care."""
    topic: Topic = site.topic.model
    notes = Notes(site)
    out = _base(site, "index.md", topic.title, topic.reviewed, topic.reviewed_by)
    out.intro = [notes.cite(topic.summary), notes.cite(topic.what_it_feels_like)]
    out.feelings = list(topic.sensations)
    flags = _red_flags_by_urgency(site)
    out.emergency, out.urgent = _signs(site, flags["emergency"]), _signs(site, flags["urgent"])
    out.home = _foot_care(site, notes)
    out.provider = [notes.cite(topic.not_just_asleep), notes.cite(topic.outlook)]
    for source_id in topic.sources:
        notes.number(source_id)
    out.sources = notes.lines()
    return out


def cause_handout(site: Site, cause_id: str) -> HandoutContent:
    """A cause's handout: what it is, its warning signs, home care, and what a provider can do."""
    cause: Cause = site.causes[cause_id].model
    notes = Notes(site)
    out = _base(site, site.page_of("cause", cause_id), cause.name, cause.reviewed, cause.reviewed_by)
    out.also_called = list(cause.also_called)
    out.intro = [notes.cite(cause.summary), notes.cite(cause.how_it_causes_numbness)]
    flags = _red_flags_by_urgency(site, cause.red_flags)
    if not flags["emergency"]:
        # Every handout leads with the emergency number; without signs of its own, the topic's apply.
        flags["emergency"] = _red_flags_by_urgency(site)["emergency"]
        out.emergency_is_general = True
    out.emergency, out.urgent = _signs(site, flags["emergency"]), _signs(site, flags["urgent"])
    out.home = _home_items(site, notes, cause.treatments)
    if not out.home:
        out.home, out.home_is_general = _foot_care(site, notes), True
    out.tests = sorted((site.title_of("test", t) for t in dict.fromkeys(cause.tests)), key=str.lower)
    by_kind = _treatments_by_kind(site, cause.treatments)
    out.treatments = [site.title_of("treatment", t) for kind, ids in by_kind.items() if kind not in HOME_KINDS for t in ids]
    for source_id in cause.sources:
        notes.number(source_id)
    out.sources = notes.lines()
    return out


def all_handouts(site: Site) -> list[HandoutContent]:
    """The topic's handout, then one per cause in id order."""
    return [topic_handout(site), *(cause_handout(site, c) for c in sorted(site.causes))]
