"""Long output on a terminal goes through a pager, as git's and gh's does; a pipe
never does. Run in a pseudo-terminal, with a pager that marks what it shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sinokaz_cli.commands.pager import DEFAULT_PAGER, pager_command

from conftest import drain

MARK = "sed 's/^/PAGED /'"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def on_terminal(*args: str, lines: int = 20, **env: str) -> tuple[int, str]:
    """Run sinokaz with stdout (and stdin, stderr) on a pseudo-terminal."""
    import pty

    full = {**os.environ, "LINES": str(lines), "COLUMNS": "80", **env}
    full = {k: v for k, v in full.items() if v != "<unset>"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the tool, on the terminal
        os.execve(sys.executable, [sys.executable, "-m", "sinokaz_cli", *args], full)
    seen = drain(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode().replace("\r\n", "\n")


def test_long_output_goes_through_the_pager() -> None:
    status, seen = on_terminal("trade", SINOKAZ_PAGER=MARK)
    assert status == 0
    lines = seen.splitlines()
    assert len(lines) > 20
    assert all(line.startswith("PAGED ") for line in lines)


def test_no_pager_before_or_after_the_command() -> None:
    for args in (["--no-pager", "trade"], ["trade", "--no-pager"]):
        status, seen = on_terminal(*args, SINOKAZ_PAGER=MARK)
        assert status == 0
        assert "PAGED" not in seen and "Headline figures" in seen


def test_output_that_fits_the_screen_is_not_paged() -> None:
    status, seen = on_terminal("show", "visa-free-travel", lines=60, SINOKAZ_PAGER=MARK)
    assert status == 0
    assert "PAGED" not in seen and "visa-free-travel" in seen


def test_a_pipe_is_never_paged(tmp_path: Path) -> None:
    env = {**os.environ, "SINOKAZ_PAGER": MARK, "PAGER": MARK, "LINES": "5"}
    done = subprocess.run(
        [sys.executable, "-m", "sinokaz_cli", "trade", "--format", "table"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0
    assert "PAGED" not in done.stdout and "mutual-purchases" in done.stdout


def test_less_gets_frx_unless_less_is_set() -> None:
    pager = 'printf "LESS=%s\\n" "$LESS"; cat > /dev/null'
    _, seen = on_terminal("trade", SINOKAZ_PAGER=pager, LESS="<unset>")
    assert seen.splitlines() == ["LESS=FRX"]
    _, seen = on_terminal("trade", SINOKAZ_PAGER=pager, LESS="-S")
    assert seen.splitlines() == ["LESS=-S"]


def test_a_missing_pager_shows_the_output_and_says_so() -> None:
    status, seen = on_terminal("trade", SINOKAZ_PAGER="no-such-pager-here -x")
    assert status == 0
    assert "sinokaz: warning: no pager 'no-such-pager-here' found" in seen
    assert "mutual-purchases" in seen


def test_a_failed_command_is_not_paged() -> None:
    status, seen = on_terminal("show", "nope", SINOKAZ_PAGER=MARK)
    assert status == 4
    assert "PAGED" not in seen and "no fact with id 'nope'" in seen


def test_what_a_failed_command_wrote_is_shown_unpaged(monkeypatch: pytest.MonkeyPatch) -> None:
    """`show nope` writes nothing, so the test above never reaches the choice: here a
    long output is held, then the command fails."""
    import io

    from sinokaz_cli.commands import pager
    from sinokaz_cli.errors import NotFoundError

    asked: list[bool] = []
    monkeypatch.setattr(pager, "_is_terminal", lambda out: True)
    monkeypatch.setattr(pager, "show", lambda text, out, page: asked.append(page))
    monkeypatch.setattr(pager.sys, "stdout", io.StringIO())
    with pytest.raises(NotFoundError), pager.paging(lambda: True):
        print("row\n" * 100)
        raise NotFoundError("no fact with id 'x'")
    assert asked == [False]
    with pager.paging(lambda: True):
        print("row\n" * 100)
    assert asked == [False, True]  # the same output of a command that ends well is paged


@pytest.mark.parametrize(
    ("environ", "command"),
    [
        ({}, DEFAULT_PAGER),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "SINOKAZ_PAGER": "most -s"}, "most -s"),
        ({"PAGER": ""}, None),
        ({"PAGER": "more", "SINOKAZ_PAGER": ""}, None),
        ({"SINOKAZ_PAGER": "cat"}, None),
    ],
)
def test_which_pager(environ: dict[str, str], command: str | None) -> None:
    assert pager_command(environ) == command
