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
it. (At 100,000 facts the file is about 76 MB, which the check reads in about
30 ms; see docs/performance.md.)

The index is never written once it is in place (build.py, fresh.py), so the
file a run checked stays what SQLite reads: it is opened as immutable, which
also means no lock is taken and no journal beside it is ever looked at.

Only a regular file is opened, and without waiting (O_NONBLOCK): a FIFO or a
device under the index's name is unusable, never a hang.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from binascii import crc32
from pathlib import Path
from typing import NamedTuple

from sinokaz_cli.index.format import USER_VERSION

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


class Opened(NamedTuple):
    """An index checked whole and opened: its connection, and the descriptor and
    stat of the very file checked (to copy it, or to know it again by its inode)."""

    path: Path
    conn: sqlite3.Connection
    fd: int
    st: os.stat_result

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
            _check(fd, st)
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


def _check(fd: int, st: os.stat_result) -> None:
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
    if checksum(fd) != int.from_bytes(head[SEAL], "big"):
        raise IndexUnusable("damaged (its checksum does not match its content)")


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
