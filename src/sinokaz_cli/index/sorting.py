"""What the index sorts facts by so that a brief costs the same at any size: each
fact's headline figure (class, currency rank, size, place), its point weight,
and whether it is a personal story, as knowledge/ranking.py decides them;
and, per category, the facts with the best point weight.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from sinokaz_cli.index.format import POINTS_KEPT
from sinokaz_cli.knowledge.ranking import assess
from sinokaz_cli.knowledge.records import Entity, Fact, Source

# Facts with a figure that could lead a brief, per category (facts of these rows).
HEADLINE_COUNTS = "SELECT category, count(*) FROM facts WHERE hw_kind IS NOT NULL GROUP BY 1"

# The brief columns of a fact whose entities or source are not known yet.
UNKNOWN: tuple[Any, ...] = (None, None, None, None, 0, False)


def brief_columns(
    f: Fact,
    lookup: Callable[[str], Entity | None],
    sources: Mapping[str, Source],
    currencies: Mapping[str, int],
) -> tuple[Any, ...]:
    """What briefs sort a fact by (knowledge/ranking.py), as the facts table keeps
    it: its headline figure's class, currency rank, size and place; its point
    weight (lower first); whether it is a personal story. UNKNOWN until the
    records that decide it are read."""
    speaker = lookup(f.speaker) if f.speaker else None
    if speaker is not None and any(r.of and lookup(r.of) is None for r in speaker.roles):
        return UNKNOWN  # whether the speaker is an official: not known yet
    src = sources.get(f.cited.source)
    found, _, story, score = assess(f, lookup, src.published if src else None)
    if found is None:
        return (None, None, None, None, -score, story)
    at, cls, value = found
    group = currencies.get(f.figures[at].unit, 0)
    return (cls, group, value, at, -score, story)


def point_candidates(weights: list[tuple[str, int, int]]) -> dict[str, tuple[int, ...]]:
    """Per category, the rows of the POINTS_KEPT facts with the best point weight."""
    by_cat: dict[str, list[tuple[int, int]]] = {}
    for cat, pweight, row in weights:
        by_cat.setdefault(cat, []).append((pweight, row))
    return {cat: tuple(r for _, r in sorted(found)[:POINTS_KEPT]) for cat, found in by_cat.items()}


# What facts cite, as the builder counts it: (source, category) -> (facts, paragraphs).
Cited = dict[tuple[str, str], tuple[int, set[int]]]


def per_source(
    cited: Cited, categories: Collection[str] | None = None
) -> dict[str, tuple[int, set[int]]]:
    """source -> (facts, paragraphs), over `categories` (all, when None), in the order
    sources were first cited: as KnowledgeBase.citations() counts them."""
    out: dict[str, tuple[int, set[int]]] = {}
    for (source, category), (n, paragraphs) in cited.items():
        if categories is not None and category not in categories:
            continue
        seen = out.get(source)
        out[source] = (n, set(paragraphs)) if seen is None else (seen[0] + n, seen[1] | paragraphs)
    return out


def cited_out(cited: Cited) -> tuple[tuple[str, str, int, tuple[int, ...]], ...]:
    """`cited` as the index's small table keeps it (marshal has no sets)."""
    return tuple((s, c, n, tuple(sorted(p))) for (s, c), (n, p) in cited.items())


def cited_in(kept: Any) -> Cited:
    """What cited_out kept, as the builder counts it again."""
    return {(s, c): (n, set(p)) for s, c, n, p in kept}


def source_columns(found: tuple[int, set[int]] | None) -> tuple[int, bytes]:
    """A source's facts and cited paragraphs, as its row in the sources table keeps them."""
    import marshal

    n, cited = found or (0, set())
    return n, marshal.dumps(tuple(sorted(cited)))
