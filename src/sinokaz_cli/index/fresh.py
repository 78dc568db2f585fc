"""The on-disk index: where it lives, and whether it may be trusted.

Parsing and validating TOML costs time in proportion to the knowledge base;
a lookup should not. So the first run after any change parses the files as
usual and then writes everything it learnt into one SQLite file in the
user's cache folder; later runs answer from that file with indexed queries
and decode only the records they print.

- Where: one file per knowledge path in the user's cache folder (where.py).
- Never wrong: each file's size, mtime and ctime (ns) and inode are
  recorded, as git records them. No tool can set a ctime (it is the kernel's
  clock at the last change to the file), so a tool that puts mtime and size
  back after an edit (tar with a fixed --mtime, say) still shows one. A file
  whose stat matches is trusted only if it was last changed well before the
  index was written (RACY_NS); otherwise its SHA-256 is compared, so an edit
  within the same clock tick that keeps the size is still seen ("racy git").
- Never corrupted: a new index is written to a temporary file beside the
  old one and renamed over it, so a reader sees a whole old or a whole new
  index, and two runs at once cannot interleave their writes. An index in
  place is never written again: what is learnt later (settled files) goes
  into a new copy, renamed over it in the same way.
- Never trusted blindly: every index carries a checksum of its whole file,
  checked before anything is read from it (sealed.py).
- Never in the way: a damaged, foreign-version or unwritable index is
  reported on stderr, set aside, and the tool reads the knowledge files instead.
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

from sinokaz_cli.index.format import RACY_NS
from sinokaz_cli.index.indexed import IndexedKB
from sinokaz_cli.index.sealed import IndexUnusable, Opened, file_uri, open_index, seal
from sinokaz_cli.index.where import file_key

__all__ = [
    "DatabaseError",
    "IndexUnusable",
    "fresh_kb",
    "open_fresh",
    "recorded",
    "unchanged",
]


DatabaseError = sqlite3.Error


def _sha256(path: Path) -> str:
    import hashlib  # only for files changed near indexing time, and when building

    return hashlib.sha256(path.read_bytes()).hexdigest()


# ─── opening ────────────────────────────────────────────────────────────────


def open_fresh(target: Path, files: Sequence[Path]) -> IndexedKB | None:
    """The index at `target` if it matches `files` exactly; None if it is stale or absent.

    Raises IndexUnusable when the file exists but cannot be used as an index.
    """
    opened = open_index(target)
    if opened is None:
        return None
    try:
        found = fresh_kb(opened, files)
    finally:
        opened.close()
    if found is None:
        opened.conn.close()
    return found


def fresh_kb(opened: Opened, files: Sequence[Path]) -> IndexedKB | None:
    """The index `opened` (sealed.open_index) if it matches `files` exactly; None
    if it is stale (its connection left open: it may yet be extended).

    Raises IndexUnusable when it cannot be read."""
    try:
        indexed = recorded(opened.conn)
    except sqlite3.Error as e:  # cannot be, once its checksum matched; but never fatal
        opened.conn.close()
        raise IndexUnusable(str(e)) from None
    if set(indexed) != set(map(file_key, files)):
        return None
    settled: list[str] = []  # racy files whose content matched, long unchanged
    for p in files:
        key = file_key(p)
        state = unchanged(p, indexed[key])
        if state is None:
            return None
        if state:
            settled.append(key)
    if settled:
        _settle(opened, settled)
    return IndexedKB(opened.conn)


def unchanged(path: Path, rec: tuple[int, int, int, int, str, int]) -> bool | None:
    """None if the file changed; else whether its content had to be compared and
    it has since been unchanged for longer than the racy window."""
    size, mtime_ns, ctime_ns, ino, digest, indexed_ns = rec
    try:
        st = path.stat()
    except OSError:
        return None
    if (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) != (size, mtime_ns, ctime_ns, ino):
        return None
    # The later of the two: mtime may have been set to any time, ctime not.
    changed_ns = max(st.st_mtime_ns, st.st_ctime_ns)
    if changed_ns < indexed_ns - RACY_NS:
        return False
    # Changed too close to indexing for the clock to tell: compare content.
    try:
        if _sha256(path) != digest:
            return None
    except OSError:
        return None
    return changed_ns < time.time_ns() - RACY_NS


def _settle(opened: Opened, names: list[str]) -> None:
    """Note that these files' content was checked when their last change was long past, so
    that later runs trust their stat (as git refreshes a racily clean index): else
    a file indexed just after it was written, such as the bundled one right after
    `pip install`, would be read and hashed on every run.

    The index in place is never written: a kill, or a power cut, in the middle
    of that would leave it unusable for every run after. The note goes into a
    copy, sealed and renamed over it, so that a run stopped at any instant
    leaves either the old index or the new one (and a temporary file that the
    next writer removes). Only if the index checked is still the one in place:
    another run may have replaced it meanwhile. Best effort: a cache that cannot
    be written only keeps paying for the check."""
    from sinokaz_cli.index import points
    from sinokaz_cli.index.owned import Owned

    now = time.time_ns()
    try:
        tmp = Owned(opened.path)
    except OSError:
        return
    try:
        tmp.fill_from(opened.fd)
        points.reached("settle-write")
        rw = sqlite3.connect(file_uri(tmp.path, "nolock=1"), uri=True, isolation_level=None)
        try:
            rw.execute("PRAGMA journal_mode = OFF")  # a temporary file: atomic by rename
            rw.execute("PRAGMA synchronous = OFF")
            rw.executemany(
                "UPDATE files SET indexed_ns = ? WHERE name = ?", [(now, n) for n in names]
            )
        finally:
            rw.close()
        points.reached("settle-seal")
        seal(tmp.fd)
        if opened.in_place():
            tmp.put_in_place(opened.path)
    except (OSError, sqlite3.Error):
        pass
    finally:
        tmp.discard()


def recorded(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    """file key -> (size, mtime_ns, ctime_ns, ino, sha256, indexed_ns), as recorded."""
    sql = "SELECT name, size, mtime_ns, ctime_ns, ino, sha256, indexed_ns FROM files"
    return {r[0]: r[1:] for r in conn.execute(sql)}
