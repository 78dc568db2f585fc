"""Questions asked of the knowledge base: filters, lookups and summaries.

Pure functions over the typed records: no printing, no exiting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import cached_property
from typing import NamedTuple

from sinokaz_cli.errors import Problem, UsageError
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import (
    Alignment,
    Category,
    Citation,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Source,
)
from sinokaz_cli.knowledge.units import ORDINAL
from sinokaz_cli.suggest import unknown


def known_categories(
    kb: KnowledgeBase, given: Iterable[str], option: str | None = None
) -> list[str]:
    """The category ids given, as the knowledge spells them (in any case); an id
    that is none of them is a UsageError with a did-you-mean, or the ids when
    none is near ("unknown topic 'x' (one of: trade, ...)" for --topic)."""
    known = {t.id.lower(): t.id for t in kb.topics}
    noun = option.lstrip("-") if option else "category"
    out = []
    for value in given:
        found = known.get(value.lower())
        parts = [p.strip() for p in value.split(",")]
        if found is None and len(parts) > 1 and all(p.lower() in known for p in parts):
            flag = option or "--category"
            each = " ".join(f"{flag} {p}" for p in parts)
            raise UsageError(f"give {flag} once for each {noun}, as in: {each}")
        if found is None:
            raise UsageError(unknown(noun, value, list(known.values()), list_them=True))
        out.append(found)
    return out


# ─── summaries ──────────────────────────────────────────────────────────────


class HeadlineFigure(NamedTuple):
    figure: Figure
    fact: Fact


class TopicSummary(NamedTuple):
    category: str
    total: int  # facts in the topic
    figures: tuple[HeadlineFigure, ...]  # its leading figures, as a brief orders them
    more_figures: bool  # whether the topic has more figures than those
    earliest: DateRef | None  # of its news: personal stories do not stretch the period
    latest: DateRef | None
    sources: tuple[Source, ...]  # every source the topic cites


def summarise(
    kb: KnowledgeBase, category: str, figures: int, avoid: Collection[str] = ()
) -> TopicSummary:
    """What a topic's facts add up to. Each part is its own question to the knowledge
    base, which the index answers without reading every fact of the topic. `avoid`:
    facts whose figures the view shows already (on an event's card)."""
    found = kb.headline([category], figures + 1, avoid)  # one more: are there more?
    bounds = kb.date_range(category)
    return TopicSummary(
        category=category,
        total=kb.count(category),
        figures=tuple(HeadlineFigure(fig, f) for f, fig in found[:figures]),
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
    fact_ids: tuple[str, ...] = ()  # every fact that mentions it
    # What the card cites: the event record's citations, else those of the facts
    # that mention it; at most EVENT_SOURCES sources, and how many more there are.
    cited: tuple[Citation, ...] = ()
    more_sources: int = 0


EVENT_LIMIT = 3  # event cards a view shows
EVENT_FIGURES = 6  # figures one card shows
EVENT_SOURCES = 3  # sources a card cites before it counts the rest


def events(
    kb: KnowledgeBase, category: str = Category.DIALOGUE.value, limit: int = EVENT_LIMIT
) -> list[EventSummary]:
    """The events facts of `category` mention, with place, hosts and figures, most telling
    first (at most `limit` of them)."""
    by_id = kb.entities_by_id
    out = []
    for ev, facts in kb.events_in(category, limit):
        # An ordinal says which of a series the event is: its name says so already.
        figures = tuple(
            HeadlineFigure(fig, f) for f in facts for fig in f.figures if fig.unit != ORDINAL
        )
        if ev.citations:
            cited, more = ev.citations[:EVENT_SOURCES], max(0, len(ev.citations) - EVENT_SOURCES)
        else:
            cited, more = kb.about_citations(ev.id, EVENT_SOURCES)
        out.append(
            EventSummary(
                cited=cited,
                more_sources=more,
                event=ev,
                place=by_id.get(ev.place) if ev.place else None,
                hosts=tuple(h for h in map(by_id.get, ev.hosts) if h is not None),
                figures=figures[:EVENT_FIGURES],
                fact_ids=tuple(kb.about_ids(ev.id)),
            )
        )
    return out


def has_details(ev: EventSummary) -> bool:
    """Whether an event's card would say more than its name: when, where, who, what."""
    e = ev.event
    return bool(e.date or ev.place or ev.hosts or e.theme or ev.figures)


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


def timeline(kb: KnowledgeBase, categories: Sequence[str] = ()) -> Collection[Fact]:
    """Facts with a placeable date, earliest first (file order breaks ties)."""
    return kb.dated(categories)


class Coverage(NamedTuple):
    source: Source
    facts: int
    cited: tuple[int, ...]
    uncited: tuple[int, ...]


def coverage(
    kb: KnowledgeBase, ids: Sequence[str] | None = None, categories: Sequence[str] = ()
) -> list[Coverage]:
    """Each source (or each of `ids`, in that order) with its facts and cited paragraphs
    (counting only the facts of `categories`, when given)."""
    counts = kb.citations(ids, categories)
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


def uncited(kb: KnowledgeBase) -> list[Problem]:
    """A problem for each source with paragraphs that no fact cites (`check`): the
    work left on it, in the knowledge file that declares it (reading.lines.located
    adds the line)."""
    from sinokaz_cli.knowledge.citing import paragraphs

    gaps = []
    for c in coverage(kb):
        if not c.uncited:
            continue
        src, left = c.source, len(c.uncited)
        message = (
            f"{paragraphs(Citation(src.id, tuple(c.uncited)))} not cited by any fact yet "
            f"({left} of {src.paragraphs} paragraph{'s' if src.paragraphs != 1 else ''})"
        )
        home = kb.source_file(src.id) or src.file or src.id
        gaps.append(Problem(home, message, record=f"source {src.id!r}"))
    return gaps
