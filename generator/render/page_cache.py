"""Render by dependency: pages made from content files, kept and reused while nothing they read has changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.content.link import Site, TitleReads

KINDS = ("cause", "red_flag", "test", "treatment")


def shared_inputs(site: Site) -> str:
    """Worked out once a Site (see _shared_inputs)."""
    if not site.shared_inputs_digest:
        site.shared_inputs_digest = _shared_inputs(site)
    return site.shared_inputs_digest


def _shared_inputs(site: Site) -> str:
    """A digest of all a content file's pages read besides that file and other pages' titles: the settings,
    every page's place (urgency, kind, group), the reverse links, the sources, the glossary, approvals, the
    flow (its emergency steps are on every cause page), the hazard log and the languages. Any change here
    remakes every page; a change to one file alone remakes its pages and those that print its title."""
    parts: dict[str, Any] = {
        "config": site.config.model_dump(mode="json"),
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


def every_title(site: Site) -> str:
    """A digest of every page's title, worked out once a Site, for a text that prints titles other than
    through Site.title_of (an index page's list of all pages, a feed): it is made again after any rename."""
    if not site.titles_digest:
        titles = {kind: {id_: site.title_of(kind, id_) for id_ in site.table(kind)} for kind in KINDS}
        text = json.dumps(titles, sort_keys=True, ensure_ascii=False)
        site.titles_digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return site.titles_digest


Inputs = tuple[object, ...]
Made = dict[str, tuple[Inputs, str, TitleReads]]


def _same(kept: Inputs, now: Inputs) -> bool:
    """The same inputs: each the very object (an unchanged file's model) or an equal value."""
    return len(kept) == len(now) and all(a is b or a == b for a, b in zip(kept, now, strict=True))


@dataclass
class PageCache:
    """What the last generation in this process made for each path: what it was made from beyond the shared
    inputs (its file's model, kept so its identity cannot be reused), the other pages' titles it printed and
    the text. Valid only under the same shared inputs."""

    shared: str = ""
    made: Made = field(default_factory=dict)
    reused: int = 0  # how many texts the last generation took from here
    site: Site | None = field(default=None, repr=False)  # the Site of the generation under way

    def start(self, site: Site, shared: str) -> Made:
        """Begin a generation of `site`: what may be reused under these shared inputs (nothing when they
        changed)."""
        old = self.made if shared == self.shared else {}
        self.shared, self.made, self.reused, self.site = shared, {}, 0, site
        return old

    def take(self, old: Made, path: str, inputs: Inputs) -> str | None:
        """The text made last time for this path, if it was made from the same inputs and every title it
        printed is unchanged; kept for next time."""
        found = old.get(path)
        if found is None or not _same(found[0], inputs) or not self._site().titles_unchanged(found[2]):
            return None
        self.made[path] = found
        self.reused += 1
        return found[1]

    def keep(self, path: str, inputs: Inputs, text: str, titles: TitleReads) -> None:
        """Keep a text made now, with the titles of other pages it printed (Site.recording_titles)."""
        self.made[path] = (inputs, text, titles)

    def take_or_make(self, old: Made, path: str, inputs: Inputs, make: Callable[[], str]) -> str:
        """The text made last time from the same inputs, else make() now; kept for next time either way."""
        text = self.take(old, path, inputs)
        if text is None:
            with self._site().recording_titles() as titles:
                text = make()
            self.keep(path, inputs, text, titles)
        return text

    def _site(self) -> Site:
        assert self.site is not None, "start() begins each generation"
        return self.site
