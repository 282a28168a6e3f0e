"""Validate stage: loaded documents -> typed models, with pydantic's errors made editor-friendly."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError, ContentErrors, FieldPath, did_you_mean
from .limits import MAX_ID, MAX_PAGES
from .load import PLACEHOLDER, Document, load_document, strings_in
from .parallel import jobs_for, map_shares
from .schema import (
    ENTITY_FOLDERS,
    FREE_TEXT,
    ID_PATTERN,
    PATTERN_WORDS,
    Citations,
    DecisionFlow,
    Reviewed,
    SiteConfig,
    Topic,
    carries,
    field_order,
)
from .site_address import published_address

M = TypeVar("M", bound=BaseModel)

# The readable name of each field's expected type, for "expected ..." messages.
_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "fields (name: value)",
    "dict_type": "fields (name: value)",
}


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


def _misspelt_required(errors: list[Any]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Unknown keys that are a missing required field misspelt, each with that field's location:
    one mistake, told once ("did you mean"), not as a missing field and an unknown one."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden":
            continue
        siblings = [str(m[-1]) for m in missing if m[:-1] == loc[:-1] and m not in found.values()]
        close = difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.6)
        if close:
            found[loc] = (*loc[:-1], close[0])
    return found


def _message(error: Any, doc: Document, model: type[BaseModel], meant: str | None = None) -> str:
    """What is wrong, in an editor's words; `meant`: the missing required field an unknown key misspells."""
    kind = error["type"]
    loc = tuple(error["loc"])
    typed = doc.plain_scalars.get(loc)
    if kind == "extra_forbidden":
        if meant is not None:
            return f"unknown field '{loc[-1]}'; did you mean '{meant}'? (a required field, so it counts as missing)"
        owner = _model_at(model, loc[:-1])
        names = field_order(owner) if owner else []
        hint = did_you_mean(str(loc[-1]), names) or f"; allowed fields: {', '.join(names)}"
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "missing":
        return "this required field is missing; add it"
    if typed == "":
        # `name:` with nothing after it: YAML reads that as null, which says nothing useful to an editor.
        choices = f"; use one of: {', '.join(_allowed(error))}" if kind == "literal_error" else ""
        return f"this field is empty; write its value after the colon{choices}"
    if kind == "string_type" and typed is not None:
        return f'YAML read the unquoted {typed} as {_yaml_word(doc, loc)}, not text; put it in quotes: "{typed}"'
    if kind in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[kind]}, got {_describe(error.get('input'))}{_type_fix(error, model)}"
    if kind == "literal_error":
        allowed = _allowed(error)
        value = typed if typed is not None else str(error.get("input"))  # what the editor typed, not True/None
        return f"'{value}' is not allowed; use one of: {', '.join(allowed)}{did_you_mean(value, allowed)}"
    if kind == "string_too_short":
        if isinstance(loc[-1], int):
            return "text is empty; write the text or remove the item"
        owner = _model_at(model, loc[:-1])
        field = owner.model_fields.get(str(loc[-1])) if owner else None
        if field is not None and field.is_required():
            return "text is empty; write the text (this field is required)"
        return "text is empty; write the text or remove the field"
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"text is {len(error['input'])} characters long; the limit here is {limit}, so shorten it"
    if kind == "int_parsing_size":
        return "this number is far too long; expected a whole number such as 2024"
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return f"this list needs at least {least} item{'s' * (least != 1)}; add {'one' if least == 1 else 'them'}"
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = "at least" if kind == "greater_than_equal" else "at most"
        bound = error["ctx"]["ge" if kind == "greater_than_equal" else "le"]
        return f"{error['input']} is out of range; use a number of {limit} {bound}"
    if kind == "string_pattern_mismatch":
        if error["ctx"]["pattern"] == ID_PATTERN:
            typed_id = str(error["input"])
            # Capitals, '_' or spaces are a slip of form ('MRI', 'ct_scan'); a path or address is not.
            fixed = "-".join(re.findall(r"[a-z0-9]+", typed_id.lower()))
            hint = f"; did you mean '{fixed}'?" if fixed and re.fullmatch(r"[A-Za-z0-9 _-]+", typed_id) else ""
            return (
                f"'{typed_id}' is not an id; ids use lower-case letters, digits and single hyphens, "
                f"like 'diabetic-neuropathy'{hint}"
            )
        words = PATTERN_WORDS.get(error["ctx"]["pattern"])
        if words:
            return f"'{error['input']}' is not {words}"
        return f"'{error['input']}' has the wrong form (expected {error['ctx']['pattern']})"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"])


def _type_fix(error: Any, model: type[BaseModel]) -> str:
    """How to write the value the schema expects, for the shapes YAML makes of common slips."""
    kind, value = error["type"], error.get("input")
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # '- Headache: sudden and severe': the ': ' made YAML read a field where text was meant.
        key, inner = next(iter(value.items()))
        if isinstance(inner, str):
            return f"; the ': ' made YAML read a field name, so put the whole text in quotes: \"{key}: {inner}\""
        return "; the ': ' made YAML read a field name, so put the whole text in quotes"
    if kind == "string_type" and isinstance(value, list):
        return "; write one text here, without [ ] and without lines starting with '- '"
    if kind in ("model_type", "dict_type"):
        owner = _model_at(model, tuple(error["loc"]))
        names = [name for name, field in owner.model_fields.items() if field.is_required()] if owner else []
        if names:
            return f"; write the fields on the lines below, indented: {', '.join(f'{name}: ...' for name in names)}"
    if kind == "int_from_float" and isinstance(value, float):
        return f"; write it without a decimal point, like {int(value)}"
    return ""


def _allowed(error: Any) -> list[str]:
    return [a.strip().strip("'") for a in error["ctx"]["expected"].replace(" or ", ", ").split(",")]


def _yaml_word(doc: Document, loc: tuple[Any, ...]) -> str:
    value = _value_at(doc.data, loc)
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "nothing (null)" if value is None else "a number"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields"
    return "text"


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The nested model class that owns a location, for listing its field names."""
    current: Any = model
    keyed = False  # the last field was a table by id (questions, outcomes): the next part is an id
    for part in loc:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        annotation = field.annotation
        keyed = typing.get_origin(annotation) is dict
        for arg in (*getattr(annotation, "__args__", ()), annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                current = arg
                break
            for inner in getattr(arg, "__args__", ()):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    current = inner
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def field_annotation(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The type the schema declares for the field at a location, with its Annotated extras (None if unknown)."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    owner = _model_at(model, loc[: names[-1]]) if names else None
    if owner is None:
        return None
    return typing.get_type_hints(owner, include_extras=True).get(loc[names[-1]])


def field_description(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """The schema's description of the field at a location ('' when there is none)."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return ""
    owner = _model_at(model, loc[: names[-1]])
    field = owner.model_fields.get(loc[names[-1]]) if owner else None
    return (field.description or "") if field else ""


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
            whole = f"{_value_at(doc.data, path)} {note}".replace('"', '\\"')
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
        misspelt = _misspelt_required(found)
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
            errors.append(doc.error(loc, _message(error, doc, model, meant), at_key=at_key, near=words, after_last=after_last))
        return None
    return None if placeholders or dropped else value


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _place_error(path: Path, root: Path, resolved: dict[Path, Path]) -> str | None:
    """Why a content path can't be read, or None: missing, a dangling or looping link, outside root, not a file.

    `resolved` caches real folder paths for one run: a plain file's real path is its folder's plus
    its name, so a library of thousands of files resolves each folder once, not every file."""
    try:
        plain_file = stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        plain_file = False
    if plain_file:
        for folder in (path.parent, root):
            if folder not in resolved:
                resolved[folder] = folder.resolve()
        return None if resolved[path.parent].is_relative_to(resolved[root]) else _outside(root)
    if not path.exists() and not path.is_symlink():
        return "file is missing; create it (see CONTRIBUTING.md)"
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11 reports a link loop so
        return "is a link that leads nowhere (or in a loop); replace it with the file itself"
    # Checked for every file, not only links: a linked parent folder leads outside as well.
    if not real.is_relative_to(root.resolve()):
        return _outside(root)
    if not real.is_file():
        return "is not a plain file; replace it with a YAML file"
    return None


def _outside(root: Path) -> str:
    return f"is a link to a file outside {root.name}/; copy the file in instead"


# Valid files already read by this process, by size and mtime: while serving, an edit
# re-reads one file instead of the whole library. Models are frozen, so sharing is safe.
_CacheKey = tuple[Path, str, type[BaseModel], str]
_LOADED: dict[_CacheKey, tuple[tuple[int, int], Loaded[Any]]] = {}
# One entity file's outcome in a share: the entity (or None), its errors, and its cache entry.
_Read = tuple[Loaded[Reviewed] | None, list[ContentError], _CacheKey, tuple[tuple[int, int], Loaded[Any]] | None]


def _cache_key(path: Path, root: Path, model: type[BaseModel], id_: str) -> _CacheKey:
    return (path, _display(path, root), model, id_)


def _read(
    path: Path, root: Path, model: type[M], errors: list[ContentError], resolved: dict[Path, Path], id_: str = ""
) -> Loaded[M] | None:
    display = _display(path, root)
    problem = _place_error(path, root, resolved)
    if problem:
        errors.append(ContentError(display, 1, 1, "", problem))
        return None
    info = path.stat()
    key = _cache_key(path, root, model, id_)
    version = (info.st_size, info.st_mtime_ns)
    cached = _LOADED.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]  # type: ignore[return-value]
    doc, load_errors = load_document(path, display)
    errors.extend(load_errors)
    if doc is None:
        return None
    model_value = validate_document(doc, model, errors)
    if model_value is None:
        return None
    loaded = Loaded(id_ or path.stem, model_value, doc)
    if not load_errors:  # a file with notes (such as a repeated key) is read again, so they are reported again
        _LOADED[key] = (version, loaded)
    return loaded


def _entity_files(content_dir: Path, errors: list[ContentError]) -> dict[str, list[Path]]:
    """The YAML files of each entity folder; anything else in content/ is an error."""
    known_top = {"topic.yaml", "citations.yaml", "decision_flow.yaml", *ENTITY_FOLDERS}
    for item in sorted(content_dir.iterdir()):
        if item.name.startswith(".") or item.name in known_top:
            continue
        hint = did_you_mean(item.name, known_top) or f"; expected one of: {', '.join(sorted(known_top))}"
        errors.append(ContentError(_display(item, content_dir), 1, 1, "", f"is not a known content file or folder{hint}"))
    found: dict[str, list[Path]] = {}
    for folder in ENTITY_FOLDERS:
        files = []
        base = content_dir / folder
        for item in sorted(base.iterdir()) if base.is_dir() else []:
            if item.name.startswith("."):
                continue
            display = _display(item, content_dir)
            if item.suffix != ".yaml" or (item.exists() and not item.is_file()):
                fix = f"rename it to {item.stem}.yaml" if item.suffix == ".yml" else "move it out of content/"
                errors.append(ContentError(display, 1, 1, "", f"only .yaml files belong in {folder}/; {fix}"))
                continue
            files.append(item)
        found[folder] = files
    pages = sum(len(files) for files in found.values())
    if pages > MAX_PAGES:
        # Refused before any file is parsed: a flood of files must not cost a long build first.
        errors.append(
            ContentError(
                _display(content_dir, content_dir),
                1,
                1,
                "",
                f"holds {pages} page files; the limit is {MAX_PAGES}, so merge or remove pages",
            )
        )
        return {folder: [] for folder in found}
    return found


def validate_content(content_dir: Path, site_config_dir: Path, jobs: int | None = None) -> ValidatedContent:
    """Load and validate every content file; raise ContentErrors listing all problems.

    `jobs`: processes reading the entity files at once (default: see parallel.jobs_for)."""
    errors: list[ContentError] = []
    if not content_dir.is_dir():
        raise ContentErrors([ContentError(content_dir.as_posix(), 1, 1, "", "content folder not found; check --content")])
    resolved: dict[Path, Path] = {}
    site = _with_published_address(_read(site_config_dir / "site.yaml", site_config_dir, SiteConfig, errors, resolved, "site"))
    topic = _read(content_dir / "topic.yaml", content_dir, Topic, errors, resolved, "topic")
    citations = _read(content_dir / "citations.yaml", content_dir, Citations, errors, resolved, "citations")
    flow = _read(content_dir / "decision_flow.yaml", content_dir, DecisionFlow, errors, resolved, "decision-flow")
    whole = not errors  # the four site-wide files: without them nothing can be linked
    unreadable: dict[str, set[str]] = {folder: set() for folder in ENTITY_FOLDERS}
    named: list[tuple[str, Path]] = []  # entity files whose names can be ids
    for folder, files in _entity_files(content_dir, errors).items():
        for path in files:
            problem = _name_problem(path)
            if problem:
                errors.append(ContentError(_display(path, content_dir), 1, 1, "", problem))
                unreadable[folder].add(_id_from_name(path))
            else:
                named.append((folder, path))
    entities: dict[str, list[Loaded[Reviewed]]] = {folder: [] for folder in ENTITY_FOLDERS}
    for (folder, path), (entity, found) in zip(named, _read_entities(named, content_dir, resolved, jobs), strict=True):
        errors.extend(found)
        if entity is not None:
            entities[folder].append(entity)
        else:
            unreadable[folder].add(path.stem)
    if site is None or topic is None or citations is None or flow is None or (errors and not whole):
        raise ContentErrors(errors)
    content = ValidatedContent(site=site, topic=topic, citations=citations, flow=flow, entities=entities)
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
    named: list[tuple[str, Path]], content_dir: Path, resolved: dict[Path, Path], jobs: int | None
) -> list[tuple[Loaded[Reviewed] | None, list[ContentError]]]:
    """Each entity file read and validated, with its errors, in the order given.

    Files are independent, so on a large library forked processes read shares of them at once
    (about a third of the generator's time at 3,000 causes; the models come back pickled)."""

    def read_share(share: Sequence[tuple[str, Path]]) -> list[_Read] | OSError:
        out: list[_Read] = []
        try:
            for folder, path in share:
                found: list[ContentError] = []
                entity = _read(path, content_dir, ENTITY_FOLDERS[folder], found, resolved)
                key = _cache_key(path, content_dir, ENTITY_FOLDERS[folder], "")
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
