"""The real process: closed pipes end quietly, Ctrl-C ends with 130 and one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tomlwrite

COMMANDS = [
    ["trade"],
    ["tourism", "--format", "table"],
    ["dialogue", "--format", "table"],
    ["policy", "--format", "markdown"],
    ["facts", "--json"],
    ["facts", "--format", "csv"],
    ["facts", "--format", "jsonl"],
    ["show", "f1"],
    ["search", "statement"],
    ["entities"],
    ["entity", "p"],
    ["timeline", "--format", "table"],
    ["sources"],
    ["brief"],
    ["brief", "--format", "table"],
    ["check"],
    ["schema"],
]
READERS = ["head -c 10", "head -1"]


@pytest.fixture(scope="module")
def big_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough facts that output overruns the pipe's buffer, so the writer sees EPIPE."""
    n = 4000
    facts = [
        {
            "id": f"f{i}",
            "category": ("trade", "tourism", "dialogue", "policy")[i % 4],
            "statement": f"Statement number {i}, padded so that every line is long enough.",
            "entities": ["p"],
            "source": "s",
            "paragraphs": [1],
            "date": {"text": str(2000 + i % 30), "start": str(2000 + i % 30)},
        }
        for i in range(n)
    ]
    text = "\n".join(
        [
            tomlwrite.records(
                "source",
                [
                    {
                        "id": "s",
                        "title": "T",
                        "publisher": "P",
                        "published": "2025-11",
                        "paragraphs": 1,
                    }
                ],
            ),
            tomlwrite.records("entity", [{"id": "p", "kind": "person", "name": "P"}]),
            tomlwrite.records("fact", facts),
        ]
    )
    path = tmp_path_factory.mktemp("big") / "big.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _piped(args: list[str], reader: str, data: Path) -> tuple[int, str]:
    cmd = [sys.executable, "-m", "sinokaz_cli", "--data", str(data), *args]
    script = '"$@" 2>"$ERR" | ' + reader + ' >/dev/null; echo "${PIPESTATUS[0]}"'
    err_file = data.parent / "stderr.txt"
    done = subprocess.run(
        ["bash", "-c", script, "sinokaz", *cmd],
        env={
            "ERR": str(err_file),
            "PATH": "/usr/bin:/bin",
            "SINOKAZ_CACHE_DIR": os.environ["SINOKAZ_CACHE_DIR"],
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return int(done.stdout.strip()), err_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_stops_early(big_kb: Path, args: list[str], reader: str) -> None:
    code, err = _piped(args, reader, big_kb)
    assert err == "", err
    assert code == 0


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
def test_sigint_ends_with_130_and_one_line(big_kb: Path, tmp_path: Path) -> None:
    # Ten times the facts, so the run is still parsing when the signal comes.
    slow = tmp_path / "slow"
    slow.mkdir()
    for i in range(10):
        text = big_kb.read_text(encoding="utf-8").replace('id = "f', f'id = "x{i}-f')
        text = text.replace('id = "s"', f'id = "s{i}"').replace('source = "s"', f'source = "s{i}"')
        text = text.replace('id = "p"', f'id = "p{i}"').replace('["p"]', f'["p{i}"]')
        (slow / f"part{i}.toml").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sinokaz_cli", "--data", str(slow), "facts", "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Wait until it is reading the files (sqlite3, imported just before for the index,
    # is mapped): by then the tool has long taken over SIGINT. Interpreter start-up
    # is no program's to guard.
    maps = Path(f"/proc/{proc.pid}/maps")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if maps.exists() and "_sqlite3" in maps.read_text(encoding="utf-8", errors="replace"):
            break
        time.sleep(0.01)
    time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err == "sinokaz: interrupted\n"


@pytest.mark.parametrize(
    ("args", "code", "out", "err"),
    [
        (["--version"], 0, "sinokaz ", ""),
        (["trade", "--json"], 0, "[\n  {", ""),
        (["show", "no-such-fact"], 4, "", "sinokaz: no fact with id 'no-such-fact'"),
        (["--data", "/no/such/file.toml", "trade"], 3, "", "sinokaz: /no/such/file.toml"),
        (["trade", "--bogus"], 2, "", ""),
    ],
)
def test_the_process_ends_with_its_exit_code_and_all_its_output(
    args: list[str], code: int, out: str, err: str
) -> None:
    """The console script ends the process itself once output is flushed (cli._leave):
    every exit status and every byte must still come through."""
    result = subprocess.run(
        [sys.executable, "-m", "sinokaz_cli", *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == code, result.stderr
    assert result.stdout.startswith(out)
    assert result.stderr.startswith(err)
    if args == ["trade", "--json"]:
        assert result.stdout.endswith("]\n")


def test_an_exit_message_is_written_and_exits_1() -> None:
    code = "from sinokaz_cli.cli import _leave; print('kept'); _leave('stopped: why')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (1, "kept\n", "stopped: why\n")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize(
    "args",
    [
        ["trade", "--json"],
        ["facts", "--format", "jsonl"],
        ["brief", "--json"],
        ["trade", "--format", "tsv"],
        ["dialogue", "--format", "table"],
        ["brief", "--format", "markdown"],
    ],
)
def test_a_stdout_that_is_not_utf8_gets_escapes_not_an_error(
    encoding: str, args: list[str]
) -> None:
    """'¶', '—' and '“' are beyond ASCII, and some beyond Latin-1: they are written
    as JSON escapes, so JSON still parses to the same text, and nothing fails."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)
    cmd = [sys.executable, "-m", "sinokaz_cli", *args]
    result = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
    assert (result.returncode, result.stderr) == (0, b"")
    text = result.stdout.decode(encoding)
    utf8 = subprocess.run(cmd, capture_output=True, timeout=60).stdout.decode("utf-8")
    if "--json" in args:
        assert json.loads(text) == json.loads(utf8)
    elif "jsonl" in args:
        assert [json.loads(x) for x in text.splitlines()] == [
            json.loads(x) for x in utf8.splitlines()
        ]
    else:
        assert "\\u00b6" in text or "¶" in text  # the pilcrow, written or escaped
