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
from sinokaz_cli.knowledge.ranking import COUNT, MONEY, SHARE, order_figures
from sinokaz_cli.knowledge.records import (
    Alignment,
    Citation,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Source,
    Synonym,
    Topic,
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
    def categories(self) -> tuple[Topic, ...]:  # type: ignore[override]
        return tuple(Topic(*c) for c in self.read_small("categories"))

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

    def source_file(self, source: str) -> str | None:
        found = self.read_small("places").get("source", {}).get(source)
        return None if found is None else self.files[found[0]]

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
        categories: Sequence[str] = (),
        tags: Sequence[str] = (),
        entities: Sequence[str] = (),
    ) -> tuple[str, list[object]]:
        where: list[str] = ["1"]
        args: list[object] = []
        if categories:
            where.append(f"category IN ({marks(categories)})")
            args += list(categories)
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
        categories: Sequence[str] = (),
        tags: Sequence[str] = (),
        entities: Sequence[str] = (),
    ) -> FactRows:
        where, args = self._where(categories, tags, entities)
        return FactRows(self, where, args, "row")

    def count(self, category: str) -> int:
        return int(self.read_small("counts").get(category, 0))

    def date_range(self, category: str) -> tuple[Fact, Fact] | None:
        for where in (  # of the topic's news; of every dated fact when there is no other
            "date_start IS NOT NULL AND category = ? AND personal = 0",
            "date_start IS NOT NULL AND category = ?",
        ):
            first = self.conn.execute(
                f"SELECT rec FROM facts WHERE {where} ORDER BY date_start, row LIMIT 1",
                (category,),
            ).fetchone()
            if first is not None:
                last = self.conn.execute(
                    f"SELECT rec FROM facts WHERE {where} "
                    "ORDER BY date_start DESC, row DESC LIMIT 1",
                    (category,),
                ).fetchone()
                return fact_in(first[0]), fact_in(last[0])
        return None

    def sources_of(self, category: str) -> list[Source]:
        sql = (
            "SELECT rec FROM sources WHERE id IN "
            "(SELECT source FROM facts WHERE category = ?) ORDER BY row"
        )
        return [source_in(r[0]) for r in self.conn.execute(sql, (category,))]

    def about(self, entity_id: str) -> list[Fact]:
        return list(
            self._facts(
                "row IN (SELECT fact_row FROM fact_entities WHERE entity = ?)", (entity_id,)
            )
        )

    def about_citations(self, entity_id: str, limit: int) -> tuple[tuple[Citation, ...], int]:
        # The sources from the index's columns; only the first few sources' facts decoded.
        about = "FROM fact_entities e JOIN facts f ON f.row = e.fact_row WHERE e.entity = ?"
        sql = f"SELECT f.source {about} ORDER BY e.fact_row"
        sources = list(dict.fromkeys(s for (s,) in self.conn.execute(sql, (entity_id,))))
        merged: dict[str, set[int]] = {s: set() for s in sources[:limit]}
        sql = f"SELECT f.rec {about} AND f.source IN ({marks(list(merged))}) ORDER BY f.row"
        for (blob,) in self.conn.execute(sql, (entity_id, *merged)):
            source, paragraphs = fact_in(blob).cited
            merged[source].update(paragraphs)
        first = tuple(Citation(s, tuple(sorted(p))) for s, p in merged.items())
        return first, len(sources) - len(first)

    @cached_property
    def shared_publishers(self) -> frozenset[str]:
        return frozenset(self.read_small("shared_publishers"))

    def about_ids(self, entity_id: str) -> list[str]:
        sql = (
            "SELECT id FROM facts WHERE row IN "
            "(SELECT fact_row FROM fact_entities WHERE entity = ?) ORDER BY row"
        )
        return [r[0] for r in self.conn.execute(sql, (entity_id,))]

    def tag_set(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT tag FROM fact_tags")}

    def tag_counts(self, categories: Sequence[str] = ()) -> dict[str, int]:
        sql, args = "SELECT tag, count(DISTINCT fact_row) FROM fact_tags", []
        if categories:
            within = f"SELECT row FROM facts WHERE category IN ({marks(categories)})"
            sql += f" WHERE fact_row IN ({within})"
            args = list(categories)
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

    def dated(self, categories: Sequence[str] = ()) -> Collection[Fact]:
        where, args = "date_start IS NOT NULL", list(categories)
        if categories:
            where += f" AND category IN ({marks(categories)})"
        return FactRows(self, where, args, order="date_start, row")

    def source_ranking(self) -> tuple[tuple[str, ...], int]:
        return tuple(self.read_small("source_ranking")), int(self.read_small("sources_cited"))

    def citations(
        self, ids: Sequence[str] | None = None, categories: Sequence[str] = ()
    ) -> dict[str, tuple[int, set[int]]]:
        if set(categories) >= {t.id for t in self.topics}:
            categories = ()  # every fact: as the sources table keeps them
        if categories:  # counted over those categories' facts alone, as the builder kept them
            from sinokaz_cli.index.sorting import cited_in, per_source

            found = per_source(cited_in(self.read_small("cited")), set(categories))
            return {s: c for s, c in found.items() if ids is None or s in ids}
        sql = "SELECT id, facts, cited FROM sources WHERE facts > 0"
        args: list[str] = []
        if ids is not None:
            sql += f" AND id IN ({marks(ids)})"
            args = list(ids)
        rows = self.conn.execute(sql, args)
        return {sid: (n, set(marshal.loads(c))) for sid, n, c in rows}

    def headline(
        self, categories: Sequence[str], limit: int, avoid: Collection[str] = ()
    ) -> list[tuple[Fact, Figure]]:
        # Each class's best `limit` are enough for the rules to choose from.
        where, args = "hw_kind = ?", list(categories)
        if categories:
            where += f" AND category IN ({marks(categories)})"
        if avoid:
            where += f" AND id NOT IN ({marks(list(avoid))})"
            args += list(avoid)
        sql = (
            f"SELECT rec, hw_figure, hw_group FROM facts WHERE {where} "
            "ORDER BY hw_group, hw_value, row LIMIT ?"
        )
        found: list[tuple[Fact, Figure, int]] = []
        for cls in (MONEY, SHARE, COUNT):
            for blob, index, group in self.conn.execute(sql, (cls, *args, limit)):
                f = fact_in(blob)
                found.append((f, f.figures[index], group))
        return [(f, fig) for f, fig, _ in (found[i] for i in order_figures(found, limit))]

    def headline_count(self, categories: Sequence[str]) -> int:
        counts = self.read_small("headline_counts")
        return sum(n for c, n in counts.items() if not categories or c in categories)

    def points(
        self, category: str, avoid_facts: set[str], avoid_entities: set[str], limit: int
    ) -> list[Fact]:
        # The best candidates were kept at indexing; only if too few of them are
        # free of what to avoid does this fall back to sorting the whole topic.
        rows = self.read_small("points").get(category, ())
        sql = f"SELECT row, rec FROM facts WHERE row IN ({marks(rows)}) ORDER BY pweight, row"
        candidates = [(row, fact_in(blob)) for row, blob in self.conn.execute(sql, rows)]

        def stale(f: Fact) -> bool:
            return f.id in avoid_facts or bool(avoid_entities.intersection(f.entities))

        fresh = [c for c in candidates if not stale(c[1])]
        if len(fresh) < limit and len(candidates) == POINTS_KEPT:
            return self._points_by_sql(category, avoid_facts, avoid_entities, limit)
        chosen = (fresh + [c for c in candidates if stale(c[1])])[:limit]
        return [f for _, f in chosen]

    def _points_by_sql(
        self, category: str, avoid_facts: set[str], avoid_entities: set[str], limit: int
    ) -> list[Fact]:
        facts, ents = sorted(avoid_facts), sorted(avoid_entities)
        stale = (
            f"(id IN ({marks(facts)}) OR row IN (SELECT fact_row FROM fact_entities "
            f"WHERE entity IN ({marks(ents)})))"
        )
        sql = f"SELECT rec FROM facts WHERE category = ? ORDER BY {stale}, pweight, row LIMIT ?"
        rows = self.conn.execute(sql, (category, *facts, *ents, limit))
        return [fact_in(r[0]) for r in rows]

    def events_total(self, category: str) -> int:
        return int(self.read_small("event_counts").get(category, 0))

    def events_in(self, category: str, limit: int) -> list[tuple[Entity, list[Fact]]]:
        kept = self.read_small("events").get(category, ())
        if limit > EVENTS_KEPT:
            return super().events_in(category, limit)
        return [(self.entities_by_id[eid], self._card_facts(eid, category)) for eid in kept[:limit]]

    def _card_facts(self, eid: str, category: str) -> list[Fact]:
        """The event's facts with figures, in row order, read until they hold as many
        figures as a card shows (query.EVENT_FIGURES; an ordinal is not shown)."""
        from sinokaz_cli.knowledge.query import EVENT_FIGURES
        from sinokaz_cli.knowledge.units import ORDINAL

        sql = (
            "SELECT f.rec FROM fact_entities e JOIN facts f ON f.row = e.fact_row "
            "WHERE e.entity = ? AND f.category = ? AND f.n_figures > 0 ORDER BY e.fact_row"
        )
        out, shown = [], 0
        for (rec,) in self.conn.execute(sql, (eid, category)):
            out.append(fact_in(rec))
            shown += sum(fig.unit != ORDINAL for fig in out[-1].figures)
            if shown >= EVENT_FIGURES:
                break
        return out
