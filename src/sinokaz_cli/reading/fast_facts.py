"""The fast path for facts: plainly valid facts (and their dates) read
without the field-by-field machinery of the general reader.

A large knowledge base is almost all valid facts, and reading each field of
each one through RecordReader cost more than parsing the TOML. `fast_fact`
accepts only what the general reader (record_kinds) would accept unchanged,
and returns None for anything else, which the general reader then reads to
find and name every problem. Property tests hold the two to the same result.
"""

from __future__ import annotations

import math
import re
from typing import Any

from sinokaz_cli.knowledge import units as builtin_units
from sinokaz_cli.knowledge.records import (
    Category,
    Citation,
    DateQualifier,
    DateRef,
    Fact,
    Figure,
    Qualifier,
)
from sinokaz_cli.reading.fields import (
    _DATE_KEYS,
    _FACT_KEYS,
    _FIGURE_KEYS,
    ID_RE,
    ISO_DATE_RE,
    RecordReader,
    _real_date,
)

_CATEGORIES = {c.value: c for c in Category}
_QUALIFIERS = {q.value: q for q in Qualifier}


def _word(value: object) -> bool:
    return type(value) is str and bool(value.strip())


# Whole lists checked in one call each, so that the cost does not grow a Python
# step per item: ids joined by newlines (which no id may hold), one pattern.
_ID_LINES = re.compile(r"(?:[a-z0-9][a-z0-9._-]*\n)*")
_INT = frozenset({int})


def _ids(values: list[Any]) -> bool:
    try:
        return _ID_LINES.fullmatch("\n".join(values) + "\n" if values else "") is not None
    except TypeError:  # not all strings
        return False


_STR = frozenset({str})


def _words(values: list[Any]) -> bool:
    """Every item a string with something besides spaces in it."""
    return _STR.issuperset(map(type, values)) and all(map(str.strip, values))


def fast_fact(r: RecordReader) -> Fact | None:
    """A fact that is plainly valid, read without the field-by-field machinery.

    Most records in a large knowledge base are valid, and reading them with
    the general reader costs more than parsing the TOML. This accepts only
    records the general reader would accept unchanged, records the same
    references, and returns None for anything else, which then goes through
    the general reader (record_kinds._fact) to find and name every problem.
    """
    raw: dict[str, Any] = r.raw
    if not _FACT_KEYS.issuperset(raw):
        return None
    fid: Any = raw.get("id")
    statement: Any = raw.get("statement")
    source: Any = raw.get("source")
    category = _CATEGORIES.get(raw.get("category"))  # type: ignore[arg-type]
    paragraphs: Any = raw.get("paragraphs")
    if (
        type(fid) is not str
        or not ID_RE.fullmatch(fid)
        or category is None
        or not _word(statement)
        or not _word(source)
        or type(paragraphs) is not list
        or not paragraphs
        or set(map(type, paragraphs)) != _INT
        or min(paragraphs) < 1
    ):
        return None
    tags: Any = raw.get("tags", [])
    entities: Any = raw.get("entities", [])
    if type(tags) is not list or not _ids(tags):
        return None
    if type(entities) is not list or not _words(entities):
        return None
    speaker: Any = raw.get("speaker")
    attribution: Any = raw.get("attribution")
    quote: Any = raw.get("quote")
    note: Any = raw.get("note")
    for v in (speaker, attribution, quote, note):
        if v is not None and not _word(v):
            return None
    if quote is not None and speaker is None:
        return None
    figures = []
    for fig in raw.get("figures", ()) if type(raw.get("figures", [])) is list else [None]:
        if type(fig) is not dict or not _FIGURE_KEYS.issuperset(fig):
            return None
        value: Any = fig.get("value")
        unit: Any = fig.get("unit")
        about: Any = fig.get("about")
        qualifier = _QUALIFIERS.get(fig.get("qualifier", "exact"))
        if (
            type(value) not in (int, float)
            or not math.isfinite(value)
            or not _word(unit)
            or qualifier is None
            or not (about is None or _word(about))
        ):
            return None
        figures.append(Figure(value, unit, qualifier, about))
    date = None
    if "date" in raw:
        date = _fast_date(raw["date"])
        if date is None:
            return None
    out = r.out
    known = out.first.get("entity", {})
    for i, e in enumerate(entities):
        if e not in known:
            out.refer(r, _entity_field(i), "entities", "entity", e)
    if speaker is not None and speaker not in known:
        out.refer(r, "speaker", "speaker", "entity", speaker)
    out.refer(r, "source", "source", "source", source)
    cited = Citation(source, tuple(paragraphs))
    out.cite(cited, r, "paragraphs")
    for i, fig in enumerate(figures):
        if fig.unit not in out.unit_ids and fig.unit not in builtin_units.BUILTIN:
            sub = RecordReader(out, r.file, r.kind, r.index, {}, _figure_prefix(i), r)
            out.use_unit(fig.unit, sub, "unit")
    return Fact(
        fid,
        category,
        statement,
        cited,
        tuple(tags),
        tuple(entities),
        tuple(figures),
        date,
        speaker,
        attribution,
        quote,
        note,
    )


# One string per position, not one per reference: a large knowledge base
# holds hundreds of thousands of references until every file is read.
_ENTITY_FIELDS = [f"entities[{i}]" for i in range(16)]


def _entity_field(i: int) -> str:
    return _ENTITY_FIELDS[i] if i < len(_ENTITY_FIELDS) else f"entities[{i}]"


_FIGURE_PREFIXES = [f"figures[{i}]." for i in range(16)]


def _figure_prefix(i: int) -> str:
    return _FIGURE_PREFIXES[i] if i < len(_FIGURE_PREFIXES) else f"figures[{i}]."


_DATE_QUALIFIERS = {q.value: q for q in DateQualifier}


# ISO dates already found real: a knowledge base repeats its dates, and a
# calendar check costs more than the rest of reading a date.
_REAL_DATES: set[str] = set()


def _fast_date(d: Any) -> DateRef | None:
    """A plainly valid date table, or None to let the general reader explain."""
    if type(d) is not dict or not _DATE_KEYS.issuperset(d) or not _word(d.get("text")):
        return None
    start: Any = d.get("start")
    end: Any = d.get("end")
    for iso in (start, end):
        if iso is None or (type(iso) is str and iso in _REAL_DATES):
            continue
        if type(iso) is not str or not ISO_DATE_RE.fullmatch(iso) or not _real_date(iso):
            return None
        _REAL_DATES.add(iso)
    inferred: Any = d.get("inferred", False)
    basis: Any = d.get("basis")
    q: Any = d.get("qualifier")
    qualifier = _DATE_QUALIFIERS.get(q) if q is not None else None
    if (
        (q is not None and qualifier is None)
        or type(inferred) is not bool
        or not (basis is None or _word(basis))
        or (inferred and basis is None)
        or (end is not None and (start is None or end < start))
        or ((qualifier is not None or inferred) and start is None)
    ):
        return None
    return DateRef(d["text"], start, end, qualifier, inferred, basis)
