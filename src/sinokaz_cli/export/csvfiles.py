"""The export as CSV files, one for each table and view of the SQLite export,
with a header row: the same rows, for spreadsheets (docs/export.md)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from sinokaz_cli.export import files, schema
from sinokaz_cli.export.sqlite import fill
from sinokaz_cli.knowledge.base import KnowledgeBase

NAMES = (*schema.TABLES, *schema.VIEWS)


def write_csv(kb: KnowledgeBase, folder: Path, replace: bool = False) -> list[Path]:
    """Write `folder`/TABLE.csv for every table and view (the folder is made if
    it is missing). Files of those names already there are an OutputError unless
    `replace`; other files in the folder are left alone."""
    targets = [folder / f"{name}.csv" for name in NAMES]
    with files.placed(targets, replace, str(folder), make_folder=True) as temps:
        conn = sqlite3.connect(":memory:")
        try:
            fill(conn, kb)
            for name, temp in zip(NAMES, temps, strict=True):
                # Tables in the order they were written; views order themselves.
                order = " ORDER BY rowid" if name in schema.TABLES else ""
                cursor = conn.execute(f"SELECT * FROM {name}{order}")
                with temp.open("w", encoding="utf-8", newline="") as fh:
                    writer = csv.writer(fh, lineterminator="\n")
                    writer.writerow([d[0] for d in cursor.description])
                    writer.writerows(cursor)
        finally:
            conn.close()
    return targets
