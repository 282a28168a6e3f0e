"""What each handout says, taken from the linked Site: plain text and source numbers, no markup."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from generator.content.addresses import page_address
from generator.content.built_in_pages import FOOT_CARE_PAGE, WARNING_SIGNS_PAGE
from generator.content.field_types import CITATION_MARKER, EMERGENCY_PLACEHOLDER
from generator.content.groupings import MAX_GENERAL, emergency_steps, red_flags_by_urgency, treatments_by_kind
from generator.content.link import Site
from generator.content.safety_schema import Approval
from generator.content.schema import Cause, Source, Topic
from generator.content.sign_off import approval_of
from generator.content.validate import Loaded
from generator.handouts import handout_of, short_address
from generator.render.dates import long_date
from generator.render.editions import translation_review_text
from generator.render.interface_words import words_for

# Treatments a reader does themselves, the daily foot care that keeps numb feet from harm first; the rest
# are for "when to see a provider".
HOME_KINDS = ("foot-care", "home-care")



# What a handout says instead of a site-wide list longer than MAX_GENERAL: (bold lead, the rest), in English
# (render/locales/ has them in other languages). Plain words (about grade 3-5); {emergency_number} is filled in.
EMERGENCY_ELSEWHERE = (
    "Call {emergency_number} right away",
    "if you have numbness and any emergency warning sign. Do not wait to see if it goes away. "
    "There are too many signs to print here. You can read them all online at:",
)
URGENT_ELSEWHERE = (
    "Contact your healthcare provider today",
    "if you have numbness and any other warning sign. You can read them all online at:",
)
SOON_ELSEWHERE = (
    "Book an appointment with your provider",
    "if you have numbness and signs that are not urgent. You can read them all online at:",
)
FOOT_CARE_ELSEWHERE = (
    "Take good care of your feet every day.",
    "Numb feet can get hurt without you feeling it. There are too many foot-care tips to print here. "
    "You can read them all online at:",
)


def fill(site: Site, text: str) -> str:
    """Plain text with the site's emergency number in place of {emergency_number}."""
    return text.replace(EMERGENCY_PLACEHOLDER, site.config.emergency_number)


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
        text = fill(self._site, text)
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
            # A web page gets its host so a reader can find it; the full reference is on the web page.
            host = urlparse(source.url).netloc.removeprefix("www.") if source.url and not source.doi else ""
            out.append(SourceLine(n, short_source(source), host))
        return out


def short_source(source: Source) -> str:
    """A source as paper prints it, in short: a web page's title and publisher; an article's first author,
    journal and year (the full reference, with its link, is on the web page)."""
    year = f", {source.year}" if source.year else ""
    if source.kind == "journal" and source.authors:
        first = source.authors[0] + (" et al" if len(source.authors) > 1 or source.et_al else "")
        return f"{first}. {source.journal}{year}."
    by = source.journal if source.kind == "journal" else source.publisher
    return f"{source.title.rstrip('.')}. {by}{year}."


@dataclass(frozen=True)
class Elsewhere:
    """Printed instead of a site-wide list too long for paper: what to do, and the page that lists them all."""

    lead: str  # printed in bold
    text: str
    address: str  # the page's short address, for people to type


def _elsewhere(site: Site, count: int, wording: tuple[str, str], page: str) -> Elsewhere | None:
    """None when `count` site-wide items fit a handout; else the line to print instead of them."""
    if count <= MAX_GENERAL:
        return None
    words = words_for(site.config.language)
    lead, text = (words(part, emergency_number=site.config.emergency_number) for part in wording)
    return Elsewhere(lead, text, short_address(page_address(site.config.site_url, page)))


@dataclass(frozen=True)
class General:
    """The site-wide lists, worked out once for all handouts (each is as long as the site is big)."""

    emergency: list[str]  # red flag ids, by sign
    urgent: list[str]
    soon: list[str]
    foot_care: list[str]  # treatment ids, by name

    @classmethod
    def of(cls, site: Site) -> General:
        flags = red_flags_by_urgency(site)
        foot_care = treatments_by_kind(site).get("foot-care", [])
        return cls(flags["emergency"], flags["urgent"], flags["soon"], foot_care)


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
    clinical_review: str  # "Approved by NAME, ROLE on DATE." or "Not yet reviewed by a clinician."
    translation_review: str = ""  # on a translated edition: who checked the translation, or that no one has yet
    also_called: list[str] = field(default_factory=list)
    intro: list[Cited] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    pattern: str = ""  # a cause's typical pattern, as on its page
    other_signs: list[str] = field(default_factory=list)  # a cause's other signs, as on its page
    emergency: list[str] = field(default_factory=list)
    emergency_is_general: bool = False
    emergency_elsewhere: Elsewhere | None = None  # when the site has too many to list (a cause's own are still listed)
    emergency_steps: list[Cited] = field(default_factory=list)  # what to do, as every emergency card says
    urgent: list[str] = field(default_factory=list)
    urgent_elsewhere: Elsewhere | None = None
    soon: list[str] = field(default_factory=list)
    soon_elsewhere: Elsewhere | None = None
    home: list[Item] = field(default_factory=list)
    home_is_general: bool = False
    home_elsewhere: Elsewhere | None = None
    provider: list[Cited] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    treatments: list[str] = field(default_factory=list)
    other_approaches: list[str] = field(default_factory=list)  # not a provider's treatment (the web's "Other approaches")
    sources: list[SourceLine] = field(default_factory=list)
    disclaimer: str = ""
    # Printed when the whole handout would not fit two pages: home care by name only (its page has the rest).
    compact: bool = False


def _clinical_review(site: Site, approval: Approval | None) -> str:
    words = words_for(site.config.language)
    if approval is None:
        return words("Not yet reviewed by a clinician.")
    date = long_date(approval.date, site.config)
    return words("Approved by {by}, {role} on {date}.", by=approval.by, role=approval.role, date=date)


def _base(site: Site, page: str, title: str, entry: Loaded[Any], kind: str, id_: str | None) -> HandoutContent:
    address = page_address(site.config.site_url, page)
    reviewed, reviewed_by = entry.model.reviewed, entry.model.reviewed_by
    due = reviewed + dt.timedelta(days=site.config.review_interval_days)
    clinical = _clinical_review(site, approval_of(site, kind, id_, entry))
    out = HandoutContent(handout_of(page), page, title, address, short_address(address), reviewed, reviewed_by, due, clinical)
    out.translation_review = translation_review_text(site, page)
    out.disclaimer = fill(site, site.config.disclaimer)
    return out


# The end of a sentence in cited text: its full stop (or ! or ?), the markers right after it, then a space.
_SENTENCE_END = re.compile(r"[.!?](?:\[\^[^\]\s]*\])*(?=\s|$)")


def first_sentence_cited(text: str) -> str:
    """A cited text's first sentence, with the sources that back it: its own markers, or when it has none,
    those that end the next sentence that has some (a marker covers the uncited sentences before it)."""
    match = _SENTENCE_END.search(text)
    if not match or match.end() >= len(text.rstrip()):
        return text
    sentence = text[: match.end()]
    if CITATION_MARKER.search(sentence):
        return sentence
    later = re.search(r"(?:\[\^[^\]\s]*\])+", text[match.end():])
    return sentence + later.group(0) if later else text


def _in_a_sentence(item: str) -> str:
    """A list item written to stand alone ("Burning pain"), as a part of a sentence ("burning pain");
    a first word in capitals ("CMT", "B12") stays as it is."""
    first = item.split(" ", 1)[0]
    kept = first == "I" or (len(first) > 1 and not first[1].islower())
    return item if kept else item[0].lower() + item[1:]


def _signs(site: Site, ids: list[str]) -> list[str]:
    return [site.title_of("red_flag", i) for i in ids]


def _home_items(site: Site, notes: Notes, ids: list[str], compact: bool = False) -> list[Item]:
    by_kind = treatments_by_kind(site, ids)
    chosen = [t for kind in HOME_KINDS for t in by_kind.get(kind, [])]
    if compact:  # names only: nothing cited, so no source is numbered for them
        return [Item(site.title_of("treatment", t), Cited([])) for t in chosen]
    # One sentence each: paper is short, and the habit's name says most of it.
    summaries = {t: first_sentence_cited(site.treatments[t].model.summary) for t in chosen}
    return [Item(site.title_of("treatment", t), notes.cite(summaries[t])) for t in chosen]


def _general_signs(site: Site, ids: list[str], wording: tuple[str, str]) -> tuple[list[str], Elsewhere | None]:
    """The site's signs of one urgency: listed when they fit, else a line pointing to the warning-signs page."""
    elsewhere = _elsewhere(site, len(ids), wording, WARNING_SIGNS_PAGE)
    return ([] if elsewhere else _signs(site, ids)), elsewhere


def _foot_care(site: Site, notes: Notes, general: General, compact: bool) -> tuple[list[Item], Elsewhere | None]:
    """The site's foot care: listed when it fits, else a line pointing to the foot-care page."""
    elsewhere = _elsewhere(site, len(general.foot_care), FOOT_CARE_ELSEWHERE, FOOT_CARE_PAGE)
    return ([] if elsewhere else _home_items(site, notes, general.foot_care, compact)), elsewhere


def topic_handout(site: Site, general: General | None = None, compact: bool = False) -> HandoutContent:
    """The overview handout: what numb feet are, the warning signs, daily foot care."""
    general = general or General.of(site)
    topic: Topic = site.topic.model
    notes = Notes(site)
    out = _base(site, "index.md", topic.title, site.topic, "topic", None)
    out.intro = [notes.cite(topic.summary), notes.cite(topic.what_it_feels_like)]
    out.feelings = list(topic.sensations)
    out.emergency, out.emergency_elsewhere = _general_signs(site, general.emergency, EMERGENCY_ELSEWHERE)
    out.emergency_steps = [notes.cite(step) for step in emergency_steps(site)]
    out.urgent, out.urgent_elsewhere = _general_signs(site, general.urgent, URGENT_ELSEWHERE)
    out.soon, out.soon_elsewhere = _general_signs(site, general.soon, SOON_ELSEWHERE)
    out.soon = [_in_a_sentence(sign) for sign in out.soon]
    out.home, out.home_elsewhere = _foot_care(site, notes, general, compact)
    out.compact = compact
    # Compact, the outlook is left to the web page: it repeats the home care listed just above.
    out.provider = [notes.cite(topic.not_just_asleep), *([] if compact else [notes.cite(topic.outlook)])]
    for source_id in topic.sources:
        notes.number(source_id)
    out.sources = notes.lines()
    return out


def cause_handout(site: Site, cause_id: str, general: General | None = None, compact: bool = False) -> HandoutContent:
    """A cause's handout: what it is, its warning signs, home care, and what a provider can do.

    Its own signs and care are printed in full, and the site's other emergency signs after its own;
    without home care of its own, the site's foot care stands in (when the site's lists are too long,
    a line pointing to their page)."""
    general = general or General.of(site)
    cause: Cause = site.causes[cause_id].model
    notes = Notes(site)
    out = _base(site, site.page_of("cause", cause_id), cause.name, site.causes[cause_id], "cause", cause_id)
    out.also_called = list(cause.also_called)
    out.intro = [notes.cite(cause.summary)]  # how it causes numbness is on the web page
    out.pattern = cause.typical_pattern(words_for(site.config.language))
    out.other_signs = [_in_a_sentence(sign) for sign in cause.other_symptoms]
    flags = red_flags_by_urgency(site, cause.red_flags)
    out.urgent = _signs(site, flags["urgent"])
    out.soon = [_in_a_sentence(sign) for sign in _signs(site, flags["soon"])]
    # Every handout leads with the emergency number and every emergency sign of the site: the cause's
    # own first, then the others (a patient given one handout has no other list to look at).
    others = [flag for flag in general.emergency if flag not in flags["emergency"]]
    general_signs, out.emergency_elsewhere = _general_signs(site, others, EMERGENCY_ELSEWHERE)
    out.emergency = _signs(site, flags["emergency"]) + general_signs
    out.emergency_is_general = not flags["emergency"]
    out.emergency_steps = [notes.cite(step) for step in emergency_steps(site)]
    out.home = _home_items(site, notes, cause.treatments, compact)
    out.compact = compact
    if not out.home:
        (out.home, out.home_elsewhere), out.home_is_general = _foot_care(site, notes, general, compact), True
    out.tests = sorted((site.title_of("test", t) for t in dict.fromkeys(cause.tests)), key=str.lower)
    by_kind = treatments_by_kind(site, cause.treatments)
    out.treatments = [site.title_of("treatment", t) for kind, ids in by_kind.items() if kind not in (*HOME_KINDS, "alternative")
                      for t in ids]
    out.other_approaches = [site.title_of("treatment", t) for t in by_kind.get("alternative", [])]
    for source_id in cause.sources:
        notes.number(source_id)
    out.sources = notes.lines()
    return out


def all_handouts(site: Site, compact: frozenset[str] = frozenset()) -> list[HandoutContent]:
    """The topic's handout, then one per cause in id order; those whose paths are in `compact`, compact."""
    general = General.of(site)
    topic = topic_handout(site, general, handout_of("index.md") in compact)
    causes = [
        cause_handout(site, c, general, handout_of(site.page_of("cause", c)) in compact) for c in sorted(site.causes)
    ]
    return [topic, *causes]
