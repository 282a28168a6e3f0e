"""The decision flow compiled for the page: the public JSON the script runs, and the
static question-and-outcome list shown without JavaScript and in print.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from generator.content.built_in_pages import FLOW_PAGE
from generator.content.field_types import CITATION_MARKER, EMERGENCY_PLACEHOLDER
from generator.content.link import Site
from generator.content.schema import FlowQuestion
from generator.render.interface_words import Words, words_for

_LINK_KINDS = (("causes", "cause"), ("tests", "test"), ("treatments", "treatment"))


def html_url(md_path: str) -> str:
    """Where MkDocs (use_directory_urls) publishes a page: causes/x.md -> causes/x/."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_href(from_md: str, to_md: str) -> str:
    """A link between two published pages, relative like the ones MkDocs writes."""
    start = html_url(from_md).rstrip("/") or "."
    relative = posixpath.relpath(html_url(to_md) or ".", start)
    return relative if relative.endswith("/") or relative == "." else relative + "/"


def plain(site: Site, text: str | None) -> str | None:
    """Reader-facing text without citation markers, with the site's emergency number filled in."""
    if text is None:
        return None
    stripped = CITATION_MARKER.sub("", text).replace(EMERGENCY_PLACEHOLDER, site.config.emergency_number)
    return " ".join(stripped.split())


def targets(question: FlowQuestion, words: Words) -> list[tuple[str, str]]:
    """(answer label, target id) of a question; a warning sign's "Yes" and "No" in the site's language (the
    labels of other questions are content, already in it)."""
    if question.red_flags:
        return [(words(label), target) for label, target in question.targets()]
    return question.targets()


def flow_data(site: Site) -> dict[str, Any]:
    """The flow as the page's script reads it."""
    flow = site.flow.model
    words = words_for(site.config.language)
    questions = {
        qid: {
            "ask": plain(site, q.ask),
            "help": plain(site, q.help),
            "answers": [{"label": label, "next": target} for label, target in targets(q, words)],
        }
        for qid, q in flow.questions.items()
    }
    outcomes = {}
    for oid, outcome in flow.outcomes.items():
        links = [
            {"title": site.title_of(kind, target), "href": page_href(FLOW_PAGE, site.page_of(kind, target))}
            for field, kind in _LINK_KINDS
            for target in getattr(outcome, field)
        ]
        outcomes[oid] = {
            "urgency": outcome.urgency,
            "title": plain(site, outcome.title),
            "text": plain(site, outcome.text),
            "steps": [plain(site, step) for step in outcome.steps],
            "comeBackIf": plain(site, outcome.come_back_if),
            "links": links,
        }
    return {
        "version": 1,
        "start": flow.start,
        "emergencyNumber": site.config.emergency_number,
        "questions": questions,
        "outcomes": outcomes,
    }


def flow_json_for_html(site: Site) -> str:
    """The JSON, safe inside <script>: no '<', '>' or '&' can end the element early."""
    text = json.dumps(flow_data(site), ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def question_order(site: Site) -> list[str]:
    """Questions in the order a reader meets them (breadth-first from the start), for the static list."""
    flow = site.flow.model
    order: list[str] = []
    queue = [flow.start]
    while queue:
        node = queue.pop(0)
        if node in order or node not in flow.questions:
            continue
        order.append(node)
        queue.extend(target for _, target in flow.questions[node].targets())
    return order
