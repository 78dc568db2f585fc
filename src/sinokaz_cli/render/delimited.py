"""CSV (with a header, RFC 4180 quoting) and TSV (no header, one record a line).

TSV is what a pipe gets by default, as gh does: no header, no truncation,
no colour; tabs, newlines and other controls inside a field are escaped so
that every record stays on one line with the same number of fields.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sinokaz_cli.render.listing import Column
from sinokaz_cli.safe import visible


def tsv(records: Iterable[Any], columns: Sequence[Column[Any]]) -> Iterator[str]:
    for r in records:
        yield "\t".join(visible(c.text(r)) for c in columns) + "\n"


def csv_rows(records: Iterable[Any], columns: Sequence[Column[Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")

    def flush() -> str:
        text = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return text

    writer.writerow([c.name for c in columns])
    yield flush()
    for r in records:
        # Newlines are legal inside a quoted CSV field; other controls are not shown raw.
        writer.writerow([visible(c.text(r), keep_newlines=True) for c in columns])
        yield flush()
