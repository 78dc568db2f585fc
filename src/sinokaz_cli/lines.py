"""Find the line of a record or field in a knowledge file's text.

tomli returns no positions, so when (and only when) there are problems to
report we scan the text: `[[kind]]` headers start records, `key =` lines
inside a record's block name its fields. Good enough for hand-written files;
a key inside a multi-line string could mislead it, which costs only a line
number, never correctness.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


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

    def table(self, kind: str) -> int | None:
        """The first line that opens `[[kind]]` or `[kind]`, or sets `kind =`."""
        for number, line in enumerate(self._lines, start=1):
            m = _HEADER.match(line) or _TABLE.match(line) or _KEY.match(line)
            if m and m.group(1).split(".")[0] == kind:
                return number
        return None
