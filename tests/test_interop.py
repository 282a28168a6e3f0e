"""The exports for other systems: the FHIR Questionnaire, the code lookup, the feeds and the content API."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from fhir.resources.questionnaire import Questionnaire as QuestionnaireR5
from fhir.resources.R4B.questionnaire import Questionnaire as QuestionnaireR4B

from generator.content.field_types import ICD10CM_PATTERN
from generator.content.link import Site
from generator.exports import codes, feeds, fhir
from generator.exports.changes import content_pages
from generator.exports.files import export_files
from generator.pipeline import prepare

from .conftest import ROOT

# FHIR R4's Questionnaire codes (hl7.org/fhir/R4/valueset-publication-status.html, -item-type.html, -questionnaire-enable-operator.html).
STATUSES = {"draft", "active", "retired", "unknown"}
ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text", "url",
              "choice", "open-choice", "attachment", "reference", "quantity"}
OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}


@pytest.fixture(scope="module")
def site() -> Site:
    return prepare(ROOT / "content", ROOT / "site_config")


@pytest.fixture(scope="module")
def files(site: Site) -> dict[str, str]:
    return export_files(site)


def _items(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from _items(item.get("item", []))


# ---------------------------------------------------------------- FHIR Questionnaire

def test_questionnaire_is_valid_fhir(files: dict[str, str]) -> None:
    """The fhir.resources models (R4B, whose Questionnaire is R4's, and R5) accept the resource as it is."""
    data = json.loads(files[fhir.PATH])
    assert QuestionnaireR4B.model_validate(data).id == "check-your-symptoms"
    # "draft" until a clinician's approval matches the checker (tests/test_sign_off.py has approvals).
    assert QuestionnaireR5.model_validate(data).status == "draft"


def test_questionnaire_keeps_the_rules_the_models_do_not(files: dict[str, str]) -> None:
    """Codes from FHIR's value sets, unique linkIds, and every enableWhen naming an earlier question with a fitting answer."""
    data = json.loads(files[fhir.PATH])
    assert data["status"] in STATUSES
    items = list(_items(data["item"]))
    link_ids = [item["linkId"] for item in items]
    assert len(link_ids) == len(set(link_ids))
    seen: dict[str, dict[str, Any]] = {}
    problems = []
    for item in data["item"]:
        assert item["type"] in ITEM_TYPES
        conditions = item.get("enableWhen", [])
        if len(conditions) > 1 and item.get("enableBehavior") not in ("all", "any"):
            problems.append(f"{item['linkId']}: several enableWhen without enableBehavior (que-12)")
        for condition in conditions:
            asked = seen.get(condition["question"])
            if asked is None:
                problems.append(f"{item['linkId']}: enableWhen names {condition['question']}, not an earlier question")
                continue
            assert condition["operator"] in OPERATORS
            if asked["type"] == "boolean":
                assert isinstance(condition.get("answerBoolean"), bool)
            else:
                assert condition["answerCoding"] in [option["valueCoding"] for option in asked["answerOption"]]
        if item["type"] == "display":
            assert "item" not in item  # que-1: display items have no children
        else:
            seen[item["linkId"]] = item
        for child in item.get("item", []):
            assert child["type"] in ITEM_TYPES
    assert problems == []


def _paths(site: Site) -> Iterator[tuple[list[tuple[str, int]], str]]:
    """Every path through the flow: the (question, answer index) steps and the outcome it ends at."""
    flow = site.flow.model

    def walk(node: str, steps: list[tuple[str, int]]) -> Iterator[tuple[list[tuple[str, int]], str]]:
        if node in flow.outcomes:
            yield steps, node
            return
        for index, (_, target) in enumerate(flow.questions[node].targets()):
            yield from walk(target, [*steps, (node, index)])

    yield from walk(flow.start, [])


def _enabled(data: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """The linkIds a FHIR form shows for these answers: an answer to a disabled question counts as none (R4 3.1.x enableWhen)."""
    shown: set[str] = set()
    for item in data["item"]:
        conditions = item.get("enableWhen", [])
        met = [
            c["question"] in shown and c["question"] in answers
            and answers[c["question"]] == (c["answerBoolean"] if "answerBoolean" in c else c["answerCoding"]["code"])
            for c in conditions
        ]
        if not conditions or (any(met) if item.get("enableBehavior", "all") == "any" else all(met)):
            shown.add(item["linkId"])
    return [item["linkId"] for item in data["item"] if item["linkId"] in shown]


def test_questionnaire_reaches_the_flows_outcome_on_every_path(site: Site, files: dict[str, str]) -> None:
    """Answering as a reader of the page would, the form shows exactly that path's questions and its one outcome."""
    data = json.loads(files[fhir.PATH])
    flow = site.flow.model
    wrong, count = [], 0
    for steps, outcome in _paths(site):
        count += 1
        answers = {
            qid: (index == 0) if flow.questions[qid].red_flags else str(index) for qid, index in steps
        }
        expected = [qid for qid, _ in steps]
        shown = _enabled(data, answers)
        if sorted(shown) != sorted([*expected, outcome]):
            wrong.append(f"{' → '.join(f'{q}={i}' for q, i in steps)}: expected {outcome}, shown {shown}")
    assert count >= len(flow.questions) and wrong == []


def test_questionnaire_says_the_emergency_number(site: Site, files: dict[str, str]) -> None:
    """The number to call is in the description and in the emergency outcome's words."""
    data = json.loads(files[fhir.PATH])
    number = site.config.emergency_number
    emergency = next(i for i in data["item"] if i["linkId"] == "emergency")
    assert f"call {number}" in data["description"] and emergency["text"].startswith(f"Call {number} now.")
    assert "[^" not in files[fhir.PATH] and "{emergency_number}" not in files[fhir.PATH]


# ---------------------------------------------------------------- codes

def test_every_code_has_the_tabular_lists_form(site: Site) -> None:
    """The real content's codes match the pattern check enforces, and the pattern refuses look-alikes."""
    found = [entry.code for cause in site.causes.values() for entry in cause.model.icd10cm]
    assert len(found) >= 10 and all(re.fullmatch(ICD10CM_PATTERN, code) for code in found)
    for good in ("E11.42", "G35", "U07.1", "M1A.00", "C7B.00", "S14.101A", "G35.A"):
        assert re.fullmatch(ICD10CM_PATTERN, good), good
    for bad in ("e11.42", "E1142", "E11.", "E11.42123", "11.42", "EE1.42", "E1C.1"):
        assert not re.fullmatch(ICD10CM_PATTERN, bad), bad


def test_a_code_or_its_prefix_finds_the_page(files: dict[str, str]) -> None:
    """codes.json: a full code, a prefix, a longer code from a record, and lower case all find their page."""
    lookup = json.loads(files[codes.PATH])
    assert codes.find_pages(lookup, "E11.4") == ["diabetic-neuropathy"]
    assert codes.find_pages(lookup, "e11.42") == ["diabetic-neuropathy"]
    assert codes.find_pages(lookup, "M32.14") == ["lupus"]  # a more specific record code walks up to M32
    assert codes.find_pages(lookup, "G62") == ["alcohol-related-nerve-damage", "medication-side-effects", "peripheral-neuropathy"]
    assert codes.find_pages(lookup, "Z99.9") == []
    page = lookup["pages"]["diabetic-neuropathy"]
    assert page == {
        "title": "Diabetic neuropathy",
        "url": "https://example.org/numb-feet/causes/diabetic-neuropathy/",
        "handout": "https://example.org/numb-feet/handouts/causes/diabetic-neuropathy.pdf",
        "api": "https://example.org/numb-feet/api/causes/diabetic-neuropathy.json",
    }
    assert lookup["codes"]["E11.42"]["title"] == "Type 2 diabetes mellitus with diabetic polyneuropathy"
    assert lookup["prefixes"]["E11.4"] == ["E11.40", "E11.42"] and "E11." not in lookup["prefixes"]


def test_a_shared_code_with_reasons_is_allowed(tree: Path) -> None:
    """Two causes may share a code when each says why; the lookup then lists both pages."""
    cause = tree / "content/causes/toe-trouble.yaml"
    entry = "icd10cm:\n  - code: G62.9\n    title: Polyneuropathy, unspecified\n    shared_because: Both are nerve damage of unknown cause.\n"
    cause.write_text(cause.read_text().replace("red_flags: [slurred-speech, rash]\n", f"red_flags: [slurred-speech, rash]\n{entry}"))
    (tree / "content/causes/toe-pain.yaml").write_text(
        cause.read_text().replace("name: Toe trouble", "name: Toe pain").replace("also_called: [TT]\n", "")
    )
    with (tree / "content/citations.yaml").open("a") as handle:
        handle.write("  - id: cdc-icd-10-cm\n    kind: web\n    title: ICD-10-CM\n    publisher: NCHS\n")
    site = prepare(tree / "content", tree / "site_config")
    lookup = codes.code_lookup(site)
    assert lookup["codes"]["G62.9"]["pages"] == ["toe-pain", "toe-trouble"]


# ---------------------------------------------------------------- feeds

def test_atom_feed_is_valid_and_newest_first(site: Site, files: dict[str, str]) -> None:
    """feedparser reads the Atom feed without complaint: every content page, absolute addresses, newest change first."""
    parsed = feedparser.parse(files[feeds.ATOM_PATH])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    entries = parsed.entries
    assert len(entries) == len(content_pages(site))
    days = [entry.updated_parsed[:3] for entry in entries]
    assert days == sorted(days, reverse=True)
    base = site.config.site_url
    assert all(entry.link.startswith(base) and entry.id == entry.link and entry.summary for entry in entries)
    assert {entry.title for entry in entries} >= {"Diabetic neuropathy", "Check your symptoms"}


def test_json_feed_has_what_the_spec_requires(site: Site, files: dict[str, str]) -> None:
    """JSON Feed 1.1 (jsonfeed.org/version/1.1): version, title, items; each item an id and content; RFC 3339 dates."""
    feed = json.loads(files[feeds.JSON_PATH])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"] == site.config.site_url + "feed.json"
    items = feed["items"]
    assert len(items) == len(content_pages(site))
    for item in items:
        assert isinstance(item["id"], str) and item["id"] and (item.get("content_text") or item.get("content_html"))
        assert item["url"].startswith(site.config.site_url) and item["title"]
        dt.datetime.fromisoformat(item["date_modified"].replace("Z", "+00:00"))
    assert [i["date_modified"] for i in items] == sorted((i["date_modified"] for i in items), reverse=True)
    atom_order = [entry.id for entry in feedparser.parse(files[feeds.ATOM_PATH]).entries]
    assert [item["id"] for item in items] == atom_order


# ---------------------------------------------------------------- content API

def test_content_api_has_each_pages_typed_content(site: Site, files: dict[str, str]) -> None:
    """api/causes/x.json carries the name, other names, summary, sections, signs by urgency, sources and schema.org type."""
    page = json.loads(files["api/causes/diabetic-neuropathy.json"])
    assert page["name"] == "Diabetic neuropathy" and "nerve damage from diabetes" in page["otherNames"]
    assert page["summary"].startswith("Diabetes can damage your nerves.") and "[^" not in page["summary"]
    assert [s["heading"] for s in page["sections"]] == ["How it causes numbness", "Typical pattern", "Other symptoms"]
    assert page["sections"][0]["sources"] == ["niddk-diabetic-neuropathies", "gong-2023-amputation"]
    assert set(page["redFlags"]) == {"emergency", "urgent", "soon"}
    assert [f["id"] for f in page["redFlags"]["emergency"]] == ["foot-wound-with-fever-or-black-skin"]
    assert page["schemaOrg"] == {"@type": "MedicalWebPage", "about": "MedicalCondition"}
    assert {s["id"] for s in page["sources"]} <= set(site.sources) and page["sources"][0]["url"]
    assert page["icd10cm"][0] == {"code": "E10.42", "title": "Type 1 diabetes mellitus with diabetic polyneuropathy"}


def test_content_api_index_lists_every_page_once(site: Site, files: dict[str, str]) -> None:
    """api/index.json names every page written from a content file (not the flow or safety log), each with its file."""
    index = json.loads(files["api/index.json"])
    listed = [(p["kind"], p["id"]) for p in index["pages"]]
    expected = [("topic", "topic")] + [(kind, entity.id) for kind, entity in site.all_entities()]
    assert sorted(listed) == sorted(expected)
    for entry in index["pages"]:
        path = entry["api"].removeprefix(site.config.site_url)
        assert json.loads(files[path])["url"] == entry["url"]


# ---------------------------------------------------------------- the site

def test_exports_land_in_the_built_site_unchanged(real_site: Path, files: dict[str, str]) -> None:
    """Every export is written into build/exports/ (not docs/, which MkDocs lists on every rebuild) and
    published in the site byte for byte, at its documented address."""
    missing = [p for p, text in files.items() if (real_site / "site" / p).read_text(encoding="utf-8") != text]
    assert missing == [] and (real_site / "site/fhir/Questionnaire-check-your-symptoms.json").is_file()
    assert (real_site / "build/exports/api/index.json").is_file() and not (real_site / "docs/api").exists()


def test_exports_are_the_same_every_time(site: Site, files: dict[str, str]) -> None:
    """No clock and no set order: the same content gives the same bytes."""
    assert export_files(site) == files
