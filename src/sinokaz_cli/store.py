"""The on-disk index: the knowledge files, validated, in SQLite.

Parsing and validating TOML costs time in proportion to the knowledge base;
a lookup should not. So the first run after any change parses the files as
usual and then writes everything it learnt into one SQLite file in the
user's cache folder; later runs answer from that file with indexed queries
and decode only the records they print.

- Where: $SINOKAZ_CACHE_DIR, else the platform's cache folder ($XDG_CACHE_HOME
  or ~/.cache on Linux), in sinokaz/, one file per knowledge path.
- Never wrong: each file's size, mtime (ns) and inode are recorded. A file
  whose stat matches is trusted only if it was last changed well before the
  index was written (RACY_NS); otherwise its SHA-256 is compared, so an edit
  within the same clock tick that keeps the size is still seen ("racy git").
- Never corrupted: a new index is written to a temporary file beside the
  old one and renamed over it, so a reader sees a whole old or a whole new
  index, and two runs at once cannot interleave their writes.
- Never in the way: a corrupt, foreign-version or unwritable index is
  reported on stderr and the tool reads the knowledge files instead.

The format (tables, record encoding, version) is in index_format.py; the
reading side, IndexedKB, in indexed.py.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sinokaz_cli.index_format import (
    EVENTS_KEPT,
    INDEXES,
    POINTS_KEPT,
    RACY_NS,
    SOURCES_KEPT,
    TABLES,
    USER_VERSION,
    entity_out,
    fact_out,
)
from sinokaz_cli.indexed import IndexedKB
from sinokaz_cli.model import Category, KnowledgeBase

__all__ = [
    "DatabaseError",
    "IndexUnusable",
    "IndexedKB",
    "build",
    "cache_dir",
    "index_path",
    "open_fresh",
]


DatabaseError = sqlite3.Error


class IndexUnusable(Exception):
    """The index cannot be used; the message says why (for the warning)."""


# ─── where ──────────────────────────────────────────────────────────────────


def cache_dir() -> Path:
    env = os.environ.get("SINOKAZ_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Caches/sinokaz"))
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "sinokaz" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "sinokaz"
    try:
        return Path.home() / ".cache" / "sinokaz"
    except RuntimeError:  # no HOME and no password entry to find one
        raise OSError("no cache folder: no home folder is known; set SINOKAZ_CACHE_DIR") from None


def index_path(data: Path) -> Path:
    """One index per knowledge path. The name is a 64-bit FNV-1a hash of the path:
    no import needed, and a collision could only cost a rebuild, never a wrong
    answer, since the index records which files it was built from."""
    key = 0xCBF29CE484222325
    for byte in str(data.resolve()).encode("utf-8", "surrogateescape"):
        key = ((key ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return cache_dir() / f"index-{key:016x}.sqlite"


def _sha256(path: Path) -> str:
    import hashlib  # only for files changed near indexing time, and when building

    return hashlib.sha256(path.read_bytes()).hexdigest()


# ─── building ───────────────────────────────────────────────────────────────


def _stat_row(path: Path, now_ns: int) -> tuple[str, int, int, int, str, int]:
    st = path.stat()
    digest = _sha256(path)
    return (str(path), st.st_size, st.st_mtime_ns, st.st_ino, digest, now_ns)


def build(kb: KnowledgeBase, files: Sequence[Path], target: Path) -> None:
    """Write `kb` (already validated) to a new index at `target`, atomically."""
    from sinokaz_cli import ranking, search

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = OFF")  # a temp file: atomicity comes from rename
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(TABLES)
            conn.execute("BEGIN")
            now = time.time_ns()
            conn.executemany(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", [_stat_row(p, now) for p in files]
            )
            # Rows are generated as SQLite takes them, not collected first.
            ents: list[tuple[str, int]] = []
            tags: list[tuple[str, int]] = []
            weights: list[tuple[str, int, int]] = []  # (category, point weight, row)

            def fact_rows() -> Iterator[tuple[Any, ...]]:
                for row, f in enumerate(kb.facts):
                    fig = ranking.headline_figure(f)
                    kind, value = ranking.figure_weight(fig) if fig else (None, None)
                    pweight = ranking.point_weight(f)
                    weights.append((f.category.value, pweight, row))
                    for e in dict.fromkeys((*f.entities, *((f.speaker,) if f.speaker else ()))):
                        ents.append((e, row))
                    tags.extend((t, row) for t in dict.fromkeys(f.tags))
                    yield (
                        row,
                        f.id,
                        f.category.value,
                        (f.date.start if f.date else None) or None,
                        kind,
                        value,
                        f.figures.index(fig) if fig else None,
                        pweight,
                        fact_out(f),
                    )

            conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", fact_rows())
            conn.executemany("INSERT INTO fact_entities VALUES (?, ?)", ents)
            conn.executemany("INSERT INTO fact_tags VALUES (?, ?)", tags)
            conn.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?)",
                [(i, e.id, e.kind.value, entity_out(e)) for i, e in enumerate(kb.entities)],
            )
            citations = kb.citations()
            conn.executemany(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                [
                    (i, src.id, marshal.dumps(tuple(src)), *_cites(citations.get(src.id)))
                    for i, src in enumerate(kb.sources)
                ],
            )
            small = {
                "units": tuple(tuple(u) for u in kb.units),
                "alignments": tuple(tuple(a) for a in kb.alignments),
                "synonyms": tuple(s.terms for s in kb.synonyms),
                "sources_cited": len(citations),
                "counts": {c.value: kb.count(c) for c in Category},
                "files": kb.files,
                # What a brief needs, worked out now so that it costs the same at any size:
                # the leading events per category, and each category's richest facts.
                "events": {
                    c.value: tuple(e.id for e, _ in kb.events_in(c, EVENTS_KEPT)) for c in Category
                },
                "points": _point_candidates(weights),
                "source_ranking": kb.source_ranking()[0][:SOURCES_KEPT],
            }
            conn.executemany(
                "INSERT INTO small VALUES (?, ?)",
                [(k, marshal.dumps(v)) for k, v in small.items()],  # type: ignore[arg-type]
            )
            conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", search.documents(kb))
            conn.execute("COMMIT")
            # Last, so that a file with our version number always has its indexes.
            conn.executescript(INDEXES + f"PRAGMA user_version = {USER_VERSION};")
        finally:
            conn.close()
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _cites(found: tuple[int, set[int]] | None) -> tuple[int, bytes]:
    n, cited = found or (0, set())
    return n, marshal.dumps(tuple(sorted(cited)))


def _point_candidates(weights: list[tuple[str, int, int]]) -> dict[str, tuple[int, ...]]:
    """Per category, the rows of the POINTS_KEPT facts with the best point weight."""
    by_cat: dict[str, list[tuple[int, int]]] = {}
    for cat, pweight, row in weights:
        by_cat.setdefault(cat, []).append((pweight, row))
    return {cat: tuple(r for _, r in sorted(found)[:POINTS_KEPT]) for cat, found in by_cat.items()}


# ─── opening ────────────────────────────────────────────────────────────────


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
            recorded = {
                r[0]: r[1:]
                for r in conn.execute(
                    "SELECT path, size, mtime_ns, ino, sha256, indexed_ns FROM files"
                )
            }
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as e:
        raise IndexUnusable(str(e)) from None
    if set(recorded) != {str(p) for p in files} or not all(
        _unchanged(p, recorded[str(p)]) for p in files
    ):
        conn.close()
        return None
    return IndexedKB(conn)


def _unchanged(path: Path, rec: tuple[int, int, int, str, int]) -> bool:
    size, mtime_ns, ino, digest, indexed_ns = rec
    try:
        st = path.stat()
    except OSError:
        return False
    if (st.st_size, st.st_mtime_ns, st.st_ino) != (size, mtime_ns, ino):
        return False
    if st.st_mtime_ns < indexed_ns - RACY_NS:
        return True
    # Changed too close to indexing for the clock to tell: compare content.
    try:
        return _sha256(path) == digest
    except OSError:
        return False
