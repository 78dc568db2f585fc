"""Records as JSON objects and text columns: the documented output contract.

Every JSON field listed in the README comes from here. New fields may be
added; existing ones keep their names and meaning.
"""

from __future__ import annotations

from collections.abc import Iterable

from sinokaz_cli import display
from sinokaz_cli.model import DateRef, Fact, Figure, KnowledgeBase
from sinokaz_cli.query import Pair
from sinokaz_cli.render.listing import Column, Json, Listing

FACT_FIELDS = (
    "id",
    "category",
    "statement",
    "figures",
    "date",
    "entities",
    "tags",
    "speaker",
    "attribution",
    "quote",
    "note",
    "source",
    "paragraphs",
    "citation",
)


def figure_json(fig: Figure, kb: KnowledgeBase) -> Json:
    return {
        "value": fig.value,
        "unit": fig.unit,
        "qualifier": fig.qualifier.value,
        "about": fig.about,
        "text": display.figure(fig, kb),
    }


def date_json(d: DateRef | None) -> Json | None:
    if d is None:
        return None
    return {
        "text": d.text,
        "start": d.start,
        "end": d.end,
        "precision": display.precision(d),
        "qualifier": d.qualifier.value if d.qualifier else None,
        "inferred": d.inferred,
        "basis": d.basis,
        "display": display.date(d),
    }


def fact_json(f: Fact, kb: KnowledgeBase) -> Json:
    return {
        "id": f.id,
        "category": f.category.value,
        "statement": f.statement,
        "figures": [figure_json(fig, kb) for fig in f.figures],
        "date": date_json(f.date),
        "entities": list(f.entities),
        "tags": list(f.tags),
        "speaker": f.speaker,
        "attribution": f.attribution,
        "quote": f.quote,
        "note": f.note,
        "source": f.cited.source,
        "paragraphs": list(f.cited.paragraphs),
        "citation": display.citation(f.cited, kb),
    }


def figures_text(f: Fact, kb: KnowledgeBase) -> str:
    return "; ".join(display.figure(fig, kb) for fig in f.figures)


def fact_listing(
    kb: KnowledgeBase, facts: Iterable[Fact], title: str | None = None, category: bool = True
) -> Listing[Fact]:
    columns: list[Column[Fact]] = [Column("id", "ID", lambda f: f.id, nowrap=True)]
    if category:
        columns.append(Column("category", "Category", lambda f: f.category.value, nowrap=True))
    columns += [
        Column("statement", "Statement", lambda f: f.statement, wide=True),
        Column("figures", "Figures", lambda f: figures_text(f, kb), max_width=18),
        Column("date", "Date", lambda f: display.date(f.date) if f.date else "", max_width=14),
        Column("citation", "Source", lambda f: display.citation(f.cited, kb), max_width=16),
    ]
    return Listing(facts, columns, lambda f: fact_json(f, kb), FACT_FIELDS, title)


PAIR_FIELDS = (
    "id",
    "china",
    "china_name",
    "kazakhstan",
    "kazakhstan_name",
    "theme",
    "facts",
    "citations",
)


def pair_json(p: Pair, kb: KnowledgeBase) -> Json:
    return {
        "id": p.alignment.id,
        "china": p.china.id,
        "china_name": p.china.name,
        "kazakhstan": p.kazakhstan.id,
        "kazakhstan_name": p.kazakhstan.name,
        "theme": p.alignment.theme,
        "facts": list(p.alignment.facts),
        "citations": sorted({display.citation(f.cited, kb) for f in p.facts}),
    }


def pair_listing(kb: KnowledgeBase, pairs: Iterable[Pair]) -> Listing[Pair]:
    columns: list[Column[Pair]] = [
        Column("id", "ID", lambda p: p.alignment.id),
        Column("china_name", "China", lambda p: p.china.name),
        Column("kazakhstan_name", "Kazakhstan", lambda p: p.kazakhstan.name),
        Column("theme", "Shared theme", lambda p: p.alignment.theme, wide=True),
        Column("facts", "Facts", lambda p: ", ".join(p.alignment.facts)),
    ]
    return Listing(pairs, columns, lambda p: pair_json(p, kb), PAIR_FIELDS, "Policy alignment")
