"""How the on-disk index is laid out: its version, its tables, and how records
are encoded in it (marshal-encoded tuples: marshal needs no import and decodes
a record in microseconds). build.py writes this format; indexed.py reads it.
"""

from __future__ import annotations

import marshal
from typing import Any

from sinokaz_cli.knowledge.records import (
    Category,
    Citation,
    DateQualifier,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Qualifier,
    Role,
    Source,
)
from sinokaz_cli.search.schema import DOCS_SCHEMA

# Bump when the tables or the record encoding change; an index of another
# version is rebuilt (with a warning), never misread.
SCHEMA_VERSION = 17  # 17: the small table records the knowledge path
USER_VERSION = 0x5E0000 + SCHEMA_VERSION  # PRAGMA user_version: ours, and which version
RACY_NS = 2_000_000_000  # files changed this close to indexing are checked by content
# Kinds of record whose place (file, position among the file's records of the
# kind) the small table keeps, so that a file added later that repeats an id
# can be told where the first one is. A fact's place follows from its row: a
# file's facts take consecutive rows from the file's first_row.
PLACED = ("source", "unit", "entity", "alignment")
EVENTS_KEPT = 8  # leading events kept per category for briefs
POINTS_KEPT = 64  # candidate key points kept per category for briefs
SOURCES_KEPT = 16  # most-cited sources kept for briefs


# ─── records <-> marshal-able tuples ───────────────────────────────────────

# Value -> member, read directly: calling an Enum class to look a value up
# costs more than the rest of decoding a fact.
_CATEGORIES = Category._value2member_map_
_QUALIFIERS = Qualifier._value2member_map_
_DATE_QUALIFIERS = DateQualifier._value2member_map_


def date_out(d: DateRef | None) -> tuple[Any, ...] | None:
    if d is None:
        return None
    q = d.qualifier.value if d.qualifier else None
    return (d.text, d.start, d.end, q, d.inferred, d.basis)


def date_in(t: tuple[Any, ...] | None) -> DateRef | None:
    if t is None:
        return None
    text, start, end, q, inferred, basis = t
    return DateRef(text, start, end, _DATE_QUALIFIERS[q] if q else None, inferred, basis)  # type: ignore[arg-type]


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
            date_out(f.date),
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
        _CATEGORIES[cat],  # type: ignore[arg-type]
        statement,
        Citation(source, paras),
        tags,
        ents,
        tuple(Figure(v, u, _QUALIFIERS[q], a) for v, u, q, a in figures),  # type: ignore[arg-type]
        date_in(date),
        speaker,
        attribution,
        quote,
        note,
    )


def source_in(blob: bytes) -> Source:
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
            date_out(e.date),
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
        date_in(date),
        Citation(*cited) if cited else None,
    )


# Secondary indexes are created after the rows are in: building a B-tree
# once from sorted data is much cheaper than growing it row by row. (Fact ids
# are written file by file, before duplicates across files are looked for,
# so theirs too; theirs first, as the last search documents look facts up.)
# An index that is extended (extend.resume) has them already and keeps them
# up to date as rows are added: hence IF NOT EXISTS.
FACT_ID_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS facts_id ON facts (id)"
INDEXES = """
CREATE INDEX IF NOT EXISTS facts_category ON facts (category, row);
CREATE INDEX IF NOT EXISTS facts_date ON facts (date_start, row) WHERE date_start IS NOT NULL;
CREATE INDEX IF NOT EXISTS facts_headline ON facts (hw_kind, hw_value, row)
    WHERE hw_kind IS NOT NULL;
CREATE INDEX IF NOT EXISTS fact_entities_entity ON fact_entities (entity, fact_row);
CREATE INDEX IF NOT EXISTS fact_tags_tag ON fact_tags (tag, fact_row);
"""

# The search documents (search.Fields makes them).
TABLES = (
    """
CREATE TABLE files (name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER,
                    sha256 TEXT, indexed_ns INTEGER, first_row INTEGER);
CREATE TABLE facts (row INTEGER PRIMARY KEY, id TEXT, category TEXT, date_start TEXT,
                    hw_kind INTEGER, hw_value REAL, hw_figure INTEGER, pweight INTEGER,
                    source TEXT, rec BLOB);
CREATE TABLE fact_entities (entity TEXT, fact_row INTEGER);
CREATE TABLE fact_tags (tag TEXT, fact_row INTEGER);
CREATE TABLE entities (row INTEGER PRIMARY KEY, id TEXT UNIQUE, kind TEXT, rec BLOB);
CREATE TABLE sources (row INTEGER PRIMARY KEY, id TEXT UNIQUE, rec BLOB, facts INTEGER,
                      cited BLOB);
CREATE TABLE small (name TEXT PRIMARY KEY, rec BLOB);
"""
    + DOCS_SCHEMA
)
