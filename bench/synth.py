"""Synthetic, valid content of N causes, deterministic from a seed.

Proportions follow the real content/ (20 causes, 6 tests, 24 treatments, 15 red flags,
29 sources): per cause about 0.3 tests, 1.3 treatments, 0.75 red flags and 1.5 sources.
A cause page renders to about 600 words; the decision flow is small and asks every
warning sign. Text is made of plain filler words (no digits,
so it can never contain the emergency number) and every sentence cites a source.
"""

from __future__ import annotations

import random
from pathlib import Path

from generator.content.field_types import CauseGroup, TreatmentKind

GROUPS: tuple[str, ...] = CauseGroup.__args__  # type: ignore[attr-defined]
KINDS: tuple[str, ...] = TreatmentKind.__args__  # type: ignore[attr-defined]

_WORDS = (
    "nerve feet blood flow skin warm cold feel touch walk rest sleep care check shoe sock toe heel leg back spine "
    "signal pain burn slow fast day week month year nurse clinic test scan drink water food "
    "sugar level body weak strong floor step stair help home daily habit sore wound "
    "heal pinch sharp dull numb treat plan change improve"
).split()
_SYLLABLES = [c + v for c in "bdklmnrstv" for v in "aeiou"]
_SUFFIXES = ("syndrome", "neuropathy", "disease", "disorder", "palsy", "condition")


class _Text:
    """Filler sentences that end with a citation marker, as the schema requires."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, sources: list[str], words: int = 10) -> str:
        body = " ".join(self.rng.choice(_WORDS) for _ in range(words))
        return f"{body[0].upper()}{body[1:]}.[^{self.rng.choice(sources)}]"

    def paragraph(self, sources: list[str], sentences: int, words: int = 10) -> str:
        return " ".join(self.sentence(sources, words) for _ in range(sentences))

    def phrase(self, words: int = 3) -> str:
        text = " ".join(self.rng.choice(_WORDS) for _ in range(words))
        return text[0].upper() + text[1:]


def _names(rng: random.Random, count: int, suffixes: tuple[str, ...]) -> list[str]:
    """Unique, pronounceable names (letters only) such as 'Kobaru neuropathy'."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        name = f"{stem.capitalize()} {rng.choice(suffixes)}"
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _list(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def _review() -> str:
    return "reviewed: 2026-11-25\nreviewed_by: Synthetic reviewer\n"


def counts(n: int) -> dict[str, int]:
    """How many of each entity N causes come with, in the real content's proportions."""
    return {
        "causes": n,
        "tests": max(2, round(0.3 * n)),
        "treatments": max(4, round(1.3 * n)),
        "red_flags": max(2, round(0.75 * n)),
        "sources": max(2, round(1.5 * n)),
    }


def write_content(root: Path, n: int, seed: int = 8) -> dict[str, int]:
    """Write content/ and site_config/ for N causes under root; return the entity counts."""
    rng = random.Random(seed)
    text = _Text(rng)
    sizes = counts(n)
    content = root / "content"
    for folder in ("causes", "tests", "treatments", "red_flags"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (root / "site_config").mkdir(parents=True, exist_ok=True)

    source_ids = [f"src-{_slug(name)}" for name in _names(rng, sizes["sources"], ("review", "guide", "study", "notes"))]
    lines = ["sources:"]
    for i, source_id in enumerate(source_ids):
        if i % 4 == 3:
            lines += [
                f"  - id: {source_id}",
                "    kind: journal",
                f"    authors: [{text.phrase(1)} AB, {text.phrase(1)} CD]",
                f"    title: {_quoted(text.phrase(6))}",
                "    journal: Journal of Synthetic Feet",
                "    year: 2021",
                "    volume: '12'",
                "    issue: '3'",
                "    pages: e100",
                f"    doi: 10.5555/synthetic.{i}",
            ]
        else:
            lines += [
                f"  - id: {source_id}",
                "    kind: web",
                f"    title: {_quoted(text.phrase(4))}",
                "    publisher: Synthetic Health Service",
                f"    url: https://example.org/health/{source_id}",
            ]
    (content / "citations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def some(pool: list[str], k: int) -> list[str]:
        return rng.sample(pool, min(k, len(pool)))

    topic_sources = source_ids[:2]
    (content / "topic.yaml").write_text(
        f"title: Numb feet (synthetic)\n"
        f"summary: {_quoted(text.paragraph(topic_sources, 2))}\n"
        f"what_it_feels_like: {_quoted(text.paragraph(topic_sources, 2))}\n"
        f"sensations: [Tingling, Burning, Cold feet]\n"
        f"not_just_asleep: {_quoted(text.paragraph(topic_sources, 2))}\n"
        f"long_term: {_quoted(text.paragraph(topic_sources, 2))}\n"
        f"complications:\n  - {_quoted(text.sentence(topic_sources))}\n  - {_quoted(text.sentence(topic_sources))}\n"
        f"outlook: {_quoted(text.sentence(topic_sources))}\n" + _review() + f"sources: {_list(topic_sources)}\n",
        encoding="utf-8",
    )

    test_ids = [_slug(name) for name in _names(rng, sizes["tests"], ("scan", "test", "check", "study"))]
    for test_id in test_ids:
        cites = some(source_ids, 2)
        (content / "tests" / f"{test_id}.yaml").write_text(
            f"name: {_quoted(test_id.replace('-', ' ').capitalize())}\n"
            f"also_called: [{text.phrase(2)}]\n"
            f"what_happens: {_quoted(text.paragraph(cites, 5))}\n"
            f"what_it_can_show: {_quoted(text.paragraph(cites, 3))}\n" + _review() + f"sources: {_list(cites)}\n",
            encoding="utf-8",
        )

    treatment_ids = [_slug(name) for name in _names(rng, sizes["treatments"], ("therapy", "care", "routine", "medicine"))]
    for i, treatment_id in enumerate(treatment_ids):
        cites = some(source_ids, 2)
        extra = f"evidence: {_quoted(text.paragraph(cites, 2))}\n" if i % 3 == 0 else ""
        (content / "treatments" / f"{treatment_id}.yaml").write_text(
            f"name: {_quoted(treatment_id.replace('-', ' ').capitalize())}\n"
            f"kind: {KINDS[i % len(KINDS)]}\n"
            f"summary: {_quoted(text.paragraph(cites, 2))}\n"
            f"details:\n  - {_quoted(text.paragraph(cites, 2))}\n  - {_quoted(text.sentence(cites))}\n"
            f"cautions:\n  - {_quoted(text.paragraph(cites, 2))}\n" + extra + _review() + f"sources: {_list(cites)}\n",
            encoding="utf-8",
        )

    flag_ids = [_slug(name) for name in _names(rng, sizes["red_flags"], ("weakness", "spasm", "swelling", "fever"))]
    for i, flag_id in enumerate(flag_ids):
        cites = some(source_ids, 2)
        (content / "red_flags" / f"{flag_id}.yaml").write_text(
            f"sign: {_quoted('You have ' + flag_id.replace('-', ' '))}\n"
            f"urgency: {'emergency' if i % 5 < 2 else 'urgent'}\n"
            f"why: {_quoted(text.paragraph(cites, 3))}\n" + _review() + f"sources: {_list(cites)}\n",
            encoding="utf-8",
        )

    # Every source must be cited: cause j owns the sources whose index maps to it.
    owned: list[list[str]] = [[] for _ in range(n)]
    for k, source_id in enumerate(source_ids):
        owned[k * n // len(source_ids)].append(source_id)
    cause_names = _names(rng, n, _SUFFIXES)
    for j, name in enumerate(cause_names):
        cites = owned[j] + [rng.choice(source_ids)]
        cites = list(dict.fromkeys(cites))
        symptoms = "\n".join(f"  - {text.phrase(4)}" for _ in range(8))
        (content / "causes" / f"{_slug(name)}.yaml").write_text(
            f"name: {name}\n"
            f"also_called: [{text.phrase(2)}, {text.phrase(2)}]\n"
            f"group: {GROUPS[j % len(GROUPS)]}\n"
            f"summary: {_quoted(text.paragraph(cites, 3))}\n"
            f"how_it_causes_numbness: {_quoted(text.paragraph(cites, 22))}\n"
            f"onset: {('sudden', 'gradual', 'varies')[j % 3]}\n"
            f"sides: {('one', 'both', 'varies')[j % 3]}\n"
            f"other_symptoms:\n{symptoms}\n"
            f"tests: {_list(some(test_ids, 2))}\n"
            f"treatments: {_list(some(treatment_ids, 4))}\n"
            f"red_flags: {_list(some(flag_ids, 2))}\n" + _review() + f"sources: {_list(cites)}\n",
            encoding="utf-8",
        )

    # The decision flow asks every warning sign (the check requires it): one question for the
    # emergency signs, one for the urgent ones, then a choice between seeing a provider and home care.
    urgent_flags = [f for i, f in enumerate(flag_ids) if i % 5 >= 2]
    emergency_flags = [f for i, f in enumerate(flag_ids) if i % 5 < 2]
    flow_sources = source_ids[:1]
    (content / "decision_flow.yaml").write_text(
        "title: Check your symptoms\n"
        "intro: Answer one question at a time.\n"
        "start: ask-emergency\n"
        "questions:\n"
        "  ask-emergency:\n"
        "    ask: Do you have any of these signs?\n"
        f"    red_flags: {_list(emergency_flags)}\n"
        "    if_yes: emergency\n"
        "    if_no: ask-urgent\n"
        "  ask-urgent:\n"
        "    ask: Do you have any of these other signs?\n"
        f"    red_flags: {_list(urgent_flags)}\n"
        "    if_yes: urgent\n"
        "    if_no: ask-how-long\n"
        "  ask-how-long:\n"
        "    ask: How long has it lasted?\n"
        "    answers:\n"
        "      - label: More than a few days\n"
        "        next: soon\n"
        "      - label: It comes and goes when I sit\n"
        "        next: self-care\n"
        "outcomes:\n"
        "  emergency:\n    urgency: emergency\n    title: Call {emergency_number} now\n"
        f"    text: {_quoted(text.sentence(flow_sources))}\n    causes: [{_slug(cause_names[0])}]\n"
        "  urgent:\n    urgency: urgent\n    title: Contact your provider today\n"
        f"    text: {_quoted(text.sentence(flow_sources))}\n    tests: [{test_ids[0]}]\n"
        "  soon:\n    urgency: soon\n    title: Book a visit\n"
        f"    text: {_quoted(text.sentence(flow_sources))}\n    treatments: [{treatment_ids[0]}]\n"
        "  self-care:\n    urgency: self-care\n    title: Care for it at home\n"
        f"    text: {_quoted(text.sentence(flow_sources))}\n    come_back_if: {_quoted(text.sentence(flow_sources))}\n"
        + _review()
        + f"sources: {_list(flow_sources)}\n",
        encoding="utf-8",
    )

    (root / "site_config" / "site.yaml").write_text(
        "site_name: Numb Feet Guide (benchmark)\n"
        "site_url: https://example.org/numb-feet/\n"
        "language: en\n"
        'emergency_number: "911"\n'
        "disclaimer: This synthetic guide exists to measure the build. It is not medical advice.\n"
        "reviewer:\n  name: Synthetic reviewer\n  role: benchmark content\n"
        "publisher:\n  name: Benchmark\n  contact: bench@example.org\n  funding: None.\n  conflicts_of_interest: None.\n"
        "accessibility:\n  last_checked: 2026-11-25\n"
        "review_interval_days: 365\n"
        "reading_grade_budget: 8\n",
        encoding="utf-8",
    )
    return sizes
