"""No table is wider than the terminal, so none loses text at its right edge.

Rich crops each printed line at the console's width. A table that cannot fit
(a column of unbreakable text, too many fixed columns) therefore loses text
silently: `policy --pairs` cut its shared theme mid-word at 80 columns and
dropped its fact ids. Here every terminal view is drawn with cropping turned
off, and each line must still fit.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from conftest import COMMANDS, Run

VIEWS = [*COMMANDS, ["search", "who co-hosted the dialogue?"]]


@pytest.fixture
def uncropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Console, "print", functools.partialmethod(Console.print, crop=False))


@pytest.mark.parametrize("width", [60, 80, 100, 140])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_view_fits_the_terminal(
    run: Run, uncropped: None, view: list[str], width: int
) -> None:
    result = run(*view, "--format", "table", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > width]
    assert too_wide == []


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    data = tmp_path_factory.mktemp("table-width")
    generate(400, data, files=2, seed=5)
    return str(data)


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize(
    "view",
    [v for v in VIEWS if v[0] not in ("show", "entity")] + [["search", "trade agreement"]],
    ids=" ".join,
)
def test_generated_knowledge_fits_the_terminal(
    run: Run, uncropped: None, generated: str, view: list[str], width: int
) -> None:
    result = run("--data", generated, *view, "--format", "table", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > width]
    assert too_wide == []


# ─── long values: folded onto more lines, never cut ────────────────────────

LONG_ID = "fact-" + "x" * 60
LONG_ENTITY = "person-" + "y" * 60
LONG_WORD = "q" * 80
PARAGRAPHS = list(range(1, 40, 2))  # 20 paragraphs, cited as "¶1, ¶3, ¶5, ..."

LONG = f"""
[[source]]
id = "s"
title = "A title"
publisher = "A publisher"
published = "2025-11"
paragraphs = 40

[[entity]]
id = "{LONG_ENTITY}"
kind = "person"
name = "{"w" * 70}"

[[fact]]
id = "{LONG_ID}"
category = "trade"
statement = "A statement with {LONG_WORD} in it."
source = "s"
paragraphs = {PARAGRAPHS}
entities = ["{LONG_ENTITY}"]
date = {{ text = "2025", start = "2025" }}
"""

# What each view must show in full, as (character, how many of it at least).
LONG_VIEWS = [
    (["trade"], {"x": 60, "q": 80, "¶": 20}),
    (["facts"], {"x": 60, "q": 80, "¶": 20}),
    (["show", LONG_ID], {"x": 60, "q": 80, "¶": 20, "w": 70}),
    (["search", "statement"], {"x": 60, "q": 80, "¶": 20}),
    (["entities"], {"y": 60, "w": 70}),
    (["entity", LONG_ENTITY], {"y": 60, "w": 70, "x": 60}),
    (["timeline"], {"q": 80, "¶": 20}),
    (["brief"], {"q": 80, "¶": 20}),
]


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize(("view", "shown"), LONG_VIEWS, ids=[v[0][0] for v in LONG_VIEWS])
def test_long_values_are_folded_never_cut(
    run: Run,
    uncropped: None,
    tmp_path: Path,
    view: list[str],
    shown: dict[str, int],
    width: int,
) -> None:
    """A 65-character id, an 80-letter word, a 70-letter name and twenty cited
    paragraphs: a column that never wrapped kept such a value whole and pushed
    the statement out of the table, or cut it with an ellipsis."""
    (tmp_path / "kb.toml").write_text(LONG, encoding="utf-8")
    result = run(
        "--data", str(tmp_path / "kb.toml"), *view, "--format", "table",
        env={"COLUMNS": str(width)},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert [line for line in out.splitlines() if cell_len(line) > width] == []
    assert "…" not in out
    counted = {ch: out.count(ch) for ch in shown}
    assert all(counted[ch] >= n for ch, n in shown.items()), (counted, out)
