"""How a terminal table's columns share the width, and how its rows stack when
the terminal is narrow.

Rich gives a flexible (ratio) column only what the others leave, and when a
table is too wide it shrinks columns below their longest word: at 50
columns an id took 27 characters and the statement beside it 12, so
"International" broke in two. Here (`fit_widths`) each column keeps at least
its longest word while the width allows; flexible columns keep a quarter of
the width between them; a table too wide shrinks its widest columns first.
Below STACK_BELOW columns, or when not every column's longest word fits, a
table's rows stack instead: the short columns on one line, the long ones
under them, indented, as search shows id above statement. Rich is imported
only when a table is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table

# Below this many columns, a table whose rows can stack stacks them.
STACK_BELOW = 60
STACK_INDENT = 2


def fit_widths(
    least: Sequence[int],
    most: Sequence[int],
    ratios: Sequence[int],
    rigid: Sequence[bool],
    width: int,
    expand: bool = False,
    lines: Sequence[Sequence[int]] = (),
) -> list[int]:
    """Each column's width (padding included) for a table `width` wide.

    `least` is what a column needs so that no word breaks (its longest word),
    `most` what it needs so that no line wraps; a `rigid` column (no_wrap)
    needs all of that. Flexible columns (`ratios` > 0) take what is spare when
    the table `expand`s, and keep a quarter of the width between them when it
    is short. When even the least does not fit, the widest columns give way
    first, and words wider than their column fold. `lines`, when given, are the
    widths of each column's cells on one line: a flexible column a few
    characters short of holding a cell whole ("Beautiful China") takes them
    from the widest other one.
    """
    n = len(most)
    most = [max(1, m) for m in most]
    least = [most[i] if rigid[i] else min(least[i], most[i]) for i in range(n)]
    total_ratio = sum(ratios)
    if sum(most) <= width:
        widths = list(most)
        if expand and total_ratio:
            _share_out(widths, width - sum(widths), ratios)
        return widths
    floor = list(least)
    if total_ratio:
        quarter = max(10, width // 4)
        for i in range(n):
            if ratios[i]:
                floor[i] = min(most[i], max(least[i], quarter * ratios[i] // total_ratio))
        # The quarter yields to the other columns' longest words.
        for i in range(n):
            over = sum(floor) - width
            if ratios[i] and over > 0:
                floor[i] = max(least[i], floor[i] - over)
    widths = list(most)
    # Shrink the flexible columns, keeping to their ratios, then the widest of the
    # others, never below the floor. Below it, when even that is too wide, the
    # widest columns give way first, those that may not wrap last.
    while sum(widths) > width:
        flexible = [i for i in range(n) if widths[i] > floor[i] and ratios[i]]
        rest = [i for i in range(n) if widths[i] > floor[i]]
        if flexible:
            widths[max(flexible, key=lambda i: widths[i] / ratios[i])] -= 1
        elif rest:
            widths[max(rest, key=lambda i: widths[i])] -= 1
        else:
            break
    while sum(widths) > width:
        pliant = [i for i in range(n) if widths[i] > 1 and not rigid[i]]
        candidates = pliant or [i for i in range(n) if widths[i] > 1]
        if not candidates:
            break
        widths[max(candidates, key=lambda i: widths[i])] -= 1
    if lines:
        _snap(widths, floor, most, ratios, lines)
    return widths


SNAP = 4  # how many characters a column may take from another to hold a cell whole


def _snap(
    widths: list[int],
    floor: list[int],
    most: Sequence[int],
    ratios: Sequence[int],
    lines: Sequence[Sequence[int]],
) -> None:
    """Give a flexible column the few characters that hold one more of its cells on
    one line, taken from the widest flexible column that wraps anyway."""
    flexible = [i for i in range(len(widths)) if ratios[i]]
    for i in flexible:
        short = [n - widths[i] for n in lines[i] if 0 < n - widths[i] <= SNAP]
        if not short:
            continue
        need = min(short)
        donors = [
            j for j in flexible if j != i and most[j] > widths[j] and widths[j] - need >= floor[j]
        ]
        if donors:
            donor = max(donors, key=lambda j: widths[j])
            widths[donor] -= need
            widths[i] += need
            floor[i] = widths[i]  # what it took is not given back


def _share_out(widths: list[int], spare: int, ratios: Sequence[int]) -> None:
    """Add `spare` to the columns with a ratio, in proportion to it."""
    total = sum(ratios)
    given = 0
    flexible = [i for i, r in enumerate(ratios) if r]
    for k, i in enumerate(flexible):
        share = spare - given if k == len(flexible) - 1 else spare * ratios[i] // total
        widths[i] += share
        given += share


def fit_table() -> type[Table]:
    """The Rich Table class laid out by fit_widths (made on first use: Rich loads then)."""
    return _fit_table()


@cache
def _fit_table() -> type[Table]:
    from rich.table import Table

    class FitTable(Table):
        """A table laid out by fit_widths. With `stacks`, below STACK_BELOW columns
        or where the columns' longest words do not all fit, each row is drawn as
        a block instead: its short cells on one line, its long ones under it
        (each after its header when there are several)."""

        stacks = False
        # The content width each column was last given (without padding), for tests.
        last_widths: list[int] = []

        def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
            ranges = self._ranges(console, options)
            ratios = [c.ratio or 0 for c in self.columns]
            widths = fit_widths(
                [r.minimum for r in ranges],
                [r.maximum for r in ranges],
                ratios,
                [c.no_wrap for c in self.columns],
                options.max_width,
                self.expand,
                self._cell_lines(console, options) if sum(map(bool, ratios)) > 1 else (),
            )
            self.last_widths = [w - self._get_padding_width(i) for i, w in enumerate(widths)]
            return widths

        def _cell_lines(self, console: Console, options: ConsoleOptions) -> list[list[int]]:
            """Each column's cells' widths on one line, padding included."""
            from rich.measure import Measurement

            return [
                [
                    Measurement.get(console, options, cell).maximum + self._get_padding_width(i)
                    for cell in c.cells
                ]
                for i, c in enumerate(self.columns)
            ]

        _measured: tuple[int, list[Any]] | None = None

        def _ranges(self, console: Console, options: ConsoleOptions) -> list[Any]:
            """Each column's least and most width at this width, measured once."""
            if self._measured is None or self._measured[0] != options.max_width:
                ranges = [self._measure_column(console, options, c) for c in self.columns]
                self._measured = (options.max_width, ranges)
            return self._measured[1]

        def _words_fit(self, console: Console, options: ConsoleOptions) -> bool:
            """Whether every column can have its longest word (all of a rigid one's)."""
            inner = options.update_width(options.max_width - self._extra_width)
            ranges = self._ranges(console, inner)
            least = [
                r.maximum if c.no_wrap else r.minimum
                for r, c in zip(ranges, self.columns, strict=True)
            ]
            return bool(sum(least) <= inner.max_width)

        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            if (
                self.stacks
                and self.row_count
                and (options.max_width < STACK_BELOW or not self._words_fit(console, options))
            ):
                yield from self._stacked(console, options)
                return
            yield from super().__rich_console__(console, options)

        def _stacked(self, console: Console, options: ConsoleOptions) -> RenderResult:
            from rich.console import Group
            from rich.padding import Padding
            from rich.text import Text

            columns = self.columns
            cells = [list(c.cells) for c in columns]
            long = [i for i, c in enumerate(columns) if c.ratio]
            short = [i for i in range(len(columns)) if i not in long]
            labelled = len(long) > 1
            blocks: list[RenderableType] = [self.title] if self.title else []
            for row in range(self.row_count):
                head = Text()
                for i in short:
                    cell = _styled(cells[i][row], columns[i].style)
                    if cell.plain:
                        head.append("  " if head.plain else "")
                        head.append_text(cell)
                parts: list[RenderableType] = [head] if head.plain else []
                for i in long:
                    cell = _styled(cells[i][row], columns[i].style)
                    if not cell.plain:
                        continue
                    if labelled:
                        cell = Text.assemble((f"{columns[i].header}: ", "dim"), cell)
                    parts.append(Padding(cell, (0, 0, 0, STACK_INDENT), expand=False))
                blocks.append(Group(*parts))
            self.last_widths = [options.max_width - STACK_INDENT] * len(columns)
            yield from console.render(Group(*blocks), options)

    return FitTable


def _styled(cell: Any, style: Any) -> Any:
    """A cell's Text, its column's style beneath its own."""
    from rich.text import Text

    text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
    if isinstance(style, str) and style:
        own = text.style
        text.style = f"{style} {own}" if isinstance(own, str) and own else style
    return text
