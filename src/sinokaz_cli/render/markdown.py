"""A GitHub-flavoured Markdown table, for pasting into documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sinokaz_cli.render.listing import Column
from sinokaz_cli.safe import visible

# Characters that would change the meaning of Markdown or HTML around them.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~$])")


def cell(text: str) -> str:
    """Text made literal inside a Markdown table cell."""
    text = visible(text, keep_newlines=True)
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", "<br>")


def table(
    records: Iterable[Any], columns: Sequence[Column[Any]], title: str | None
) -> Iterator[str]:
    if title:
        yield f"## {cell(title)}\n\n"
    yield "| " + " | ".join(c.header for c in columns) + " |\n"
    yield "|" + "|".join("---" for _ in columns) + "|\n"
    for r in records:
        yield "| " + " | ".join(cell(c.text(r)) for c in columns) + " |\n"
