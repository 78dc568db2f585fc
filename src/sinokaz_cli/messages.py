"""What the tool says on stderr besides its errors: one-line messages and
warnings, and the progress line drawn while large knowledge files are read.

Every layer may speak through here (reading warns about a slow first run,
the index about a cache it cannot use); only commands/boundary.py decides
exit codes.
"""

from __future__ import annotations

import os
import sys


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 fact", "2,500 sources", "3 entities": a count for people to read."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def say(message: str) -> None:
    """One line on stderr, prefixed with the program name (above a progress line)."""
    try:
        if Progress.active is not None:
            Progress.active.wipe()  # the next step draws it again, under this message
        sys.stderr.write(f"sinokaz: {_visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed too: nothing left to tell
        pass


def _visible(message: str) -> str:
    """The message with control characters shown as escapes (safe.py). Plain
    printable ASCII, what nearly every message is, needs nothing loaded or
    compiled: an error met when memory has run out must still be reported
    (and loading safe.py's patterns on every run would cost 1.6 ms)."""
    if message.isascii() and message.isprintable():
        return message
    from sinokaz_cli.safe import visible

    return visible(message)


def say_bytes(line: bytes) -> None:
    """A line made beforehand, written straight to the descriptor: what `say` does
    when memory has run out, allocating nothing (a progress line is left, not wiped)."""
    try:
        if Progress.active is not None and Progress.active.shown:
            os.write(2, b"\n")
        os.write(2, line)
    except OSError:
        pass


class Progress:
    """A short line on stderr that counts up while large knowledge files are read,
    "sinokaz: 37% (93 of 252 files)", rewritten in place and wiped when done.

    Made only for a terminal (reading/load.py). It stays short so it never wraps, which
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
        # Noted before it is drawn: an interrupt between the two (cli.py) must
        # know a line is open, to start its own below it.
        self.shown = line
        self._write(f"\r{line}{pad}")

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
        except (OSError, ValueError, AttributeError):
            pass


def warn(message: str) -> None:
    say("warning: " + message)
