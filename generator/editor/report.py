"""How `check` tells editors what it found: plain lines for a terminal, annotations for GitHub."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from generator.content.errors import ContentError

FORMATS = ("text", "github")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: a raw newline would end the annotation.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: ContentError) -> str:
    """One problem as a GitHub Actions annotation, shown on the pull request's line."""
    properties = {
        "file": problem.file,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": problem.field or problem.file.rsplit("/", 1)[-1],
    }
    listed = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{problem.severity} {listed}::{_escape_data(problem.message)}"


def apply_strict(problems: Iterable[ContentError], strict: bool) -> list[ContentError]:
    """Under --strict, warnings fail like errors; notices stay reminders."""
    return sorted(p.as_error() if strict and p.severity == "warning" else p for p in problems)


def summary(problems: list[ContentError], strict: bool = False, passed_detail: str = "") -> str:
    """The closing line: how many errors, warnings (and notices) in how many files, and the verdict."""
    counts = Counter(p.severity for p in problems)
    parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning")]
    if counts["notice"]:
        parts.append(_plural(counts["notice"], "notice"))
    files = len({p.file for p in problems})
    found = ", ".join(parts) + (f" in {_plural(files, 'file')}" if problems else "")
    if counts["error"]:
        tail = " (--strict: warnings count as errors)" if strict else ""
        return f"Check failed: {found}{tail}."
    return f"Check passed: {found}" + (f"; {passed_detail}." if passed_detail else ".")


def write_report(
    problems: list[ContentError], fmt: str, out: TextIO, err: TextIO, strict: bool = False, passed_detail: str = ""
) -> int:
    """Print every problem and the summary line; return the exit code (1 when any error remains)."""
    failed = any(p.severity == "error" for p in problems)
    if fmt == "github":
        # Annotations are read from standard output; the summary follows them as a plain line.
        for problem in problems:
            print(github_annotation(problem), file=out)
        print(summary(problems, strict, passed_detail), file=out)
    else:
        # Problems and their summary share one stream, so the summary always comes last.
        stream = err if problems else out
        for problem in problems:
            print(problem.format(), file=stream)
        print(summary(problems, strict, passed_detail), file=stream)
    return 1 if failed else 0
