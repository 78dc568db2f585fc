"""The one place where errors become a line on stderr and an exit status.

Commands raise; this group's `invoke` catches. Usage errors stay Click's
(exit 2, raised before `invoke` runs). Set SINOKAZ_DEBUG=1 to see the
traceback of an internal error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from sinokaz_cli.errors import ExitCode, KnowledgeError, SinokazError


def say(message: str) -> None:
    """One line on stderr, prefixed with the program name (above a progress line)."""
    from sinokaz_cli.render.safe import visible

    try:
        if Progress.active is not None:
            Progress.active.wipe()  # the next step draws it again, under this message
        sys.stderr.write(f"sinokaz: {visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed too: nothing left to tell
        pass


class Progress:
    """A short line on stderr that counts up while large knowledge files are read,
    "sinokaz: 37% (93 of 252 files)", rewritten in place and wiped when done.

    Made only for a terminal (load.py). It stays short so it never wraps, which
    a carriage return could not undo. What is said meanwhile (say) appears
    above it, and an interrupt (cli.py) starts on a line of its own."""

    active: Progress | None = None  # cli.py's SIGINT handler reads its `shown`

    def __init__(self, sizes: list[int]) -> None:
        self.sizes = sizes  # of the files, in the order they are read
        self.total = max(sum(sizes), 1)
        self.read_bytes = self.read_files = 0
        self.shown = ""
        Progress.active = self

    def advance(self) -> None:
        """One more file read."""
        if self.read_files < len(self.sizes):
            self.read_bytes += self.sizes[self.read_files]
        self.read_files += 1
        self._count(100 * self.read_bytes)

    def within(self, share: float) -> None:
        """This share (0 to 1) of the file being read is done: one large file
        (a knowledge base kept in one file) would otherwise stall the count
        for as long as it takes to read."""
        if self.read_files < len(self.sizes):
            # In whole percent of the file, below its end: 100% is for when it
            # has been read.
            percent = min(round(share * 100), 99)
            self._count(100 * self.read_bytes + percent * self.sizes[self.read_files])

    def _count(self, done: int) -> None:
        """Show `done`, in hundredths of a byte (integers: 15% is never 14.99...)."""
        percent = min(100, done // self.total)
        n = len(self.sizes)
        line = f"sinokaz: {percent}% ({self.read_files:,} of {n:,} file{'' if n == 1 else 's'})"
        if line != self.shown:
            self._show(line)

    def _show(self, line: str) -> None:
        pad = " " * max(0, len(self.shown) - len(line))
        self._write(f"\r{line}{pad}")
        self.shown = line

    def wipe(self) -> None:
        if self.shown:
            self._write("\r" + " " * len(self.shown) + "\r")
            self.shown = ""

    def close(self) -> None:
        self.wipe()
        Progress.active = None

    @staticmethod
    def _write(text: str) -> None:
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def report_knowledge_error(e: KnowledgeError, every: bool) -> None:
    problems = e.problems if every else e.problems[:1]
    for p in problems:
        say(str(p))
    if not every and len(e.problems) > 1:
        more = len(e.problems) - 1
        say(f"... and {more:,} more problem{'s' if more > 1 else ''}; run 'sinokaz check' for all")


def _quiet_stdout() -> None:
    """After the reader of a pipe has gone: stop Python's exit-time flush from failing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (e.g. under CliRunner)
        pass


class SinokazGroup(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            # Flush here, inside the boundary: a reader that has gone away (| head)
            # must surface as BrokenPipeError below, not at interpreter exit.
            sys.stdout.flush()
            return result
        except (typer.Exit, typer.Abort):
            raise
        except SinokazError as e:
            if isinstance(e, KnowledgeError):
                report_knowledge_error(e, every=False)
            else:
                say(str(e))
            raise typer.Exit(int(e.exit_code)) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except KeyboardInterrupt:
            say("interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as e:
            if _is_click_signal(e):
                raise
            if os.environ.get("SINOKAZ_DEBUG"):
                raise
            say(
                f"internal error: {type(e).__name__}: {e} — rerun with SINOKAZ_DEBUG=1 "
                "for the traceback"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _is_click_signal(e: Exception) -> bool:
    """Usage errors from the click inside Typer pass through to its own handler."""
    return isinstance(e, typer.TyperException)
