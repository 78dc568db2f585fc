"""Opening an index only when it is whole: a regular file, of this version,
whose every byte is as it was written.

SQLite notices damage only where it breaks the file's structure, and never
notices changed content: a flipped bit in a statement, in a B-tree key or in
the search tables reads back as a wrong answer, and a zeroed page can fail a
query after half the answer has been written. So every index is sealed when
it is written: the CRC-32 of the whole file is kept in the four bytes of the
SQLite header left to applications (the "application id", offset 68), counted
as zeros. A run checks it before it reads anything from the index, so that a
damaged index is set aside before the first byte of an answer, never during
it.

Reading the whole file costs time in proportion to it (about 24 ms for the
76 MB of 100,000 facts), so a run that has checked it notes the file's stat
beside it (index-*.sqlite.checked), as git notes the stat of a file it has
hashed. A later run that finds the same size, mtime, ctime and inode trusts
the file without reading it again: nothing can change a file without changing
its ctime, which no tool can set. The note is written only once the file has
stood unchanged for longer than the racy window (format.RACY_NS), so that a
change made within the clock tick of the check cannot hide behind an equal
stat. What this cannot see is damage made below the file system (a disk or
memory fault under an unchanged stat); a query that then fails sets the index
aside (opening.py), so the next run checks and rebuilds.

The index is never written once it is in place (build.py, fresh.py), so the
file a run checked stays what SQLite reads: it is opened as immutable, which
also means no lock is taken and no journal beside it is ever looked at.

Only a regular file is opened, and without waiting (O_NONBLOCK): a FIFO or a
device under the index's name, or the note's, is unusable, never a hang.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

from sinokaz_cli.index.format import RACY_NS, USER_VERSION
from sinokaz_cli.index.where import checked_path

__all__ = ["IndexUnusable", "Opened", "connect", "file_uri", "names", "open_index", "seal"]

MAGIC = b"SQLite format 3\x00"
HEADER = 100  # bytes of the SQLite header
VERSION = slice(60, 64)  # PRAGMA user_version
SEAL = slice(68, 72)  # PRAGMA application_id: the CRC-32
CHUNK = 1 << 18
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class IndexUnusable(Exception):
    """The index cannot be used; the message says why (for the warning)."""


class Opened:
    """An index checked whole and opened: its connection, and the descriptor and
    stat of the very file checked (to copy it, or to know it again by its inode).
    (A plain class: a NamedTuple costs a lookup 0.2 ms to define.)"""

    __slots__ = ("conn", "fd", "path", "st")

    def __init__(self, path: Path, conn: sqlite3.Connection, fd: int, st: os.stat_result):
        self.path, self.conn, self.fd, self.st = path, conn, fd, st

    def close(self) -> None:
        """The descriptor only: the connection may live on in an IndexedKB."""
        os.close(self.fd)

    def in_place(self) -> bool:
        """Whether this is still the index at its path (no run has replaced it)."""
        return names(self.path, self.st)


def open_index(path: Path) -> Opened | None:
    """The index at `path`, checked whole; None when there is none (or it was
    replaced each time it was opened, as runs at once may do).

    Raises IndexUnusable when what is there cannot be used."""
    for _ in range(3):
        found = _open_regular(path)
        if found is None:
            return None
        fd, st = found
        try:
            _check(fd, st, path)
            conn = connect(path)
            # SQLite opened the file by name: it is the one checked if the name
            # still leads to it (an index is only ever replaced by a new file).
            if names(path, st):
                return Opened(path, conn, fd, st)
            conn.close()
        except sqlite3.Error as e:
            os.close(fd)
            raise IndexUnusable(str(e)) from None
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    return None


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection to an index that no one writes in place."""
    return sqlite3.connect(file_uri(path, "mode=ro&immutable=1"), uri=True, isolation_level=None)


def seal(fd: int) -> None:
    """Write the file's CRC-32 into its header (the file is complete and closed
    by SQLite; `fd` is open for writing)."""
    crc = checksum(fd)
    os.lseek(fd, SEAL.start, os.SEEK_SET)
    os.write(fd, crc.to_bytes(4, "big"))


def checksum(fd: int) -> int:
    """The CRC-32 of the whole file, its seal counted as zeros."""
    from binascii import crc32  # not needed by a run that trusts the index by its stat

    raw = open(fd, "rb", buffering=0, closefd=False)  # the descriptor stays the caller's
    raw.seek(0)
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    n = raw.readinto(buf) or 0
    buf[SEAL] = bytes(4)
    crc = crc32(view[:n])
    while n:
        n = raw.readinto(buf) or 0
        crc = crc32(view[:n], crc)
    return crc


def _open_regular(path: Path) -> tuple[int, os.stat_result] | None:
    try:
        fd = os.open(path, _FLAGS)
    except (FileNotFoundError, NotADirectoryError):  # no index, or no cache folder
        return None
    except OSError as e:
        raise IndexUnusable(e.strerror or str(e)) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise IndexUnusable("not a regular file")
    return fd, st


def _check(fd: int, st: os.stat_result, path: Path) -> None:
    if st.st_size == 0:
        raise IndexUnusable("the file is empty")
    head = os.read(fd, HEADER)
    if len(head) < HEADER or not head.startswith(MAGIC):
        raise IndexUnusable("file is not a database")
    version = int.from_bytes(head[VERSION], "big")
    if version != USER_VERSION:
        raise IndexUnusable(
            f"made by another version of sinokaz (schema {version:#x}, "
            f"this one uses {USER_VERSION:#x})"
        )
    if _vouched(path, st):
        return
    if checksum(fd) != int.from_bytes(head[SEAL], "big"):
        raise IndexUnusable("damaged (its checksum does not match its content)")
    _vouch(path, st)


_NOTE = b"sinokaz-checked"


def _stated(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _vouched(path: Path, st: os.stat_result) -> bool:
    """Whether a run checked this very file whole, long enough after its last change."""
    try:
        fd = os.open(checked_path(path), _FLAGS)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        # Garbage cannot pass: it would have to name this very stat, to the nanosecond.
        fields = os.read(fd, 512).split()
        if fields[:1] != [_NOTE]:
            return False
        *stated, checked_ns = map(int, fields[1:])
    except (OSError, ValueError):
        return False
    finally:
        os.close(fd)
    return tuple(stated) == _stated(st) and checked_ns - RACY_NS > max(
        st.st_mtime_ns, st.st_ctime_ns
    )


def _vouch(path: Path, st: os.stat_result) -> None:
    """Note that the file with stat `st` (taken before it was read) was checked
    whole, if it has stood unchanged long enough. Best effort."""
    now = time.time_ns()
    if now - RACY_NS <= max(st.st_mtime_ns, st.st_ctime_ns):
        return
    from sinokaz_cli.index.owned import Owned  # once for each index: not on every run

    body = b" ".join([_NOTE, *(b"%d" % n for n in (*_stated(st), now))])
    note = checked_path(path)
    try:
        tmp = Owned(note)
        try:
            os.write(tmp.fd, body + b"\n")
            tmp.put_in_place(note)
        finally:
            tmp.discard()
    except OSError:
        pass


def names(path: Path, st: os.stat_result) -> bool:
    """Whether `path` leads to the file whose stat is `st`."""
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino)


def file_uri(path: Path, query: str) -> str:
    """A file: URI for SQLite, the characters URIs give a meaning escaped in `path`."""
    escaped = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?{query}"
