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

Records are stored as marshal-encoded tuples (marshal needs no import and
decodes a record in microseconds).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from sinokaz_cli.model import (
    Alignment,
    Category,
    Citation,
    DateQualifier,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    KnowledgeBase,
    Qualifier,
    Role,
    Source,
    Synonym,
    Unit,
)

# Bump when the tables or the record encoding change; an index of another
# version is rebuilt (with a warning), never misread.
SCHEMA_VERSION = 9
USER_VERSION = 0x5E0000 + SCHEMA_VERSION  # PRAGMA user_version: ours, and which version
RACY_NS = 2_000_000_000  # files changed this close to indexing are checked by content
EVENTS_KEPT = 8  # leading events kept per category for briefs
POINTS_KEPT = 64  # candidate key points kept per category for briefs
SOURCES_KEPT = 16  # most-cited sources kept for briefs


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


# ─── records <-> marshal-able tuples ───────────────────────────────────────


def _date_out(d: DateRef | None) -> tuple[Any, ...] | None:
    if d is None:
        return None
    q = d.qualifier.value if d.qualifier else None
    return (d.text, d.start, d.end, q, d.inferred, d.basis)


def _date_in(t: tuple[Any, ...] | None) -> DateRef | None:
    if t is None:
        return None
    text, start, end, q, inferred, basis = t
    return DateRef(text, start, end, DateQualifier(q) if q else None, inferred, basis)


def fact_out(f: Fact) -> bytes:
    figures = tuple((g.value, g.unit, g.qualifier.value, g.about) for g in f.figures)
    return marshal.dumps(
        (
            f.id,
            f.category.value,
            f.statement,
            f.cited.source,
            f.cited.paragraphs,
            f.tags,
            f.entities,
            figures,
            _date_out(f.date),
            f.speaker,
            f.attribution,
            f.quote,
            f.note,
        )
    )


def fact_in(blob: bytes) -> Fact:
    (
        fid,
        cat,
        statement,
        source,
        paras,
        tags,
        ents,
        figures,
        date,
        speaker,
        attribution,
        quote,
        note,
    ) = marshal.loads(blob)
    return Fact(
        fid,
        Category(cat),
        statement,
        Citation(source, paras),
        tags,
        ents,
        tuple(Figure(v, u, Qualifier(q), a) for v, u, q, a in figures),
        _date_in(date),
        speaker,
        attribution,
        quote,
        note,
    )


def _source_in(blob: bytes) -> Source:
    return Source(*marshal.loads(blob))


def entity_out(e: Entity) -> bytes:
    cited = (e.cited.source, e.cited.paragraphs) if e.cited else None
    return marshal.dumps(
        (
            e.id,
            e.kind.value,
            e.name,
            e.aliases,
            e.description,
            e.part_of,
            tuple((r.title, r.of) for r in e.roles),
            e.place,
            e.hosts,
            e.theme,
            _date_out(e.date),
            cited,
        )
    )


def entity_in(blob: bytes) -> Entity:
    (eid, kind, name, aliases, desc, part_of, roles, place, hosts, theme, date, cited) = (
        marshal.loads(blob)
    )
    return Entity(
        eid,
        EntityKind(kind),
        name,
        aliases,
        desc,
        part_of,
        tuple(Role(t, o) for t, o in roles),
        place,
        hosts,
        theme,
        _date_in(date),
        Citation(*cited) if cited else None,
    )


# ─── building ───────────────────────────────────────────────────────────────

# Secondary indexes are created after the rows are in: building a B-tree
# once from sorted data is much cheaper than growing it row by row.
_INDEXES = """
CREATE INDEX facts_category ON facts (category, row);
CREATE INDEX facts_date ON facts (date_start, row) WHERE date_start IS NOT NULL;
CREATE INDEX facts_headline ON facts (hw_kind, hw_value, row) WHERE hw_kind IS NOT NULL;
CREATE INDEX fact_entities_entity ON fact_entities (entity, fact_row);
CREATE INDEX fact_tags_tag ON fact_tags (tag, fact_row);
"""

_TABLES = """
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER,
                    sha256 TEXT, indexed_ns INTEGER);
CREATE TABLE facts (row INTEGER PRIMARY KEY, id TEXT UNIQUE, category TEXT, date_start TEXT,
                    hw_kind INTEGER, hw_value REAL, hw_figure INTEGER, pweight INTEGER,
                    rec BLOB, json TEXT);
CREATE TABLE fact_entities (entity TEXT, fact_row INTEGER);
CREATE TABLE fact_tags (tag TEXT, fact_row INTEGER);
CREATE TABLE entities (row INTEGER PRIMARY KEY, id TEXT UNIQUE, kind TEXT, rec BLOB);
CREATE TABLE sources (row INTEGER PRIMARY KEY, id TEXT UNIQUE, rec BLOB, facts INTEGER,
                      cited BLOB);
CREATE TABLE small (name TEXT PRIMARY KEY, rec BLOB);
CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, statement, names, tags, extra,
                                     tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row');
"""


def _stat_row(path: Path, now_ns: int) -> tuple[str, int, int, int, str, int]:
    st = path.stat()
    digest = _sha256(path)
    return (str(path), st.st_size, st.st_mtime_ns, st.st_ino, digest, now_ns)


def build(kb: KnowledgeBase, files: Sequence[Path], target: Path) -> None:
    """Write `kb` (already validated) to a new index at `target`, atomically."""
    from sinokaz_cli import ranking, search
    from sinokaz_cli.render.jsonout import element
    from sinokaz_cli.render.records import fact_json

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = OFF")  # a temp file: atomicity comes from rename
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_TABLES)
            conn.execute("BEGIN")
            now = time.time_ns()
            conn.executemany(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", [_stat_row(p, now) for p in files]
            )
            rows = []
            ents: list[tuple[str, int]] = []
            tags: list[tuple[str, int]] = []
            for row, f in enumerate(kb.facts):
                fig = ranking.headline_figure(f)
                kind, value = ranking.figure_weight(fig) if fig else (None, None)
                rows.append(
                    (
                        row,
                        f.id,
                        f.category.value,
                        (f.date.start if f.date else None) or None,
                        kind,
                        value,
                        f.figures.index(fig) if fig else None,
                        ranking.point_weight(f),
                        fact_out(f),
                        element(fact_json(f, kb)),
                    )
                )
                for e in dict.fromkeys((*f.entities, *((f.speaker,) if f.speaker else ()))):
                    ents.append((e, row))
                tags.extend((t, row) for t in dict.fromkeys(f.tags))
            conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
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
                "points": _point_candidates(rows),
                "source_ranking": kb.source_ranking()[0][:SOURCES_KEPT],
            }
            conn.executemany(
                "INSERT INTO small VALUES (?, ?)",
                [(k, marshal.dumps(v)) for k, v in small.items()],  # type: ignore[arg-type]
            )
            conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", search.documents(kb))
            conn.execute("COMMIT")
            # Last, so that a file with our version number always has its indexes.
            conn.executescript(_INDEXES + f"PRAGMA user_version = {USER_VERSION};")
        finally:
            conn.close()
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _cites(found: tuple[int, set[int]] | None) -> tuple[int, bytes]:
    n, cited = found or (0, set())
    return n, marshal.dumps(tuple(sorted(cited)))


def _point_candidates(rows: list[tuple[Any, ...]]) -> dict[str, tuple[int, ...]]:
    """Per category, the rows of the POINTS_KEPT facts with the best point weight."""
    by_cat: dict[str, list[tuple[int, int]]] = {}
    for row, _id, cat, _d, _k, _v, _fi, pweight, _rec, _json in rows:
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


# ─── the indexed knowledge base ─────────────────────────────────────────────


class _Lookup:
    """A read-only mapping over one table, decoding records on demand."""

    def __init__(self, conn: sqlite3.Connection, table: str, decode: Any) -> None:
        self._conn, self._table, self._decode = conn, table, decode
        self._memo: dict[str, Any] = {}

    def get(self, key: str | None, default: Any = None) -> Any:
        if key is None:
            return default
        if key in self._memo:
            return self._memo[key]
        row = self._conn.execute(f"SELECT rec FROM {self._table} WHERE id = ?", (key,)).fetchone()
        value = self._decode(row[0]) if row else None
        self._memo[key] = value
        return value if value is not None else default

    def __getitem__(self, key: str) -> Any:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._conn.execute(f"SELECT id FROM {self._table} ORDER BY row"))

    def __len__(self) -> int:
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {self._table}").fetchone()[0])


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


class IndexedKB(KnowledgeBase):
    """The knowledge base answered from the index: records are read as needed."""

    keeps_json = True

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Facts and entities stay on disk until asked for; the small tables are read
        # whole, each on first use (a JSON listing needs none of them).
        self._small: dict[str, Any] = {}
        self.facts_by_id = _Lookup(conn, "facts", fact_in)  # type: ignore[assignment]
        self.entities_by_id = _Lookup(conn, "entities", entity_in)  # type: ignore[assignment]
        self.sources_by_id = _Lookup(conn, "sources", _source_in)  # type: ignore[assignment]

    def _read(self, name: str) -> Any:
        if name not in self._small:
            row = self.conn.execute("SELECT rec FROM small WHERE name = ?", (name,)).fetchone()
            self._small[name] = marshal.loads(row[0])
        return self._small[name]

    @cached_property
    def sources(self) -> tuple[Source, ...]:  # type: ignore[override]
        rows = self.conn.execute("SELECT rec FROM sources ORDER BY row")
        return tuple(_source_in(r[0]) for r in rows)

    @cached_property
    def units(self) -> tuple[Unit, ...]:  # type: ignore[override]
        return tuple(Unit(*u) for u in self._read("units"))

    @cached_property
    def alignments(self) -> tuple[Alignment, ...]:  # type: ignore[override]
        return tuple(Alignment(*a) for a in self._read("alignments"))

    @cached_property
    def synonyms(self) -> tuple[Synonym, ...]:  # type: ignore[override]
        return tuple(Synonym(t) for t in self._read("synonyms"))

    @cached_property
    def files(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._read("files"))

    # Everything at once: only for the few paths that truly need it.
    @property  # type: ignore[override,unused-ignore]
    def facts(self) -> tuple[Fact, ...]:  # type: ignore[override]
        return tuple(self._facts("1", ()))

    @property  # type: ignore[override,unused-ignore]
    def entities(self) -> tuple[Entity, ...]:  # type: ignore[override]
        rows = self.conn.execute("SELECT rec FROM entities ORDER BY row")
        return tuple(entity_in(r[0]) for r in rows)

    def _facts(self, where: str, args: Iterable[object], order: str = "row") -> Iterator[Fact]:
        sql = f"SELECT rec FROM facts WHERE {where} ORDER BY {order}"
        for (blob,) in self.conn.execute(sql, tuple(args)):
            yield fact_in(blob)

    def _where(
        self,
        categories: Sequence[Category] = (),
        tags: Sequence[str] = (),
        entities: Sequence[str] = (),
    ) -> tuple[str, list[object]]:
        where: list[str] = ["1"]
        args: list[object] = []
        if categories:
            where.append(f"category IN ({_marks(categories)})")
            args += [c.value for c in categories]
        if tags:
            where.append(f"row IN (SELECT fact_row FROM fact_tags WHERE tag IN ({_marks(tags)}))")
            args += list(tags)
        if entities:
            where.append(
                f"row IN (SELECT fact_row FROM fact_entities WHERE entity IN ({_marks(entities)}))"
            )
            args += list(entities)
        return " AND ".join(where), args

    def select(
        self,
        categories: Sequence[Category] = (),
        tags: Sequence[str] = (),
        entities: Sequence[str] = (),
    ) -> Iterator[Fact]:
        where, args = self._where(categories, tags, entities)
        return self._facts(where, args)

    def select_json(
        self,
        categories: Sequence[Category] = (),
        tags: Sequence[str] = (),
        entities: Sequence[str] = (),
    ) -> Iterator[str]:
        where, args = self._where(categories, tags, entities)
        sql = f"SELECT json FROM facts WHERE {where} ORDER BY row"
        return (r[0] for r in self.conn.execute(sql, args))

    def count(self, category: Category) -> int:
        return int(self._read("counts").get(category.value, 0))

    def about(self, entity_id: str) -> list[Fact]:
        return list(
            self._facts(
                "row IN (SELECT fact_row FROM fact_entities WHERE entity = ?)", (entity_id,)
            )
        )

    def tag_set(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT tag FROM fact_tags")}

    def entity_list(self, kinds: Sequence[EntityKind] = ()) -> list[Entity]:
        if not kinds:
            return list(self.entities)
        sql = f"SELECT rec FROM entities WHERE kind IN ({_marks(kinds)}) ORDER BY row"
        return [entity_in(r[0]) for r in self.conn.execute(sql, [k.value for k in kinds])]

    def mention_ids(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        sql = (
            "SELECT fe.entity, f.id FROM fact_entities fe JOIN facts f ON f.row = fe.fact_row "
            "ORDER BY fe.entity, f.row"
        )
        for entity, fid in self.conn.execute(sql):
            out.setdefault(entity, []).append(fid)
        return out

    def dated(self, categories: Sequence[Category] = ()) -> list[Fact]:
        where, args = "date_start IS NOT NULL", [c.value for c in categories]
        if categories:
            where += f" AND category IN ({_marks(categories)})"
        return list(self._facts(where, args, order="date_start, row"))

    def source_ranking(self) -> tuple[tuple[str, ...], int]:
        return tuple(self._read("source_ranking")), int(self._read("sources_cited"))

    def citations(self, ids: Sequence[str] | None = None) -> dict[str, tuple[int, set[int]]]:
        sql = "SELECT id, facts, cited FROM sources WHERE facts > 0"
        args: list[str] = []
        if ids is not None:
            sql += f" AND id IN ({_marks(ids)})"
            args = list(ids)
        rows = self.conn.execute(sql, args)
        return {sid: (n, set(marshal.loads(c))) for sid, n, c in rows}

    def headline(self, categories: Sequence[Category], limit: int) -> list[tuple[Fact, Figure]]:
        where, args = "hw_kind IS NOT NULL", [c.value for c in categories]
        if categories:
            where += f" AND category IN ({_marks(categories)})"
        sql = (
            f"SELECT rec, hw_figure FROM facts WHERE {where} "
            "ORDER BY hw_kind, hw_value, row LIMIT ?"
        )
        out = []
        for blob, index in self.conn.execute(sql, (*args, limit)):
            f = fact_in(blob)
            out.append((f, f.figures[index]))
        return out

    def points(
        self, category: Category, avoid_facts: set[str], avoid_entities: set[str], limit: int
    ) -> list[Fact]:
        # The best candidates were kept at indexing; only if too few of them are
        # free of what to avoid does this fall back to sorting the whole topic.
        rows = self._read("points").get(category.value, ())
        sql = f"SELECT row, rec FROM facts WHERE row IN ({_marks(rows)}) ORDER BY pweight, row"
        candidates = [(row, fact_in(blob)) for row, blob in self.conn.execute(sql, rows)]

        def stale(f: Fact) -> bool:
            return f.id in avoid_facts or bool(avoid_entities.intersection(f.entities))

        fresh = [c for c in candidates if not stale(c[1])]
        if len(fresh) < limit and len(candidates) == POINTS_KEPT:
            return self._points_by_sql(category, avoid_facts, avoid_entities, limit)
        chosen = (fresh + [c for c in candidates if stale(c[1])])[:limit]
        return [f for _, f in sorted(chosen, key=lambda c: c[0])]

    def _points_by_sql(
        self, category: Category, avoid_facts: set[str], avoid_entities: set[str], limit: int
    ) -> list[Fact]:
        facts, ents = sorted(avoid_facts), sorted(avoid_entities)
        stale = (
            f"(id IN ({_marks(facts)}) OR row IN (SELECT fact_row FROM fact_entities "
            f"WHERE entity IN ({_marks(ents)})))"
        )
        sql = (
            f"SELECT rec FROM (SELECT rec, row FROM facts WHERE category = ? "
            f"ORDER BY {stale}, pweight, row LIMIT ?) ORDER BY row"
        )
        rows = self.conn.execute(sql, (category.value, *facts, *ents, limit))
        return [fact_in(r[0]) for r in rows]

    def events_in(self, category: Category, limit: int) -> list[tuple[Entity, list[Fact]]]:
        kept = self._read("events").get(category.value, ())
        if limit > EVENTS_KEPT:
            return super().events_in(category, limit)
        where = (
            "category = ? AND hw_kind IS NOT NULL AND row IN "
            "(SELECT fact_row FROM fact_entities WHERE entity = ?)"
        )
        return [
            (self.entities_by_id[eid], list(self._facts(where, (category.value, eid))))
            for eid in kept[:limit]
        ]
