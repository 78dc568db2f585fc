"""Entry point of the `sinokaz` command.

The first thing it does is take over Ctrl-C, so that an interrupt at any
moment, even while Python is still importing the app, ends with one line
and exit status 130 rather than a traceback.
"""

from __future__ import annotations

import io
import os
import sys
from types import FrameType

try:  # the C module: `signal` itself builds enums at import, ~5 ms on every run
    import _signal as signal  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover  (not CPython)
    import signal

INTERRUPTED = 130  # = errors.ExitCode.INTERRUPTED; not imported, to own SIGINT sooner


def _interrupted(signum: int, frame: FrameType | None) -> None:
    # The tool writes nothing but its output and an export's files, which are
    # removed here: leave at once, without unwinding (no KeyboardInterrupt, no traceback).
    messages = sys.modules.get("sinokaz_cli.messages")  # a progress line may be drawn
    progress = getattr(getattr(messages, "Progress", None), "active", None)
    line_open = bool(getattr(progress, "shown", ""))
    exporting = sys.modules.get("sinokaz_cli.export.files")
    if exporting is not None:  # an export's unfinished files: none may be left behind
        exporting.abandon()
    try:
        os.write(2, b"\nsinokaz: interrupted\n" if line_open else b"sinokaz: interrupted\n")
    except OSError:  # stderr closed: nothing to tell
        pass
    os._exit(INTERRUPTED)


OUTPUT = 5  # = errors.ExitCode.OUTPUT: the output cannot be written
SYSTEM = 6  # = errors.ExitCode.SYSTEM: memory ran out


def main() -> None:
    """Console-script entry point."""
    if sys.stdout is None:  # started with stdout closed (>&-)
        sys.stdout = _closed_stdout()
    from sinokaz_cli.commands import register
    from sinokaz_cli.commands.app import app

    _escape_what_stdout_cannot_encode()
    register(sys.argv[1:])
    try:
        app(prog_name="sinokaz")
    except SystemExit as e:
        _leave(e.code)
    except MemoryError:  # outside any command (the boundary reports those)
        os.write(2, b"sinokaz: out of memory\n")
        os._exit(SYSTEM)
    _leave(0)


def _closed_stdout() -> io.TextIOBase:
    """Standard output when the process was started without one: writing to it
    fails as writing to a closed descriptor does, so that a command that has
    something to print says it cannot, and one that fails says why. (Defined
    only then: a class costs start-up time.)"""
    import errno

    class Closed(io.TextIOBase):
        def write(self, text: str) -> int:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))

        def isatty(self) -> bool:
            return False

    return Closed()


def _escape_what_stdout_cannot_encode() -> None:
    """Where stdout is not UTF-8 (PYTHONIOENCODING=ascii, a Windows code page), a
    character it cannot encode is written as a JSON escape, \\u00b6, instead of
    ending the run with an "internal error". Inside a JSON string that escape
    is the same text, so --json stays valid and exact; a table shows the code."""
    import codecs

    def escape(err: UnicodeError) -> tuple[str, int]:
        if not isinstance(err, UnicodeEncodeError):
            raise err
        out = []
        for ch in err.object[err.start : err.end]:
            code = ord(ch)
            if code > 0xFFFF:  # as JSON writes it: a surrogate pair
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        return "".join(out), err.end

    codecs.register_error("sinokaz-escape", escape)
    try:
        sys.stdout.reconfigure(errors="sinokaz-escape")  # type: ignore[union-attr]
    except (AttributeError, ValueError):  # not a text stream we can reconfigure
        pass


def _leave(code: object) -> None:
    """End the process once its output is out, skipping the interpreter's teardown.

    Tearing down (freeing every module and object one by one) cost as much CPU
    as the whole query at hand, ~30 ms, for nothing: the tool holds no file
    open for writing at this point (the index is written and renamed before
    anything is printed) and registers no exit handlers.
    """
    if isinstance(code, str):  # SystemExit("message"), as sys.exit() takes it
        sys.stderr.write(code + "\n")
        code = 1
    status = code if isinstance(code, int) else 0 if code is None else 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader left after the boundary's own flush: quiet, as documented
    except OSError as e:
        _say_raw(f"sinokaz: cannot write the output: {e.strerror}\n")
        status = status or OUTPUT
    try:
        sys.stderr.flush()
    except (OSError, AttributeError):  # stderr closed
        pass
    os._exit(status)


def _say_raw(line: str) -> None:
    try:
        os.write(2, line.encode("utf-8", "replace"))
    except OSError:
        pass


# Only the console script and `python -m sinokaz_cli` import this module (tests
# use sinokaz_cli.app), so taking over SIGINT here never touches a host program.
signal.signal(signal.SIGINT, _interrupted)
