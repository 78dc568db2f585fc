"""Writing the on-disk index (fresh.py says when it is used, where.py where it lives).

The Builder takes each knowledge file's records as reading/load.py reads and
validates them, so that a large knowledge base is never held in memory whole,
and puts the finished index in place with one rename.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sinokaz_cli.index import points, sorting
from sinokaz_cli.index.format import (
    EVENTS_KEPT,
    FACT_ID_INDEX,
    INDEXES,
    PLACED,
    SOURCES_KEPT,
    TABLES,
    USER_VERSION,
    entity_out,
    fact_in,
    fact_out,
)
from sinokaz_cli.index.owned import Owned
from sinokaz_cli.index.sealed import Opened, connect, file_uri, names, seal
from sinokaz_cli.index.sorting import HEADLINE_COUNTS, UNKNOWN
from sinokaz_cli.index.where import file_key, previous_path
from sinokaz_cli.knowledge import units
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.ranking import event_rank
from sinokaz_cli.knowledge.records import Entity, EntityKind, Fact, Source
from sinokaz_cli.search.documents import Fields, themes_by_fact
from sinokaz_cli.search.schema import DELETE_DOC, INSERT_DOC

__all__ = ["FACTS_AT_ONCE", "Builder"]

FACTS_AT_ONCE = 4096


class Builder:
    """Writes a new index while the files are read and validated (reading/load.py).

    Each file's facts go to SQLite as soon as the file is read, so a large
    knowledge base is never held in memory whole. What needs every file is
    gathered on the way (counts, citations, each fact's brief weights, which
    entities facts mention) or done in finish(). A fact's search document
    needs the names of its entities and the title of its source: it is
    written with the fact when those have been read (as they usually have:
    see learn), else in finish(), as are the few that alignments add to.
    Until finish() seals it (sealed.py) and renames it into place, the index is
    a temporary file, locked by this run (owned.py), that abandon() removes: a
    knowledge base with problems leaves no index.
    """

    def __init__(self, target: Path, start: Opened | None = None) -> None:
        """A new index for `target`: empty, or a copy of the index `start` to add
        to (see `resume`, which must then fill in what was learnt from it)."""
        self.target = target
        self.start = start
        self.tmp = Owned(target)
        try:
            if start is not None:
                # From the very file checked: another renamed into place changes nothing.
                self.tmp.fill_from(start.fd)
            # No locks: the file is this run's alone (and locked by it: owned.py).
            self.conn = sqlite3.connect(
                file_uri(self.tmp.path, "nolock=1"), uri=True, isolation_level=None
            )
        except BaseException:
            self.tmp.discard()
            raise
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
        # (source, category) -> as KnowledgeBase.citations(), in the order first cited
        self.cited: dict[tuple[str, str], tuple[int, set[int]]] = {}
        self.weights: list[tuple[str, int, int]] = []  # (category, point weight, row)
        # category -> entity -> how many of its facts with figures mention it, in
        # order of first mention: what KnowledgeBase.events_in ranks.
        self.mentions: dict[str, dict[str, int]] = {}
        # Entities and sources read so far, and the documents made from them:
        # without themes, which alignments (read later) may add in finish().
        self.entities: dict[str, Entity] = {}
        self.sources: dict[str, Source] = {}
        self.fields = Fields(self.entities, self.sources, {})
        self.pending: list[int] = []  # rows whose document waits for finish()
        self.currencies: dict[str, int] = {}  # in the order facts first use them
        # Where each record of the PLACED kinds was written (see place).
        self.declared: dict[str, dict[str, tuple[str, int]]] = {}
        # The knowledge path the index is for, as `sinokaz cache` shows it.
        self.knowledge: str | None = None

    def learn(self, entities: Sequence[Entity], sources: Sequence[Source]) -> None:
        """Records a file declared, for the documents of the facts that follow."""
        for e in entities:
            self.entities.setdefault(e.id, e)
        for src in sources:
            self.sources.setdefault(src.id, src)

    def place(self, first: dict[str, dict[str, tuple[str, int]]]) -> None:
        """Where each id was first written, as validation noted it once every file
        was read: kind -> id -> (file, position among its records of that kind).
        finish() keeps it for the kinds in PLACED; a fact's place is its row."""
        self.declared = {kind: first[kind] for kind in PLACED if kind in first}

    def add_file(self, path: Path, st: os.stat_result | None, data: bytes) -> None:
        """Record a file as it was read: its stat from just before, and the hash of
        the very bytes parsed, so an edit made meanwhile is seen on the next run."""
        import hashlib

        digest = hashlib.sha256(data).hexdigest()
        stated = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) if st else (-1,) * 4
        self.conn.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (file_key(path), *stated, digest, time.time_ns(), self.rows),
        )

    def add_facts(self, facts: Sequence[Fact], done: Callable[[float], None] | None = None) -> None:
        """Index the facts of the file added last, all of them and in order (their
        rows then tell their places: see first_row), telling `done` what share is
        indexed as it goes."""
        # A few thousand at a time: a large file's rows, search documents and
        # links are then never all held at once.
        for start in range(0, len(facts), FACTS_AT_ONCE):
            self._add_facts(facts[start : start + FACTS_AT_ONCE])
            if done is not None:
                done(min(len(facts), start + FACTS_AT_ONCE) / len(facts))

    def _add_facts(self, facts: Sequence[Fact]) -> None:
        from itertools import repeat

        ents: list[tuple[str, int]] = []
        tags: list[tuple[str, int]] = []
        docs: list[tuple[int, str, str, str, str]] = []
        fields, ready = self.fields, self.fields.ready
        weights, counts, cited, by_category = self.weights, self.counts, self.cited, self.mentions
        first_row = self.rows
        ranks, is_currency, brief = self.currencies, units.is_currency, self._brief_columns

        # This runs once per fact of the knowledge base: local names, and C
        # (zip, repeat, dict.fromkeys) rather than Python loops where it can.
        def rows() -> Iterator[tuple[Any, ...]]:
            for row, f in enumerate(facts, first_row):
                cat = f.category
                figures = f.figures
                for g in figures:
                    if is_currency(g.unit):
                        ranks.setdefault(g.unit, len(ranks))
                # What briefs sort by needs the fact's entities and source; for the
                # few read before them, it is worked out again in finish().
                columns = brief(f) if ready(f) else UNKNOWN  # `is` tells which
                weights.append((cat, columns[4], row))
                counts[cat] = counts.get(cat, 0) + 1
                where, paragraphs = (source := f.cited[0], cat), f.cited[1]
                seen = cited.get(where)
                if seen is None:
                    cited[where] = (1, set(paragraphs))
                else:
                    seen[1].update(paragraphs)
                    cited[where] = (seen[0] + 1, seen[1])
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
                if columns is not UNKNOWN:
                    docs.append((row, *fields(f)))
                else:
                    self.pending.append(row)
                date = f.date
                yield (
                    row,
                    f.id,
                    cat,
                    (date.start or None) if date is not None else None,
                    *columns,
                    len(figures),
                    source,
                    fact_out(f),
                )

        self.conn.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows()
        )
        self.conn.executemany("INSERT INTO fact_entities VALUES (?, ?)", ents)
        self.conn.executemany("INSERT INTO fact_tags VALUES (?, ?)", tags)
        self.conn.executemany(INSERT_DOC, docs)
        self.rows += len(facts)

    def _brief_columns(
        self, f: Fact, lookup: Callable[[str], Entity | None] | None = None
    ) -> tuple[Any, ...]:
        """What briefs sort the fact by (sorting.py), from the records read so far."""
        return sorting.brief_columns(f, lookup or self.entities.get, self.sources, self.currencies)

    def _settle_pending(self, kb: KnowledgeBase) -> None:
        """The brief columns of facts read before their entities or source, and of
        facts whose entities a later file added roles to, now that every file is
        read (the documents of the same facts wait for _last_documents)."""
        rows = dict.fromkeys(self.pending)
        by_entity = "SELECT fact_row FROM fact_entities WHERE entity = ?"
        for e in kb.entities:
            first = self.entities.get(e.id)
            if first is not None and first.roles != e.roles:
                rows.update(dict.fromkeys(r for (r,) in self.conn.execute(by_entity, (e.id,))))
        if not rows:
            return
        conn, fixed = self.conn, {}
        for row in rows:
            f = fact_in(conn.execute("SELECT rec FROM facts WHERE row = ?", (row,)).fetchone()[0])
            columns = fixed[row] = self._brief_columns(f, kb.entities_by_id.get)
            conn.execute(
                "UPDATE facts SET hw_kind = ?, hw_group = ?, hw_value = ?, hw_figure = ?, "
                "pweight = ?, personal = ? WHERE row = ?",
                (*columns, row),
            )
        self.weights = [(c, fixed[r][4] if r in fixed else w, r) for c, w, r in self.weights]

    def finish(self, kb: KnowledgeBase) -> sqlite3.Connection:
        """Write the rest from `kb` (validated, its facts already added), put the
        index in place, and return a connection to it for the answer."""
        conn = self.conn
        self._settle_pending(kb)
        # An extended index is given everything again: the tables are small.
        for table in ("entities", "sources", "small"):
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 (our own names)
        by_source, cites = sorting.per_source(self.cited), sorting.source_columns
        conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?)",
            [(i, e.id, e.kind.value, entity_out(e)) for i, e in enumerate(kb.entities)],
        )
        conn.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
            [
                (i, src.id, marshal.dumps(tuple(src)), *cites(by_source.get(src.id)))
                for i, src in enumerate(kb.sources)
            ],
        )
        ranked = sorted(by_source, key=lambda sid: -by_source[sid][0])
        events = {t.id: self._events(t.id, kb) for t in kb.topics}
        small = {
            "categories": tuple(tuple(c) for c in kb.categories),
            "currencies": tuple(self.currencies.items()),
            "units": tuple(tuple(u) for u in kb.units),
            "alignments": tuple(tuple(a) for a in kb.alignments),
            "synonyms": tuple(s.terms for s in kb.synonyms),
            "sources_cited": len(by_source),
            "shared_publishers": tuple(kb.shared_publishers),
            "counts": {t.id: self.counts.get(t.id, 0) for t in kb.topics},
            "files": kb.files,
            # What a brief needs, worked out now so that it costs the same at any size:
            # the leading events per category, and each category's richest facts.
            "events": {c: found[:EVENTS_KEPT] for c, found in events.items()},
            "event_counts": {c: len(found) for c, found in events.items()},
            "points": sorting.point_candidates(self.weights),
            "headline_counts": dict(conn.execute(HEADLINE_COUNTS).fetchall()),
            "source_ranking": tuple(ranked[:SOURCES_KEPT]),
            # What resume() needs to go on counting as if it had read every file:
            # each source's citations by category (briefs of some topics read
            # them too), in the order first made, and every entity's mentions.
            "cited": sorting.cited_out(self.cited),
            "mentions": self.mentions,
            # And where each record was written, to say where a repeated id was first.
            "places": self._places(kb.files),
            "knowledge": self.knowledge,
        }
        conn.executemany(
            "INSERT INTO small VALUES (?, ?)",
            [(k, marshal.dumps(v)) for k, v in small.items()],  # type: ignore[arg-type]
        )
        conn.execute(FACT_ID_INDEX)
        self._last_documents(kb, themes_by_fact(kb.alignments))
        conn.execute("COMMIT")
        # Last, so that a file with our version number always has its indexes.
        conn.executescript(INDEXES + f"PRAGMA user_version = {USER_VERSION};")
        conn.close()
        points.reached("seal")
        seal(self.tmp.fd)
        # Opened before the rename: it reads this file, whatever is put in place after.
        built = connect(self.tmp.path)
        try:
            self._keep_previous()
            self.tmp.put_in_place(self.target)
        except BaseException:
            built.close()
            raise
        return built

    def _places(self, files: Sequence[str]) -> dict[str, dict[str, tuple[int, int]]]:
        """kind -> id -> (file number, position), for the kinds in PLACED."""
        number = {f: i for i, f in enumerate(files)}
        return {
            kind: {rid: (number[f], i) for rid, (f, i) in self.declared.get(kind, {}).items()}
            for kind in PLACED
        }

    def _keep_previous(self) -> None:
        """Files just added are often edited next (the article being written): when
        this index extends the one in place, that one is kept, linked under another
        name, so that such an edit extends it again instead of rebuilding. Only if
        it is still the one in place: when runs at once extend the same index, the
        first to finish keeps it, and the others find their own in its place and
        must not keep that. A full rebuild drops it. Best effort either way."""
        previous = previous_path(self.target)
        try:
            if self.start is None:
                previous.unlink(missing_ok=True)
            elif self.start.path == self.target:
                link = self.tmp.link_name()
                os.link(self.target, link)  # no copy: the old index is about to be unlinked
                try:
                    if names(link, self.start.st):
                        points.reached("keep-previous")
                        os.replace(link, previous)
                finally:
                    # When another run has just kept this same index, both names are
                    # links to one file, and rename() does nothing: drop this one.
                    link.unlink(missing_ok=True)
        except OSError:
            pass

    def _last_documents(self, kb: KnowledgeBase, themes: dict[str, list[str]]) -> None:
        """Write the documents that waited for every file: those of facts read before
        their entities or source; and rewrite those that every file changed: facts
        alignments add themes to, and facts whose entities a later file added names
        to (an entity declared again with more aliases or roles is one entity)."""
        conn = self.conn
        full = Fields(kb.entities_by_id, kb.sources_by_id, themes)
        pending = set(self.pending)
        written = self.fields.themes  # what the documents written so far were given
        rows = dict.fromkeys(self.pending)
        by_id = "SELECT row FROM facts WHERE id = ?"
        for fid, given in themes.items():
            if written.get(fid) != given:  # an extended index's, if unchanged
                found = conn.execute(by_id, (fid,)).fetchone()
                if found is not None:
                    rows[found[0]] = None
        renamed = [e.id for e in kb.entities if _named(self.entities.get(e.id)) != _named(e)]
        by_entity = "SELECT fact_row FROM fact_entities WHERE entity = ?"
        for eid in renamed:
            if eid in self.entities:  # else no document was written with it
                rows.update(dict.fromkeys(r for (r,) in conn.execute(by_entity, (eid,))))
        # In row order, each old document deleted just before the new one: FTS5 writes what
        # it holds to disk when given a row before the last (the order found did, each row).
        fact_at = "SELECT rec FROM facts WHERE row = ?"
        for row in sorted(rows):
            f = fact_in(conn.execute(fact_at, (row,)).fetchone()[0])
            new = full(f)
            if row not in pending:
                old = self.fields(f)
                if new == old:
                    continue
                conn.execute(DELETE_DOC, (row, *old))
            conn.execute(INSERT_DOC, (row, *new))

    def _events(self, category: str, kb: KnowledgeBase) -> tuple[str, ...]:
        """The ids KnowledgeBase.events_in(category, ...) returns, in order, every one."""
        by_id, series = kb.entities_by_id, kb.series
        found = [
            (eid, n)
            for eid, n in self.mentions.get(category, {}).items()
            if (e := by_id.get(eid)) is not None and e.kind is EntityKind.EVENT
            if eid not in series
        ]
        found.sort(key=lambda item: event_rank(by_id[item[0]], item[1]))
        return tuple(eid for eid, _ in found)

    def abandon(self) -> None:
        """Close and remove the unfinished index (safe to call twice)."""
        self.conn.close()
        self.tmp.discard()


def _named(e: Entity | None) -> tuple[object, ...] | None:
    """What of an entity goes into the documents of the facts that involve it."""
    return None if e is None else (e.name, e.aliases, e.roles, e.description)
