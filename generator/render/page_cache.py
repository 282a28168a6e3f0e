"""Render by dependency: pages made from content files, kept and reused while nothing they read has changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from generator.content.link import Site


def shared_inputs(site: Site) -> str:
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


@dataclass
class PageCache:
    """What the last generation in this process made from each content file: the model it was made from
    (kept, so its identity cannot be reused) and the text. Valid only under the same shared inputs."""

    shared: str = ""
    made: dict[str, tuple[object, str]] = field(default_factory=dict)
    reused: int = 0  # how many texts the last generation took from here

    def start(self, shared: str) -> dict[str, tuple[object, str]]:
        """Begin a generation: what may be reused under these shared inputs (nothing when they changed)."""
        old = self.made if shared == self.shared else {}
        self.shared, self.made, self.reused = shared, {}, 0
        return old

    def take(self, old: dict[str, tuple[object, str]], path: str, model: object) -> str | None:
        """The text made last time for this path, if it was made from this very model; kept for next time."""
        found = old.get(path)
        if found is None or found[0] is not model:
            return None
        self.made[path] = found
        self.reused += 1
        return found[1]

    def keep(self, path: str, model: object, text: str) -> None:
        self.made[path] = (model, text)
