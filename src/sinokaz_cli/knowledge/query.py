"""Questions asked of the knowledge base: filters, lookups and summaries.

Pure functions over the typed records: no printing, no exiting.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cached_property
from typing import NamedTuple

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import (
    Alignment,
    Category,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Source,
)

# ─── summaries ──────────────────────────────────────────────────────────────


class HeadlineFigure(NamedTuple):
    figure: Figure
    fact: Fact


class TopicSummary(NamedTuple):
    category: Category
    total: int  # facts in the topic
    figures: tuple[HeadlineFigure, ...]  # the first `figures` of them, in file order
    more_figures: bool  # whether the topic has more figures than those
    earliest: DateRef | None
    latest: DateRef | None
    sources: tuple[Source, ...]  # every source the topic cites


def summarise(kb: KnowledgeBase, category: Category, figures: int) -> TopicSummary:
    """What a topic's facts add up to. Each part is its own question to the knowledge
    base, which the index answers without reading every fact of the topic."""
    found: list[HeadlineFigure] = []
    for f in kb.with_figures(category, figures + 1):  # each has one figure or more
        found.extend(HeadlineFigure(fig, f) for fig in f.figures)
        if len(found) > figures:
            break
    bounds = kb.date_range(category)
    return TopicSummary(
        category=category,
        total=kb.count(category),
        figures=tuple(found[:figures]),
        more_figures=len(found) > figures,
        earliest=bounds[0].date if bounds else None,
        latest=bounds[1].date if bounds else None,
        sources=tuple(kb.sources_of(category)),
    )


class EventSummary(NamedTuple):
    """An event and what the facts say about it, for the dialogue view."""

    event: Entity
    place: Entity | None
    hosts: tuple[Entity, ...]
    figures: tuple[HeadlineFigure, ...]


EVENT_LIMIT = 3  # event cards a view shows
EVENT_FIGURES = 6  # figures one card shows


def events(kb: KnowledgeBase, category: Category = Category.DIALOGUE) -> list[EventSummary]:
    """The events facts of `category` mention, with place, hosts and figures, most telling
    first (at most EVENT_LIMIT of them)."""
    by_id = kb.entities_by_id
    out = []
    for ev, facts in kb.events_in(category, EVENT_LIMIT):
        figures = tuple(HeadlineFigure(fig, f) for f in facts for fig in f.figures)
        out.append(
            EventSummary(
                event=ev,
                place=by_id.get(ev.place) if ev.place else None,
                hosts=tuple(h for h in map(by_id.get, ev.hosts) if h is not None),
                figures=figures[:EVENT_FIGURES],
            )
        )
    return out


class Pair(NamedTuple):
    alignment: Alignment
    china: Entity
    kazakhstan: Entity
    facts: tuple[Fact, ...]


def pairs(kb: KnowledgeBase, limit: int | None = None) -> list[Pair]:
    by_id = kb.entities_by_id
    return [
        Pair(
            a,
            by_id[a.china],
            by_id[a.kazakhstan],
            tuple(kb.facts_by_id[f] for f in a.facts if f in kb.facts_by_id),
        )
        for a in kb.alignments[:limit]
    ]


# ─── entities, timeline, sources ────────────────────────────────────────────


def entities(kb: KnowledgeBase, kinds: Sequence[EntityKind] = ()) -> list[Entity]:
    return kb.entity_list(kinds)


def facts_about(kb: KnowledgeBase, entity_id: str) -> list[Fact]:
    """Facts that involve the entity or quote it."""
    return kb.about(entity_id)


class Mentions:
    """Which facts involve each entity. A table or TSV shows only how many, which
    the index counts without reading a fact; only JSON needs every id, which at
    100,000 facts meant joining 280,000 mentions to their facts (most of a
    second), so the ids are looked up on first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @classmethod
    def known(cls, kb: KnowledgeBase, ids: dict[str, list[str]]) -> Mentions:
        found = cls(kb)
        found.__dict__.update(ids=ids, counts={eid: len(v) for eid, v in ids.items()})
        return found

    @cached_property
    def counts(self) -> dict[str, int]:
        return self.kb.mention_counts()

    @cached_property
    def ids(self) -> dict[str, list[str]]:
        return self.kb.mention_ids()


def mentions(kb: KnowledgeBase) -> Mentions:
    """entity id -> the facts that involve it (see Mentions)."""
    return Mentions(kb)


def timeline(kb: KnowledgeBase, categories: Sequence[Category] = ()) -> Collection[Fact]:
    """Facts with a placeable date, earliest first (file order breaks ties)."""
    return kb.dated(categories)


class Coverage(NamedTuple):
    source: Source
    facts: int
    cited: tuple[int, ...]
    uncited: tuple[int, ...]


def coverage(kb: KnowledgeBase, ids: Sequence[str] | None = None) -> list[Coverage]:
    """Each source (or each of `ids`, in that order) with its facts and cited paragraphs."""
    counts = kb.citations(ids)
    chosen = kb.sources if ids is None else [kb.sources_by_id[i] for i in ids]
    out = []
    for s in chosen:
        n, got = counts.get(s.id, (0, set()))
        out.append(
            Coverage(
                s,
                n,
                tuple(sorted(p for p in got if p <= s.paragraphs)),
                tuple(p for p in range(1, s.paragraphs + 1) if p not in got),
            )
        )
    return out
