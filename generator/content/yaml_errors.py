"""Editors' messages for YAML that does not parse: tabs, unclosed quotes and the like, at file:line."""

from __future__ import annotations

import re

import yaml

from generator.content.errors import ContentError
from generator.content.limits import MAX_DEPTH


class AliasRefused(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        self.problem_mark = mark


class TooDeep(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        self.problem_mark = mark


def tab_errors(display: str, text: str) -> list[ContentError]:
    errors: list[ContentError] = []
    if "\t" not in text:
        return errors
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            errors.append(
                ContentError(display, number, indent.index("\t") + 1, "", "a tab is used for indenting; use spaces instead")
            )
    return errors


def yaml_error(display: str, text: str, exc: yaml.YAMLError) -> ContentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, AliasRefused):
        return ContentError(display, line, column, "", "aliases (*name) are not allowed; write the value out in full")
    if isinstance(exc, TooDeep):
        return ContentError(display, line, column, "", f"nested more than {MAX_DEPTH} levels deep; flatten the structure")
    if isinstance(exc, yaml.reader.ReaderError):
        # Raised before any mark exists; its position counts characters from the start of the text.
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        return ContentError(display, line, column, "", f"contains the invisible character U+{exc.character:04X}; delete it")
    problem = getattr(exc, "problem", None) or str(exc)
    context, opened = getattr(exc, "context", None) or "", getattr(exc, "context_mark", None)
    unclosed = problem.startswith(("found unexpected end", "found unexpected document"))
    if "quoted scalar" in context and opened is not None and unclosed:
        # YAML notices a missing closing quote only where the file (or a later line) ends: point at the opening one.
        lines = text.splitlines()
        quote = lines[opened.line][opened.column] if opened.line < len(lines) else '"'
        return ContentError(display, opened.line + 1, opened.column + 1, "", _never_closed(quote))
    if (quote := _unbalanced_quote(text, line)) is not None:
        quote_line, quote_column, mark, closed = quote
        message = (
            f"the quotes ({mark}) on this line do not pair up: each text in quotes needs one {mark} at its start "
            "and one at its end"
            if closed
            else _never_closed(mark)
        )
        return ContentError(display, quote_line, quote_column, "", message)
    if problem == "but found another document":
        return ContentError(display, line, column, "", "a second YAML document starts here (---); one file holds one page")
    hint = "check the indenting and quote text that contains ': ' or starts with a quote, [ or {"
    return ContentError(display, line, column, "", f"this is not valid YAML ({problem}); {hint}")


def _never_closed(quote: str) -> str:
    return f"this quote ({quote}) is never closed; end the text with {quote} (or write it without quotes)"


# A value as it starts on its line: after 'key: ', after '- ', or after '[' / ',' in a flow list.
_VALUE_START = re.compile(r"""(?:^\s*(?:-\s+)*(?:[A-Za-z_][\w-]*:\s+)?|[\[,]\s*)(["'])""")


def _unbalanced_quote(text: str, error_line: int) -> tuple[int, int, str, bool] | None:
    """The first line, up to where YAML gave up, whose quoted texts do not add up (its place, the quote,
    and whether the first text was closed): a text opened with a
    quote and never closed on its line makes YAML read on into the next lines and fail somewhere else,
    with words about scalars and block ends. (YAML allows a quoted text over several lines, but the
    guide's never do, and only a file YAML cannot read is judged this way.)"""
    for number, line in enumerate(text.splitlines()[:error_line], start=1):
        content = line.split(" #")[0] if "#" in line else line
        for match in _VALUE_START.finditer(content):
            mark = match.group(1)
            rest = content[match.end(1) :]
            closing = rest.replace("''", "") if mark == "'" else re.sub(r"\\.", "", rest)
            if mark not in closing:
                return number, match.start(1) + 1, mark, False
            # Closed, but with one quote too many or too few on the line.
            if mark == '"' and re.sub(r"\\.", "", content).count('"') % 2:
                return number, match.start(1) + 1, mark, True
    return None
