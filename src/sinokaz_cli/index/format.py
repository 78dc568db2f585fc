"""How the on-disk index is laid out: its version, its tables, and how records
are encoded in it (marshal-encoded tuples: marshal needs no import and decodes
a record in microseconds). build.py writes this format; indexed.py reads it.
"""

from __future__ import annotations

import marshal
from typing import Any

from sinokaz_cli.knowledge.records import (
    Basis,
    Citation,
    DateQualifier,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Per,
    Period,
    Qualifier,
    Role,
    Source,
    Voice,
)
from sinokaz_cli.search.schema import DOCS_SCHEMA

# Bump when the tables or the record encoding change; an index of another
# version is rebuilt (with a warning), never misread.
# 18: brief sorting columns; 19: the knowledge path; 20: a series is not an event;
# 21: sealed with a CRC-32 of the whole file (sealed.py), each file's ctime;
# 22: citations kept by category (briefs of some topics).
SCHEMA_VERSION = 22
USER_VERSION = 0x5E0000 + SCHEMA_VERSION  # PRAGMA user_version: ours, and which version
RACY_NS = 2_000_000_000  # files changed this close to indexing are checked by content
# Kinds of record whose place (file, position among the file's records of the
# kind) the small table keeps, so that a file added later that repeats an id
# can be told where the first one is. A fact's place follows from its row: a
# file's facts take consecutive rows from the file's first_row.
PLACED = ("category", "source", "unit", "entity", "alignment")
EVENTS_KEPT = 8  # leading events kept per category for briefs
POINTS_KEPT = 64  # candidate key points kept per category for briefs
SOURCES_KEPT = 16  # most-cited sources kept for briefs


# ─── records <-> marshal-able tuples ───────────────────────────────────────

# Value -> member, read directly: calling an Enum class to look a value up
# costs more than the rest of decoding a fact.
_QUALIFIERS = Qualifier._value2member_map_
_DATE_QUALIFIERS = DateQualifier._value2member_map_
_PERS = Per._value2member_map_
_PERIODS = Period._value2member_map_
_VOICES = Voice._value2member_map_


def date_out(d: DateRef | None) -> tuple[Any, ...] | None:
    if d is None:
        return None
    q = d.qualifier.value if d.qualifier else None
    period = d.period.value if d.period else None
    return (d.text, d.start, d.end, q, d.inferred, d.basis, period)


def date_in(t: tuple[Any, ...] | None) -> DateRef | None:
    if t is None:
        return None
    text, start, end, q, inferred, basis, period = t
    return DateRef(
        text,
        start,
        end,
        _DATE_QUALIFIERS[q] if q else None,  # type: ignore[arg-type]
        inferred,
        basis,
        _PERIODS[period] if period else None,  # type: ignore[arg-type]
    )


def fact_out(f: Fact) -> bytes:
    figures = tuple(
        (g.value, g.unit, g.qualifier.value, g.about, g.per.value if g.per else None, g.change)
        for g in f.figures
    )
    return marshal.dumps(
        (
            f.id,
            f.category,
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
            f.how.value,
            f.to,
            f.key,
            f.weight,
        )
    )


def _figure(v: Any, u: str, q: str, a: str | None, per: str | None, change: bool) -> Figure:
    return Figure(v, u, _QUALIFIERS[q], a, _PERS[per] if per else None, change)  # type: ignore[arg-type]


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
        how,
        to,
        key,
        weight,
    ) = marshal.loads(blob)
    return Fact(
        fid,
        cat,
        statement,
        Citation(source, paras),
        tags,
        ents,
        tuple(_figure(*g) for g in figures),
        date_in(date),
        speaker,
        attribution,
        quote,
        note,
        _VOICES[how],  # type: ignore[arg-type]
        to,
        key,
        weight,
    )


def source_in(blob: bytes) -> Source:
    return Source(*marshal.loads(blob))


def entity_out(e: Entity) -> bytes:
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
            tuple((c.source, c.paragraphs) for c in e.citations),
            e.description_basis.value,
        )
    )


def entity_in(blob: bytes) -> Entity:
    (eid, kind, name, aliases, desc, part_of, roles, place, hosts, theme, date, cited, basis) = (
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
        tuple(Citation(*c) for c in cited),
        Basis(basis),
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
CREATE INDEX IF NOT EXISTS facts_headline ON facts (hw_kind, hw_group, hw_value, row)
    WHERE hw_kind IS NOT NULL;
CREATE INDEX IF NOT EXISTS fact_entities_entity ON fact_entities (entity, fact_row);
CREATE INDEX IF NOT EXISTS fact_tags_tag ON fact_tags (tag, fact_row);
"""

# The search documents (search.Fields makes them).
TABLES = (
    """
CREATE TABLE files (name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
                    ino INTEGER, sha256 TEXT, indexed_ns INTEGER, first_row INTEGER);
CREATE TABLE facts (row INTEGER PRIMARY KEY, id TEXT, category TEXT, date_start TEXT,
                    hw_kind INTEGER, hw_group INTEGER, hw_value REAL, hw_figure INTEGER,
                    pweight INTEGER, personal INTEGER, n_figures INTEGER, source TEXT, rec BLOB);
CREATE TABLE fact_entities (entity TEXT, fact_row INTEGER);
CREATE TABLE fact_tags (tag TEXT, fact_row INTEGER);
CREATE TABLE entities (row INTEGER PRIMARY KEY, id TEXT UNIQUE, kind TEXT, rec BLOB);
CREATE TABLE sources (row INTEGER PRIMARY KEY, id TEXT UNIQUE, rec BLOB, facts INTEGER,
                      cited BLOB);
CREATE TABLE small (name TEXT PRIMARY KEY, rec BLOB);
"""
    + DOCS_SCHEMA
)
