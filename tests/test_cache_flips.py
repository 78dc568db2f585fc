"""Property: whatever bytes of an index are flipped, every command answers as
`--no-cache` does, with at most one warning line (issue #21).

Over 25 random single-bit flips across 8 commands, the index used to give 10
wrong answers and 6 internal errors: SQLite checks its pages' structure, not
their content. Now the index is checked whole before it is read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from sinokaz_cli.commands.app import app
from sinokaz_cli.index import where

from conftest import Run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402


class Case(NamedTuple):
    kb: Path
    commands: list[list[str]]
    direct: list[Result]  # each command's answer from the files (--no-cache)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """Generated knowledge, a run of every command on it (with ids read back from
    its own answers), and what each gives without the index."""
    kb = tmp_path_factory.mktemp("flips") / "kb"
    generate(240, kb, files=2, seed=13)
    runner = CliRunner()

    def direct(*args: str) -> Result:
        result = runner.invoke(app, ["--data", str(kb), "--no-cache", *args])
        assert result.exit_code == 0, result.stderr
        return result

    fact = json.loads(direct("facts", "--json").stdout)[0]
    entity = json.loads(direct("entities", "--json").stdout)[0]["id"]
    commands = [
        ["trade", "--json"],
        ["tourism", "--format", "tsv"],
        ["dialogue", "--format", "markdown"],
        ["policy", "--pairs", "--json"],
        ["facts", "--entity", entity, "--format", "jsonl"],
        ["show", fact["id"], "--json"],
        ["search", fact["statement"].split()[0], "--limit", "5", "--json"],
        ["entities", "--json"],
        ["entity", entity, "--json"],
        ["timeline", "--format", "csv"],
        ["sources", "--json"],
        ["brief", "--json"],
        ["brief", "--format", "markdown"],
    ]
    return Case(kb, commands, [direct(*c) for c in commands])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_flipped_bytes_anywhere_never_change_an_answer(
    run: Run, cache: Path, case: Case, data: st.DataObject
) -> None:
    index = where.index_path(case.kb)
    if not index.exists():  # the first example builds it, in this test's cache
        assert run("--data", str(case.kb), "sources", "--json").exit_code == 0
        PRISTINE[index] = index.read_bytes()
    pristine = PRISTINE[index]
    i = data.draw(st.integers(0, len(case.commands) - 1), label="command")
    flips = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(pristine) - 1), st.integers(1, 255)),
            min_size=1,
            max_size=3,
        ),
        label="flips (offset, xor mask)",
    )
    damaged = bytearray(pristine)
    for at, mask in flips:
        damaged[at] ^= mask
    index.write_bytes(damaged)
    result = run("--data", str(case.kb), *case.commands[i])
    direct = case.direct[i]
    assert (result.exit_code, result.stdout) == (direct.exit_code, direct.stdout)
    assert result.stderr == "" or (
        result.stderr.startswith(f"sinokaz: warning: ignoring the index {index}: ")
        and result.stderr.endswith("; rebuilding it\n")
        and result.stderr.count("\n") == 1
    ), result.stderr


PRISTINE: dict[Path, bytes] = {}  # the index as first built, by its path
