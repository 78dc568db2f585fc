"""Find the line of a record or field in a knowledge file's text, and give
each problem found in the files its line (`locate`).

tomli returns no positions, so when (and only when) there are problems to
report we scan the text: `[[kind]]` headers start records, `key =` lines
inside a record's block name its fields. Good enough for hand-written files;
a key inside a multi-line string could mislead it, which costs only a line
number, never correctness.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sinokaz_cli.errors import Problem

if TYPE_CHECKING:
    from sinokaz_cli.reading.collected import Issue

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_ID = re.compile(r"""^\s*id\s*=\s*(?:"([^"\\]*)"|'([^']*)')""")


class LineMap:
    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        # kind -> list of (first line, last line), 1-based, in file order
        self._blocks: dict[str, list[tuple[int, int]]] = {}
        current: tuple[str, int] | None = None
        for number, line in enumerate(self._lines, start=1):
            header = _HEADER.match(line)
            if header or _TABLE.match(line):
                if current is not None:
                    self._close(current, number - 1)
                current = (header.group(1), number) if header else None
        if current is not None:
            self._close(current, len(self._lines))

    def _close(self, current: tuple[str, int], last: int) -> None:
        kind, first = current
        self._blocks.setdefault(kind, []).append((first, last))

    def record(self, kind: str, index: int) -> int | None:
        blocks = self._blocks.get(kind, [])
        return blocks[index][0] if 0 <= index < len(blocks) else None

    def field(self, kind: str, index: int, key: str) -> int | None:
        blocks = self._blocks.get(kind, [])
        if not 0 <= index < len(blocks):
            return None
        first, last = blocks[index]
        for number in range(first + 1, last + 1):
            m = _KEY.match(self._lines[number - 1])
            if m and m.group(1) == key:
                return number
        return first

    def with_id(self, kind: str, rid: str) -> int | None:
        """The first line of the `[[kind]]` record whose id is `rid`."""
        for first, last in self._blocks.get(kind, []):
            for number in range(first + 1, last + 1):
                m = _ID.match(self._lines[number - 1])
                if m and rid in (m.group(1), m.group(2)):
                    return first
        return None

    def table(self, kind: str) -> int | None:
        """The first line that opens `[[kind]]` or `[kind]`, or sets `kind =`."""
        for number, line in enumerate(self._lines, start=1):
            m = _HEADER.match(line) or _TABLE.match(line) or _KEY.match(line)
            if m and m.group(1).split(".")[0] == kind:
                return number
        return None


class _Texts(dict[str, str]):
    """A file's text, read again on first use: only files with problems need it."""

    def __missing__(self, file: str) -> str:
        try:
            text = self[file] = Path(file).read_bytes().decode("utf-8", "replace")
        except OSError:
            text = self[file] = ""
        return text

    def get(self, file: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self[file]


def locate(issues: list[Issue]) -> list[Problem]:
    """The problems to report: each issue with a line number, scanning only the
    files that have issues. The files' text is not kept while they are read: a
    file with problems is read again, to find their lines."""
    texts = _Texts()
    maps: dict[str, LineMap] = {}
    problems = []
    for issue in issues:
        line = issue.line
        text = texts.get(issue.file)
        if line is None and text is not None and (issue.kind or issue.key):
            lm = maps.get(issue.file)
            if lm is None:
                lm = maps[issue.file] = LineMap(text)
            if issue.kind is not None and issue.index is not None:
                line = (
                    lm.field(issue.kind, issue.index, issue.key)
                    if issue.key
                    else lm.record(issue.kind, issue.index)
                )
            elif issue.key:
                line = lm.table(issue.key)
        message = issue.message
        if issue.first is not None:
            message += ", first defined at " + _where(issue.first, issue.file, texts, maps)
        problems.append(
            Problem(issue.file, message, line, issue.column, issue.record, issue.field, issue.hint)
        )
    # In file order; a problem with no line (a whole-file one) after the located ones.
    problems.sort(key=lambda p: (p.file, p.line is None, p.line or 0))
    return problems


def _where(
    first: tuple[str, str, int], file: str, texts: dict[str, str], maps: dict[str, LineMap]
) -> str:
    """'line 9' in the same file, else 'other.toml:9'."""
    other, kind, index = first
    text = texts.get(other)
    line = None
    if text is not None:
        if other not in maps:
            maps[other] = LineMap(text)
        line = maps[other].field(kind, index, "id")
    if other == file:
        return f"line {line}" if line else "an earlier record"
    return f"{other}:{line}" if line else other


def at_source_lines(problems: list[Problem]) -> list[Problem]:
    """query.uncited's problems, each at the line of its [[source]] record; each file
    read and mapped once, however many of its sources are reported."""
    texts = _Texts()
    maps: dict[str, LineMap] = {}
    located = []
    for p in problems:
        line, text = p.line, texts[p.file]
        if line is None and text:
            lm = maps.get(p.file) or maps.setdefault(p.file, LineMap(text))
            line = lm.with_id("source", (p.record or "").removeprefix("source ").strip("'"))
        located.append(p._replace(line=line))
    return located
