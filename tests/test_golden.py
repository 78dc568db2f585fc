"""Rendered output compared with golden files, width and colour pinned.

Refresh after an intended change: SINOKAZ_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ARTICLES, MINI, SHIPPED, Run

GOLDEN = Path(__file__).resolve().parent / "golden"
# The bundled article with the two fixture articles: three sources, eight topics.
FORMS = Path(__file__).resolve().parent / "data" / "forms.toml"
THREE = [str(SHIPPED), *(str(p) for p in sorted(ARTICLES.glob("*.toml")))]

CASES = {
    "trade-table-100.txt": (["trade", "--format", "table"], "100"),
    "dialogue-table-80.txt": (["dialogue", "--format", "table"], "80"),
    "policy-table-80.txt": (["policy", "--format", "table"], "80"),
    "show-table-80.txt": (["show", "ciie-kazakh-companies", "--format", "table"], "80"),
    "mini-facts-markdown.md": (["--data", str(MINI), "facts", "--format", "markdown"], "80"),
    "mini-facts-tsv.txt": (["--data", str(MINI), "facts"], "80"),
    "brief-table-80.txt": (["brief", "--format", "table"], "80"),
    "brief-table-120.txt": (["brief", "--format", "table"], "120"),
    "brief.md": (["brief", "--format", "markdown"], "80"),
    "brief.json": (["brief", "--json"], "80"),
    "three-brief-table-80.txt": (["--data", "THREE", "brief", "--format", "table"], "80"),
    "three-brief-table-120.txt": (["--data", "THREE", "brief", "--format", "table"], "120"),
    "three-brief.md": (["--data", "THREE", "brief", "--format", "markdown"], "80"),
    "three-brief.json": (["--data", "THREE", "brief", "--json"], "80"),
    "mini-brief.md": (["--data", str(MINI), "brief"], "80"),
    # Every form news takes (qualifiers, rates, changes, quarters, seasons, ranges)
    # in every view.
    "forms-facts-table-100.txt": (["--data", str(FORMS), "facts", "-f", "table"], "100"),
    "forms-facts.md": (["--data", str(FORMS), "facts", "-f", "markdown"], "80"),
    "forms-facts.json": (["--data", str(FORMS), "facts", "--json"], "80"),
    "forms-facts.tsv": (["--data", str(FORMS), "facts", "-f", "tsv"], "80"),
    "forms-timeline-table-100.txt": (["--data", str(FORMS), "timeline", "-f", "table"], "100"),
    "forms-show-table-80.txt": (
        ["--data", str(FORMS), "show", "fg-since-almost", "-f", "table"],
        "80",
    ),
    "timeline-table-80.txt": (["timeline", "--format", "table"], "80"),
    "search-table-80.txt": (
        ["search", "who co-hosted the dialogue?", "-n", "3", "-f", "table"],
        "80",
    ),
}


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A folder of the bundled file and the two fixture articles."""
    import shutil

    folder = tmp_path_factory.mktemp("three")
    for path in THREE:
        shutil.copy(path, folder)
    return str(folder)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(run: Run, name: str, three: str) -> None:
    args, columns = CASES[name]
    args = [three if a == "THREE" else a for a in args]
    result = run(*args, env={"COLUMNS": columns, "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("SINOKAZ_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
