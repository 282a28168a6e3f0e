"""Content errors: what editors read. Each names a file, a line, a field and a fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace

FieldPath = tuple[str | int, ...]


def format_field(path: FieldPath) -> str:
    """('red_flags', 1, 'name') -> 'red_flags[1].name'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


# Words that join others in an id and say nothing alone ('weakness-or-cannot-move').
_JOINING_WORDS = frozenset(("a", "an", "and", "or", "of", "the", "with", "to", "in", "on", ""))


def _words(id_: str) -> set[str]:
    return set(id_.split("-")) - _JOINING_WORDS


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "; did you mean 'x'?" tail when a choice is close, else ''.

    Ids are words joined by hyphens, and editors often add, drop or swap a word ('mri-scan' for
    'mri', 'emg' for 'nerve-conduction-and-emg', 'speech-slurred'): a choice whose words hold all
    of the typed id's words, or all of whose words the id holds, is suggested when it is the only
    one; otherwise spelling closeness decides ('ct-scan' is only a letter or two from 'mri-scan')."""
    options = sorted(set(choices))
    typed = _words(word)
    shared = [c for c in options if typed and (typed <= _words(c) or _words(c) <= typed)]
    # Only an unambiguous word match is suggested: 'neuropathy' could be any of several.
    close = shared[:1] if len(shared) == 1 else difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# How much a problem matters: an error always fails; a warning fails under --strict (as in CI);
# a notice is a reminder that never fails (a review falling due soon).
SEVERITIES = ("error", "warning", "notice")


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place of the content."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {self.field}: {label}{self.message}" if self.field else f"{where}: {label}{self.message}"

    def as_error(self) -> ContentError:
        """The same problem, made to fail the run (--strict turns warnings into this)."""
        return replace(self, severity="error")


class ContentErrors(Exception):
    """Raised with every error found, so editors fix them all in one pass."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [e.format() for e in self.errors]
        files = len({e.file for e in self.errors})
        noun = "error" if len(self.errors) == 1 else "errors"
        lines.append(f"{len(self.errors)} {noun} in {files} file{'s' if files != 1 else ''}; nothing was written.")
        return "\n".join(lines)
