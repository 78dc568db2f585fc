"""Every command in every format: exit 0, and the output parses as that format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import COMMANDS, ROOT, Run

FORMATS = ["table", "json", "jsonl", "csv", "tsv", "markdown"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_in_format(run: Run, command: list[str], fmt: str) -> None:
    result = run(*command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    _parses(result.stdout, fmt)
    if fmt == "tsv":
        assert "\t" in result.stdout.splitlines()[0]


LISTINGS = [c for c in COMMANDS if c[0] not in ("show", "entity", "brief")]


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_fields_everywhere(run: Run, command: list[str]) -> None:
    first = next(iter(json.loads(run(*command, "--json").stdout)[0]))  # "id", or "tag"...
    objs = json.loads(run(*command, "--json", "--fields", first).stdout)
    assert objs and all(list(o) == [first] for o in objs)
    bad = run(*command, "--json", "--fields", "nope")
    assert bad.exit_code == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("sinokaz: unknown field 'nope'")
    listed = bad.stderr.split("; available fields: ")[1].split("; see ")[0].split(", ")
    assert first in listed


def _listed_commands(run: Run) -> list[str]:
    listed = run("--help").stdout.split("\nCommands:\n")[1]
    return [ln.split()[0] for ln in listed.splitlines() if ln[:3].strip() and ln[:2] == "  "]


def _first_example(run: Run, command: str) -> tuple[list[str], list[str]]:
    """The words of the first example in a command's help (up to a pipe or a
    redirection, without a format), and the formats its --format offers."""
    import re
    import shlex

    text = run(command, "--help").stdout
    line = next(ln.strip() for ln in text.splitlines() if ln.strip().startswith("sinokaz "))
    words = shlex.split(re.split(r" (?:[|>]|&&) ", line)[0])[1:]
    for flag in ("--format", "-f"):
        while flag in words:
            at = words.index(flag)
            del words[at : at + 2]
    words = [w for w in words if w != "--json"]
    offered = re.search(r"--format <([a-z|]+)>", text)
    return words, offered.group(1).split("|") if offered else []


def test_every_command_in_the_help_runs_in_every_format_it_offers(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command `sinokaz --help` lists, run as its first example shows, in each
    format its --format offers: exit 0, and output that parses as that format. In a
    folder of its own, holding the article `new`'s example starts from: `new` and
    `export` write files."""
    import shutil

    shutil.copy(ROOT / "tests" / "data" / "articles" / "state-visit.txt", tmp_path)
    monkeypatch.chdir(tmp_path)
    ran = []
    for command in _listed_commands(run):
        words, formats = _first_example(run, command)
        for fmt in formats or [None]:
            result = run(*words, *(["--format", fmt] if fmt else []))
            assert result.exit_code == 0, (words, fmt, result.stderr)
            assert "Traceback" not in result.stderr
            if fmt:
                _parses(result.stdout, fmt)
            ran.append((command, fmt))
    assert {c for c, _ in ran} == set(_listed_commands(run))
    assert len(ran) > 60


def _parses(out: str, fmt: str) -> None:
    assert out.strip(), fmt
    if fmt == "json":
        json.loads(out)
    elif fmt == "jsonl":
        for line in out.splitlines():
            json.loads(line)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1
    elif fmt == "tsv":
        assert len({len(line.split("\t")) for line in out.splitlines()}) == 1
    elif fmt == "markdown":
        assert out.lstrip().startswith(("|", "#"))
