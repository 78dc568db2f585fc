"""Extending the on-disk index with knowledge files added after the indexed ones.

When the only change since an index was written is new files whose names
sort after every indexed one (the next article, named by date or number),
`resume` copies the index and loads a Builder and a validation Collected
with what it holds, so that reading just the new files into them (reading/load.py)
writes the index a rebuild from every file would write (tests compare the
two). Problems in the new files are reported as a rebuild would report them;
any other change rebuilds from every file.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sinokaz_cli.index.build import Builder
from sinokaz_cli.index.format import USER_VERSION
from sinokaz_cli.index.fresh import recorded, unchanged
from sinokaz_cli.index.indexed import IndexedKB, marks
from sinokaz_cli.index.sealed import IndexUnusable, Opened, open_index
from sinokaz_cli.index.sorting import cited_in
from sinokaz_cli.index.where import file_key
from sinokaz_cli.search.documents import Fields, themes_by_fact

if TYPE_CHECKING:
    from sinokaz_cli.reading.collected import Collected

__all__ = ["Resumed", "declared", "resume"]


class Resumed(NamedTuple):
    """A copy of the index, ready to take the files added since it was written."""

    builder: Builder
    read: Collected  # what the indexed files declared, as validation needs it
    files: list[Path]  # the files to add, in order


# Damage an index can show when read as one: a rebuild is the answer to all of it.
_DAMAGE = (sqlite3.Error, ValueError, EOFError, TypeError, KeyError, IndexError)


def resume(target: Path, files: Sequence[Path], start: Opened) -> Resumed | None:
    """A Builder making the index at `target` from the index `start` (the one at
    `target` itself, or the one kept before it: previous_path), by adding the files
    at the end of `files` that it does not hold, when that is the only difference:
    every file it was built from comes first in `files`, in the same order,
    unchanged. None otherwise, or when it cannot be copied or read (the caller
    rebuilds).

    The builder holds what a Builder that had just read the indexed files would
    hold, and the Collected what validation would know, so that reading the new
    files into them (reading/load.py) and finish() write the index a rebuild would."""
    # First ask the index itself, so that a change of another kind costs no copy.
    # The copy is made from the very file asked (its descriptor), so the two agree.
    try:
        n = _indexed_first(start.conn, files)
        if n is None:
            return None
        builder = Builder(target, start)
    except (*_DAMAGE, OSError):
        return None
    try:
        return Resumed(builder, *_take_over(builder, files, n))
    except _DAMAGE:
        builder.abandon()
        return None


def _take_over(builder: Builder, files: Sequence[Path], n: int) -> tuple[Collected, list[Path]]:
    """Load `builder` with the state of the index it copied, which holds the
    first `n` of `files` (see resume)."""
    conn = builder.conn
    old = IndexedKB(conn)
    builder.learn(old.entities, old.sources)
    builder.fields = Fields(builder.entities, builder.sources, themes_by_fact(old.alignments))
    builder.rows = conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    builder.counts = dict(old.read_small("counts"))
    builder.cited = cited_in(old.read_small("cited"))
    builder.mentions = old.read_small("mentions")
    builder.currencies = dict(old.read_small("currencies"))
    # The best candidates of each category stay the best among old facts.
    rows = [r for found in old.read_small("points").values() for r in found]
    sql = f"SELECT category, pweight, row FROM facts WHERE row IN ({marks(rows)})"
    builder.weights = list(conn.execute(sql, rows))
    return _declared(old, _fact_ids(conn), files[:n]), list(files[n:])


def declared(start: Path, files: Sequence[Path]) -> tuple[Collected, list[Path], list[str]] | None:
    """Without copying or writing anything: what the index at `start` declared, as
    validation needs it, the files added after its own, and its fact ids in order;
    None unless those files are the only change (as for resume), or when the index
    cannot be read. For completion, which reads but never writes the index."""
    try:
        opened = open_index(start)
    except IndexUnusable:
        return None
    if opened is None:
        return None
    conn = opened.conn
    try:
        n = _indexed_first(conn, files)
        if n is None:
            return None
        ids = _fact_ids(conn)
        return _declared(IndexedKB(conn), ids, files[:n]), list(files[n:]), ids
    except _DAMAGE:
        return None
    finally:
        conn.close()
        opened.close()


def _fact_ids(conn: sqlite3.Connection) -> list[str]:
    """The index's fact ids in row order: the fact in row r is the r-th."""
    return [fid for (fid,) in conn.execute("SELECT id FROM facts ORDER BY row")]


def _declared(old: IndexedKB, fact_ids: list[str], files: Sequence[Path]) -> Collected:
    """What the indexed `files` declared, as validation knows it after reading
    them (`fact_ids`: _fact_ids, read once by the caller)."""
    from itertools import repeat

    from sinokaz_cli.reading.collected import Collected
    from sinokaz_cli.reading.fields import RecordReader

    entities, sources, units = old.entities, old.sources, old.units
    alignments, synonyms = old.alignments, old.synonyms
    read = Collected()
    # Records already indexed are valid: nothing is ever reported against them,
    # so one placeholder reader stands for all of them.
    indexed_reader = RecordReader(read, "", "", -1, {})
    read.categories = [(c, indexed_reader) for c in old.categories]
    read.sources = [(s, indexed_reader) for s in sources]
    read.units = [(u, indexed_reader) for u in units]
    read.entities = [(e, indexed_reader) for e in entities]
    read.alignments = [(a, indexed_reader) for a in alignments]
    read.synonyms = list(synonyms)
    # Where each stands, so that a new file declaring one again merges into it.
    kept: list[tuple[str, list[tuple[Any, Any]]]] = [
        ("category", read.categories),
        ("source", read.sources),
        ("unit", read.units),
        ("entity", read.entities),
        ("alignment", read.alignments),
    ]
    for kind, bucket in kept:
        read.at[kind] = {r.id: i for i, (r, _) in enumerate(bucket)}
    # Where each id was written, as its file is named now: a new record that
    # repeats one is told where the first is, as a rebuild would tell it.
    shown = [str(f) for f in files]
    places = old.read_small("places")
    read.first = {
        kind: {rid: (shown[f], i) for rid, (f, i) in places[kind].items()} for kind in places
    }
    # A file's facts take the consecutive rows from its first_row to the next
    # file's: their positions count from there.
    first_rows = dict(old.conn.execute("SELECT name, first_row FROM files"))
    bounds = [first_rows[file_key(f)] for f in files] + [len(fact_ids)]
    fact_first = read.first["fact"] = {}
    for name, start, end in zip(shown, bounds, bounds[1:], strict=False):  # n, n+1, n
        places_in_file = zip(repeat(name), range(end - start))  # noqa: B905 (repeat is endless)
        fact_first.update(zip(fact_ids[start:end], places_in_file, strict=True))
    read.paragraphs = {s.id: s.paragraphs for s in sources}
    read.unit_ids = {u.id for u in units}
    return read


def _indexed_first(conn: sqlite3.Connection, files: Sequence[Path]) -> int | None:
    """How many files the index holds, if they are the first of `files`, in order,
    unchanged, and more files follow; else None."""
    if conn.execute("PRAGMA user_version").fetchone()[0] != USER_VERSION:
        return None
    row = conn.execute("SELECT rec FROM small WHERE name = 'files'").fetchone()
    indexed = [file_key(Path(f)) for f in marshal.loads(row[0])]
    n = len(indexed)
    if len(files) <= n or list(map(file_key, files[:n])) != indexed:
        return None
    indexed_files = recorded(conn)
    if any(unchanged(p, indexed_files[file_key(p)]) is None for p in files[:n]):
        return None
    return n
