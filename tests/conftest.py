"""Shared fixtures: every test reads knowledge from files under this repository."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from sinokaz_cli.commands import register
from sinokaz_cli.commands.app import app

register()  # import every command module, as the console script does

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "facts.toml"
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.toml"
ARTICLES = DATA / "articles"  # two invented articles that stand alone and merge
BAD = DATA / "bad"

# One invocation of every command on the shipped data.
COMMANDS = [
    ["trade"],
    ["tourism"],
    ["dialogue"],
    ["policy"],
    ["policy", "--pairs"],
    ["facts"],
    ["show", "dialogue-participants"],
    ["search", "car market"],
    ["entities"],
    ["entity", "nurgaliyeva"],
    ["tags"],
    ["timeline"],
    ["sources"],
    ["brief"],
]


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests never see the user's knowledge path, index, terminal width or colours."""
    monkeypatch.setenv("SINOKAZ_DATA", str(SHIPPED))
    monkeypatch.setenv("SINOKAZ_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    for var in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "SINOKAZ_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


Run = Callable[..., Result]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, empty until a run writes an index."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SINOKAZ_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the knowledge files parsed, in order, as runs parse them."""
    from sinokaz_cli.reading import load

    names: list[str] = []
    parse = load.parse

    def spy(text: str, file: str) -> dict[str, object]:
        names.append(Path(file).name)
        return parse(text, file)

    monkeypatch.setattr(load, "parse", spy)
    return names


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process; stdout and stderr come back separately."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env)

    return invoke


def drain(fd: int) -> bytes:
    """Everything a pseudo-terminal shows until the program on it has gone."""
    import os

    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child has gone and the terminal closed
            break
        if not chunk:
            break
        seen += chunk
    return seen


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ids(objs: Sequence[dict[str, Any]]) -> list[str]:
    return [o["id"] for o in objs]


_LOCK_AND_WAIT = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.read()
"""


@contextmanager
def locked_elsewhere(path: Path) -> Iterator[None]:
    """`path` locked (flock) by another live process, as a run writing a
    temporary index holds it, for as long as the block runs."""
    writer = subprocess.Popen(
        [sys.executable, "-c", _LOCK_AND_WAIT, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "locked\n"
        yield
    finally:
        writer.communicate("")
