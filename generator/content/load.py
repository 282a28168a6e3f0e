"""Load stage: YAML files -> plain Python data, with the file:line of every node."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.content.errors import ContentError, FieldPath, format_field
from generator.content.field_types import CITATION_MARKER
from generator.content.limits import MAX_DEPTH, MAX_FILE_BYTES
from generator.content.yaml_errors import AliasRefused, TooDeep, tab_errors, yaml_error

# What `python -m generator new` writes where the editor must write something; never published.
PLACEHOLDER = "TODO"

SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """One YAML file's data and where each of its values stands."""

    path: Path
    display: str
    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # Where each field's key stands: the place to point at for an unknown or repeated field.
    key_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # Unquoted scalars YAML turned into a non-string (No -> False), by path: what the editor typed.
    plain_scalars: dict[FieldPath, str] = field(default_factory=dict)
    # Plain (unquoted) texts followed on their line by ' #...', by path: the note YAML dropped from them.
    trailing_notes: dict[FieldPath, str] = field(default_factory=dict)
    # False when no value can start with PLACEHOLDER: the file has neither the word nor a backslash
    # (the only way a quoted value can spell it otherwise), so its values need not be searched.
    may_hold_placeholder: bool = True
    # The file's lines, read on the first error placed inside a text (see where_in_text).
    _lines: list[str] | None = field(default=None, repr=False, compare=False)
    # Every source the document cites, worked out on first use (an unchanged file's document is reused while serving).
    _citations: list[tuple[FieldPath, str]] | None = field(default=None, repr=False, compare=False)

    def citations(self) -> list[tuple[FieldPath, str]]:
        """Every source id the document cites, in `sources` lists and in [^id] markers, with its path."""
        if self._citations is None:
            self._citations = list(citations_in(self.data))
        return self._citations

    def where(self, path: FieldPath) -> tuple[int, int]:
        """The line and column of a value, or of its nearest parent that exists."""
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.positions:
                return self.positions[path[:cut]]
        return (1, 1)

    def where_in_text(self, path: FieldPath, words: str, after_last: bool = False) -> tuple[int, int]:
        """Where `words` stand inside a text value that may run over many lines (a folded `>-` text):
        the line the editor must change, not only the field's first line (`after_last`: just after
        their last time in it). The file is read again, once, as only errors need it; the field's place
        when the words are not found as written there (split over two lines, or spelt with an escape)."""
        line, column = self.where(path)
        if self._lines is None:
            try:
                self._lines = self.path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeError):
                self._lines = []
        lines = self._lines
        if not words or line > len(lines):
            return line, column
        first = lines[line - 1]
        indent = len(first) - len(first.lstrip(" -"))
        place = None
        for number in range(line - 1, len(lines)):
            text = lines[number]
            if number > line - 1 and text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
                break  # the next field or item: the text ended before this line
            found = text.rfind(words, column - 1 if number == line - 1 else 0) if after_last else (
                text.find(words, column - 1 if number == line - 1 else 0)
            )
            if found >= 0:
                start = found
                if after_last:  # the start of the word after them, when one follows on the line
                    rest = text[found + len(words) :]
                    start = found + len(words) + (len(rest) - len(rest.lstrip(" ")) if rest.strip() else 0)
                place = (number + 1, start + 1)
                if not after_last:
                    break
        return place or (line, column)

    def error(
        self,
        path: FieldPath,
        message: str,
        severity: str = "error",
        at_key: bool = False,
        near: str | None = None,
        after_last: bool = False,
    ) -> ContentError:
        """An error at a value (at its key with at_key; at the words `near` inside it, when given)."""
        if near is not None:
            line, column = self.where_in_text(path, near, after_last)
        else:
            line, column = self.key_positions[path] if at_key and path in self.key_positions else self.where(path)
        return ContentError(self.display, line, column, format_field(path), message, severity)


# Characters no content needs and readers cannot see: C0/C1 controls (YAML escapes such as "\0" make
# them), lone surrogates (which cannot be written as UTF-8), the bidirectional overrides that make
# text display in another order than it is stored (the "Trojan Source" trick), and the zero-width
# spaces, joiners, marks and soft hyphen that pasted text brings along: a name with one inside is
# not the name the reviewer reads, nor the word a reader searches for.
INVISIBLE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)


_STR_TAG = "tag:yaml.org,2002:str"
# What YAML takes for a comment after a value on its line: white space, then '#'.
_NOTE_AFTER = re.compile(r"[ \t]+#")


class _Loader(yaml.SafeLoader):
    """Refuses aliases and deep nesting while composing: an alias bomb is never expanded, and
    PyYAML's recursive composer never meets nesting deep enough to exhaust Python's stack."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise AliasRefused(self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH and self.check_event(yaml.CollectionStartEvent):
                raise TooDeep(self.peek_event().start_mark)
            # PyYAML passes an int in a sequence and the key's node in a mapping; its type stubs say int.
            return super().compose_node(parent, index)  # type: ignore[no-any-return, arg-type]
        finally:
            self._depth -= 1


# libyaml parses about ten times faster than PyYAML's pure-Python parser. Its node tree is
# the same, except that its composer refuses nothing: an alias is the anchored node object met
# a second time, and nesting is not limited (tens of thousands of levels crash the process).
# So it is used only for text whose nesting is surely shallow, and anything unusual (an alias,
# nesting past MAX_DEPTH, a YAML error) goes back to the pure-Python parser, whose marks and
# messages the error texts are written (and tested) against.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
_FAST_NESTING_BOUND = 500  # far below where libyaml's recursive composer crashes, far above MAX_DEPTH
_BRACKETS = re.compile(r"[\[\]{}]")


_INDENT = re.compile(r"^ *", re.MULTILINE)


def _surely_shallow(text: str) -> bool:
    """An upper bound on the nesting of any YAML text stays under _FAST_NESTING_BOUND."""
    # Looser bounds first, from counts over the whole text: they settle almost every file without
    # the walks below (a tenth of the load stage at thousands of files). Brackets cannot nest
    # deeper than there are opening ones.
    indent = max(map(len, _INDENT.findall(text)), default=0)
    markers = text.count("- ") + text.count("? ") + text.count(": ")
    if text.count("[") + text.count("{") + 2 * (indent + 1) + markers < _FAST_NESTING_BOUND:
        return True
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    if deepest + 2 * (indent + 1) + markers < _FAST_NESTING_BOUND:
        return True
    block = 0
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        block = max(block, 2 * (indent + 1) + line.count("- ") + line.count("? ") + line.count(": "))
    return deepest + block < _FAST_NESTING_BOUND


class _Fallback(Exception):
    """The fast parser's tree has an alias or deep nesting: read it again the slow way, which reports it."""


class _Reader:
    """Turns a node tree into data while recording positions and refusing traps."""

    def __init__(self, doc: Document, text: str, fast: bool = False) -> None:
        self.fast = fast
        # Only a file with ' #' in it can have a note after a value; the rest skip the look at each line.
        self.lines = text.splitlines() if " #" in text else None
        self.seen: set[int] = set()
        self.doc = doc
        self.errors: list[ContentError] = []
        # Problems that leave the data usable (a repeated key: the first value is kept), so the
        # rest of the file is still validated and every mistake is reported in one run.
        self.notes: list[ContentError] = []
        self.constructor = SafeConstructor()

    def fail(self, node: Node, path: FieldPath, message: str) -> None:
        mark = node.start_mark
        self.errors.append(ContentError(self.doc.display, mark.line + 1, mark.column + 1, format_field(path), message))

    def read(self, node: Node, path: FieldPath) -> Any:
        if self.fast:
            if id(node) in self.seen or len(path) >= MAX_DEPTH:
                raise _Fallback
            self.seen.add(id(node))
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in SAFE_TAGS:
            self.fail(node, path, f"the tag '{node.tag}' is not allowed; remove it and write plain text")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.read(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == _STR_TAG:
            value: Any = node.value  # what SafeConstructor returns for text, without its bookkeeping
            if self.lines is not None and not node.style:
                self._note_after(node, path)
        else:
            try:
                value = self.constructor.construct_object(node)
            except (ValueError, yaml.constructor.ConstructorError):
                # Looks like a date or number but is not a real one: keep the text for the schema to judge.
                value = node.value
            if not isinstance(value, str) and not node.style:  # plain: None from PyYAML, '' from libyaml
                self.doc.plain_scalars[path] = node.value
        if isinstance(value, str) and (bad := INVISIBLE_CHARACTERS.search(value)):
            self.fail(node, path, f"contains the invisible character U+{ord(bad.group()):04X}; delete it")
            return None
        return value

    def _note_after(self, node: ScalarNode, path: FieldPath) -> None:
        end = node.end_mark
        rest = self.lines[end.line][end.column :] if self.lines and end.line < len(self.lines) else ""
        if _NOTE_AFTER.match(rest):
            self.doc.trailing_notes[path] = rest.strip()

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, path, "keys must be plain field names (merge keys << and lists as keys are not allowed)")
                continue
            key = str(key_node.value)
            if key in first_line:
                mark = key_node.start_mark
                message = f"duplicate key '{key}' (first at line {first_line[key]}); keep one and delete the other"
                self.notes.append(
                    ContentError(self.doc.display, mark.line + 1, mark.column + 1, format_field((*path, key)), message)
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.doc.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.read(value_node, (*path, key))
        return out


def load_document(path: Path, display: str) -> tuple[Document | None, list[ContentError]]:
    """Read one YAML file; return its document, or None with the reasons it can't be read."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)  # never read a huge file whole just to refuse it
    if len(raw) > MAX_FILE_BYTES:
        return None, [ContentError(display, 1, 1, "", f"file is larger than {MAX_FILE_BYTES // 1024} KiB; split it")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [ContentError(display, 1, 1, "", "file starts with a byte-order mark; save it as UTF-8 without BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [ContentError(display, line, 1, "", "text is not UTF-8; save the file as UTF-8")]
    tabs = tab_errors(display, text)
    if tabs:
        return None, tabs
    may_hold = PLACEHOLDER in text or "\\" in text
    if _FAST_LOADER is not None and not INVISIBLE_CHARACTERS.search(text) and _surely_shallow(text):
        try:
            root = yaml.compose(text, Loader=_FAST_LOADER)
            if root is not None:
                reader = _Reader(Document(path=path, display=display, data=None, may_hold_placeholder=may_hold), text, fast=True)
                reader.doc.data = reader.read(root, ())
                return _finish(reader)
        except (yaml.YAMLError, _Fallback):
            pass
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return None, [yaml_error(display, text, exc)]
    doc = Document(path=path, display=display, data=None, may_hold_placeholder=may_hold)
    if root is None:
        return None, [ContentError(display, 1, 1, "", "file is empty; fill it in or delete it")]
    reader = _Reader(doc, text)
    doc.data = reader.read(root, ())
    return _finish(reader)


def _finish(reader: _Reader) -> tuple[Document | None, list[ContentError]]:
    doc = reader.doc
    if reader.errors:
        return None, reader.errors + reader.notes
    if not isinstance(doc.data, dict):
        return None, [doc.error((), "the file must hold fields (name: value), not a single value or a list")]
    return doc, reader.notes


def citations_in(data: Any) -> Iterator[tuple[FieldPath, str]]:
    """Every source id some data cites: in `sources` lists and in [^id] markers, with its path."""
    for path, text in strings_in(data):
        if len(path) >= 2 and path[-2] == "sources" and isinstance(path[-1], int):
            yield path, text
        else:
            for match in CITATION_MARKER.finditer(text):
                yield path, match.group(1)


def strings_in(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text value of a document, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from strings_in(item, (*path, i))
    elif isinstance(data, str):
        yield path, data
