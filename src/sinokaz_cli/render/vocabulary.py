"""check --list: the ids a knowledge file can refer to, so that a writer need
not read the bundled file to learn them."""

from __future__ import annotations

from typing import Any

from sinokaz_cli.knowledge import units
from sinokaz_cli.knowledge.base import KnowledgeBase


def vocabulary(kb: KnowledgeBase) -> dict[str, Any]:
    """The JSON value: categories (with their fact counts), units, entities, sources."""
    counts: dict[str, int] = {}
    for f in kb.facts:
        counts[f.category] = counts.get(f.category, 0) + 1
    return {
        "categories": [
            {"id": t.id, "title": t.title, "facts": counts.get(t.id, 0)} for t in kb.topics
        ],
        "units": [{"id": u.id, "singular": u.singular, "plural": u.plural} for u in kb.units],
        "builtin_units": {
            "percent": units.PERCENT,
            "ordinal": units.ORDINAL,
            "currencies": "ISO 4217 codes, as USD, CNY, KZT",
        },
        "entities": [
            {"id": e.id, "kind": e.kind.value, "name": e.name, "part_of": e.part_of}
            for e in kb.entities
        ],
        "sources": [
            {"id": s.id, "publisher": s.publisher, "published": s.published, "title": s.title}
            for s in kb.sources
        ],
    }


def lines(kb: KnowledgeBase) -> list[str]:
    """The same as plain lines: a heading per kind, then one aligned row per record."""
    found = vocabulary(kb)
    out: list[str] = []

    def section(title: str, rows: list[tuple[str, ...]]) -> None:
        out.append(title)
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)] if rows else []
        for r in rows:
            cells = [c.ljust(w) for c, w in zip(r, widths, strict=False)] + [r[-1]]
            out.append("  " + "  ".join(cells).rstrip())
        out.append("")

    section(
        "Categories (id, title, facts)",
        [(c["id"], c["title"], str(c["facts"])) for c in found["categories"]],
    )
    section(
        "Units (id, one, many); built in: percent, ordinal and ISO 4217 currency codes",
        [(u["id"], u["singular"], u["plural"]) for u in found["units"]],
    )
    section(
        "Entities (id, kind, name)",
        [(e["id"], e["kind"], e["name"]) for e in found["entities"]],
    )
    section(
        "Sources (id, publisher, published)",
        [(s["id"], s["publisher"], s["published"]) for s in found["sources"]],
    )
    return out[:-1]
