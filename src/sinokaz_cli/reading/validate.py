"""Turn parsed TOML documents into typed records, collecting every problem.

Nothing stops at the first error: each record is read field by field
(fields.py, kinds.py), every problem is noted with its file,
record and field, and cross-file rules (duplicate ids, dangling references)
run once all files are read. Lines are looked up only when there is
something to report.
"""

from __future__ import annotations

from typing import Any

from sinokaz_cli.knowledge import units as builtin_units
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import EntityKind
from sinokaz_cli.reading.fields import (
    DATE_FIELDS,
    FACT_FIELDS,
    FIGURE_FIELDS,
    TABLES,
    Collected,
    Issue,
    RecordReader,
    past_end,
)
from sinokaz_cli.reading.kinds import READERS
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


# What a reader holds once its record is read (never written to).
_READ: dict[str, Any] = {}


def read_document(doc: dict[str, Any], file: str, out: Collected) -> None:
    """Read one parsed file's records into `out`, emptying `doc` as it goes: each
    record's table is dropped once read, so that a large file's tables and the
    records made from them are never all held at once."""
    records = 0
    if doc and not any(key in READERS or did_you_mean(key, TABLES) for key in doc):
        # Not one table is a knowledge file's, nor near one: pyproject.toml as --data.
        found = ", ".join(list(doc)[:4]) + (", ..." if len(doc) > 4 else "")
        message = "not a knowledge file: no [[fact]], [[entity]] or other of its tables, only"
        out.issues.append(Issue(file, f"{message} {found}"))
        return
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
        read = READERS[key]
        bucket: list[Any] = getattr(out, key + "s" if key != "entity" else "entities")
        keep_reader = key != "synonym"
        records += len(value)
        for index, raw in enumerate(value):
            reader = RecordReader(out, file, key, index, raw)
            record = read(reader)
            rid = reader.rid
            if isinstance(rid, str) and rid:
                out.declare(key, rid, reader)
            # The reader lives on (references and duplicates point back to it), but
            # its raw table is read: let the parsed document go.
            reader.raw = value[index] = _READ
            if record is None:
                continue
            if key == "source":
                out.paragraphs.setdefault(record.id, record.paragraphs)  # type: ignore[attr-defined]
            elif key == "unit":
                out.unit_ids.add(record.id)  # type: ignore[attr-defined]
            bucket.append((record, reader) if keep_reader else record)
    if records == 0:
        out.issues.append(Issue(file, "holds no records (expected [[fact]], [[entity]], ...)"))


# ─── rules across all files ─────────────────────────────────────────────────


def cross_check(out: Collected) -> KnowledgeBase:
    """Apply the rules that need every file, then build the knowledge base."""
    # Duplicate ids were noted as they were read (Collected.declare).
    ids = {kind: set(out.first.get(kind, {})) for kind in TABLES}

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

    for citation, reader, key in out.citations:  # those made before their source
        paragraphs = out.paragraphs.get(citation.source)
        if paragraphs is not None:
            past_end(citation, paragraphs, reader, key)

    entities = {e.id: e for e, _ in out.entities}

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
