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

from sinokaz_cli.index import where

# index-<hash>.sqlite, index-<hash>.previous.sqlite, and .index-<hash>.sqlite.<pid>.<n>.tmp
_KINDS = (
    ("index", re.compile(r"index-[0-9a-f]{16}\.sqlite")),
    ("previous", re.compile(r"index-[0-9a-f]{16}\.previous\.sqlite")),
    ("unfinished", re.compile(r"\.index-[0-9a-f]{16}\.sqlite\..+\.tmp")),
)


class CachedFile(NamedTuple):
    path: Path
    kind: str  # "index"; "previous", kept to extend; "unfinished", being written or left
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
        knowledge = _knowledge(path) if kind != "unfinished" else None
        out.append(CachedFile(path, kind, size, knowledge, path == in_use))
    return out


def _knowledge(path: Path) -> str | None:
    """The knowledge path an index records (build.Builder.finish), if it does."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
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
        if f.kind == "unfinished" and where.writer_alive(f.path):
            continue
        try:
            f.path.unlink()
        except FileNotFoundError:
            continue
        removed += 1
        size += f.size
    return removed, size
