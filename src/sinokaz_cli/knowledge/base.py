"""The knowledge base: every record of the knowledge files, and the questions
asked of it, answered in memory.

index.indexed.IndexedKB answers the same questions from the on-disk index
without loading every record; the two are held to the same answers by tests.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import cached_property

from sinokaz_cli.knowledge import units
from sinokaz_cli.knowledge.ranking import (
    event_rank,
    headline_figure,
    order_figures,
    personal,
    point_score,
)
from sinokaz_cli.knowledge.records import (
    BUILTIN_TOPICS,
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
        categories: tuple[Topic, ...] = (),
    ) -> None:
        self.categories = categories  # declared [[category]] records
        self.sources = sources
        self.units = units
        self.entities = entities
        self.facts = facts
        self.alignments = alignments
        self.synonyms = synonyms
        self.files = files
        # source id -> the knowledge file that first declares it (set by the reader)
        self.source_files: dict[str, str] = {}

    def source_file(self, source: str) -> str | None:
        """The knowledge file that declares `source`: its `file` is relative to it."""
        return self.source_files.get(source)

    @cached_property
    def topics(self) -> tuple[Topic, ...]:
        """Every category facts may have, in the order lists show them: the four
        built in (titled by a [[category]] record that sets their title) and those
        the files declare."""
        declared = {t.id: t for t in self.categories}
        found = [declared.pop(t.id, t) for t in BUILTIN_TOPICS] + list(declared.values())
        return tuple(sorted(found, key=lambda t: t.order))

    def title(self, category: str) -> str:
        """How a category is titled for people."""
        return next((t.title for t in self.topics if t.id == category), category)

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
        categories: Sequence[str] = (),
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

    def count(self, category: str) -> int:
        return sum(1 for f in self.facts if f.category == category)

    # What a topic's summary says, asked for piece by piece, so that the index can
    # answer each with a query instead of reading every fact of the topic.

    def date_range(self, category: str) -> tuple[Fact, Fact] | None:
        """The facts of `category` with the earliest and the latest placeable date
        (file order breaks ties, as in `dated`): of its news, as personal stories
        ("she bought one ten years ago") would stretch the period; of every dated
        fact when there is no other."""
        found = list(self.dated([category]))
        news = [f for f in found if not personal(f, self.entity_of)] or found
        return (news[0], news[-1]) if news else None

    def entity_of(self, entity_id: str) -> Entity | None:
        return self.entities_by_id.get(entity_id)

    def published(self, f: Fact) -> str | None:
        src = self.sources_by_id.get(f.cited.source)
        return src.published if src is not None else None

    @cached_property
    def currency_ranks(self) -> dict[str, int]:
        """Each currency the figures use, numbered in the order the files first use it."""
        ranks: dict[str, int] = {}
        for f in self.facts:
            for g in f.figures:
                if units.is_currency(g.unit):
                    ranks.setdefault(g.unit, len(ranks))
        return ranks

    def sources_of(self, category: str) -> list[Source]:
        """The sources facts of `category` cite, in the order the sources were declared."""
        cited = {f.cited.source for f in self.select([category])}
        return [s for s in self.sources if s.id in cited]

    def about(self, entity_id: str) -> list[Fact]:
        """Facts that involve the entity or quote it."""
        return [f for f in self.facts if entity_id in f.entities or f.speaker == entity_id]

    def about_citations(self, entity_id: str, limit: int) -> tuple[tuple[Citation, ...], int]:
        """What the facts about an entity cite, merged by source: the first `limit`
        sources (in the order the facts come), and how many more there are."""
        merged: dict[str, set[int]] = {}
        for f in self.about(entity_id):
            merged.setdefault(f.cited.source, set()).update(f.cited.paragraphs)
        first = [Citation(s, tuple(sorted(p))) for s, p in list(merged.items())[:limit]]
        return tuple(first), len(merged) - len(first)

    def about_ids(self, entity_id: str) -> list[str]:
        """The ids of the facts about(entity_id) returns."""
        return [f.id for f in self.about(entity_id)]

    @cached_property
    def shared_publishers(self) -> frozenset[str]:
        """Publishers with several articles in the knowledge (their citations add the month)."""
        seen: dict[str, int] = {}
        for src in self.sources:
            seen[src.publisher] = seen.get(src.publisher, 0) + 1
        return frozenset(p for p, n in seen.items() if n > 1)

    def tag_set(self) -> set[str]:
        return {t for f in self.facts for t in f.tags}

    def tag_counts(self, categories: Sequence[str] = ()) -> dict[str, int]:
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

    def dated(self, categories: Sequence[str] = ()) -> Collection[Fact]:
        """Facts with a placeable date, earliest first (file order breaks ties)."""
        found = [f for f in self.select(categories) if f.date is not None and f.date.start]
        return sorted(found, key=lambda f: f.date.start or "")  # type: ignore[union-attr]

    def citations(
        self, ids: Sequence[str] | None = None, categories: Sequence[str] = ()
    ) -> dict[str, tuple[int, set[int]]]:
        """source id -> (how many facts cite it, which paragraphs they cite), for the
        sources that facts cite (only those of `ids`, when given; counting only the
        facts of `categories`, when given)."""
        wanted = None if ids is None else set(ids)
        out: dict[str, tuple[int, set[int]]] = {}
        for f in self.select(categories):
            if wanted is not None and f.cited.source not in wanted:
                continue
            n, cited = out.get(f.cited.source, (0, set()))
            cited.update(f.cited.paragraphs)
            out[f.cited.source] = (n + 1, cited)
        return out

    def headline(
        self, categories: Sequence[str], limit: int, avoid: Collection[str] = ()
    ) -> list[tuple[Fact, Figure]]:
        """The figures a brief leads with, one a fact, in the order of the rules
        (ranking.py): money, shares and rates, counts; none of the facts `avoid` names."""
        ranks = self.currency_ranks
        found = [
            (f, fig, ranks.get(fig.unit, 0))
            for f in self.select(categories)
            if f.id not in avoid and (fig := headline_figure(f, self.entity_of)) is not None
        ]
        return [found[i][:2] for i in order_figures(found, limit)]

    def headline_count(self, categories: Sequence[str]) -> int:
        """How many facts of `categories` have a figure that could lead a brief."""
        entity_of = self.entity_of
        return sum(1 for f in self.select(categories) if headline_figure(f, entity_of))

    def points(
        self, category: str, avoid_facts: set[str], avoid_entities: set[str], limit: int
    ) -> list[Fact]:
        """A topic's key points, news first (ranking.point_score), in that order: those
        touching nothing to avoid (shown elsewhere in the brief) before the others."""
        in_topic = list(self.select([category]))
        entity_of, published = self.entity_of, self.published

        def key(item: tuple[int, Fact]) -> tuple[bool, int, int]:
            i, f = item
            stale = f.id in avoid_facts or bool(avoid_entities.intersection(f.entities))
            return (stale, -point_score(f, entity_of, published(f)), i)

        return [f for _, f in sorted(enumerate(in_topic), key=key)[:limit]]

    def events_in(self, category: str, limit: int) -> list[tuple[Entity, list[Fact]]]:
        """The events that facts of `category` mention, each with those of its facts that
        carry figures; events with hosts or a theme, then with more figures, first."""
        by_event: dict[str, list[Fact]] = {}
        series = self.series
        for f in self.select([category]):
            for eid in f.entities:
                e = self.entities_by_id.get(eid)
                if e is not None and e.kind is EntityKind.EVENT and eid not in series:
                    found = by_event.setdefault(eid, [])
                    if f.figures:
                        found.append(f)
        ranked = sorted(
            by_event.items(),
            key=lambda item: event_rank(self.entities_by_id[item[0]], len(item[1])),
        )
        return [(self.entities_by_id[eid], facts) for eid, facts in ranked[:limit]]

    def events_total(self, category: str) -> int:
        """How many events the facts of `category` mention."""
        kinds = {e.id for e in self.entities if e.kind is EntityKind.EVENT} - self.series
        return len({e for f in self.select([category]) for e in f.entities if e in kinds})

    @cached_property
    def series(self) -> frozenset[str]:
        """Events that other events are part of (the dialogue, of which a meeting is
        the second): a series, not one event with a date and a place."""
        return frozenset(
            e.part_of for e in self.entities if e.kind is EntityKind.EVENT and e.part_of
        )

    def source_ranking(self) -> tuple[tuple[str, ...], int]:
        """Ids of the sources that facts cite, most-cited first, and how many there are."""
        counts = self.citations()
        ranked = sorted(counts, key=lambda sid: -counts[sid][0])
        return tuple(ranked), len(ranked)
