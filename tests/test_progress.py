"""The progress line a terminal sees while large knowledge files are read.

It is drawn with carriage returns and wiped with spaces (no terminal codes),
counts bytes so that one large file does not stall it, never shares a line
with a message (say draws above it) or with the interrupt notice.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from sinokaz_cli.messages import Progress, say

from conftest import drain


def test_it_counts_bytes_and_files_then_wipes_itself(capsys: pytest.CaptureFixture[str]) -> None:
    progress = Progress([10, 30])
    progress.advance()
    progress.advance()
    progress.close()
    assert capsys.readouterr().err == (
        "\rsinokaz: 25% (1 of 2 files)"
        "\rsinokaz: 100% (2 of 2 files)"
        "\r" + " " * len("sinokaz: 100% (2 of 2 files)") + "\r"
    )
    assert Progress.active is None  # nothing left for an interrupt to start a line after


def test_it_counts_up_within_a_file_and_says_100_only_once_it_is_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A knowledge base kept in one large file would show 0% until the end."""
    progress = Progress([200, 200])
    progress.advance()
    progress.within(0.5)
    progress.within(0.5)  # nothing new to draw
    progress.within(1.0)
    progress.advance()
    progress.within(0.5)  # every file read: nothing to add
    progress.close()
    assert capsys.readouterr().err == (
        "\rsinokaz: 50% (1 of 2 files)"
        "\rsinokaz: 75% (1 of 2 files)"
        "\rsinokaz: 99% (1 of 2 files)"
        "\rsinokaz: 100% (2 of 2 files)"
        "\r" + " " * len("sinokaz: 100% (2 of 2 files)") + "\r"
    )


def test_a_shorter_line_covers_the_longer_one_it_replaces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    progress = Progress([0] * 12)  # empty files: the percentage stays 0 until the end
    for _ in range(10):
        progress.advance()
    capsys.readouterr()
    progress._show("sinokaz: 9%")
    longer, shorter = "sinokaz: 0% (10 of 12 files)", "sinokaz: 9%"
    assert capsys.readouterr().err == "\r" + shorter + " " * (len(longer) - len(shorter))
    progress.close()


def test_a_message_meanwhile_goes_above_the_progress_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    progress = Progress([5, 5])
    progress.advance()
    say("warning: something")
    progress.advance()
    progress.close()
    assert capsys.readouterr().err == (
        "\rsinokaz: 50% (1 of 2 files)"
        "\r" + " " * len("sinokaz: 50% (1 of 2 files)") + "\r"
        "sinokaz: warning: something\n"
        "\rsinokaz: 100% (2 of 2 files)"
        "\r" + " " * len("sinokaz: 100% (2 of 2 files)") + "\r"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_an_interrupt_starts_its_own_line(tmp_path: Path) -> None:
    """Run in a pseudo-terminal on more than 4 MB of files, interrupted mid-way."""
    import pty

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    data = tmp_path / "kb"
    generate(8_000, data, seed=2)
    assert sum(p.stat().st_size for p in data.iterdir()) > 4_000_000
    env = {**os.environ, "SINOKAZ_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the tool, on the terminal
        cmd = [sys.executable, "-m", "sinokaz_cli", "--data", str(data), "trade", "--json"]
        os.execve(sys.executable, cmd, env)
    seen = b""
    deadline = time.monotonic() + 60
    while b"% (" not in seen and time.monotonic() < deadline:
        seen += os.read(fd, 4096)
    os.kill(pid, signal.SIGINT)
    seen += drain(fd)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 130
    assert seen.startswith(b"sinokaz: indexing the knowledge files (")
    # The terminal shows newlines as CR LF: the notice starts a line of its own.
    assert seen.endswith(b" files)\r\nsinokaz: interrupted\r\n")
