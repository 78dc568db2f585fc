"""Rich tables for people at a terminal. Rich is imported only here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence, Sized
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, TypeVar

from sinokaz_cli.render.listing import Column
from sinokaz_cli.safe import visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text


T = TypeVar("T")

# A table for reading stops after this many rows. Rich lays out every row before
# it prints the first (about 0.6 ms a row here), so a topic of 25,000 facts took
# 16 s to appear, as a wall of text no one reads on a screen.
TABLE_ROWS = 100

# Tables are laid out for at least this many columns (see console()). Below
# about 30, Rich leaves some column too narrow for its text whatever we ask;
# test_table_width holds 40 and up to "no text lost" for any text.
MIN_WIDTH = 40

# Text from the data that reads best on one line (an id, a figure, a citation)
# is capped rather than never wrapped: past the cap it folds onto more lines.
# A column that never wraps keeps a 100-character id whole and squeezes the
# statement beside it out of the table.
ID_WIDTH = 32
CITED_WIDTH = 36  # "China Daily, Nov 2025, ¶4"
PARAGRAPHS_WIDTH = 18  # "¶4" when there is one source, or a short citation


def console(file: IO[str] | None = None) -> Console:
    """A console whose colour follows the terminal, NO_COLOR and TERM=dumb."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 on its own; hand the closed pipe to the CLI's
            # boundary instead, so every format ends the same quiet way.
            self.quiet = True
            raise BrokenPipeError

    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    con = _Console(
        file=file or sys.stdout,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=no_color,
        color_system=None if no_color else "auto",
    )
    if con.width < MIN_WIDTH:
        # Rich cuts every line at the console's width. On a narrower terminal,
        # lines of MIN_WIDTH that the terminal wraps lose nothing.
        con.width = MIN_WIDTH
    return con


def new_table(stacks: bool = True, **options: Any) -> Table:
    """A Rich table laid out so that no word breaks that fits its column (see
    layout.py); with `stacks`, its rows stack on a narrow terminal."""
    from sinokaz_cli.render.layout import fit_table

    t = fit_table()(**options)
    t.stacks = stacks  # type: ignore[attr-defined]
    return t


def new_grid(padding: tuple[int, int] = (0, 2)) -> Table:
    """A table without borders or headers, laid out as new_table's are."""
    from sinokaz_cli.render.layout import fit_table

    return fit_table().grid(padding=padding)


def head(rows: Iterable[T], show_all: bool = False) -> tuple[list[T], int]:
    """The rows a table shows, and how many it leaves out. Rows that know their
    number (a list; indexed.FactRows, which asks SQL) are not read past the last
    one shown."""
    rest = iter(rows)
    shown = list(rest if show_all else islice(rest, TABLE_ROWS))
    if isinstance(rows, Sized):
        return shown, len(rows) - len(shown)
    return shown, sum(1 for _ in rest)


def more(hidden: int, noun: str = "rows") -> Text:
    """The line under a table that stopped early: how much is left, and how to see it."""
    return text(f"… and {hidden:,} more {noun} (--all shows them)", "dim")


def print_head(
    con: Console,
    rows: Iterable[T],
    show_all: bool,
    draw: Callable[[list[T]], RenderableType],
    noun: str = "rows",
    empty: str | None = None,
) -> None:
    """Draw the rows a table shows, then say how many more there are.

    With no rows, a person reading gets a line on stderr instead of bare
    headers: `empty`, by default "no <noun>"; "" says nothing (for a table
    under a summary that has already counted zero)."""
    shown, hidden = head(rows, show_all)
    if not shown:
        message = f"no {noun}" if empty is None else empty
        if message:
            from sinokaz_cli.messages import say

            say(message)
        return
    con.print(draw(shown))
    if hidden:
        con.print(more(hidden, noun))


def text(value: str, style: str = "") -> Text:
    """Data as a Rich Text: never parsed as markup, controls made visible."""
    from rich.text import Text

    return Text(visible(value, keep_newlines=True), style=style)


def table(
    records: Iterable[Any], columns: Sequence[Column[Any]], title: str | None = None
) -> Table:
    from rich import box

    t = new_table(
        title=text(title, "bold") if title else None,
        box=box.SIMPLE_HEAD,
        show_lines=False,
        header_style="bold",
        expand=any(c.wide for c in columns),
        pad_edge=False,
    )
    rows = [[c.text(r) for c in columns] for r in records]
    # A column with nothing in it takes no width (Roles, when no entity has one).
    kept = [i for i in range(len(columns)) if any(row[i] for row in rows)] or [0]
    for i in kept:
        c = columns[i]
        if c.wide:
            t.add_column(c.header, ratio=1, overflow="fold")
        else:
            width = c.max_width or (ID_WIDTH if c.nowrap else None)
            t.add_column(c.header, overflow="fold", max_width=width)
    for row in rows:
        t.add_row(*(text(row[i]) for i in kept))
    return t
