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
from sinokaz_cli.knowledge.records import BUILTIN_TOPICS, Entity, EntityKind
from sinokaz_cli.reading.collected import MERGED, Collected, Issue, Ref
from sinokaz_cli.reading.fields import TABLES, RecordReader, as_bytes
from sinokaz_cli.reading.kinds import READERS
from sinokaz_cli.suggest import did_you_mean

# What a reader holds once its record is read (never written to).
_READ: dict[str, Any] = {}


def read_document(doc: dict[str, Any], file: str, out: Collected) -> None:
    """Read one parsed file's records into `out`, emptying `doc` as it goes: each
    record's table is dropped once read, so that a large file's tables and the
    records made from them are never all held at once."""
    records, issues_before = 0, len(out.issues)
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
        if type(value) is not list or not _TABLE.issuperset(map(type, value)):
            out.issues.append(
                Issue(file, f"'{key}' must be written as [[{key}]] records", kind=None, key=key)
            )
            continue
        read = READERS[key]
        merges = key in MERGED
        same = out.same.setdefault(key, {}) if merges else _NO_SAME
        records += len(value)
        for index, raw in enumerate(value):
            if same:
                written = _written(raw, same)
                if written is not None and same.get(raw["id"]) == written:
                    value[index] = _READ  # the same record again: nothing to add
                    continue
            else:
                written = None
            if merges:
                before = _pending(out)
            reader = RecordReader(out, file, key, index, raw)
            record = read(reader)
            rid = reader.rid
            new = out.declare(key, rid, reader, record) if isinstance(rid, str) and rid else True
            # The reader lives on (references and duplicates point back to it), but
            # its raw table is read: let the parsed document go.
            reader.raw = value[index] = _READ
            if merges and not new and record is not None and _pending(out) == before:
                # Declared again, agreeing, and with nothing left to check later:
                # the same table once more will be the same record once more.
                written = written or _written(raw, same, force=True)
                if written is not None:
                    same[rid] = written
            if record is None or not new:
                continue
            if key == "source":
                out.paragraphs.setdefault(record.id, record.paragraphs)  # type: ignore[attr-defined]
            elif key == "unit":
                out.unit_ids.add(record.id)  # type: ignore[attr-defined]
            if merges:
                out.keep(key, rid, record, reader)
            elif key == "fact":
                out.facts.append((record, reader))  # type: ignore[arg-type]
            else:
                out.synonyms.append(record)  # type: ignore[arg-type]
    if records == 0 and len(out.issues) == issues_before:  # else those say why
        out.issues.append(Issue(file, "holds no records (expected [[fact]], [[entity]], ...)"))


_NO_SAME: dict[str, bytes] = {}
_TABLE = frozenset({dict})  # TOML's types are never subclassed


def _written(raw: dict[str, Any], same: dict[str, bytes], force: bool = False) -> bytes | None:
    """The record's table as bytes (as_bytes), to compare it with one read before;
    None when its id was not declared again before (unless `force`)."""
    rid = raw.get("id")
    if type(rid) is not str or not (force or rid in same):
        return None
    return as_bytes(raw)


def _pending(out: Collected) -> tuple[int, int, int, int]:
    """How much reading has noted so far: problems, and checks left for later."""
    return len(out.issues), len(out.refs), len(out.citations), len(out.figure_units)


# ─── rules across all files ─────────────────────────────────────────────────


def cross_check(out: Collected) -> KnowledgeBase:
    """Apply the rules that need every file, then build the knowledge base."""
    # Duplicate ids were noted as they were read (Collected.declare).
    ids = {kind: set(out.first.get(kind, {})) for kind in TABLES}
    ids["category"] |= {t.id for t in BUILTIN_TOPICS}
    _dangling(out, ids)

    declared = {u.id for u, _ in out.units}
    for unit, reader, key in out.figure_units:
        if unit not in declared and unit not in builtin_units.BUILTIN:
            hint = (
                f"did you mean {unit.upper()!r}?"
                if builtin_units.is_currency(unit.upper())
                else did_you_mean(unit, sorted(declared | {builtin_units.PERCENT}))
            )
            reader.problem(
                key,
                f"unknown unit {unit!r}: use an ISO 4217 currency code, 'percent', "
                "'ordinal', or declare it as a [[unit]]",
                hint,
            )

    for citation, reader, key in out.citations:  # those made before their source
        paragraphs = out.paragraphs.get(citation.source)
        if paragraphs is not None:
            reader.past_end(citation, paragraphs, key)

    entities = {e.id: e for e, _ in out.entities}

    for alignment, reader in out.alignments:
        sides = {key: entities.get(getattr(alignment, key)) for key in ("china", "kazakhstan")}
        countries = {k: _parts(e, entities) if e is not None else None for k, e in sides.items()}
        # Each side in the other's place: say so once, not as two unrelated problems.
        if (countries["china"] or set()) >= {"kazakhstan"} and (
            countries["kazakhstan"] or set()
        ) >= {"china"}:
            reader.problem(
                "china",
                f"{alignment.china!r} is Kazakh and {alignment.kazakhstan!r} Chinese: "
                "the two sides look swapped",
            )
            continue
        for key, ent in sides.items():
            if ent is None:
                continue
            if ent.kind is not EntityKind.PROGRAMME:
                reader.problem(key, f"{ent.id!r} is a {ent.kind.value}, not a programme")
            elif (parts := countries[key]) is not None and key not in parts:
                country = "Chinese" if key == "china" else "Kazakh"
                reader.problem(
                    key,
                    f"{ent.id!r} is not a {country} programme: its part_of must lead to "
                    f"the entity {key!r}",
                )

    return KnowledgeBase(
        categories=tuple(c for c, _ in out.categories),
        sources=tuple(s for s, _ in out.sources),
        units=tuple(u for u, _ in out.units),
        entities=tuple(e for e, _ in out.entities),
        facts=tuple(f for f, _ in out.facts),
        alignments=tuple(a for a, _ in out.alignments),
        synonyms=tuple(out.synonyms),
    )


def _parts(entity: Entity, entities: dict[str, Entity]) -> set[str] | None:
    """The ids `entity` is part of, directly or through what that is part of;
    None when the chain reaches an id nothing declares (reported already)."""
    found: set[str] = set()
    at = entity.part_of
    while at is not None and at not in found:
        found.add(at)
        parent = entities.get(at)
        if parent is None:
            return None
        at = parent.part_of
    return found


def _dangling(out: Collected, ids: dict[str, set[str]]) -> None:
    """One problem for each id that references name but nothing declares: at the
    first place it is used, with how many other records use it and the first few
    (a missing country used by every fact of a file is one line, not hundreds)."""
    by_id: dict[tuple[str, str], list[Ref]] = {}
    for ref in out.refs:
        if ref.value not in ids[ref.target]:
            by_id.setdefault((ref.target, ref.value), []).append(ref)
    for (target, value), refs in by_id.items():
        first = refs[0]
        known = ids[target]
        message = f"refers to unknown {target} {value!r}"
        hint = did_you_mean(value, known)
        if target == "category":
            builtin = [t.id for t in BUILTIN_TOPICS]
            choices = ", ".join(builtin + sorted(known.difference(builtin)))
            message = (
                f"unknown category {value!r}; expected one of: {choices}, "
                "or declare it as a [[category]]"
            )
        others = list(
            dict.fromkeys(
                r.owner.label + ("" if r.owner.file == first.owner.file else f" in {r.owner.file}")
                for r in refs[1:]
                if r.owner.label != first.owner.label
            )
        )
        if others:
            shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
            uses = "record uses" if len(others) == 1 else "records use"
            message += f"; {len(others)} other {uses} it too: {shown}"
        out.issues.append(
            Issue(
                first.owner.file,
                message,
                kind=first.owner.kind,
                index=first.owner.index,
                record=first.owner.label,
                field=first.field,
                key=first.key,
                hint=hint,
            )
        )
