"""Render by dependency: pages made from content files, kept and reused while nothing they read has changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.content.link import Site


def shared_inputs(site: Site) -> str:
    """Worked out once a Site (see _shared_inputs)."""
    if not site.shared_inputs_digest:
        site.shared_inputs_digest = _shared_inputs(site)
    return site.shared_inputs_digest


def _shared_inputs(site: Site) -> str:
    """A digest of all a content file's pages read besides that file: the settings, every page's title and
    place (urgency, kind, group), the reverse links, the sources, the glossary, approvals, the flow (its
    emergency steps are on every cause page), the hazard log and the languages. Any change here remakes every
    page; a change to one file alone remakes only its pages."""
    kinds = ("cause", "red_flag", "test", "treatment")
    titles = {kind: {id_: site.title_of(kind, id_) for id_ in site.table(kind)} for kind in kinds}
    parts: dict[str, Any] = {
        "config": site.config.model_dump(mode="json"),
        "titles": titles,
        "urgency": {id_: flag.model.urgency for id_, flag in site.red_flags.items()},
        "treatment kinds": {id_: treatment.model.kind for id_, treatment in site.treatments.items()},
        "groups": {id_: cause.model.group for id_, cause in site.causes.items()},
        "reverse": [site.causes_by_test, site.causes_by_treatment, site.causes_by_red_flag, site.citing_pages],
        "sources": {id_: source.model_dump(mode="json") for id_, source in site.sources.items()},
        "glossary": site.glossary.model.model_dump(mode="json") if site.glossary else None,
        "approvals": site.approvals.model.model_dump(mode="json") if site.approvals else None,
        "flow": site.flow.model.model_dump(mode="json"),
        "topic": site.topic.model.title,
        "hazards": site.hazards.model.model_dump(mode="json") if site.hazards else None,
        "languages": site.languages,
        "edition": repr(site.edition),
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Inputs = tuple[object, ...]
Made = dict[str, tuple[Inputs, str]]


def _same(kept: Inputs, now: Inputs) -> bool:
    """The same inputs: each the very object (an unchanged file's model) or an equal value."""
    return len(kept) == len(now) and all(a is b or a == b for a, b in zip(kept, now, strict=True))


@dataclass
class PageCache:
    """What the last generation in this process made for each path: what it was made from beyond the shared
    inputs (its file's model, kept so its identity cannot be reused) and the text. Valid only under the same
    shared inputs."""

    shared: str = ""
    made: Made = field(default_factory=dict)
    reused: int = 0  # how many texts the last generation took from here

    def start(self, shared: str) -> Made:
        """Begin a generation: what may be reused under these shared inputs (nothing when they changed)."""
        old = self.made if shared == self.shared else {}
        self.shared, self.made, self.reused = shared, {}, 0
        return old

    def take(self, old: Made, path: str, inputs: Inputs) -> str | None:
        """The text made last time for this path, if it was made from the same inputs; kept for next time."""
        found = old.get(path)
        if found is None or not _same(found[0], inputs):
            return None
        self.made[path] = found
        self.reused += 1
        return found[1]

    def keep(self, path: str, inputs: Inputs, text: str) -> None:
        self.made[path] = (inputs, text)

    def take_or_make(self, old: Made, path: str, inputs: Inputs, make: Callable[[], str]) -> str:
        """The text made last time from the same inputs, else make() now; kept for next time either way."""
        text = self.take(old, path, inputs)
        if text is None:
            text = make()
            self.keep(path, inputs, text)
        return text
