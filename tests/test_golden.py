"""Rendered output compared with golden files, width and colour pinned.

Refresh after an intended change: SINOKAZ_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MINI, Run

GOLDEN = Path(__file__).resolve().parent / "golden"

CASES = {
    "trade-table-100.txt": (["trade", "--format", "table"], "100"),
    "dialogue-table-80.txt": (["dialogue", "--format", "table"], "80"),
    "policy-table-80.txt": (["policy", "--format", "table"], "80"),
    "show-table-80.txt": (["show", "ciie-kazakh-companies", "--format", "table"], "80"),
    "mini-facts-markdown.md": (["--data", str(MINI), "facts", "--format", "markdown"], "80"),
    "mini-facts-tsv.txt": (["--data", str(MINI), "facts"], "80"),
    "brief-table-80.txt": (["brief", "--format", "table"], "80"),
    "brief.md": (["brief", "--format", "markdown"], "80"),
    "mini-brief.md": (["--data", str(MINI), "brief"], "80"),
    "timeline-table-80.txt": (["timeline", "--format", "table"], "80"),
    "search-table-80.txt": (
        ["search", "who co-hosted the dialogue?", "-n", "3", "-f", "table"],
        "80",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(run: Run, name: str) -> None:
    args, columns = CASES[name]
    result = run(*args, env={"COLUMNS": columns, "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("SINOKAZ_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
