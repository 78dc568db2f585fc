"""The brief as data: JSON, and rows for CSV and TSV (the terminal and Markdown
views are in brief_view.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.render import display
from sinokaz_cli.render.listing import Column, Json, Listing
from sinokaz_cli.render.records import entity_json, fact_json, figure_json, pair_json, source_json

if TYPE_CHECKING:
    from sinokaz_cli.knowledge.brief import Brief


def brief_json(b: Brief, kb: KnowledgeBase) -> Json:
    return {
        "facts": b.facts,
        "figures": [
            {
                **figure_json(h.figure, kb),
                "fact": h.fact.id,
                "citation": display.citation(h.fact.cited, kb),
            }
            for h in b.figures
        ],
        "figures_total": b.figures_total,
        "topics": [
            {
                "category": t.category,
                "title": t.title,
                "facts": t.total,
                "points": [fact_json(f, kb) for f in t.points],
                "shown": t.shown,
                "more": t.more,
                "command": t.command,
            }
            for t in b.topics
        ],
        "events": [
            {
                **entity_json(ev.event, kb, ev.fact_ids),
                "place_name": ev.place.name if ev.place else None,
                "host_names": [h.name for h in ev.hosts],
                "figures": [{**figure_json(h.figure, kb), "fact": h.fact.id} for h in ev.figures],
                "citation": display.citation(ev.event.cited, kb) if ev.event.cited else None,
            }
            for ev in b.events
        ],
        "events_total": b.events_total,
        "pairs": [pair_json(p, kb) for p in b.pairs],
        "pairs_total": b.pairs_total,
        "sources": [source_json(c) for c in b.sources],
        "sources_total": b.sources_total,
        "full": b.full,
    }


def brief_listing(b: Brief, kb: KnowledgeBase) -> Listing[tuple[str, str, str]]:
    from sinokaz_cli.render.brief_view import rows

    columns: list[Column[tuple[str, str, str]]] = [
        Column("section", "Section", lambda r: r[0]),
        Column("point", "Point", lambda r: r[1], wide=True),
        Column("citation", "Citation", lambda r: r[2]),
    ]
    return Listing(
        rows(b, kb),
        columns,
        lambda r: {"section": r[0], "point": r[1], "citation": r[2]},
        ("section", "point", "citation"),
        "Brief",
    )
