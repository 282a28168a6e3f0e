"""Validate stage: loaded documents -> typed models, with pydantic's errors made editor-friendly."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.content.errors import ContentError, ContentErrors, FieldPath, did_you_mean
from generator.content.field_messages import field_annotation, field_description, field_message, misspelt_required, value_at
from generator.content.field_types import FREE_TEXT, ID_PATTERN, LANGUAGE_PATTERN, carries
from generator.content.file_places import display_path, not_a_plain_file, place_error
from generator.content.glossary_schema import Glossary
from generator.content.limits import MAX_ID, MAX_PAGES
from generator.content.load import PLACEHOLDER, Document, load_document, strings_in
from generator.content.safety_schema import Approvals, HazardLog
from generator.content.schema import ENTITY_FOLDERS, Citations, DecisionFlow, Reviewed, Topic
from generator.content.site_address import published_address
from generator.content.site_schema import SiteConfig
from generator.parallel import jobs_for, map_shares

if TYPE_CHECKING:
    from generator.content.translations import LocaleFiles

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model and the document it came from (for file:line in later errors)."""

    id: str
    model: M
    doc: Document


@dataclass(frozen=True)
class ValidatedContent:
    site: Loaded[SiteConfig]
    topic: Loaded[Topic]
    citations: Loaded[Citations]
    flow: Loaded[DecisionFlow]
    entities: dict[str, list[Loaded[Reviewed]]]  # folder -> entities, sorted by id
    hazards: Loaded[HazardLog] | None = None  # content/safety/hazards.yaml, when the site has one
    approvals: Loaded[Approvals] | None = None  # content/safety/approvals.yaml, once a page is approved
    glossary: Loaded[Glossary] | None = None  # content/glossary.yaml, when the site has one
    translations: dict[str, LocaleFiles] = field(default_factory=dict)  # language -> content/<language>/'s files


# The word on its own, anywhere in a text: a note to self left in a sentence would be published.
_PLACEHOLDER_WORD = re.compile(rf"(?<![A-Za-z]){PLACEHOLDER}(?![A-Za-z])")


def _placeholders(doc: Document, model: type[BaseModel]) -> dict[FieldPath, ContentError]:
    """Every value still saying TODO, as an error naming what to write there."""
    found: dict[FieldPath, ContentError] = {}
    if not doc.may_hold_placeholder:
        return found
    for path, text in strings_in(doc.data):
        if text.strip().startswith(PLACEHOLDER):
            what = field_description(model, path).rstrip(".")
            hint = f" ({what})" if what else ""
            found[path] = doc.error(path, f"still says {PLACEHOLDER}; replace it{hint}")
        elif _PLACEHOLDER_WORD.search(text):
            found[path] = doc.error(path, f"still has {PLACEHOLDER} in it; finish the text and take {PLACEHOLDER} out")
    return found


def _dropped_notes(doc: Document, model: type[BaseModel]) -> list[ContentError]:
    """Free text that YAML cut short at a ' #': the editor's words after it would be lost without a word."""
    found = []
    for path, note in doc.trailing_notes.items():
        if carries(field_annotation(model, path), FREE_TEXT):
            whole = f"{value_at(doc.data, path)} {note}".replace('"', '\\"')
            found.append(doc.error(path, (
                f"YAML reads '{note}' after this text as a note and leaves it out; if it belongs to the text, "
                f'put the whole text in quotes, like "{whole}"; if it is a note, put it on a line of its own'
            )))
    return found


def validate_document(doc: Document, model: type[M], errors: list[ContentError]) -> M | None:
    """Validate one document against its model, adding readable errors."""
    placeholders = _placeholders(doc, model)
    errors.extend(placeholders.values())
    dropped = _dropped_notes(doc, model) if doc.trailing_notes else []
    errors.extend(dropped)
    try:
        value = model.model_validate(doc.data)
    except ValidationError as exc:
        found = exc.errors()
        misspelt = misspelt_required(found)
        for error in found:
            loc = tuple(error["loc"])
            if any(loc[: len(path)] == path for path in placeholders):
                continue  # the placeholder message already says what to write there
            if loc in misspelt.values():
                continue  # told at the misspelt key, which says what to call it
            at_key = error["type"] in ("extra_forbidden", "missing")
            problem = error.get("ctx", {}).get("error")  # a TextProblem knows the words it is about
            words, after_last = getattr(problem, "words", None), getattr(problem, "after_last", False)
            meant = str(misspelt[loc][-1]) if loc in misspelt else None
            message = field_message(error, doc, model, meant)
            errors.append(doc.error(loc, message, at_key=at_key, near=words, after_last=after_last))
        return None
    return None if placeholders or dropped else value


# Valid files already read by this process, by size and mtime: while serving, an edit
# re-reads one file instead of the whole library. Models are frozen, so sharing is safe.
_CacheKey = tuple[str, str, type[BaseModel], str]  # the file, the content folder, its model, its id
_LOADED: dict[_CacheKey, tuple[tuple[int, int], Loaded[Any]]] = {}
# One entity file's outcome in a share: the entity (or None), its errors, and its cache entry.
_Read = tuple[Loaded[Reviewed] | None, list[ContentError], _CacheKey, tuple[tuple[int, int], Loaded[Any]] | None]


def read_validated(
    path: Path, root: Path, model: type[M], errors: list[ContentError], resolved: dict[str, str], id_: str = ""
) -> Loaded[M] | None:
    """One file read and validated (or taken from this process's cache while its size and mtime are the
    same); its problems are added to `errors`."""
    return _read_keyed(path, root, model, errors, resolved, id_)[0]


def _read_keyed(
    path: Path,
    root: Path,
    model: type[M],
    errors: list[ContentError],
    resolved: dict[str, str],
    id_: str = "",
    plain: bool = False,
) -> tuple[Loaded[M] | None, _CacheKey]:
    """read_validated, with the file's cache key. `plain`: the caller's listing showed a plain file, no link."""
    key = (str(path), str(root), model, id_)
    problem = place_error(path, root, resolved, plain)
    if problem:
        errors.append(ContentError(display_path(path, root), 1, 1, "", problem))
        return None, key
    info = os.stat(path)
    version = (info.st_size, info.st_mtime_ns)
    cached = _LOADED.get(key)
    if cached is not None and cached[0] == version:
        return cached[1], key
    display = display_path(path, root)
    doc, load_errors = load_document(path, display)
    errors.extend(load_errors)
    if doc is None:
        return None, key
    model_value = validate_document(doc, model, errors)
    if model_value is None:
        return None, key
    loaded = Loaded(id_ or path.stem, model_value, doc)
    if not load_errors:  # a file with notes (such as a repeated key) is read again, so they are reported again
        _LOADED[key] = (version, loaded)
    return loaded, key


def _entity_files(
    content_dir: Path, errors: list[ContentError], plain: set[Path], languages: Sequence[str] = ()
) -> dict[str, list[Path]]:
    """The YAML files of each entity folder; anything else in content/ (but the editions' folders) is an error.
    Those the listing shows are plain files (not links) are added to `plain`."""
    known_top = {"topic.yaml", "citations.yaml", "decision_flow.yaml", GLOSSARY_FILE, SAFETY_FOLDER, *ENTITY_FOLDERS, *languages}
    for item in sorted(content_dir.iterdir()):
        if item.name.startswith(".") or item.name in known_top:
            continue
        hint = did_you_mean(item.name, known_top) or f"; expected one of: {', '.join(sorted(known_top))}"
        if item.is_dir() and re.fullmatch(LANGUAGE_PATTERN, item.name):
            hint = f"; to publish it as an edition, add `locales: {item.name}:` with its settings to site_config/site.yaml"
        errors.append(ContentError(display_path(item, content_dir), 1, 1, "", f"is not a known content file or folder{hint}"))
    found: dict[str, list[Path]] = {}
    for folder in ENTITY_FOLDERS:
        files = []
        base = content_dir / folder
        # os.scandir, not Path.iterdir: its entries know a plain file without a stat call (thousands of files).
        with os.scandir(base) if base.is_dir() else contextlib.nullcontext(iter(())) as entries:
            listed = sorted((entry for entry in entries if not entry.name.startswith(".")), key=lambda entry: entry.name)
        for entry in listed:
            item = base / entry.name
            stem, suffix = os.path.splitext(entry.name)
            if suffix != ".yaml" or not_a_plain_file(entry):
                fix = f"rename it to {stem}.yaml" if suffix == ".yml" else "move it out of content/"
                display = display_path(item, content_dir)
                errors.append(ContentError(display, 1, 1, "", f"only .yaml files belong in {folder}/; {fix}"))
                continue
            files.append(item)
            if entry.is_file(follow_symlinks=False):  # known from the listing, without a stat call
                plain.add(item)
        found[folder] = files
    pages = sum(len(files) for files in found.values())
    if pages > MAX_PAGES:
        # Refused before any file is parsed: a flood of files must not cost a long build first.
        errors.append(
            ContentError(
                display_path(content_dir, content_dir),
                1,
                1,
                "",
                f"holds {pages} page files; the limit is {MAX_PAGES}, so merge or remove pages",
            )
        )
        return {folder: [] for folder in found}
    return found


SAFETY_FOLDER = "safety"
GLOSSARY_FILE = "glossary.yaml"
HAZARD_LOG = "hazards.yaml"
APPROVALS = "approvals.yaml"


def _read_safety_files(
    content_dir: Path, errors: list[ContentError], resolved: dict[str, str]
) -> tuple[Loaded[HazardLog] | None, Loaded[Approvals] | None]:
    """content/safety/hazards.yaml and approvals.yaml, each if there is one; anything else there is an error."""
    folder = content_dir / SAFETY_FOLDER
    if not folder.is_dir():
        return None, None
    for item in sorted(folder.iterdir()):
        if item.name not in (HAZARD_LOG, APPROVALS) and not item.name.startswith("."):
            message = f"only {HAZARD_LOG} and {APPROVALS} belong in {SAFETY_FOLDER}/"
            errors.append(ContentError(display_path(item, content_dir), 1, 1, "", message))
    hazards, approvals = folder / HAZARD_LOG, folder / APPROVALS
    return (
        read_validated(hazards, content_dir, HazardLog, errors, resolved, "hazards") if hazards.exists() else None,
        read_validated(approvals, content_dir, Approvals, errors, resolved, "approvals") if approvals.exists() else None,
    )


def validate_content(content_dir: Path, site_config_dir: Path, jobs: int | None = None) -> ValidatedContent:
    """Load and validate every content file; raise ContentErrors listing all problems.

    `jobs`: processes reading the entity files at once (default: see parallel.jobs_for)."""
    errors: list[ContentError] = []
    if not content_dir.is_dir():
        raise ContentErrors([ContentError(content_dir.as_posix(), 1, 1, "", "content folder not found; check --content")])
    resolved: dict[str, str] = {}
    site_file = site_config_dir / "site.yaml"
    site = _with_published_address(read_validated(site_file, site_config_dir, SiteConfig, errors, resolved, "site"))
    topic = read_validated(content_dir / "topic.yaml", content_dir, Topic, errors, resolved, "topic")
    citations = read_validated(content_dir / "citations.yaml", content_dir, Citations, errors, resolved, "citations")
    flow = read_validated(content_dir / "decision_flow.yaml", content_dir, DecisionFlow, errors, resolved, "decision-flow")
    whole = not errors  # the four site-wide files: without them nothing can be linked
    # Without these the rest is still linked and checked.
    hazards, approvals = _read_safety_files(content_dir, errors, resolved)
    glossary_path = content_dir / GLOSSARY_FILE
    glossary = (
        read_validated(glossary_path, content_dir, Glossary, errors, resolved, "glossary")
        if glossary_path.exists() or glossary_path.is_symlink()
        else None
    )
    unreadable: dict[str, set[str]] = {folder: set() for folder in ENTITY_FOLDERS}
    named: list[tuple[str, Path]] = []  # entity files whose names can be ids
    languages = list(site.model.locales) if site is not None else []
    plain: set[Path] = set()
    for folder, files in _entity_files(content_dir, errors, plain, languages).items():
        for path in files:
            problem = _name_problem(path)
            if problem:
                errors.append(ContentError(display_path(path, content_dir), 1, 1, "", problem))
                unreadable[folder].add(_id_from_name(path))
            else:
                named.append((folder, path))
    entities: dict[str, list[Loaded[Reviewed]]] = {folder: [] for folder in ENTITY_FOLDERS}
    for (folder, path), (entity, found) in zip(named, _read_entities(named, content_dir, resolved, plain, jobs), strict=True):
        errors.extend(found)
        if entity is not None:
            entities[folder].append(entity)
        else:
            unreadable[folder].add(path.stem)
    from generator.content.translations import read_locale  # reads its files as this module does

    translations = {language: read_locale(content_dir, language, errors, resolved) for language in languages}
    if site is None or topic is None or citations is None or flow is None or (errors and not whole):
        raise ContentErrors(errors)
    content = ValidatedContent(
        site=site, topic=topic, citations=citations, flow=flow, entities=entities, hazards=hazards, approvals=approvals,
        glossary=glossary, translations=translations,
    )
    if errors:
        raise PartlyValid(errors, content, unreadable)
    return content


def _with_published_address(site: Loaded[SiteConfig] | None) -> Loaded[SiteConfig] | None:
    """site.yaml as read, with the address a deploy set in the environment (see site_address)."""
    address = published_address()
    if site is None or address is None:
        return site
    return Loaded(site.id, site.model.model_copy(update={"site_url": address}), site.doc)


class PartlyValid(ContentErrors):
    """Some page files did not validate; the rest can still be linked and checked against each other.
    `unreadable`: folder -> ids of the files that did not validate (references to them are not errors)."""

    def __init__(self, errors: list[ContentError], content: ValidatedContent, unreadable: dict[str, set[str]]) -> None:
        super().__init__(errors)
        self.content = content
        self.unreadable = unreadable


def _id_from_name(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


def _name_problem(path: Path) -> str | None:
    """Why an entity file's name cannot be its id (which becomes a web address), or None."""
    if len(path.stem) > MAX_ID:
        return f"file name '{path.name}' is longer than {MAX_ID} characters; shorten it (it becomes a web address)"
    if not re.fullmatch(ID_PATTERN, path.stem):
        suggestion = _id_from_name(path)
        return (
            f"file name '{path.name}' is not a valid id; rename it to '{suggestion}.yaml' "
            "(lower-case letters, digits and single hyphens)"
        )
    return None


def _read_entities(
    named: list[tuple[str, Path]], content_dir: Path, resolved: dict[str, str], plain: set[Path], jobs: int | None
) -> list[tuple[Loaded[Reviewed] | None, list[ContentError]]]:
    """Each entity file read and validated, with its errors, in the order given.

    Files are independent, so on a large library forked processes read shares of them at once
    (about a third of the generator's time at 3,000 causes; the models come back pickled)."""

    def read_share(share: Sequence[tuple[str, Path]]) -> list[_Read] | OSError:
        out: list[_Read] = []
        try:
            for folder, path in share:
                found: list[ContentError] = []
                entity, key = _read_keyed(path, content_dir, ENTITY_FOLDERS[folder], found, resolved, "", path in plain)
                out.append((entity, found, key, _LOADED.get(key)))
        except OSError as exc:  # a file that cannot be read: raised as one process raises it, not as a share's failure
            return exc
        return out

    count = max(1, min(jobs_for(len(named), jobs), len(named)))
    outcomes = map_shares(read_share, named, count)
    shares: list[list[_Read]] = []
    for outcome in outcomes:
        if isinstance(outcome, OSError):
            raise outcome
        shares.append(outcome)
    # map_shares deals items out in turn: item i is the (i // count)-th of share i % count.
    results = [shares[i % count][i // count] for i in range(len(named))]
    for _, _, key, kept in results:
        if kept is not None:  # what a forked process kept, kept here too (serving reads only edited files again)
            _LOADED[key] = kept
    return [(entity, found) for entity, found, _, _ in results]
