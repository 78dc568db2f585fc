"""A GitHub-flavoured Markdown table, for pasting into documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sinokaz_cli.render.listing import Column
from sinokaz_cli.safe import visible

# What CommonMark (and GitHub's tables) would read as markup anywhere in a line:
# emphasis, code, links and images, HTML, and the backslash itself. "$", "#" and
# "{" mean nothing mid-line, and escaping them leaves a backslash in what is
# pasted as plain text ("\\$307 million").
_INLINE = re.compile(r"([\\`*_\[\]<>])")
_CELL = re.compile(r"([\\`*_\[\]<>|])")  # a table cell: "|" ends it


def inline(text: str, cell: bool = False) -> str:
    """Text made literal in running Markdown (in a table cell, with `cell`)."""
    text = visible(text, keep_newlines=cell)  # in running text a newline could start a list
    text = (_CELL if cell else _INLINE).sub(r"\\\1", text)
    return text.replace("\n", "<br>") if cell else text


def cell(text: str) -> str:
    """Text made literal inside a Markdown table cell."""
    return inline(text, cell=True)


def table(
    records: Iterable[Any], columns: Sequence[Column[Any]], title: str | None
) -> Iterator[str]:
    if title:
        yield f"## {cell(title)}\n\n"
    yield "| " + " | ".join(c.header for c in columns) + " |\n"
    yield "|" + "|".join("---" for _ in columns) + "|\n"
    for r in records:
        yield "| " + " | ".join(cell(c.text(r)) for c in columns) + " |\n"
