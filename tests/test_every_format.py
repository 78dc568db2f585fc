"""Every command in every format: exit 0, and the output parses as that format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import COMMANDS, Run

FORMATS = ["table", "json", "jsonl", "csv", "tsv", "markdown"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_in_format(run: Run, command: list[str], fmt: str) -> None:
    result = run(*command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.strip()
    assert "Traceback" not in result.stderr
    if fmt == "json":
        json.loads(out)
    elif fmt == "jsonl":
        for line in out.splitlines():
            json.loads(line)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1
    elif fmt == "tsv":
        widths = {len(line.split("\t")) for line in out.splitlines()}
        assert len(widths) == 1 and widths.pop() > 1
    elif fmt == "markdown":
        assert out.lstrip().startswith(("|", "#"))


LISTINGS = [c for c in COMMANDS if c[0] not in ("show", "entity", "brief")]


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_fields_everywhere(run: Run, command: list[str]) -> None:
    objs = json.loads(run(*command, "--json", "--fields", "id").stdout)
    assert objs and all(list(o) == ["id"] for o in objs)
    bad = run(*command, "--json", "--fields", "nope")
    assert bad.exit_code == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("sinokaz: unknown field 'nope'")
    listed = bad.stderr.split("; available fields: ")[1].strip().split(", ")
    assert "id" in listed
