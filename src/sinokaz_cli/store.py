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
- Cheap to extend: when the only change is new files that sort after every
  indexed one (the next article, named by date or number), a copy of the
  index is extended with them (`resume`) instead of being rebuilt; the index
  it extended is kept, so that editing the new files extends that one again.
  The new index holds what a rebuild would write (tests compare the two).
  Problems in the new files are reported as a rebuild would report them; any
  other change rebuilds it from every file.

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
from typing import TYPE_CHECKING, Any, NamedTuple

from sinokaz_cli.index_format import (
    DELETE_DOC,
    EVENTS_KEPT,
    FACT_ID_INDEX,
    INDEXES,
    INSERT_DOC,
    POINTS_KEPT,
    RACY_NS,
    SOURCES_KEPT,
    TABLES,
    USER_VERSION,
    entity_out,
    fact_in,
    fact_out,
)
from sinokaz_cli.indexed import IndexedKB, marks
from sinokaz_cli.model import Category, Entity, EntityKind, Fact, KnowledgeBase, Source

if TYPE_CHECKING:
    from sinokaz_cli.record_reader import Collected

__all__ = [
    "Builder",
    "DatabaseError",
    "IndexUnusable",
    "IndexedKB",
    "Resumed",
    "cache_dir",
    "index_path",
    "open_fresh",
    "previous_path",
    "resume",
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


def previous_path(target: Path) -> Path:
    """Where the index before the last extension is kept (see Builder.finish)."""
    return target.with_suffix(".previous.sqlite")


def file_key(path: Path) -> str:
    """How the index names a knowledge file: by its name alone. The index is
    chosen by the resolved knowledge path (index_path), so the folder part is
    the same whichever way it was spelt ("kb", "./kb", "/home/me/kb"), and
    spelling it another way must not make the index look stale."""
    return path.name


def _sha256(path: Path) -> str:
    import hashlib  # only for files changed near indexing time, and when building

    return hashlib.sha256(path.read_bytes()).hexdigest()


# ─── building ───────────────────────────────────────────────────────────────


FACTS_AT_ONCE = 4096


class Builder:
    """Writes a new index while the files are read and validated (load.py).

    Each file's facts go to SQLite as soon as the file is read, so a large
    knowledge base is never held in memory whole. What needs every file is
    gathered on the way (counts, citations, each fact's brief weights, which
    entities facts mention) or done in finish(). A fact's search document
    needs the names of its entities and the title of its source: it is
    written with the fact when those have been read (as they usually have:
    see learn), else in finish(), as are the few that alignments add to.
    Until finish() renames it into place, the index is a temporary file that
    abandon() removes: a knowledge base with problems leaves no index.
    """

    def __init__(self, target: Path, start: Path | None = None) -> None:
        """A new index for `target`: empty, or a copy of the index at `start` to add
        to (see `resume`, which must then fill in what was learnt from it)."""
        from sinokaz_cli import search

        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(target)
        self.target = target
        self.tmp = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        self.start = start
        if start is not None:
            import shutil

            # One open of the old file: a run replacing it meanwhile (by rename)
            # leaves this copy whole, old or new; resume reads what the copy holds.
            try:
                shutil.copyfile(start, self.tmp)
            except BaseException:
                self.tmp.unlink(missing_ok=True)
                raise
        self.conn = sqlite3.connect(self.tmp, isolation_level=None)
        try:
            self.conn.execute("PRAGMA journal_mode = OFF")  # atomicity comes from the rename
            self.conn.execute("PRAGMA synchronous = OFF")
            if start is None:
                self.conn.executescript(TABLES)
            self.conn.execute("BEGIN")
        except BaseException:
            self.abandon()
            raise
        self.rows = 0
        self.counts: dict[str, int] = {}
        self.cited: dict[str, tuple[int, set[int]]] = {}  # as KnowledgeBase.citations()
        self.weights: list[tuple[str, int, int]] = []  # (category, point weight, row)
        # category -> entity -> how many of its facts with figures mention it, in
        # order of first mention: what KnowledgeBase.events_in ranks.
        self.mentions: dict[str, dict[str, int]] = {}
        # Entities and sources read so far, and the documents made from them:
        # without themes, which alignments (read later) may add in finish().
        self.entities: dict[str, Entity] = {}
        self.sources: dict[str, Source] = {}
        self.fields = search.Fields(self.entities, self.sources, {})
        self.pending: list[int] = []  # rows whose document waits for finish()

    def learn(self, entities: Sequence[Entity], sources: Sequence[Source]) -> None:
        """Records a file declared, for the documents of the facts that follow."""
        for e in entities:
            self.entities.setdefault(e.id, e)
        for src in sources:
            self.sources.setdefault(src.id, src)

    def add_file(self, path: Path, st: os.stat_result | None, data: bytes) -> None:
        """Record a file as it was read: its stat from just before, and the hash of
        the very bytes parsed, so an edit made meanwhile is seen on the next run."""
        import hashlib

        digest = hashlib.sha256(data).hexdigest()
        size, mtime, ino = (st.st_size, st.st_mtime_ns, st.st_ino) if st else (-1, -1, -1)
        self.conn.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (file_key(path), size, mtime, ino, digest, time.time_ns()),
        )

    def add_facts(self, facts: Sequence[Fact]) -> None:
        # A few thousand at a time: a large file's rows, search documents and
        # links are then never all held at once.
        for start in range(0, len(facts), FACTS_AT_ONCE):
            self._add_facts(facts[start : start + FACTS_AT_ONCE])

    def _add_facts(self, facts: Sequence[Fact]) -> None:
        from itertools import repeat

        from sinokaz_cli.ranking import headline, point_weight

        ents: list[tuple[str, int]] = []
        tags: list[tuple[str, int]] = []
        docs: list[tuple[int, str, str, str, str]] = []
        fields, ready = self.fields, self.fields.ready
        weights, counts, cited, by_category = self.weights, self.counts, self.cited, self.mentions
        first_row = self.rows

        # This runs once per fact of the knowledge base: local names, and C
        # (zip, repeat, dict.fromkeys) rather than Python loops where it can.
        def rows() -> Iterator[tuple[Any, ...]]:
            for row, f in enumerate(facts, first_row):
                cat = f.category.value
                figures = f.figures
                found = headline(figures)
                at, (kind, value) = found if found else (None, (None, None))
                pweight = point_weight(f)
                weights.append((cat, pweight, row))
                counts[cat] = counts.get(cat, 0) + 1
                source, paragraphs = f.cited
                seen = cited.get(source)
                if seen is None:
                    cited[source] = (1, set(paragraphs))
                else:
                    seen[1].update(paragraphs)
                    cited[source] = (seen[0] + 1, seen[1])
                entities = f.entities
                if entities:
                    mentions = by_category.get(cat)
                    if mentions is None:
                        mentions = by_category[cat] = {}
                    with_figures = 1 if figures else 0
                    for e in entities:  # in order of first mention, for events_in
                        mentions[e] = mentions.get(e, 0) + with_figures
                speaker = f.speaker
                involved = entities if speaker is None else (*entities, speaker)
                ents.extend(zip(dict.fromkeys(involved), repeat(row)))
                tags.extend(zip(dict.fromkeys(f.tags), repeat(row)))
                if ready(f):
                    docs.append((row, *fields(f)))
                else:
                    self.pending.append(row)
                date = f.date
                yield (
                    row,
                    f.id,
                    cat,
                    (date.start or None) if date is not None else None,
                    kind,
                    value,
                    at,
                    pweight,
                    source,
                    fact_out(f),
                )

        self.conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
        self.conn.executemany("INSERT INTO fact_entities VALUES (?, ?)", ents)
        self.conn.executemany("INSERT INTO fact_tags VALUES (?, ?)", tags)
        self.conn.executemany(INSERT_DOC, docs)
        self.rows += len(facts)

    def finish(self, kb: KnowledgeBase) -> None:
        """Write the rest from `kb` (validated, its facts already added) and put
        the index in place."""
        from sinokaz_cli import search

        conn = self.conn
        # An extended index is given everything again: the tables are small.
        conn.execute("DELETE FROM entities")
        conn.execute("DELETE FROM sources")
        conn.execute("DELETE FROM small")
        conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?)",
            [(i, e.id, e.kind.value, entity_out(e)) for i, e in enumerate(kb.entities)],
        )
        conn.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
            [
                (i, src.id, marshal.dumps(tuple(src)), *_cites(self.cited.get(src.id)))
                for i, src in enumerate(kb.sources)
            ],
        )
        ranked = sorted(self.cited, key=lambda sid: -self.cited[sid][0])
        small = {
            "units": tuple(tuple(u) for u in kb.units),
            "alignments": tuple(tuple(a) for a in kb.alignments),
            "synonyms": tuple(s.terms for s in kb.synonyms),
            "sources_cited": len(self.cited),
            "counts": {c.value: self.counts.get(c.value, 0) for c in Category},
            "files": kb.files,
            # What a brief needs, worked out now so that it costs the same at any size:
            # the leading events per category, and each category's richest facts.
            "events": {c.value: self._events(c, kb) for c in Category},
            "points": _point_candidates(self.weights),
            "source_ranking": tuple(ranked[:SOURCES_KEPT]),
            # What resume() needs to go on counting as if it had read every file:
            # the order sources were first cited in, and every entity's mentions.
            "cited_order": tuple(self.cited),
            "mentions": self.mentions,
        }
        conn.executemany(
            "INSERT INTO small VALUES (?, ?)",
            [(k, marshal.dumps(v)) for k, v in small.items()],  # type: ignore[arg-type]
        )
        conn.execute(FACT_ID_INDEX)
        self._last_documents(search.themes_by_fact(kb.alignments))
        conn.execute("COMMIT")
        # Last, so that a file with our version number always has its indexes.
        conn.executescript(INDEXES + f"PRAGMA user_version = {USER_VERSION};")
        conn.close()
        self._keep_previous()
        os.replace(self.tmp, self.target)

    def _keep_previous(self) -> None:
        """Files just added are often edited next (the article being written): when
        this index extends the one in place, that one is kept, linked under another
        name, so that such an edit extends it again instead of rebuilding. A full
        rebuild drops it: its files were not all kept. Best effort either way."""
        previous = previous_path(self.target)
        try:
            if self.start is None:
                previous.unlink(missing_ok=True)
            elif self.start == self.target:
                link = self.tmp.with_suffix(".previous.tmp")
                try:
                    os.link(self.target, link)  # no copy: the old index is about to be unlinked
                    os.replace(link, previous)
                finally:
                    # When another run has just kept this same index, both names are
                    # links to one file, and rename() does nothing: drop this one.
                    link.unlink(missing_ok=True)
        except OSError:
            pass

    def _last_documents(self, themes: dict[str, list[str]]) -> None:
        """Write the documents that waited for every file: those of facts read before
        their entities or source, and those alignments add themes to."""
        from sinokaz_cli import search

        conn = self.conn
        full = search.Fields(self.entities, self.sources, themes)
        fact_at = "SELECT rec FROM facts WHERE row = ?"
        for row in self.pending:
            f = fact_in(conn.execute(fact_at, (row,)).fetchone()[0])
            conn.execute(INSERT_DOC, (row, *full(f)))
        pending = set(self.pending)
        written = self.fields.themes  # what the documents written so far were given
        for fid, given in themes.items():
            if written.get(fid) == given:
                continue  # an extended index's, unchanged
            found = conn.execute("SELECT row, rec FROM facts WHERE id = ?", (fid,)).fetchone()
            if found is None or found[0] in pending:
                continue
            row, f = found[0], fact_in(found[1])
            old, new = self.fields(f), full(f)
            if new != old:
                conn.execute(DELETE_DOC, (row, *old))
                conn.execute(INSERT_DOC, (row, *new))

    def _events(self, category: Category, kb: KnowledgeBase) -> tuple[str, ...]:
        """The ids KnowledgeBase.events_in(category, EVENTS_KEPT) returns."""
        from sinokaz_cli import ranking

        by_id = kb.entities_by_id
        found = [
            (eid, n)
            for eid, n in self.mentions.get(category.value, {}).items()
            if (e := by_id.get(eid)) is not None and e.kind is EntityKind.EVENT
        ]
        found.sort(key=lambda item: ranking.event_rank(by_id[item[0]], item[1]))
        return tuple(eid for eid, _ in found[:EVENTS_KEPT])

    def abandon(self) -> None:
        """Close and remove the unfinished index (safe to call twice)."""
        self.conn.close()
        self.tmp.unlink(missing_ok=True)


# ─── extending ──────────────────────────────────────────────────────────────


class Resumed(NamedTuple):
    """A copy of the index, ready to take the files added since it was written."""

    builder: Builder
    read: Collected  # what the indexed files declared, as validation needs it
    files: list[Path]  # the files to add, in order


# Where validation is told an indexed record was first written: the index does
# not keep records' places, so a duplicate of one is reported by a rebuild.
INDEXED = ("", -1)

# Damage an index can show when read as one: a rebuild is the answer to all of it.
_DAMAGE = (sqlite3.Error, ValueError, EOFError, TypeError, KeyError, IndexError)


def resume(target: Path, files: Sequence[Path], start: Path) -> Resumed | None:
    """A Builder making the index at `target` from the one at `start` (`target`
    itself, or the one kept before it: previous_path), by adding the files at the
    end of `files` that it does not hold, when that is the only difference: every
    file it was built from comes first in `files`, in the same order, unchanged.
    None otherwise, or when it cannot be copied or read (the caller rebuilds).

    The builder holds what a Builder that had just read the indexed files would
    hold, and the Collected what validation would know, so that reading the new
    files into them (load.py) and finish() write the index a rebuild would."""
    # First ask the index itself, so that a change of another kind costs no copy;
    # and copy it inside that read transaction, which keeps the one writer that
    # changes an index in place (_settle) from changing it mid-copy.
    try:
        conn = sqlite3.connect(f"file:{start}?mode=ro", uri=True, isolation_level=None)
        try:
            conn.execute("BEGIN")
            if _indexed_first(conn, files) is None:
                return None
            builder = Builder(target, start)
        finally:
            conn.close()
    except (*_DAMAGE, OSError):
        return None
    try:
        found = _take_over(builder, files)
    except _DAMAGE:
        found = None
    if found is None:
        builder.abandon()
        return None
    return Resumed(builder, *found)


def _take_over(builder: Builder, files: Sequence[Path]) -> tuple[Collected, list[Path]] | None:
    """Load `builder` with the state of the index it copied (see resume)."""
    from sinokaz_cli import search
    from sinokaz_cli.record_reader import Collected, RecordReader

    conn = builder.conn
    # Again: a run may have put a newer index in place before it was copied.
    n = _indexed_first(conn, files)
    if n is None:
        return None
    old = IndexedKB(conn)
    entities, sources, units = old.entities, old.sources, old.units
    alignments, synonyms = old.alignments, old.synonyms
    builder.learn(entities, sources)
    builder.fields = search.Fields(
        builder.entities, builder.sources, search.themes_by_fact(alignments)
    )
    builder.rows = conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    builder.counts = dict(old.read_small("counts"))
    cited = {
        sid: (facts, set(marshal.loads(blob)))
        for sid, facts, blob in conn.execute("SELECT id, facts, cited FROM sources")
    }
    builder.cited = {sid: cited[sid] for sid in old.read_small("cited_order")}
    builder.mentions = old.read_small("mentions")
    # The best candidates of each category stay the best among old facts.
    rows = [r for found in old.read_small("points").values() for r in found]
    sql = f"SELECT category, pweight, row FROM facts WHERE row IN ({marks(rows)})"
    builder.weights = list(conn.execute(sql, rows))

    read = Collected()
    # Records already indexed are valid: nothing is ever reported against them,
    # so one placeholder reader stands for all of them.
    indexed_reader = RecordReader(read, "", "", -1, {})
    read.sources = [(s, indexed_reader) for s in sources]
    read.units = [(u, indexed_reader) for u in units]
    read.entities = [(e, indexed_reader) for e in entities]
    read.alignments = [(a, indexed_reader) for a in alignments]
    read.synonyms = list(synonyms)
    read.first = {
        "source": dict.fromkeys((s.id for s in sources), INDEXED),
        "unit": dict.fromkeys((u.id for u in units), INDEXED),
        "entity": dict.fromkeys((e.id for e in entities), INDEXED),
        "fact": dict.fromkeys((r[0] for r in conn.execute("SELECT id FROM facts")), INDEXED),
        "alignment": dict.fromkeys((a.id for a in alignments), INDEXED),
    }
    read.paragraphs = {s.id: s.paragraphs for s in sources}
    read.unit_ids = {u.id for u in units}
    return read, list(files[n:])


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
    recorded = _recorded(conn)
    if any(_unchanged(p, recorded[file_key(p)]) is None for p in files[:n]):
        return None
    return n


def _recorded(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    """file key -> (size, mtime_ns, ino, sha256, indexed_ns), as the index recorded it."""
    sql = "SELECT name, size, mtime_ns, ino, sha256, indexed_ns FROM files"
    return {r[0]: r[1:] for r in conn.execute(sql)}


def _remove_orphans(target: Path) -> None:
    """Delete unfinished indexes that no running process will finish.

    Ctrl-C ends the process at once (cli.py), so a run interrupted while
    indexing leaves its temporary file, as large as the index, behind. Its
    name holds the writer's process id: remove it when that process is gone.
    A run still indexing keeps its file. (POSIX only: that is where a
    process can be asked whether it exists without being touched.)"""
    if os.name != "posix":
        return
    for tmp in target.parent.glob(f".{target.name}.*.tmp"):
        try:
            pid = int(tmp.name[len(target.name) + 2 :].split(".")[0])
            os.kill(pid, 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, OSError):
            pass  # not our name, or a process we may not signal: alive


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
            recorded = _recorded(conn)
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as e:
        raise IndexUnusable(str(e)) from None
    if set(recorded) != set(map(file_key, files)):
        conn.close()
        return None
    settled: list[tuple[Any, ...]] = []  # racy files whose content matched, long unchanged
    for p in files:
        key = file_key(p)
        state = _unchanged(p, recorded[key])
        if state is None:
            conn.close()
            return None
        if state:
            settled.append((key, *recorded[key][:4]))
    if settled:
        _settle(target, settled)
    return IndexedKB(conn)


def _unchanged(path: Path, rec: tuple[int, int, int, str, int]) -> bool | None:
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
