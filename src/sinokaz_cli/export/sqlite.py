"""The export as an SQLite database (docs/export.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sinokaz_cli.export import files, rows, schema
from sinokaz_cli.knowledge.base import KnowledgeBase

# What SQLite says when the file cannot be written, rather than when the SQL is wrong.
_CANNOT_WRITE = ("disk is full", "disk I/O error", "unable to open", "readonly database")


def write_sqlite(kb: KnowledgeBase, path: Path, replace: bool = False) -> Path:
    """Write the knowledge to a new SQLite database at `path`, in place only once
    it is complete. An existing file is an OutputError unless `replace`."""
    with files.placed([path], replace, str(path)) as (temp,):
        conn = sqlite3.connect(temp)
        try:
            fill(conn, kb)
        except sqlite3.Error as e:
            if any(words in str(e) for words in _CANNOT_WRITE):
                raise OSError(str(e)) from e  # placed() words it, and removes the file
            raise
        finally:
            conn.close()
    return path


def fill(conn: sqlite3.Connection, kb: KnowledgeBase) -> None:
    """Create the export's tables in an empty database and write every record."""
    # The file is new and is renamed into place only when complete: no journal needed.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(schema.TABLES_SQL)

    def put(batch: rows.Rows) -> None:
        for table, found in batch.items():
            if found:
                marks = ", ".join("?" * len(found[0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", found)

    rows.write_all(kb, put)
    # Indexes and the full-text index are built once, over every row.
    conn.executescript(schema.INDEXES_SQL + schema.FTS_SQL + schema.VIEWS_SQL)
    conn.execute(schema.FTS_FILL)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    conn.commit()
