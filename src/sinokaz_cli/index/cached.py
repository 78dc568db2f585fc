"""The index files in the cache folder: what each is, how large, which knowledge
it was made for and whether that is still there; and removing them.

Only files named as sinokaz names them are listed or removed (where.py):
$SINOKAZ_CACHE_DIR may be a folder shared with other things.
"""

from __future__ import annotations

import marshal
import re
import sqlite3
from pathlib import Path
from typing import NamedTuple

from sinokaz_cli.index import owned, sealed, where

# index-<hash>.sqlite, index-<hash>.previous.sqlite, the note that either was
# checked whole (sealed.py), and the temporary files of runs writing them
# (owned.py): .index-<hash>.sqlite.<random>.tmp, and .keep for a link.
_KINDS = (
    ("index", re.compile(r"index-[0-9a-f]{16}\.sqlite")),
    ("previous", re.compile(r"index-[0-9a-f]{16}\.previous\.sqlite")),
    ("checked", re.compile(r"index-[0-9a-f]{16}(\.previous)?\.sqlite\.checked")),
    ("unfinished", re.compile(r"\.index-[0-9a-f]{16}\.sqlite\..+\.(tmp|keep)")),
)


class CachedFile(NamedTuple):
    path: Path
    kind: str  # "index"; "previous", kept to extend; "checked", a note that one was
    # checked whole; "unfinished", being written or left
    size: int
    knowledge: str | None  # the knowledge path it was made for, where it says
    in_use: bool  # the index of the knowledge this run would read


def kind_of(name: str) -> str | None:
    return next((kind for kind, pattern in _KINDS if pattern.fullmatch(name)), None)


def cached_files(in_use: Path | None = None) -> list[CachedFile]:
    """Every index file in the cache folder, by name. `in_use`: the index path of
    the knowledge in use, to mark it."""
    folder = where.cache_dir()
    try:
        names = sorted(p for p in folder.iterdir() if kind_of(p.name))
    except OSError:  # no cache folder yet
        return []
    out = []
    for path in names:
        kind = kind_of(path.name)
        assert kind is not None
        try:
            size = path.stat().st_size
        except OSError:  # removed meanwhile
            continue
        knowledge = _knowledge(path) if kind in ("index", "previous") else None
        out.append(CachedFile(path, kind, size, knowledge, path == in_use))
    return out


def _knowledge(path: Path) -> str | None:
    """The knowledge path an index records (build.Builder.finish), if it does."""
    if not path.is_file():  # a FIFO under the index's name would hang a connection
        return None
    try:
        conn = sealed.connect(path)
        try:
            row = conn.execute("SELECT rec FROM small WHERE name = 'knowledge'").fetchone()
        finally:
            conn.close()
        found = marshal.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, EOFError, TypeError):
        return None  # an index of an older version, or not an index at all
    return found if isinstance(found, str) else None


def clear() -> tuple[int, int]:
    """Remove every index file but those a running process is still writing; how
    many files were removed, and how many bytes they took."""
    removed = size = 0
    for f in cached_files():
        if f.kind == "unfinished" and owned.writer_alive(f.path):
            continue
        try:
            f.path.unlink()
        except FileNotFoundError:
            continue
        removed += 1
        size += f.size
    return removed, size
