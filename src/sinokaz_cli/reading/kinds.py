"""One reader per kind of record: source, unit, entity, fact, alignment, synonym.

Each turns a raw TOML table into a typed record through a RecordReader
(fields.py), which notes every problem with its field and returns valid
values at once: this is the one way records are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sinokaz_cli.knowledge import units as builtin_units
from sinokaz_cli.knowledge.records import (
    BUILTIN_TOPICS,
    Alignment,
    Basis,
    Citation,
    DateQualifier,
    DateRef,
    Entity,
    EntityKind,
    Fact,
    Figure,
    Per,
    Period,
    Qualifier,
    Role,
    Source,
    Synonym,
    Topic,
    Unit,
    Voice,
)
from sinokaz_cli.reading.fields import (
    DATE_FIELDS,
    DATE_KEYS,
    ENTITY_FIELDS,
    ENTITY_KEYS,
    FACT_FIELDS,
    FACT_KEYS,
    FIGURE_FIELDS,
    FIGURE_KEYS,
    ID_RE,
    RecordReader,
)


def _citation(r: RecordReader, required: bool) -> Citation | None:
    source = r.ref("source", "source", required)
    paragraphs = r.raw.get("paragraphs")
    if not (
        type(paragraphs) is list
        and paragraphs
        and _INT.issuperset(map(type, paragraphs))
        and min(paragraphs) >= 1
    ):
        paragraphs = _paragraphs(r, required)
    if source is None or not paragraphs:
        return None
    citation = Citation(source, tuple(paragraphs))
    r.out.cite(citation, r, "paragraphs")
    return citation


_INT = frozenset({int})


def _paragraphs(r: RecordReader, required: bool) -> list[int]:
    """The valid paragraph numbers of a list that has a problem, each problem noted."""
    paragraphs = r._get("paragraphs", (list,), "an array of paragraph numbers", required)
    if paragraphs is None:
        return []
    numbers: list[int] = []
    for i, p in enumerate(paragraphs):
        if isinstance(p, bool) or not isinstance(p, int) or p < 1:
            r.problem(f"paragraphs[{i}]", "must be a paragraph number (1 or more)")
        else:
            numbers.append(p)
    if not paragraphs:
        r.problem("paragraphs", "must name at least one paragraph")
    return numbers


# Date tables found valid (RecordReader.known_table): a knowledge base repeats
# its dates ("in 2024", "this year" and how it was worked out).
_DATES: dict[bytes, DateRef] = {}


def _date(r: RecordReader | None) -> DateRef | None:
    if r is None:
        return None
    text = r.text("text")
    start, end, period = _span(r)
    qualifier = r.choice("qualifier", DateQualifier, required=False)
    inferred = r.flag("inferred")
    basis = r.text("basis", required=False)
    r.finish(DATE_FIELDS, DATE_KEYS)
    if end is not None and start is None:
        r.problem("end", "needs a start")
    if start is not None and end is not None and end < start:
        r.problem("end", f"{end} is before the start {start}")
    if inferred and basis is None:
        r.problem("basis", "is required when inferred = true: say how the date was worked out")
    one_point = (DateQualifier.SINCE, DateQualifier.BEFORE, DateQualifier.AFTER, DateQualifier.BY)
    if qualifier is not None and qualifier in one_point and period is None and "end" in r.raw:
        r.problem("end", f"a date {qualifier.value!r} a point has no end: give the start alone")
    if (qualifier is not None or inferred) and start is None:
        r.problem("start", "is required when the date has a qualifier or is inferred")
    if text is None or not r.ok:
        return None
    return DateRef(text, start, end, qualifier, inferred, basis, period)


# A named part of a year, written where an ISO date goes: "2024-H1", "2024-Q3",
# "2024-summer". Seasons are the northern hemisphere's, by whole months.
_PERIOD_RE = re.compile(r"([0-9]{4})-(H[12]|Q[1-4]|spring|summer|autumn|fall|winter)")
# What looks meant as one ("2024-H3", "2024-Spring"), to say what the forms are.
_LIKE_PERIOD = re.compile(r"[0-9]{4}-[A-Za-z][A-Za-z0-9]*")
_PERIOD_MONTHS = {
    "H1": (1, 6),
    "H2": (7, 12),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),  # December to February of the next year
}


def _part_of_year(value: object) -> tuple[Period, str, str] | None:
    """("2024-H1" ->) the period and the first and last months it spans."""
    m = _PERIOD_RE.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        return None
    year, name = int(m.group(1)), m.group(2)
    first, last = _PERIOD_MONTHS[name]
    period = Period.HALF if name[0] == "H" else Period.QUARTER if name[0] == "Q" else Period.SEASON
    end_year, last = (year + 1, last - 12) if last > 12 else (year, last)
    return period, f"{year:04d}-{first:02d}", f"{end_year:04d}-{last:02d}"


def _span(r: RecordReader) -> tuple[str | None, str | None, Period | None]:
    """A date's start and end as ISO strings, and the period they name, if any."""
    named_start = _part_of_year(r.raw.get("start"))
    named_end = _part_of_year(r.raw.get("end"))
    for key in ("start", "end"):
        value = r.raw.get(key)
        if isinstance(value, str) and _LIKE_PERIOD.fullmatch(value) and not _part_of_year(value):
            r.problem(
                key,
                f"{value!r} is not a part of a year: write 2024-H1 or -H2, 2024-Q1 to -Q4, "
                "or 2024-spring, -summer, -autumn, -winter",
            )
            return None, None, None
    if named_start is None:
        if named_end is not None:
            r.problem("end", "must be written as the start is (a date, not a part of a year)")
            return r.iso_date("start"), None, None
        return r.iso_date("start"), r.iso_date("end"), None
    period, start, end = named_start
    if "end" in r.raw:
        if named_end is None or named_end[0] is not period:
            example = {Period.HALF: "2024-H2", Period.QUARTER: "2024-Q3"}.get(period, "2024-autumn")
            r.problem("end", f"must name a {period.value} as the start does, e.g. {example}")
            return start, end, period
        end = named_end[2]
    return start, end, period


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
        if sid is not None and paragraphs is not None and sid not in r.out.first.get("source", {}):
            # Invalid for another reason: its citations are still checked against
            # the count, so that one bad field does not hide their problems.
            r.out.paragraphs.setdefault(sid, paragraphs)
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
    raw = r.raw
    eid = r.ident("id")
    kind = r.choice("kind", EntityKind)
    name = r.text("name")
    # Each entity has a few of the rest: a field that is not there is not read.
    aliases = r.texts("aliases") if "aliases" in raw else ()
    description = r.text("description", required=False) if "description" in raw else None
    basis = r.choice("description_basis", Basis, required=False)
    part_of = r.ref("part_of", "entity", required=False) if "part_of" in raw else None
    roles: list[Role] = []
    for rr in r.tables("roles") if "roles" in raw else ():
        title = rr.text("title")
        of = rr.ref("of", "entity", required=False)
        rr.finish(["title", "of"])
        if title is not None:
            roles.append(Role(title, of))
    place = r.ref("place", "entity", required=False) if "place" in raw else None
    hosts = r.refs("hosts", "entity") if "hosts" in raw else ()
    theme = r.text("theme", required=False) if "theme" in raw else None
    date = r.known_table("date", _date, _DATES)
    cited = _citation(r, required=False) if ("source" in raw or "paragraphs" in raw) else None
    r.finish(ENTITY_FIELDS, ENTITY_KEYS)
    if eid is not None and part_of == eid:
        r.problem("part_of", "an entity cannot be part of itself")
    if basis is not None and description is None:
        r.problem("description_basis", "says where a description comes from: add the description")
    if basis is Basis.SOURCE and cited is None:
        r.problem(
            "description_basis",
            "a description from the source needs the entity's source and paragraphs",
        )
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
        (cited,) if cited else (),
        basis or Basis.GENERAL,
    )


def _figure(r: RecordReader) -> Figure | None:
    value = r.number("value")
    unit = r.text("unit")
    qualifier = r.choice("qualifier", Qualifier, required=False) or Qualifier.EXACT
    about = r.text("about", required=False)
    per = r.choice("per", Per, required=False)
    change = r.flag("change")
    r.finish(FIGURE_FIELDS, FIGURE_KEYS)
    if unit is not None:
        r.out.use_unit(unit, r, "unit")
    if unit == builtin_units.ORDINAL and (per is not None or change):
        r.problem("unit", "an ordinal (2nd, 3rd) is neither a rate nor a change")
    if value is None or unit is None or not r.ok:
        return None
    return Figure(value, unit, qualifier, about, per, change)


# Tags found valid: a knowledge base uses the same few hundred again and again.
_TAGS: set[str] = set()


def _fact(r: RecordReader) -> Fact | None:
    raw = r.raw
    fid = r.ident("id")
    category = r.ref("category", "category")
    statement = r.text("statement")
    tags = r.texts("tags")
    if not _TAGS.issuperset(tags):
        for i, tag in enumerate(tags):
            if ID_RE.fullmatch(tag):
                _TAGS.add(tag)
            else:
                r.problem(f"tags[{i}]", f"{tag!r} is not a valid tag (lower-case, digits, '-')")
    entities = r.refs("entities", "entity")
    figures = [f for f in map(_figure, r.tables("figures")) if f is not None]
    date = r.known_table("date", _date, _DATES)
    # Most facts leave most of these out: a field that is not there is not read.
    speaker = r.ref("speaker", "entity", required=False) if "speaker" in raw else None
    attribution = r.text("attribution", required=False) if "attribution" in raw else None
    quote = r.text("quote", required=False) if "quote" in raw else None
    note = r.text("note", required=False) if "note" in raw else None
    how = r.choice("how", Voice, required=False) if "how" in raw else None
    to = r.ref("to", "entity", required=False) if "to" in raw else None
    key = r.flag("key") if "key" in raw else False
    weight = (
        r.integer("weight", required=False, minimum=-1_000_000, maximum=1_000_000)
        if "weight" in raw
        else None
    )
    cited = _citation(r, required=True)
    r.finish(FACT_FIELDS, FACT_KEYS)
    if quote is not None and speaker is None:
        r.problem("quote", "a quotation needs a speaker")
    if how is None:  # the usual case, unwritten: said by whoever is named, else the paper's own
        how = Voice.SAID if speaker is not None or attribution is not None else Voice.PUBLICATION
    elif how is Voice.SAID and speaker is None and attribution is None:
        r.problem("how", "'said' needs a speaker or an attribution: who said it")
    elif how is Voice.DATA and speaker is None:
        r.problem("how", "'data' needs a speaker: the agency or body whose data it is")
    if to is not None and how is not Voice.SAID:
        r.problem("to", "only what someone said can be said to someone")
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
        how,
        to,
        key,
        weight,
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


def _category(r: RecordReader) -> Topic | None:
    cid = r.ident("id")
    title = r.text("title")
    order = r.integer("order", required=False, minimum=1)
    r.finish(["id", "title", "order"])
    if cid is None or title is None or not r.ok:
        return None
    builtin = next((t for t in BUILTIN_TOPICS if t.id == cid), None)
    default = builtin.order if builtin else 100
    return Topic(cid, title, order if order is not None else default)


def _synonym(r: RecordReader) -> Synonym | None:
    terms = r.texts("terms", required=True)
    r.finish(["terms"])
    if "terms" in r.raw and len(terms) < 2 and r.ok:
        r.problem("terms", "must list at least two words that mean the same")
    return Synonym(terms) if r.ok else None


READERS: dict[str, Callable[[RecordReader], object]] = {
    "category": _category,
    "source": _source,
    "unit": _unit,
    "entity": _entity,
    "fact": _fact,
    "alignment": _alignment,
    "synonym": _synonym,
}
