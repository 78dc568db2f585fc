"""One reader per kind of record: source, unit, entity, fact, alignment, synonym.

Each turns a raw TOML table into a typed record through a RecordReader,
which notes every problem; plainly valid facts and dates take a fast path
that accepts only what the general reader accepts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from sinokaz_cli import units as builtin_units
from sinokaz_cli.model import (
    Alignment,
    Category,
    Citation,
    DateQualifier,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Qualifier,
    Role,
    Source,
    Synonym,
    Unit,
)
from sinokaz_cli.record_reader import (
    _DATE_KEYS,
    _FACT_KEYS,
    _FIGURE_KEYS,
    DATE_FIELDS,
    ENTITY_FIELDS,
    FACT_FIELDS,
    FIGURE_FIELDS,
    ID_RE,
    ISO_DATE_RE,
    RecordReader,
    _real_date,
)


def _citation(r: RecordReader, required: bool) -> Citation | None:
    source = r.ref("source", "source", required)
    paragraphs = r._get("paragraphs", (list,), "an array of paragraph numbers", required)
    if source is None or paragraphs is None:
        return None
    numbers: list[int] = []
    for i, p in enumerate(paragraphs):
        if isinstance(p, bool) or not isinstance(p, int) or p < 1:
            r.problem(f"paragraphs[{i}]", "must be a paragraph number (1 or more)")
        else:
            numbers.append(p)
    if not paragraphs:
        r.problem("paragraphs", "must name at least one paragraph")
    if not numbers:
        return None
    citation = Citation(source, tuple(numbers))
    r.out.cite(citation, r, "paragraphs")
    return citation


def _date(r: RecordReader | None) -> DateRef | None:
    if r is None:
        return None
    text = r.text("text")
    start = r.iso_date("start")
    end = r.iso_date("end")
    qualifier = r.choice("qualifier", DateQualifier, required=False)
    inferred = r.flag("inferred")
    basis = r.text("basis", required=False)
    r.finish(DATE_FIELDS)
    if end is not None and start is None:
        r.problem("end", "needs a start")
    if start is not None and end is not None and end < start:
        r.problem("end", f"{end} is before the start {start}")
    if inferred and basis is None:
        r.problem("basis", "is required when inferred = true: say how the date was worked out")
    if (qualifier is not None or inferred) and start is None:
        r.problem("start", "is required when the date has a qualifier or is inferred")
    if text is None or not r.ok:
        return None
    return DateRef(text, start, end, qualifier, inferred, basis)


def _source(r: RecordReader) -> Source | None:
    sid = r.ident("id")
    title = r.text("title")
    publisher = r.text("publisher")
    published = r.iso_date("published", required=True)
    paragraphs = r.integer("paragraphs", minimum=1)
    subtitle = r.text("subtitle", required=False)
    contact = r.text("contact", required=False)
    url = r.text("url", required=False)
    file = r.text("file", required=False)
    r.finish(
        [
            "id",
            "title",
            "subtitle",
            "publisher",
            "published",
            "paragraphs",
            "contact",
            "url",
            "file",
        ]
    )
    if None in (sid, title, publisher, published, paragraphs) or not r.ok:
        return None
    return Source(sid, title, publisher, published, paragraphs, subtitle, contact, url, file)  # type: ignore[arg-type]


def _unit(r: RecordReader) -> Unit | None:
    uid = r.ident("id")
    singular = r.text("singular")
    plural = r.text("plural")
    r.finish(["id", "singular", "plural"])
    if uid is not None and uid in builtin_units.BUILTIN:
        r.problem("id", f"{uid!r} is a built-in unit and cannot be redeclared")
    if uid is None or singular is None or plural is None or not r.ok:
        return None
    return Unit(uid, singular, plural)


def _entity(r: RecordReader) -> Entity | None:
    eid = r.ident("id")
    kind = r.choice("kind", EntityKind)
    name = r.text("name")
    aliases = r.texts("aliases")
    description = r.text("description", required=False)
    part_of = r.ref("part_of", "entity", required=False)
    roles: list[Role] = []
    for rr in r.tables("roles"):
        title = rr.text("title")
        of = rr.ref("of", "entity", required=False)
        rr.finish(["title", "of"])
        if title is not None:
            roles.append(Role(title, of))
    place = r.ref("place", "entity", required=False)
    hosts = r.refs("hosts", "entity")
    theme = r.text("theme", required=False)
    date = _date(r.table("date"))
    cited = _citation(r, required=False) if ("source" in r.raw or "paragraphs" in r.raw) else None
    r.finish(ENTITY_FIELDS)
    if eid is not None and part_of == eid:
        r.problem("part_of", "an entity cannot be part of itself")
    if eid is None or kind is None or name is None or not r.ok:
        return None
    return Entity(
        eid,
        kind,
        name,
        aliases,
        description,
        part_of,
        tuple(roles),
        place,
        hosts,
        theme,
        date,
        cited,
    )


def _figure(r: RecordReader) -> Figure | None:
    value = r.number("value")
    unit = r.text("unit")
    qualifier = r.choice("qualifier", Qualifier, required=False) or Qualifier.EXACT
    about = r.text("about", required=False)
    r.finish(FIGURE_FIELDS)
    if unit is not None:
        r.out.use_unit(unit, r, "unit")
    if value is None or unit is None or not r.ok:
        return None
    return Figure(value, unit, qualifier, about)


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


def _fast_fact(r: RecordReader) -> Fact | None:
    """A fact that is plainly valid, read without the field-by-field machinery.

    Most records in a large knowledge base are valid, and reading them with
    the general reader costs more than parsing the TOML. This accepts only
    records the general reader would accept unchanged, records the same
    references, and returns None for anything else, which then goes through
    `_fact` to find and name every problem.
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


def _fact(r: RecordReader) -> Fact | None:
    fast = _fast_fact(r)
    if fast is not None or not r.ok:
        return fast
    fid = r.ident("id")
    category = r.choice("category", Category)
    statement = r.text("statement")
    tags = r.texts("tags")
    for i, tag in enumerate(tags):
        if not ID_RE.fullmatch(tag):
            r.problem(f"tags[{i}]", f"{tag!r} is not a valid tag (lower-case, digits, '-')")
    entities = r.refs("entities", "entity")
    figures = [f for f in (_figure(fr) for fr in r.tables("figures")) if f is not None]
    date = _date(r.table("date"))
    speaker = r.ref("speaker", "entity", required=False)
    attribution = r.text("attribution", required=False)
    quote = r.text("quote", required=False)
    note = r.text("note", required=False)
    cited = _citation(r, required=True)
    r.finish(FACT_FIELDS)
    if quote is not None and speaker is None:
        r.problem("quote", "a quotation needs a speaker")
    if fid is None or category is None or statement is None or cited is None or not r.ok:
        return None
    return Fact(
        fid,
        category,
        statement,
        cited,
        tags,
        entities,
        tuple(figures),
        date,
        speaker,
        attribution,
        quote,
        note,
    )


def _alignment(r: RecordReader) -> Alignment | None:
    aid = r.ident("id")
    china = r.ref("china", "entity")
    kazakhstan = r.ref("kazakhstan", "entity")
    theme = r.text("theme")
    facts = r.refs("facts", "fact", required=True)
    r.finish(["id", "china", "kazakhstan", "theme", "facts"])
    if "facts" in r.raw and not facts and isinstance(r.raw["facts"], list):
        r.problem("facts", "must name at least one supporting fact")
    if None in (aid, china, kazakhstan, theme) or not r.ok:
        return None
    return Alignment(aid, china, kazakhstan, theme, facts)  # type: ignore[arg-type]


def _synonym(r: RecordReader) -> Synonym | None:
    terms = r.texts("terms", required=True)
    r.finish(["terms"])
    if "terms" in r.raw and len(terms) < 2 and r.ok:
        r.problem("terms", "must list at least two words that mean the same")
    return Synonym(terms) if r.ok else None


READERS: dict[str, Callable[[RecordReader], object]] = {
    "source": _source,
    "unit": _unit,
    "entity": _entity,
    "fact": _fact,
    "alignment": _alignment,
    "synonym": _synonym,
}
