"""Entry point of the `sinokaz` command.

The first thing it does is take over Ctrl-C, so that an interrupt at any
moment, even while Python is still importing the app, ends with one line
and exit status 130 rather than a traceback.
"""

from __future__ import annotations

import os
import sys
from types import FrameType

try:  # the C module: `signal` itself builds enums at import, ~5 ms on every run
    import _signal as signal  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover  (not CPython)
    import signal

INTERRUPTED = 130  # = errors.ExitCode.INTERRUPTED; not imported, to own SIGINT sooner


def _interrupted(signum: int, frame: FrameType | None) -> None:
    # The tool writes nothing but its output, so there is nothing to clean up:
    # leave at once, without unwinding (no KeyboardInterrupt, no traceback).
    os.write(2, b"sinokaz: interrupted\n")
    os._exit(INTERRUPTED)


def main() -> None:
    """Console-script entry point."""
    from sinokaz_cli.app import app
    from sinokaz_cli.commands import register

    register(sys.argv[1:])
    app(prog_name="sinokaz")


# Only the console script and `python -m sinokaz_cli` import this module (tests
# use sinokaz_cli.app), so taking over SIGINT here never touches a host program.
signal.signal(signal.SIGINT, _interrupted)
