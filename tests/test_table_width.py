"""No table is wider than the terminal, so none loses text at its right edge.

Rich crops each printed line at the console's width. A table that cannot fit
(a column of unbreakable text, too many fixed columns) therefore loses text
silently: `policy --pairs` cut its shared theme mid-word at 80 columns and
dropped its fact ids. Here every terminal view is drawn with cropping turned
off, and each line must still fit.
"""

from __future__ import annotations

import functools

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
    from pathlib import Path

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
