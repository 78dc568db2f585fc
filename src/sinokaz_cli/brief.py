"""A briefing built from whatever the knowledge base holds.

Nothing here knows about any one article: headline figures, key points per
topic, events, policy pairs and sources are all chosen by rules that work
for any knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sinokaz_cli import query, units
from sinokaz_cli.display import TOPIC_TITLES
from sinokaz_cli.model import Category, Fact, Figure, KnowledgeBase


class TopicBrief(NamedTuple):
    category: Category
    title: str
    total: int
    points: tuple[Fact, ...]


class Brief(NamedTuple):
    facts: int
    figures: tuple[query.HeadlineFigure, ...]
    topics: tuple[TopicBrief, ...]
    events: tuple[query.EventSummary, ...]
    pairs: tuple[query.Pair, ...]
    sources: tuple[query.Coverage, ...]


def _figure_weight(fig: Figure) -> tuple[int, float]:
    """Money and shares lead; then counts, largest first; ordinals ("2nd") last."""
    if units.is_currency(fig.unit):
        return (0, 0.0)
    if fig.unit == units.PERCENT:
        return (1, 0.0)
    if fig.unit == units.ORDINAL:
        return (3, 0.0)
    return (2, -float(fig.value))


def _point_weight(f: Fact) -> int:
    """Facts with more to show (a date, a speaker, several entities) sort first."""
    richness = (f.date is not None and f.date.start is not None) + (f.speaker is not None)
    return -(richness + min(len(f.entities), 3))


def build(
    kb: KnowledgeBase,
    categories: Sequence[Category] = (),
    points_per_topic: int = 2,
    max_figures: int = 5,
) -> Brief:
    selected = query.facts(kb, categories)
    # One headline figure per fact, the weightiest kind first, in file order within a kind.
    candidates = [(f, min(f.figures, key=_figure_weight)) for f in selected if f.figures]
    candidates.sort(key=lambda c: _figure_weight(c[1]))
    headline = [query.HeadlineFigure(fig, f) for f, fig in candidates[:max_figures]]
    shown = {h.fact.id for h in headline}
    events = query.events(kb, [f for f in selected if f.category is Category.DIALOGUE])
    carded = {ev.event.id for ev in events}

    topics = []
    for cat in Category:
        in_topic = [f for f in selected if f.category is cat]
        if not in_topic:
            continue
        # Points repeat neither a headline figure nor an event shown on its own card;
        # ties keep file order (sorted is stable).
        fresh = [f for f in in_topic if f.id not in shown and not carded.intersection(f.entities)]
        others = [f for f in in_topic if f not in fresh]
        points = (sorted(fresh, key=_point_weight) + sorted(others, key=_point_weight))[
            :points_per_topic
        ]
        points.sort(key=in_topic.index)
        topics.append(TopicBrief(cat, TOPIC_TITLES[cat], len(in_topic), tuple(points)))

    wants_pairs = not categories or Category.POLICY in categories
    cited = {f.cited.source for f in selected}
    return Brief(
        facts=len(selected),
        figures=tuple(headline),
        topics=tuple(topics),
        events=tuple(events),
        pairs=tuple(query.pairs(kb)) if wants_pairs else (),
        sources=tuple(c for c in query.coverage(kb) if c.source.id in cited),
    )
