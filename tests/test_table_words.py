"""Terminal tables never break a word that fits its column.

At 50 columns the facts table once gave the id 27 characters and the
statement 12, so "International" broke in two; ids broke mid-word, and an
empty column kept its width. Tables are now laid out by render/layout.py:
every column keeps its longest word while the width allows, and below 60
columns rows stack.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console

from sinokaz_cli.render.layout import STACK_BELOW, fit_widths
from sinokaz_cli.render.table import new_table, text

from conftest import Run

# Letters, a hyphen (ids), and wide characters that take two cells each.
ALPHABET = "abcdefghijk-中語ж"


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[dict[str, object]], list[list[str]], bool]:
    """Columns (ratio, max width), rows of cells made of words used once each, and
    whether the table may stack."""
    n = draw(st.integers(1, 5))
    columns = [
        {
            "ratio": draw(st.sampled_from([0, 0, 1, 2, 3])),
            "max_width": draw(st.one_of(st.none(), st.integers(4, 40))),
        }
        for _ in range(n)
    ]
    words = iter(
        draw(
            st.lists(
                st.text(alphabet=ALPHABET, min_size=1, max_size=30),
                min_size=n * 4,
                max_size=n * 4,
                unique=True,
            )
        )
    )
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        row = []
        for _ in range(n):
            k = draw(st.integers(0, 4))
            row.append(" ".join(w for _, w in zip(range(k), words, strict=False)))
        rows.append(row)
    return columns, rows, draw(st.booleans())


def _draw(columns: list[dict[str, object]], rows: list[list[str]], stacks: bool, width: int):  # type: ignore[no-untyped-def]
    t = new_table(
        stacks=stacks,
        box=box.SIMPLE_HEAD,
        expand=any(c["ratio"] for c in columns),
        pad_edge=False,
    )
    for i, c in enumerate(columns):
        t.add_column(f"H{i}", ratio=c["ratio"] or None, overflow="fold", max_width=c["max_width"])
    for row in rows:
        t.add_row(*(text(cell) for cell in row))
    con = Console(width=width, file=io.StringIO(), color_system=None, highlight=False)
    con.print(t, crop=False)
    return t, con.file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(30, 200))
def test_no_word_that_fits_its_column_is_broken(
    table: tuple[list[dict[str, object]], list[list[str]], bool], width: int
) -> None:
    columns, rows, stacks = table
    t, out = _draw(columns, rows, stacks, width)
    tokens = {tok for line in out.splitlines() for tok in line.split()}
    widths = t.last_widths  # type: ignore[attr-defined]
    assert len(widths) == len(columns)
    broken = [
        (word, i, widths[i])
        for row in rows
        for i, cell in enumerate(row)
        for word in cell.split()
        if cell_len(word) <= widths[i] and word not in tokens
    ]
    assert broken == []


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(30, 200))
def test_each_column_keeps_its_longest_word_while_they_all_fit(
    table: tuple[list[dict[str, object]], list[list[str]], bool], width: int
) -> None:
    """A layout that made every column narrow would pass the test above: here,
    when every column's longest word fits the width at once, each gets it."""
    columns, rows, stacks = table
    t, _ = _draw(columns, rows, stacks, width)
    longest = [
        max([cell_len(w) for row in rows for w in row[i].split()] + [len(f"H{i}")])
        for i in range(len(columns))
    ]
    capped = [
        min(n, c["max_width"]) if isinstance(c["max_width"], int) else n
        for n, c in zip(longest, columns, strict=True)
    ]
    gaps = 3 * len(columns) - 1  # the box's edges and rules, and padding between columns
    if (stacks and width < STACK_BELOW) or sum(capped) + gaps > width:
        return
    assert all(w >= n for w, n in zip(t.last_widths, capped, strict=True))  # type: ignore[attr-defined]


def test_fit_widths_keeps_words_and_shares_the_rest() -> None:
    # id 27 wide, a statement of long text, a citation: the statement keeps its words.
    assert fit_widths([27, 13, 4], [27, 90, 4], [0, 1, 0], [False] * 3, 50) == [27, 19, 4]
    # Room for everything: each column its longest line, the flexible one the rest.
    assert fit_widths([5, 5], [10, 20], [0, 1], [False, False], 50, expand=True) == [10, 40]
    # A flexible column a character short of a phrase takes it from one that wraps anyway.
    assert fit_widths(
        [10, 10, 12], [51, 31, 92], [2, 2, 3], [False] * 3, 50, lines=[[17], [18], [92]]
    ) == [17, 18, 15]


@pytest.mark.parametrize("width", [50, 60, 80, 100, 140])
@pytest.mark.parametrize("view", [["facts"], ["trade"], ["entity", "nurgaliyeva"]])
def test_no_statement_of_the_bundled_facts_breaks_a_word(
    run: Run, view: list[str], width: int
) -> None:
    import json

    facts = json.loads(run(*view, "--json").stdout)
    statements = facts["facts"] if isinstance(facts, dict) else facts
    out = run(*view, "-f", "table", env={"COLUMNS": str(width)}).stdout
    tokens = {tok for line in out.splitlines() for tok in line.split()}
    words = {w for f in statements for w in f["statement"].split()}
    assert words - tokens == set()
    ids = {f["id"] for f in statements}
    assert ids - tokens == set()


def test_a_narrow_table_stacks_its_rows(run: Run) -> None:
    out = run("facts", "--tag", "visa", "-f", "table", env={"COLUMNS": "50"}).stdout
    assert [line.rstrip() for line in out.splitlines()[:3]] == [
        "visa-free-travel  tourism  ¶3",
        "  Under a mutual visa-free arrangement, people",
        "  from China and Kazakhstan can travel to each",
    ]


def test_a_column_with_nothing_in_it_takes_no_width(run: Run) -> None:
    out = run("entities", "--kind", "place", "-f", "table", env={"COLUMNS": "80"}).stdout
    assert "Roles" not in out
    assert "Roles" in run("entities", "-f", "table", env={"COLUMNS": "80"}).stdout


def test_search_cites_as_topic_tables_do(run: Run) -> None:
    out = run("search", "car", "market", "-n", "2", "-f", "table").stdout
    # "China Daily" may stand under a statement, as whom it was said to; not as a citation.
    assert "¶9" in out and "China Daily, Nov 2025" not in out


def test_a_short_phrase_is_not_wrapped_for_a_character_or_two(run: Run) -> None:
    """policy --pairs at 80 columns wrapped "Beautiful China" over two lines."""
    out = run("policy", "--pairs", "-f", "table", env={"COLUMNS": "80"}).stdout
    assert "Beautiful China" in out and "Clean Kazakhstan" in out
