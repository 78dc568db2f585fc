"""The knowledge as plain relational tables, for tools other than this one:
an SQLite database (datasette, pandas, DuckDB, the sqlite3 shell) and CSV files.

The index (index/) is private and free to change; this layout is documented
(docs/export.md) and stable: `schema.py` holds it, `rows.py` turns records into
its rows, `sqlite.py` and `csvfiles.py` write them, `files.py` puts a finished
file in place without ever leaving half of one behind.
"""
