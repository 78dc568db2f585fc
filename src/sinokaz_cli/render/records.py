"""Records as JSON objects and text columns: the documented output contract.

Every JSON field listed in the README comes from here. New fields may be
added; existing ones keep their names and meaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sinokaz_cli.knowledge import attribution
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import DateRef, Entity, Fact, Figure
from sinokaz_cli.render import display
from sinokaz_cli.render.listing import Column, Json, Listing

if TYPE_CHECKING:  # annotations only: importing these would load sqlite3 and more
    from sinokaz_cli.knowledge.query import Coverage, Mentions, Pair
    from sinokaz_cli.search.engine import Hit

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
    "how",
    "to",
    "said_by",
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
        "per": fig.per.value if fig.per else None,
        "change": fig.change,
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
        "period": d.period.value if d.period else None,
        "display": display.date(d),
    }


def fact_json(f: Fact, kb: KnowledgeBase) -> Json:
    return {
        "id": f.id,
        "category": f.category,
        "statement": f.statement,
        "figures": [figure_json(fig, kb) for fig in f.figures],
        "date": date_json(f.date),
        "entities": list(f.entities),
        "tags": list(f.tags),
        "speaker": f.speaker,
        "attribution": f.attribution,
        "quote": f.quote,
        "note": f.note,
        "how": f.how.value,
        "to": f.to,
        "said_by": said_by_json(f, kb),
        "source": f.cited.source,
        "paragraphs": list(f.cited.paragraphs),
        "citation": display.citation(f.cited, kb),
    }


def said_by_json(f: Fact, kb: KnowledgeBase) -> Json:
    s = attribution.said_by(f, kb)
    return {
        "how": s.how.value,
        "id": s.id,
        "name": s.name,
        "to": s.to,
        "to_name": s.to_name,
        "text": s.text,
    }


def fact_listing(
    kb: KnowledgeBase,
    facts: Iterable[Fact],
    title: str | None = None,
    category: bool = True,
) -> Listing[Fact]:
    columns: list[Column[Fact]] = [Column("id", "ID", lambda f: f.id, nowrap=True)]
    if category:
        columns.append(Column("category", "Category", lambda f: f.category, nowrap=True))
    columns += [
        Column("statement", "Statement", lambda f: f.statement, wide=True),
        Column(
            "figures",
            "Figures",
            lambda f: [figure_json(fig, kb) for fig in f.figures],
            max_width=18,
        ),
        Column("date", "Date", lambda f: date_json(f.date), max_width=14),
        Column("citation", "Source", lambda f: display.citation(f.cited, kb), max_width=16),
        Column("said_by", "Said by", lambda f: said_by_json(f, kb), max_width=24),
    ]
    from sinokaz_cli.render.fact_element import FactElements

    return Listing(
        facts, columns, lambda f: fact_json(f, kb), FACT_FIELDS, title, FactElements(kb), "facts"
    )


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
        "citations": pair_citations(p, kb),
    }


def pair_citations(p: Pair, kb: KnowledgeBase) -> list[str]:
    return sorted({display.citation(f.cited, kb) for f in p.facts})


def pair_listing(kb: KnowledgeBase, pairs: Iterable[Pair]) -> Listing[Pair]:
    columns: list[Column[Pair]] = [
        Column("id", "ID", lambda p: p.alignment.id),
        Column("china_name", "China", lambda p: p.china.name),
        Column("kazakhstan_name", "Kazakhstan", lambda p: p.kazakhstan.name),
        Column("theme", "Shared theme", lambda p: p.alignment.theme, wide=True),
        Column("facts", "Facts", lambda p: list(p.alignment.facts)),
        # The table cites each pair; so do the machine formats, as pair_json does.
        Column("citations", "Cited", lambda p: pair_citations(p, kb)),
    ]
    return Listing(
        pairs,
        columns,
        lambda p: pair_json(p, kb),
        PAIR_FIELDS,
        "Policy alignment",
        noun="policy pairs",
    )


# ─── search hits ────────────────────────────────────────────────────────────

HIT_FIELDS = ("rank", "score", "matched", "matched_terms", "corrected_from", *FACT_FIELDS)


def hit_listing(
    kb: KnowledgeBase, hits: Sequence[Hit], query: str = ""
) -> Listing[tuple[int, Hit]]:
    def to_json(item: tuple[int, Hit]) -> Json:
        rank, hit = item
        return {
            "rank": rank,
            "score": round(hit.score, 4),
            "matched": list(hit.matched),
            "matched_terms": [
                {
                    "word": m.word.word,
                    "typed": m.word.typed,
                    "via": m.word.via,
                    "in": list(m.places),
                }
                for m in hit.matches
            ],
            "corrected_from": {
                m.word.word: m.word.typed for m in hit.matches if m.word.via == "correction"
            },
            **fact_json(hit.fact, kb),
        }

    columns: list[Column[tuple[int, Hit]]] = [
        Column("rank", "#", lambda i: i[0], nowrap=True),
        Column("id", "ID", lambda i: i[1].fact.id, nowrap=True),
        Column("category", "Category", lambda i: i[1].fact.category, nowrap=True),
        Column("statement", "Statement", lambda i: i[1].fact.statement, wide=True),
        Column("citation", "Source", lambda i: display.citation(i[1].fact.cited, kb)),
        Column("said_by", "Said by", lambda i: said_by_json(i[1].fact, kb), max_width=24),
    ]
    title = f"Search: {query}" if query else "Search"
    return Listing(list(enumerate(hits, start=1)), columns, to_json, HIT_FIELDS, title)


# ─── tags ───────────────────────────────────────────────────────────────────

TAG_FIELDS = ("tag", "facts")


def tag_listing(counts: dict[str, int]) -> Listing[tuple[str, int]]:
    """Each tag and how many facts carry it, in the order of the tags' names."""
    columns: list[Column[tuple[str, int]]] = [
        Column("tag", "Tag", lambda t: t[0], wide=True),
        Column("facts", "Facts", lambda t: t[1], nowrap=True),
    ]
    return Listing(
        sorted(counts.items()),
        columns,
        lambda t: {"tag": t[0], "facts": t[1]},
        TAG_FIELDS,
        "Tags",
        noun="tags",
    )


# ─── entities ───────────────────────────────────────────────────────────────

ENTITY_FIELDS = (
    "id",
    "kind",
    "name",
    "aliases",
    "description",
    "part_of",
    "roles",
    "place",
    "hosts",
    "theme",
    "date",
    "source",
    "paragraphs",
    "citations",
    "description_basis",
    "fact_ids",
    "fact_count",
)


def roles_json(e: Entity, kb: KnowledgeBase) -> list[Json]:
    """[{title, of, of_name, text}], "text" as people read it: "Director, Institute ..."."""
    by_id = kb.entities_by_id
    out = []
    for r in e.roles:
        of_name = by_id[r.of].name if r.of in by_id else None
        out.append({"title": r.title, "of": r.of, "of_name": of_name, "text": display.role(r, kb)})
    return out


def entity_json(e: Entity, kb: KnowledgeBase, fact_ids: Sequence[str]) -> Json:
    return {
        "id": e.id,
        "kind": e.kind.value,
        "name": e.name,
        "aliases": list(e.aliases),
        "description": e.description,
        "part_of": e.part_of,
        "roles": roles_json(e, kb),
        "place": e.place,
        "hosts": list(e.hosts),
        "theme": e.theme,
        "date": date_json(e.date),
        "source": e.cited.source if e.cited else None,
        "paragraphs": list(e.cited.paragraphs) if e.cited else [],
        "citations": [
            {
                "source": c.source,
                "paragraphs": list(c.paragraphs),
                "citation": display.citation(c, kb),
            }
            for c in e.citations
        ],
        "description_basis": e.description_basis.value if e.description else None,
        "fact_ids": list(fact_ids),
        "fact_count": len(fact_ids),
    }


def entity_listing(
    kb: KnowledgeBase, ents: Iterable[Entity], mentions: Mentions
) -> Listing[Entity]:
    columns: list[Column[Entity]] = [
        Column("id", "ID", lambda e: e.id, nowrap=True),
        Column("kind", "Kind", lambda e: e.kind.value, nowrap=True),
        Column("name", "Name", lambda e: e.name, wide=True),
        Column("roles", "Roles", lambda e: roles_json(e, kb), wide=True),
        # The count alone, which the index gives without reading every mention.
        Column("fact_count", "Facts", lambda e: mentions.counts.get(e.id, 0), nowrap=True),
    ]
    return Listing(
        ents,
        columns,
        lambda e: entity_json(e, kb, mentions.ids.get(e.id, [])),
        ENTITY_FIELDS,
        "Entities",
        noun="entities",
    )


# ─── sources ────────────────────────────────────────────────────────────────

SOURCE_FIELDS = (
    "id",
    "title",
    "subtitle",
    "publisher",
    "published",
    "contact",
    "url",
    "file",
    "paragraphs",
    "facts",
    "cited_paragraphs",
    "uncited_paragraphs",
    "coverage",
)


def source_json(c: Coverage) -> Json:
    s = c.source
    return {
        "id": s.id,
        "title": s.title,
        "subtitle": s.subtitle,
        "publisher": s.publisher,
        "published": s.published,
        "contact": s.contact,
        "url": s.url,
        "file": s.file,
        "paragraphs": s.paragraphs,
        "facts": c.facts,
        "cited_paragraphs": list(c.cited),
        "uncited_paragraphs": list(c.uncited),
        "coverage": coverage_share(c),
    }


def coverage_share(c: Coverage) -> float:
    """The share of a source's paragraphs that facts cite, from 0 to 1."""
    return round(len(c.cited) / c.source.paragraphs, 4)


def source_listing(items: Iterable[Coverage]) -> Listing[Coverage]:
    columns: list[Column[Coverage]] = [
        Column("id", "ID", lambda c: c.source.id, nowrap=True),
        Column("publisher", "Publisher", lambda c: c.source.publisher),
        Column("published", "Published", lambda c: c.source.published),
        Column("title", "Title", lambda c: c.source.title, wide=True),
        Column("facts", "Facts", lambda c: c.facts, nowrap=True),
        Column("coverage", "Coverage", coverage_share),
    ]
    return Listing(items, columns, source_json, SOURCE_FIELDS, "Sources", noun="sources")


# ─── timeline ───────────────────────────────────────────────────────────────


def timeline_listing(kb: KnowledgeBase, facts: Iterable[Fact]) -> Listing[Fact]:
    base = fact_listing(kb, facts, title="Timeline")
    date_col = next(c for c in base.columns if c.name == "date")
    rest = [c for c in base.columns if c.name not in ("date", "figures")]
    return Listing(
        base.records,
        [date_col, *rest],
        base.to_json,
        base.fields,
        base.title,
        base.to_element,
        "dated facts",
    )
