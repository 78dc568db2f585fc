"""Rich tables for people at a terminal. Rich is imported only here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence, Sized
from functools import cache
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, TypeVar

from sinokaz_cli.render.listing import Column
from sinokaz_cli.safe import visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
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


def new_table(**options: Any) -> Table:
    """A Rich table whose flexible (ratio) columns keep a quarter of the width.

    Rich gives a flexible column only what the others leave, so ids and
    citations at their caps could squeeze a statement down to one cell, too
    narrow even for a Chinese character, which was then not drawn at all."""
    return _fit_table()(**options)


@cache
def _fit_table() -> type[Table]:
    from rich.table import Table

    class FitTable(Table):
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            flexible = [c for c in self.columns if c.ratio and c.width is None]
            if not (self.expand and flexible):
                yield from super().__rich_console__(console, options)
                return
            # A flexible column's width, when set, is the least the ratio shares out.
            floor = max(10, options.max_width // 4) // len(flexible)
            for c in flexible:
                c.width = floor
            try:
                yield from super().__rich_console__(console, options)
            finally:
                for c in flexible:
                    c.width = None

    return FitTable


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
    for c in columns:
        if c.wide:
            t.add_column(c.header, ratio=1, overflow="fold")
        else:
            width = c.max_width or (ID_WIDTH if c.nowrap else None)
            t.add_column(c.header, overflow="fold", max_width=width)
    for r in records:
        t.add_row(*(text(c.text(r)) for c in columns))
    return t
