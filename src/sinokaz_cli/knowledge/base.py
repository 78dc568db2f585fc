"""The knowledge base: every record of the knowledge files, and the questions
asked of it, answered in memory.

index.indexed.IndexedKB answers the same questions from the on-disk index
without loading every record; the two are held to the same answers by tests.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import cached_property
from itertools import islice

from sinokaz_cli.knowledge.ranking import event_rank, figure_weight, headline_figure, point_weight
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


class KnowledgeBase:
    """Every record of the knowledge files, with lookup tables built on first use."""

    def __init__(
        self,
        sources: tuple[Source, ...] = (),
        units: tuple[Unit, ...] = (),
        entities: tuple[Entity, ...] = (),
        facts: tuple[Fact, ...] = (),
        alignments: tuple[Alignment, ...] = (),
        synonyms: tuple[Synonym, ...] = (),
        files: tuple[str, ...] = (),
    ) -> None:
        self.sources = sources
        self.units = units
        self.entities = entities
        self.facts = facts
        self.alignments = alignments
        self.synonyms = synonyms
        self.files = files

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def entities_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    def fact_at(self, row: int) -> Fact:
        """The fact at this position in file order (a search document's rowid)."""
        return self.facts[row]

    # ─── queries ─────────────────────────────────────────────────────────────
    # The in-memory answers. index.indexed.IndexedKB answers the same questions from
    # the on-disk index without loading every record.

    def select(
        self,
        categories: Sequence[Category] = (),
        tags: Sequence[str] = (),
        entities: Sequence[str] = (),
    ) -> Iterable[Fact]:
        """Facts matching every given filter; several values of one filter are alternatives."""
        cats, tagset, ents = set(categories), set(tags), set(entities)
        for f in self.facts:
            if (
                (not cats or f.category in cats)
                and (not tagset or tagset.intersection(f.tags))
                and (not ents or ents.intersection(f.entities) or f.speaker in ents)
            ):
                yield f

    def count(self, category: Category) -> int:
        return sum(1 for f in self.facts if f.category is category)

    # What a topic's summary says, asked for piece by piece, so that the index can
    # answer each with a query instead of reading every fact of the topic.

    def with_figures(self, category: Category, limit: int) -> list[Fact]:
        """The first `limit` facts of `category` that carry figures, in file order."""
        return list(islice((f for f in self.select([category]) if f.figures), limit))

    def date_range(self, category: Category) -> tuple[Fact, Fact] | None:
        """The facts of `category` with the earliest and the latest placeable date
        (file order breaks ties, as in `dated`)."""
        found = self.dated([category])
        if not found:
            return None
        ordered = list(found)
        return ordered[0], ordered[-1]

    def sources_of(self, category: Category) -> list[Source]:
        """The sources facts of `category` cite, in the order the sources were declared."""
        cited = {f.cited.source for f in self.select([category])}
        return [s for s in self.sources if s.id in cited]

    def about(self, entity_id: str) -> list[Fact]:
        """Facts that involve the entity or quote it."""
        return [f for f in self.facts if entity_id in f.entities or f.speaker == entity_id]

    def tag_set(self) -> set[str]:
        return {t for f in self.facts for t in f.tags}

    def tag_counts(self, categories: Sequence[Category] = ()) -> dict[str, int]:
        """tag -> how many facts (of `categories`, when given) carry it."""
        out: dict[str, int] = {}
        for f in self.select(categories):
            for t in dict.fromkeys(f.tags):
                out[t] = out.get(t, 0) + 1
        return out

    def entity_list(self, kinds: Sequence[EntityKind] = ()) -> list[Entity]:
        wanted = set(kinds)
        return [e for e in self.entities if not wanted or e.kind in wanted]

    def mention_ids(self) -> dict[str, list[str]]:
        """entity id -> ids of the facts that involve it, built in one pass."""
        out: dict[str, list[str]] = {e.id: [] for e in self.entities}
        for f in self.facts:
            for eid in dict.fromkeys((*f.entities, *((f.speaker,) if f.speaker else ()))):
                out.setdefault(eid, []).append(f.id)
        return out

    def mention_counts(self) -> dict[str, int]:
        """entity id -> how many facts involve it."""
        return {eid: len(ids) for eid, ids in self.mention_ids().items()}

    def dated(self, categories: Sequence[Category] = ()) -> Collection[Fact]:
        """Facts with a placeable date, earliest first (file order breaks ties)."""
        found = [f for f in self.select(categories) if f.date is not None and f.date.start]
        return sorted(found, key=lambda f: f.date.start or "")  # type: ignore[union-attr]

    def citations(self, ids: Sequence[str] | None = None) -> dict[str, tuple[int, set[int]]]:
        """source id -> (how many facts cite it, which paragraphs they cite), for the
        sources that facts cite (only those of `ids`, when given)."""
        wanted = None if ids is None else set(ids)
        out: dict[str, tuple[int, set[int]]] = {}
        for f in self.facts:
            if wanted is not None and f.cited.source not in wanted:
                continue
            n, cited = out.get(f.cited.source, (0, set()))
            cited.update(f.cited.paragraphs)
            out[f.cited.source] = (n + 1, cited)
        return out

    def headline(self, categories: Sequence[Category], limit: int) -> list[tuple[Fact, Figure]]:
        """The facts whose figures a brief leads with: one figure each, weightiest first."""
        found = [(f, fig) for f in self.select(categories) if (fig := headline_figure(f))]
        found.sort(key=lambda c: figure_weight(c[1]))  # stable: file order within a weight
        return found[:limit]

    def points(
        self, category: Category, avoid_facts: set[str], avoid_entities: set[str], limit: int
    ) -> list[Fact]:
        """A topic's key points: those touching nothing to avoid first, richest first."""
        in_topic = list(self.select([category]))

        def key(f: Fact) -> tuple[bool, int]:
            stale = f.id in avoid_facts or bool(avoid_entities.intersection(f.entities))
            return (stale, point_weight(f))

        chosen = sorted(in_topic, key=key)[:limit]
        return sorted(chosen, key=in_topic.index)

    def events_in(self, category: Category, limit: int) -> list[tuple[Entity, list[Fact]]]:
        """The events that facts of `category` mention, each with those of its facts that
        carry figures; events with hosts or a theme, then with more figures, first."""
        by_event: dict[str, list[Fact]] = {}
        for f in self.select([category]):
            for eid in f.entities:
                e = self.entities_by_id.get(eid)
                if e is not None and e.kind is EntityKind.EVENT:
                    found = by_event.setdefault(eid, [])
                    if f.figures:
                        found.append(f)
        ranked = sorted(
            by_event.items(),
            key=lambda item: event_rank(self.entities_by_id[item[0]], len(item[1])),
        )
        return [(self.entities_by_id[eid], facts) for eid, facts in ranked[:limit]]

    def source_ranking(self) -> tuple[tuple[str, ...], int]:
        """Ids of the sources that facts cite, most-cited first, and how many there are."""
        counts = self.citations()
        ranked = sorted(counts, key=lambda sid: -counts[sid][0])
        return tuple(ranked), len(ranked)
