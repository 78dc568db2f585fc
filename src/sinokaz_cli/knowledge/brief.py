"""A briefing built from whatever the knowledge base holds.

Nothing here knows about any one article: headline figures, key points per
topic, events, policy pairs and sources are all chosen by rules that work
for any knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sinokaz_cli.knowledge import query
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import Category, Fact

# One screen: a large knowledge base shows its top few and says how many more.
MAX_PAIRS = 5
MAX_SOURCES = 5


class TopicBrief(NamedTuple):
    category: str
    title: str
    total: int
    points: tuple[Fact, ...]


class Brief(NamedTuple):
    facts: int
    figures: tuple[query.HeadlineFigure, ...]
    topics: tuple[TopicBrief, ...]
    events: tuple[query.EventSummary, ...]
    pairs: tuple[query.Pair, ...]
    pairs_total: int
    sources: tuple[query.Coverage, ...]
    sources_total: int


def build(
    kb: KnowledgeBase,
    categories: Sequence[str] = (),
    points_per_topic: int = 2,
    max_figures: int = 5,
) -> Brief:
    headline = [query.HeadlineFigure(fig, f) for f, fig in kb.headline(categories, max_figures)]
    shown = {h.fact.id for h in headline}
    wanted = list(categories) or [t.id for t in kb.topics]
    events = query.events(kb) if Category.DIALOGUE.value in wanted else []
    carded = {ev.event.id for ev in events}

    topics = []
    for topic in kb.topics:
        if topic.id not in wanted:
            continue
        total = kb.count(topic.id)
        if not total:
            continue
        # Points repeat neither a headline figure nor an event shown on its own card.
        points = kb.points(topic.id, shown, carded, points_per_topic)
        topics.append(TopicBrief(topic.id, topic.title, total, tuple(points)))

    ranked, cited_total = kb.source_ranking()
    return Brief(
        facts=sum(t.total for t in topics),
        figures=tuple(headline),
        topics=tuple(topics),
        events=tuple(events),
        pairs=tuple(query.pairs(kb, MAX_PAIRS)) if Category.POLICY.value in wanted else (),
        pairs_total=len(kb.alignments) if Category.POLICY.value in wanted else 0,
        sources=tuple(query.coverage(kb, ranked[:MAX_SOURCES])),
        sources_total=cited_total,
    )
