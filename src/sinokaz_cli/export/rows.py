"""Records as rows of the export's tables (schema.py), column for column.

The text a person reads (a figure's `text`, a date's `display`, who said it,
a citation) comes from the same functions as the JSON (render/records.py),
so the export and `--json` cannot say different things.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from sinokaz_cli import __version__
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import BUILTIN_TOPICS, Citation, DateRef, Entity, Fact
from sinokaz_cli.render import display
from sinokaz_cli.render.records import date_json, figure_json, said_by_json

Row = tuple[Any, ...]
Rows = dict[str, list[Row]]  # table -> rows to add to it
Put = Callable[[Rows], None]

BATCH = 2000  # facts turned into rows at a time: a large knowledge base is never held whole


def write_all(kb: KnowledgeBase, put: Put) -> None:
    """Every row of every table, handed to `put` a batch at a time, facts last."""
    from sinokaz_cli.export.schema import SCHEMA_VERSION

    put(
        {
            "export_info": [
                ("schema_version", str(SCHEMA_VERSION)),
                ("sinokaz_version", __version__),
                ("files", "\n".join(kb.files)),
            ],
            "categories": [
                (t.id, t.title, i, int(t.id in _BUILTIN)) for i, t in enumerate(kb.topics, start=1)
            ],
            "sources": [
                (s.id, i, s.title, s.subtitle, s.publisher, s.published, s.paragraphs)
                + (s.contact, s.url, s.file, display.source_short(s))
                for i, s in enumerate(kb.sources, start=1)
            ],
            "units": [(u.id, u.singular, u.plural) for u in kb.units],
        }
    )
    for i, e in enumerate(kb.entities, start=1):
        put(entity_rows(e, i, kb))
    put(
        {
            "alignments": [
                (a.id, i, a.china, a.kazakhstan, a.theme)
                for i, a in enumerate(kb.alignments, start=1)
            ],
            "alignment_facts": [
                (a.id, j, fid) for a in kb.alignments for j, fid in enumerate(a.facts, start=1)
            ],
        }
    )
    facts: Iterator[Fact] = iter(kb.select())  # streams from the index
    position = 0
    while batch := list(islice(facts, BATCH)):
        out: Rows = {}
        for f in batch:
            position += 1
            for table, rows in fact_rows(f, position, kb).items():
                out.setdefault(table, []).extend(rows)
        put(out)


_BUILTIN = {t.id for t in BUILTIN_TOPICS}


def entity_rows(e: Entity, position: int, kb: KnowledgeBase) -> Rows:
    return {
        "entities": [
            (
                e.id,
                position,
                e.kind.value,
                e.name,
                e.description,
                e.description_basis.value if e.description else None,
                e.part_of,
                e.place,
                e.theme,
            )
        ],
        "aliases": _listed(e.id, e.aliases),
        "roles": [(e.id, i, r.title, r.of) for i, r in enumerate(e.roles, start=1)],
        "event_hosts": _listed(e.id, e.hosts),
        "entity_citations": [(e.id, i, *_cited(c, kb)) for i, c in enumerate(e.citations, start=1)],
        "dates": [date_row(e.date, None, e.id)] if e.date is not None else [],
    }


def fact_rows(f: Fact, position: int, kb: KnowledgeBase) -> Rows:
    """A fact's rows. Facts are written in order into an empty table, so each one's
    rowid is its `position`, which the full-text table relies on."""
    said = said_by_json(f, kb)
    return {
        "facts": [(f.id, position, f.category, f.statement, f.quote, f.note, *_cited(f.cited, kb))],
        "attributions": [
            (f.id, f.how.value, f.speaker, f.attribution, f.to)
            + (said["name"], said["to_name"], said["text"])
        ],
        "figures": [
            (None, f.id, i, j["value"], j["unit"], j["qualifier"], j["about"], j["per"])
            + (int(j["change"]), j["text"])
            for i, j in enumerate((figure_json(fig, kb) for fig in f.figures), start=1)
        ],
        "dates": [date_row(f.date, f.id, None)] if f.date is not None else [],
        "fact_entities": _listed(f.id, f.entities),
        "fact_tags": _listed(f.id, f.tags),
    }


def date_row(d: DateRef, fact_id: str | None, entity_id: str | None) -> Row:
    j = date_json(d)
    assert j is not None
    return (
        None,  # the row's id, numbered as it is written
        fact_id,
        entity_id,
        j["text"],
        j["start"],
        j["end"],
        j["precision"],
        j["qualifier"],
        int(j["inferred"]),
        j["basis"],
        j["period"],
        j["display"],
    )


def _listed(owner: str, values: Iterable[str]) -> list[Row]:
    return [(owner, i, v) for i, v in enumerate(values, start=1)]


def _cited(c: Citation, kb: KnowledgeBase) -> Row:
    """source_id, paragraphs (a JSON array) and the citation as people read it."""
    return (c.source, "[" + ", ".join(map(str, c.paragraphs)) + "]", display.citation(c, kb))
