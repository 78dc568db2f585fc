"""The knowledge base answered from the on-disk index.

IndexedKB answers every question the in-memory KnowledgeBase answers, with
indexed SQL queries, decoding only the records it returns; what briefs
need was worked out when the index was written.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any

from sinokaz_cli.index.format import EVENTS_KEPT, POINTS_KEPT, entity_in, fact_in, source_in
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import (
    Alignment,
    Category,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Source,
    Synonym,
    Unit,
)


class FactRows(Collection[Fact]):
    """The facts a query finds, decoded only as they are read, and counted by SQL:
    a table shows the first hundred of tens of thousands and says how many more
    there are, and JSON streams them, without decoding every one first."""

    def __init__(self, kb: IndexedKB, where: str, args: Sequence[object], order: str) -> None:
        self.kb, self.where, self.args, self.order = kb, where, tuple(args), order
        self._len: int | None = None

    def __iter__(self) -> Iterator[Fact]:
        return self.kb._facts(self.where, self.args, self.order)

    def __len__(self) -> int:
        if self._len is None:
            sql = f"SELECT count(*) FROM facts WHERE {self.where}"
            self._len = int(self.kb.conn.execute(sql, self.args).fetchone()[0])
        return self._len

    def __contains__(self, item: object) -> bool:
        return any(f == item for f in self)


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


def marks(values: Sequence[object]) -> str:
    """One SQL parameter mark per value: "?,?,?"."""
    return ",".join("?" * len(values))


class IndexedKB(KnowledgeBase):
    """The knowledge base answered from the index: records are read as needed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Facts and entities stay on disk until asked for; the small tables are read
        # whole, each on first use (a JSON listing needs none of them).
        self._small: dict[str, Any] = {}
        self.facts_by_id = _Lookup(conn, "facts", fact_in)  # type: ignore[assignment]
        self.entities_by_id = _Lookup(conn, "entities", entity_in)  # type: ignore[assignment]
        self.sources_by_id = _Lookup(conn, "sources", source_in)  # type: ignore[assignment]

    def read_small(self, name: str) -> Any:
        """One entry of the small table, decoded (build.Builder.finish writes them)."""
        if name not in self._small:
            row = self.conn.execute("SELECT rec FROM small WHERE name = ?", (name,)).fetchone()
            self._small[name] = marshal.loads(row[0])
        return self._small[name]

    @cached_property
    def sources(self) -> tuple[Source, ...]:  # type: ignore[override]
        rows = self.conn.execute("SELECT rec FROM sources ORDER BY row")
        return tuple(source_in(r[0]) for r in rows)

    @cached_property
    def units(self) -> tuple[Unit, ...]:  # type: ignore[override]
        return tuple(Unit(*u) for u in self.read_small("units"))

    @cached_property
    def alignments(self) -> tuple[Alignment, ...]:  # type: ignore[override]
        return tuple(Alignment(*a) for a in self.read_small("alignments"))

    @cached_property
    def synonyms(self) -> tuple[Synonym, ...]:  # type: ignore[override]
        return tuple(Synonym(t) for t in self.read_small("synonyms"))

    @cached_property
    def files(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self.read_small("files"))

    # Everything at once: only for the few paths that truly need it.
    @property  # type: ignore[override,unused-ignore]
    def facts(self) -> tuple[Fact, ...]:  # type: ignore[override]
        return tuple(self._facts("1", ()))

    @property  # type: ignore[override,unused-ignore]
    def entities(self) -> tuple[Entity, ...]:  # type: ignore[override]
        rows = self.conn.execute("SELECT rec FROM entities ORDER BY row")
        return tuple(entity_in(r[0]) for r in rows)

    def fact_at(self, row: int) -> Fact:
        found = self.conn.execute("SELECT rec FROM facts WHERE row = ?", (row,)).fetchone()
        if found is None:
            raise IndexError(row)
        return fact_in(found[0])

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
            where.append(f"category IN ({marks(categories)})")
            args += [c.value for c in categories]
        if tags:
            where.append(f"row IN (SELECT fact_row FROM fact_tags WHERE tag IN ({marks(tags)}))")
            args += list(tags)
        if entities:
            where.append(
                f"row IN (SELECT fact_row FROM fact_entities WHERE entity IN ({marks(entities)}))"
            )
            args += list(entities)
        return " AND ".join(where), args

    def select(
        self,
        categories: Sequence[Category] = (),
        tags: Sequence[str] = (),
        entities: Sequence[str] = (),
    ) -> FactRows:
        where, args = self._where(categories, tags, entities)
        return FactRows(self, where, args, "row")

    def count(self, category: Category) -> int:
        return int(self.read_small("counts").get(category.value, 0))

    def with_figures(self, category: Category, limit: int) -> list[Fact]:
        # Facts with figures are those with a headline figure.
        sql = (
            "SELECT rec FROM facts WHERE category = ? AND hw_kind IS NOT NULL ORDER BY row LIMIT ?"
        )
        return [fact_in(r[0]) for r in self.conn.execute(sql, (category.value, limit))]

    def date_range(self, category: Category) -> tuple[Fact, Fact] | None:
        where = "date_start IS NOT NULL AND category = ?"
        first = self.conn.execute(
            f"SELECT rec FROM facts WHERE {where} ORDER BY date_start, row LIMIT 1",
            (category.value,),
        ).fetchone()
        if first is None:
            return None
        last = self.conn.execute(
            f"SELECT rec FROM facts WHERE {where} ORDER BY date_start DESC, row DESC LIMIT 1",
            (category.value,),
        ).fetchone()
        return fact_in(first[0]), fact_in(last[0])

    def sources_of(self, category: Category) -> list[Source]:
        sql = (
            "SELECT rec FROM sources WHERE id IN "
            "(SELECT source FROM facts WHERE category = ?) ORDER BY row"
        )
        return [source_in(r[0]) for r in self.conn.execute(sql, (category.value,))]

    def about(self, entity_id: str) -> list[Fact]:
        return list(
            self._facts(
                "row IN (SELECT fact_row FROM fact_entities WHERE entity = ?)", (entity_id,)
            )
        )

    def tag_set(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT tag FROM fact_tags")}

    def tag_counts(self, categories: Sequence[Category] = ()) -> dict[str, int]:
        sql, args = "SELECT tag, count(DISTINCT fact_row) FROM fact_tags", []
        if categories:
            within = f"SELECT row FROM facts WHERE category IN ({marks(categories)})"
            sql += f" WHERE fact_row IN ({within})"
            args = [c.value for c in categories]
        return dict(self.conn.execute(sql + " GROUP BY tag", args).fetchall())

    def entity_list(self, kinds: Sequence[EntityKind] = ()) -> list[Entity]:
        if not kinds:
            return list(self.entities)
        sql = f"SELECT rec FROM entities WHERE kind IN ({marks(kinds)}) ORDER BY row"
        return [entity_in(r[0]) for r in self.conn.execute(sql, [k.value for k in kinds])]

    def mention_ids(self) -> dict[str, list[str]]:
        # Joined in Python over two covering indexes (facts_id gives each row's id):
        # a join in SQL read a whole fact row for each mention, twice as slow.
        ids = dict(self.conn.execute("SELECT row, id FROM facts"))
        out: dict[str, list[str]] = {}
        sql = "SELECT entity, fact_row FROM fact_entities ORDER BY entity, fact_row"
        for entity, row in self.conn.execute(sql):
            out.setdefault(entity, []).append(ids[row])
        return out

    def mention_counts(self) -> dict[str, int]:
        # From the covering index alone: no fact row is read.
        sql = "SELECT entity, count(*) FROM fact_entities GROUP BY entity"
        return dict(self.conn.execute(sql).fetchall())

    def dated(self, categories: Sequence[Category] = ()) -> Collection[Fact]:
        where, args = "date_start IS NOT NULL", [c.value for c in categories]
        if categories:
            where += f" AND category IN ({marks(categories)})"
        return FactRows(self, where, args, order="date_start, row")

    def source_ranking(self) -> tuple[tuple[str, ...], int]:
        return tuple(self.read_small("source_ranking")), int(self.read_small("sources_cited"))

    def citations(self, ids: Sequence[str] | None = None) -> dict[str, tuple[int, set[int]]]:
        sql = "SELECT id, facts, cited FROM sources WHERE facts > 0"
        args: list[str] = []
        if ids is not None:
            sql += f" AND id IN ({marks(ids)})"
            args = list(ids)
        rows = self.conn.execute(sql, args)
        return {sid: (n, set(marshal.loads(c))) for sid, n, c in rows}

    def headline(self, categories: Sequence[Category], limit: int) -> list[tuple[Fact, Figure]]:
        where, args = "hw_kind IS NOT NULL", [c.value for c in categories]
        if categories:
            where += f" AND category IN ({marks(categories)})"
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
        rows = self.read_small("points").get(category.value, ())
        sql = f"SELECT row, rec FROM facts WHERE row IN ({marks(rows)}) ORDER BY pweight, row"
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
            f"(id IN ({marks(facts)}) OR row IN (SELECT fact_row FROM fact_entities "
            f"WHERE entity IN ({marks(ents)})))"
        )
        sql = (
            f"SELECT rec FROM (SELECT rec, row FROM facts WHERE category = ? "
            f"ORDER BY {stale}, pweight, row LIMIT ?) ORDER BY row"
        )
        rows = self.conn.execute(sql, (category.value, *facts, *ents, limit))
        return [fact_in(r[0]) for r in rows]

    def events_in(self, category: Category, limit: int) -> list[tuple[Entity, list[Fact]]]:
        kept = self.read_small("events").get(category.value, ())
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
