"""Rich tables for people at a terminal. Rich is imported only here."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from sinokaz_cli.render.listing import Column
from sinokaz_cli.render.safe import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


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
    return _Console(
        file=file or sys.stdout,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=no_color,
        color_system=None if no_color else "auto",
    )


def text(value: str, style: str = "") -> Text:
    """Data as a Rich Text: never parsed as markup, controls made visible."""
    from rich.text import Text

    return Text(visible(value, keep_newlines=True), style=style)


def table(
    records: Iterable[Any], columns: Sequence[Column[Any]], title: str | None = None
) -> Table:
    from rich import box
    from rich.table import Table

    t = Table(
        title=text(title, "bold") if title else None,
        box=box.SIMPLE_HEAD,
        show_lines=False,
        header_style="bold",
        expand=any(c.wide for c in columns),
        pad_edge=False,
    )
    for c in columns:
        if c.wide:
            t.add_column(c.header, ratio=1, overflow="fold", min_width=24)
        else:
            t.add_column(c.header, overflow="fold", no_wrap=c.nowrap, max_width=c.max_width)
    for r in records:
        t.add_row(*(text(c.text(r)) for c in columns))
    return t
