"""Views at 40 to 59 columns: the headline figures and the brief stack their rows
rather than squeeze a column until words break."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ARTICLES, SHIPPED, Run, as_json


def _words(run: Run) -> set[str]:
    """Every word the views could print, from the facts' JSON."""
    found: set[str] = set()
    for f in as_json(run("facts", "--json")):
        text = " ".join(
            [f["statement"], f["said_by"]["text"]] + [g["about"] or "" for g in f["figures"]]
        )
        found.update(re.findall(r"[\w'’-]+", text))
    return {w for w in found if len(w) > 3}


@pytest.mark.parametrize("columns", [40, 44, 47, 52, 59])
@pytest.mark.parametrize("command", [["trade"], ["brief"], ["policy"]])
def test_no_word_breaks_on_a_narrow_terminal(run: Run, command: list[str], columns: int) -> None:
    words = _words(run)
    out = run(*command, "-f", "table", env={"COLUMNS": str(columns)}).stdout
    lines = [line.rstrip() for line in out.splitlines()]
    broken = []
    for above, below in zip(lines, lines[1:], strict=False):
        if not above or not below.strip():
            continue
        tail = re.findall(r"[\w'’-]+$", above)
        head = re.findall(r"^\s*([\w'’-]+)", below)
        if tail and head and tail[0] + head[0] in words:
            broken.append((tail[0], head[0]))
    assert broken == []


@pytest.mark.parametrize("columns", [40, 47, 59])
def test_search_keeps_every_id_whole_on_a_narrow_terminal(
    run: Run, tmp_path: Path, columns: int
) -> None:
    """With two sources the citation is long; at 40 columns the longest id, 26
    characters, once broke across two lines beside it."""
    shutil.copy(SHIPPED, tmp_path / "facts.toml")
    shutil.copy(ARTICLES / "green-programmes.toml", tmp_path / "green.toml")
    env = {"SINOKAZ_DATA": str(tmp_path), "COLUMNS": str(columns)}
    out = run("search", "green car", "-f", "table", env=env).stdout
    assert "nurgaliyeva-loyal-car-user" in out
    assert "China Daily, Nov 2025, ¶9" in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= columns
