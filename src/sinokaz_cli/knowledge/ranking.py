"""What a brief puts first. Shared by the in-memory knowledge base and the
on-disk index, which stores these weights so it can sort without loading."""

from __future__ import annotations

from collections.abc import Sequence

from sinokaz_cli.knowledge import units
from sinokaz_cli.knowledge.records import Entity, Fact, Figure


def figure_weight(fig: Figure) -> tuple[int, float]:
    """Money and shares lead; then counts, largest first; ordinals ("2nd") last."""
    if units.is_currency(fig.unit):
        return (0, 0.0)
    if fig.unit == units.PERCENT:
        return (1, 0.0)
    if fig.unit == units.ORDINAL:
        return (3, 0.0)
    return (2, -float(fig.value))


def headline_figure(f: Fact) -> Figure | None:
    """The one figure of a fact that could stand in a brief's headline list."""
    found = headline(f.figures)
    return f.figures[found[0]] if found else None


def headline(figures: Sequence[Figure]) -> tuple[int, tuple[int, float]] | None:
    """Where the headline figure stands among `figures`, and its weight: the first
    of the lightest (the index stores both)."""
    if not figures:
        return None
    weights = [figure_weight(g) for g in figures]
    best = min(weights)
    return weights.index(best), best


def point_weight(f: Fact) -> int:
    """Facts with more to show (a date, a speaker, several entities) sort first."""
    richness = (f.date is not None and f.date.start is not None) + (f.speaker is not None)
    return -(richness + min(len(f.entities), 3))


def event_rank(event: Entity, facts_with_figures: int) -> tuple[bool, int]:
    """Events a brief leads with: those with hosts or a theme, then those more
    facts with figures mention, first."""
    return (not event.hosts and not event.theme, -facts_with_figures)
