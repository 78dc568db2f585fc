"""Turn parsed TOML documents into typed records, collecting every problem.

Nothing stops at the first error: each record is read field by field
(record_reader.py, record_kinds.py), every problem is noted with its file,
record and field, and cross-file rules (duplicate ids, dangling references)
run once all files are read. Lines are looked up only when there is
something to report.
"""

from __future__ import annotations

from typing import Any

from sinokaz_cli import units as builtin_units
from sinokaz_cli.model import (
    EntityKind,
    KnowledgeBase,
)
from sinokaz_cli.record_kinds import READERS
from sinokaz_cli.record_reader import (
    DATE_FIELDS,
    FACT_FIELDS,
    FIGURE_FIELDS,
    TABLES,
    Collected,
    Issue,
    RecordReader,
)
from sinokaz_cli.suggest import did_you_mean

__all__ = [
    "DATE_FIELDS",
    "FACT_FIELDS",
    "FIGURE_FIELDS",
    "Collected",
    "Issue",
    "cross_check",
    "read_document",
]


def read_document(doc: dict[str, Any], file: str, out: Collected) -> None:
    """Read one parsed file's records into `out`."""
    records = 0
    for key, value in doc.items():
        if key not in READERS:
            out.issues.append(
                Issue(
                    file,
                    f"unknown table '{key}'",
                    kind=None,
                    key=key,
                    hint=did_you_mean(key, TABLES) or f"expected one of: {', '.join(TABLES)}",
                )
            )
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            out.issues.append(
                Issue(file, f"'{key}' must be written as [[{key}]] records", kind=None, key=key)
            )
            continue
        for index, raw in enumerate(value):
            records += 1
            reader = RecordReader(out, file, key, index, raw)
            record = READERS[key](reader)
            rid = raw.get("id")
            if isinstance(rid, str) and rid:
                out.declared.setdefault(key, []).append((rid, reader))
            # The reader lives on (references and duplicates point back to it), but
            # its raw table is read: let the parsed document go.
            reader.raw = {}
            if record is None:
                continue
            bucket: list[Any] = getattr(out, key + "s" if key != "entity" else "entities")
            bucket.append(record if key == "synonym" else (record, reader))
    if records == 0:
        out.issues.append(Issue(file, "holds no records (expected [[fact]], [[entity]], ...)"))


# ─── rules across all files ─────────────────────────────────────────────────


def cross_check(out: Collected) -> KnowledgeBase:
    """Apply the rules that need every file, then build the knowledge base."""
    ids: dict[str, set[str]] = {}
    for kind in TABLES:
        seen: dict[str, RecordReader] = {}
        for rid, reader in out.declared.get(kind, []):
            first = seen.setdefault(rid, reader)
            if first is not reader:
                reader.problem("id", f"duplicate {kind} id {rid!r}")
                out.issues[-1].first = (first.file, first.kind, first.index)
        ids[kind] = set(seen)

    for ref in out.refs:
        known = ids[ref.target]
        if ref.value not in known:
            ref.owner.out.issues.append(
                Issue(
                    ref.owner.file,
                    f"refers to unknown {ref.target} {ref.value!r}",
                    kind=ref.owner.kind,
                    index=ref.owner.index,
                    record=ref.owner.label,
                    field=ref.field,
                    key=ref.key,
                    hint=did_you_mean(ref.value, known),
                )
            )

    declared = {u.id for u, _ in out.units}
    for unit, reader, key in out.figure_units:
        if unit not in declared and unit not in builtin_units.BUILTIN:
            hint = did_you_mean(unit, sorted(declared | {builtin_units.PERCENT}))
            reader.problem(
                key,
                f"unknown unit {unit!r}: use an ISO 4217 currency code, 'percent', "
                "'ordinal', or declare it as a [[unit]]",
                hint,
            )

    sources = {s.id: s for s, _ in out.sources}
    entities = {e.id: e for e, _ in out.entities}
    for citation, reader, key in out.citations:
        src = sources.get(citation.source)
        if src is None:
            continue
        for p in citation.paragraphs:
            if p > src.paragraphs:
                reader.problem(
                    key,
                    f"paragraph {p} is past the end of source {src.id!r} "
                    f"({src.paragraphs} paragraphs)",
                )

    for alignment, reader in out.alignments:
        for key in ("china", "kazakhstan"):
            ent = entities.get(getattr(alignment, key))
            if ent is not None and ent.kind is not EntityKind.PROGRAMME:
                reader.problem(key, f"{ent.id!r} is a {ent.kind.value}, not a programme")

    return KnowledgeBase(
        sources=tuple(s for s, _ in out.sources),
        units=tuple(u for u, _ in out.units),
        entities=tuple(e for e, _ in out.entities),
        facts=tuple(f for f, _ in out.facts),
        alignments=tuple(a for a, _ in out.alignments),
        synonyms=tuple(out.synonyms),
    )
