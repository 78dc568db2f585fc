"""Terminal tables never lose text: nothing cut at the edge, nothing squeezed out.

Rich crops each printed line at the console's width, truncates a cell that
may not wrap with "…", and can give a column no width at all. Each lost
text silently: `policy --pairs` cut its shared theme at 80 columns; a long
id pushed the statement out of the facts table; a statement of Chinese
characters vanished when its column was left one cell wide. Here every
view is drawn with cropping turned off: each line must fit (tables are laid
out for at least MIN_WIDTH columns, which a narrower terminal wraps), and
the text of the data must all be there.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from sinokaz_cli.commands.app import app
from sinokaz_cli.render.table import MIN_WIDTH

import tomlwrite
from conftest import COMMANDS, Run

VIEWS = [*COMMANDS, ["search", "who co-hosted the dialogue?"]]


@pytest.fixture
def uncropped() -> Iterator[None]:
    with _uncropped():
        yield


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_view_fits_the_terminal(
    run: Run, uncropped: None, view: list[str], width: int
) -> None:
    result = run(*view, "--format", "table", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    drawn = max(width, MIN_WIDTH)  # a narrower terminal gets lines it wraps itself
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > drawn]
    assert too_wide == []


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    data = tmp_path_factory.mktemp("table-width")
    generate(400, data, seed=5)
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

[[entity]]
id = "meeting"
kind = "event"
name = "{"ю" * 80}"
theme = "short"
hosts = ["{LONG_ENTITY}"]

[[fact]]
id = "met"
category = "dialogue"
statement = "They met."
source = "s"
paragraphs = [1]
entities = ["meeting"]
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
    (["brief"], {"q": 80, "¶": 20, "ю": 80}),
    (["dialogue"], {"ю": 80}),  # an event's long name heads its card, whole
]


@pytest.mark.parametrize("width", [40, 60, 80, 100])
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
    assert [line for line in out.splitlines() if cell_len(line) > max(width, MIN_WIDTH)] == []
    assert "…" not in out
    counted = {ch: out.count(ch) for ch in shown}
    assert all(counted[ch] >= n for ch, n in shown.items()), (counted, out)


# ─── any text, any width ────────────────────────────────────────────────────

# Statements, names, an event's name and its theme, each drawn from letters that
# appear nowhere else in a table (no header, citation or label holds them), so
# every one of them on screen can be counted.
STATEMENT, NAME, EVENT, THEME = "ж中", "ё語", "ю", "я"


@st.composite
def odd_knowledge(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A knowledge file of unbreakable or wide text, and each kind of text in it."""
    ids = st.from_regex(r"[a-z][a-z0-9-]{0,90}", fullmatch=True)

    def texts(letters: str) -> st.SearchStrategy[str]:
        words = st.text(alphabet=letters, min_size=1, max_size=90)
        return st.lists(words, min_size=1, max_size=3).map(" ".join)

    people = [
        {"id": f"e-{eid}", "kind": "person", "name": draw(texts(NAME))}
        for eid in draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    ]
    event = {
        "id": "ev",
        "kind": "event",
        "name": draw(texts(EVENT)),
        "theme": draw(texts(THEME)),
        "hosts": [people[0]["id"]],
    }
    facts = [
        {
            "id": fid,
            "category": "dialogue",
            "statement": draw(texts(STATEMENT)),
            "source": "s",
            "paragraphs": draw(st.lists(st.integers(1, 40), min_size=1, max_size=25)),
            "entities": ["ev", *(e["id"] for e in people)],
        }
        for fid in draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    ]
    source = {"id": "s", "title": "T", "publisher": "P", "published": "2025-11"}
    text = "\n".join(
        [
            tomlwrite.records("source", [{**source, "paragraphs": 40}]),
            tomlwrite.records("entity", [*people, event]),
            tomlwrite.records("fact", facts),
        ]
    )
    written = {
        STATEMENT: "".join(str(f["statement"]) for f in facts),
        NAME: "".join(str(e["name"]) for e in people),
        EVENT: str(event["name"]),
        THEME: str(event["theme"]),
    }
    return text, written


# Which texts each view shows every letter of, once.
SHOWN = {"facts": (STATEMENT,), "entities": (NAME, EVENT), "dialogue": (STATEMENT, EVENT, THEME)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_knowledge(), st.integers(min_value=20, max_value=160))
def test_tables_show_every_letter_of_any_text_at_any_width(
    knowledge: tuple[str, dict[str, str]], width: int
) -> None:
    text, written = knowledge
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.toml"
        path.write_text(text, encoding="utf-8")
        runner = CliRunner()
        env = {"COLUMNS": str(width), "SINOKAZ_CACHE_DIR": str(Path(tmp) / "cache")}
        with _uncropped():
            results = {
                view: runner.invoke(app, ["--data", str(path), view, "--format", "table"], env=env)
                for view in SHOWN
            }
    drawn = max(width, MIN_WIDTH)  # a narrower terminal gets lines it wraps itself
    for view, result in results.items():
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert [ln for ln in out.splitlines() if cell_len(ln) > drawn] == [], view
        assert "…" not in out, view
        for kind in SHOWN[view]:
            for letter in kind:
                assert out.count(letter) == written[kind].count(letter), (view, kind)


@contextmanager
def _uncropped() -> Iterator[None]:
    real = Console.print
    Console.print = functools.partialmethod(real, crop=False)  # type: ignore[method-assign]
    try:
        yield
    finally:
        Console.print = real  # type: ignore[method-assign]
