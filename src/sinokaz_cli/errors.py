"""The project's errors and the exit code each one maps to.

The core raises these; only the CLI boundary (commands/boundary.py) turns them into
a line on stderr and an exit status.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1
    USAGE = 2
    KNOWLEDGE = 3
    NOT_FOUND = 4
    OUTPUT = 5
    SYSTEM = 6  # memory ran out, or the disk failed under the index mid-answer
    INTERRUPTED = 130


class Problem(NamedTuple):
    """One thing wrong with a knowledge file, located as closely as we can."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    record: str | None = None  # e.g. "fact ciie-kazakh-companies" or "fact #3"
    field: str | None = None
    hint: str | None = None  # e.g. "did you mean 'trade'?"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.record:
            parts.append(self.record + (f" {self.field}" if self.field else ""))
        elif self.field:
            parts.append(self.field)
        text = ": ".join(parts) + f": {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class SinokazError(Exception):
    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(SinokazError):
    """A bad value the parser could not catch (e.g. an unknown --fields name)."""

    exit_code = ExitCode.USAGE


class KnowledgeError(SinokazError):
    """The knowledge files are missing, unreadable, malformed or invalid."""

    exit_code = ExitCode.KNOWLEDGE

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid knowledge base")


class NotFoundError(SinokazError):
    exit_code = ExitCode.NOT_FOUND


class OutputError(SinokazError):
    """What an export was asked to write cannot be written: the path exists (and
    replacing it was not asked for), its folder is missing or read-only, or the
    disk is full. Nothing is left behind at the path."""

    exit_code = ExitCode.OUTPUT


class OutputExists(OutputError):
    """The path is there already and replacing it was not asked for. How to ask
    depends on the caller (--replace on the command line, replace=True in Python),
    so each caller raises it again with its own `how`."""

    def __init__(self, path: object, how: str = "") -> None:
        self.path = path
        super().__init__(f"{path} already exists" + (f"; {how} to overwrite it" if how else ""))
