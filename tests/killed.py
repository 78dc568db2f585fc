"""Run sinokaz, killed the moment it reaches one named step in writing the cache.

    python tests/killed.py POINT SIGNAL [sinokaz arguments...]

sinokaz_cli.index.points.reached is a no-op in the tool; here it is replaced,
in this process only, by one that sends SIGNAL (KILL, TERM, ...) to the
process itself when POINT is reached. The tool reads no variable or option
for this: a kill point exists only for code that imports it and replaces it.
"""

from __future__ import annotations

import os
import signal
import sys

from sinokaz_cli.index import points


def main() -> None:
    point, name = sys.argv[1], sys.argv[2]
    sig = getattr(signal, f"SIG{name}")

    def reached(step: str) -> None:
        if step == point:
            os.kill(os.getpid(), sig)

    points.reached = reached
    sys.argv = ["sinokaz", *sys.argv[3:]]
    from sinokaz_cli.cli import main as sinokaz

    sinokaz()


if __name__ == "__main__":
    main()
