"""The on-disk index: where it lives, and whether it may be trusted.

Parsing and validating TOML costs time in proportion to the knowledge base;
a lookup should not. So the first run after any change parses the files as
usual and then writes everything it learnt into one SQLite file in the
user's cache folder; later runs answer from that file with indexed queries
and decode only the records they print.

- Where: one file per knowledge path in the user's cache folder (where.py).
- Never wrong: each file's size, mtime (ns) and inode are recorded. A file
  whose stat matches is trusted only if it was last changed well before the
  index was written (RACY_NS); otherwise its SHA-256 is compared, so an edit
  within the same clock tick that keeps the size is still seen ("racy git").
- Never corrupted: a new index is written to a temporary file beside the
  old one and renamed over it, so a reader sees a whole old or a whole new
  index, and two runs at once cannot interleave their writes.
- Never in the way: a corrupt, foreign-version or unwritable index is
  reported on stderr and the tool reads the knowledge files instead.
- Cheap to extend: when the only change is new files that sort after every
  indexed one (the next article, named by date or number), a copy of the
  index is extended with them instead of being rebuilt; the index it
  extended is kept, so that editing the new files extends that one again.

This module opens an index when it is fresh. Writing one is in build.py
(Builder), extending one in extend.py (resume); the format (tables, record
encoding, version) is in format.py, the reading side, IndexedKB, in
indexed.py, and the choice between index and files in opening.py.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sinokaz_cli.index.format import RACY_NS, USER_VERSION
from sinokaz_cli.index.indexed import IndexedKB
from sinokaz_cli.index.where import file_key

__all__ = [
    "DatabaseError",
    "IndexUnusable",
    "open_built",
    "open_fresh",
    "recorded",
    "unchanged",
]


DatabaseError = sqlite3.Error


class IndexUnusable(Exception):
    """The index cannot be used; the message says why (for the warning)."""


def _sha256(path: Path) -> str:
    import hashlib  # only for files changed near indexing time, and when building

    return hashlib.sha256(path.read_bytes()).hexdigest()


# ─── opening ────────────────────────────────────────────────────────────────


def open_built(target: Path) -> IndexedKB:
    """The index a Builder has just put in place: it holds what was read."""
    return IndexedKB(sqlite3.connect(f"file:{target}?mode=ro", uri=True, isolation_level=None))


def open_fresh(target: Path, files: Sequence[Path]) -> IndexedKB | None:
    """The index at `target` if it matches `files` exactly; None if it is stale or absent.

    Raises IndexUnusable when the file exists but cannot be used as an index.
    """
    if not target.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, isolation_level=None)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != USER_VERSION:
                raise IndexUnusable(
                    f"made by another version of sinokaz (schema {version:#x}, "
                    f"this one uses {USER_VERSION:#x})"
                )
            indexed = recorded(conn)
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as e:
        raise IndexUnusable(str(e)) from None
    if set(indexed) != set(map(file_key, files)):
        conn.close()
        return None
    settled: list[tuple[Any, ...]] = []  # racy files whose content matched, long unchanged
    for p in files:
        key = file_key(p)
        state = unchanged(p, indexed[key])
        if state is None:
            conn.close()
            return None
        if state:
            settled.append((key, *indexed[key][:4]))
    if settled:
        _settle(target, settled)
    return IndexedKB(conn)


def unchanged(path: Path, rec: tuple[int, int, int, str, int]) -> bool | None:
    """None if the file changed; else whether its content had to be compared and
    it has since been unchanged for longer than the racy window."""
    size, mtime_ns, ino, digest, indexed_ns = rec
    try:
        st = path.stat()
    except OSError:
        return None
    if (st.st_size, st.st_mtime_ns, st.st_ino) != (size, mtime_ns, ino):
        return None
    if st.st_mtime_ns < indexed_ns - RACY_NS:
        return False
    # Changed too close to indexing for the clock to tell: compare content.
    try:
        if _sha256(path) != digest:
            return None
    except OSError:
        return None
    return st.st_mtime_ns < time.time_ns() - RACY_NS


def _settle(target: Path, rows: list[tuple[Any, ...]]) -> None:
    """Note that these files' content was checked when their mtime was long past, so
    that later runs trust their stat (as git refreshes a racily clean index): else
    a file indexed just after it was written, such as the bundled one right after
    `pip install`, would be read and hashed on every run. Best effort: a cache that
    cannot be written only keeps paying for the check."""
    now = time.time_ns()
    try:
        with sqlite3.connect(f"file:{target}?mode=rw", uri=True, timeout=0.1) as rw:
            # Only rows still as checked: another run may have replaced the index.
            rw.executemany(
                "UPDATE files SET indexed_ns = ? WHERE name = ? AND size = ? AND mtime_ns = ? "
                "AND ino = ? AND sha256 = ?",
                [(now, *row) for row in rows],
            )
        rw.close()
    except sqlite3.Error:
        pass


def recorded(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    """file key -> (size, mtime_ns, ino, sha256, indexed_ns), as the index recorded it."""
    sql = "SELECT name, size, mtime_ns, ino, sha256, indexed_ns FROM files"
    return {r[0]: r[1:] for r in conn.execute(sql)}
