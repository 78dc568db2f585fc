"""Long output on a terminal goes through a pager, as git's and gh's does.

Only when stdout is a terminal: what a command writes is held until it ends;
if it is longer than the terminal is high, it goes to $SINOKAZ_PAGER, else
$PAGER, else `less -FRX` (with LESS=FRX when LESS is unset, as git sets it);
otherwise, or with --no-pager, or a pager of "" or "cat", it is written as
it is. A pipe is never paged, and nothing is held for it.

Neither library at hand fits: the click vendored in Typer 0.28 has no
echo_via_pager, and Rich's Console.pager() hands its own output to pydoc's
pager, which pages one line as readily as a thousand, ignores
$SINOKAZ_PAGER and leaves LESS unset, and sees none of what is written
without Rich (JSON, TSV).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

DEFAULT_PAGER = "less -FRX"


class Held(io.StringIO):
    """Stdout while a command runs on a terminal: a terminal to those who ask
    (so tables get colour and a pipe's formats are not chosen), kept in memory."""

    def __init__(self, real: TextIO) -> None:
        super().__init__()
        self.real = real

    def isatty(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.real, "encoding", None) or "utf-8")


def pager_command(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """The pager to run: $SINOKAZ_PAGER, else $PAGER, else less -FRX; None for
    "" or "cat", which mean no pager."""
    command = environ.get("SINOKAZ_PAGER")
    if command is None:
        command = environ.get("PAGER")
    if command is None:
        command = DEFAULT_PAGER
    command = command.strip()
    return None if command in ("", "cat") else command


@contextmanager
def paging(wanted: Callable[[], bool]) -> Iterator[None]:
    """Hold stdout while the body runs, then page it if it is long and `wanted()`
    (asked at the end, once --no-pager has been read wherever it was given).
    Output of a failed command is written as it is, before its error."""
    real = sys.stdout
    if not _is_terminal(real):
        yield
        return
    held = Held(real)
    sys.stdout = held
    ok = False
    try:
        yield
        ok = True
    except BaseException as e:
        ok = getattr(e, "exit_code", None) == 0  # --help and --version end this way
        raise
    finally:
        sys.stdout = real
        text = held.getvalue()
        if text:
            show(text, real, ok and wanted())


def show(text: str, out: TextIO, page: bool) -> None:
    """Write `text` to the terminal `out`, through the pager when `page` and it is
    longer than the terminal is high."""
    command = pager_command() if page else None
    if command is None or text.count("\n") < _height(out) or not _run(command, text, out):
        out.write(text)
        out.flush()


def _run(command: str, text: str, out: TextIO) -> bool:
    """Run the pager on `text`; False when it cannot be started (nothing shown)."""
    import shlex
    import shutil
    import signal
    import subprocess

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    if shutil.which(program) is None:
        from sinokaz_cli.messages import warn

        warn(f"no pager {program!r} found; showing the output without one")
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    out.flush()
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    # Ctrl-C is the pager's while it runs: it goes to the whole process group, and
    # this process leaving at once would hand the terminal back under the pager.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert proc.stdin is not None
        data = text.encode(
            getattr(out, "encoding", None) or "utf-8", getattr(out, "errors", None) or "strict"
        )
        try:
            proc.stdin.write(data)
            proc.stdin.close()
        except BrokenPipeError:  # the pager was quit before reading it all
            pass
        proc.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def _height(out: TextIO) -> int:
    """The terminal's height: $LINES, else what the terminal says, else 24."""
    lines = os.environ.get("LINES", "")
    if lines.isdigit() and int(lines) > 0:
        return int(lines)
    try:
        return os.get_terminal_size(out.fileno()).lines or 24
    except (OSError, ValueError, AttributeError):
        return 24
