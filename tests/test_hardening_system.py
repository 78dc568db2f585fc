"""When the system fails the run: an output that cannot be written (exit 5), or
memory running out (exit 6). Each ends with one line on stderr, never a
traceback and never "internal error", in the real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sinokaz_cli.errors import ExitCode

from conftest import MINI

SINOKAZ = [sys.executable, "-m", "sinokaz_cli"]
OUTPUT, SYSTEM = int(ExitCode.OUTPUT), int(ExitCode.SYSTEM)


def _shell(
    line: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`line` run by bash with "$@" standing for the command, so that the test can
    close or redirect its descriptors as a shell user would."""
    return subprocess.run(
        ["bash", "-c", line, "sinokaz", *SINOKAZ, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["trade", "--json"],
        ["trade", "--format", "table"],
        ["show", "xian-almaty-train"],
        ["brief", "--format", "markdown"],
        ["schema"],
    ],
    ids=" ".join,
)
def test_a_full_disk_is_one_line_not_an_internal_error(args: list[str]) -> None:
    done = _shell('"$@" > /dev/full', *args)
    assert (done.returncode, done.stderr) == (
        OUTPUT,
        "sinokaz: cannot write the output: No space left on device\n",
    )


def test_a_closed_stdout_is_one_line() -> None:
    done = _shell('"$@" >&-', "trade", "--json")
    assert (done.returncode, done.stderr) == (
        OUTPUT,
        "sinokaz: cannot write the output: Bad file descriptor\n",
    )


def test_a_failure_with_stdout_closed_still_says_why() -> None:
    done = _shell('"$@" >&-', "show", "no-such-fact")
    assert done.returncode == ExitCode.NOT_FOUND
    assert done.stderr == "sinokaz: no fact with id 'no-such-fact'\n"


def test_a_closed_stderr_keeps_the_exit_status() -> None:
    assert _shell('"$@" 2>&-', "show", "no-such-fact").returncode == ExitCode.NOT_FOUND
    if Path("/dev/full").exists():
        assert _shell('"$@" 2>&- >/dev/full', "trade", "--json").returncode == OUTPUT


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as Linux sets them")
def test_running_out_of_memory_is_one_line_at_any_limit(tmp_path: Path) -> None:
    """Under a memory limit, reading a knowledge base without the index either
    answers whole or says "out of memory" in one line: whatever the point at
    which memory ran out, the error path needs no import and no compile (it used
    to print four tracebacks under `ulimit -v 75000` at 100,000 facts).

    The limits tried go up from the least under which the tool answers a tiny
    knowledge base, a megabyte at a time, until the large one is answered."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    data = tmp_path / "kb"
    generate(4000, data, files=4, seed=5)
    env = {**os.environ, "SINOKAZ_CACHE_DIR": str(tmp_path / "cache")}
    whole = _shell('"$@"', "--no-cache", "--data", str(data), "trade", "--json", env=env)
    assert whole.returncode == 0, whole.stderr

    def limited(kb: Path, kib: int) -> subprocess.CompletedProcess[str]:
        return _shell(
            f'ulimit -v {kib}; "$@"', "--no-cache", "--data", str(kb), "trade", "--json", env=env
        )

    floor = next(kib for kib in range(16_000, 200_000, 1000) if limited(MINI, kib).returncode == 0)
    outcomes = set()
    for kib in range(floor, floor + 60_000, 1000):
        done = limited(data, kib)
        assert "Traceback" not in done.stderr, (kib, done.stderr)
        if done.returncode == 0:
            assert (done.stdout, done.stderr) == (whole.stdout, "")
            outcomes.add("answered")
            break
        assert (done.returncode, done.stderr) == (SYSTEM, "sinokaz: out of memory\n"), kib
        outcomes.add("out of memory")
    assert outcomes == {"answered", "out of memory"}
