"""Turn parsed TOML documents into typed records, collecting every problem.

Nothing stops at the first error: each record is read field by field, every
problem is noted with its file, record and field, and cross-file rules
(duplicate ids, dangling references) run once all files are read. Lines are
looked up only when there is something to report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

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
    KnowledgeBase,
    Qualifier,
    Role,
    Source,
    Synonym,
    Unit,
)
from sinokaz_cli.suggest import did_you_mean

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ISO_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

TABLES = ("source", "unit", "entity", "fact", "alignment", "synonym")

# The fields each kind of record may have (the JSON Schema says the same).
FACT_FIELDS = (
    "id",
    "category",
    "statement",
    "tags",
    "entities",
    "figures",
    "date",
    "speaker",
    "attribution",
    "quote",
    "note",
    "source",
    "paragraphs",
)
FIGURE_FIELDS = ("value", "unit", "qualifier", "about")
DATE_FIELDS = ("text", "start", "end", "qualifier", "inferred", "basis")
_FACT_KEYS = frozenset(FACT_FIELDS)
_FIGURE_KEYS = frozenset(FIGURE_FIELDS)
_DATE_KEYS = frozenset(DATE_FIELDS)

E = TypeVar("E")


class Issue:
    """A problem before its line number is looked up."""

    __slots__ = (
        "file",
        "message",
        "kind",
        "index",
        "record",
        "field",
        "key",
        "hint",
        "line",
        "column",
        "first",
    )

    def __init__(
        self,
        file: str,
        message: str,
        kind: str | None = None,  # table name, e.g. "fact"
        index: int | None = None,  # position among that file's records of `kind`
        record: str | None = None,
        field: str | None = None,
        key: str | None = None,  # top-level key of the record, for the line lookup
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file, self.message, self.kind, self.index = file, message, kind, index
        self.record, self.field, self.key, self.hint = record, field, key, hint
        self.line, self.column = line, column
        # Where the first of two duplicates stands: (file, kind, index).
        self.first: tuple[str, str, int] | None = None


class Ref(NamedTuple):
    """A reference from one record to another, checked once all files are read."""

    owner: RecordReader
    field: str
    key: str
    target: str  # "entity", "fact", "source", "unit"
    value: str


class Collected:
    """Everything read so far, across files. (Plain class: see model.py on dataclasses.)"""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.refs: list[Ref] = []
        self.sources: list[tuple[Source, RecordReader]] = []
        self.units: list[tuple[Unit, RecordReader]] = []
        self.entities: list[tuple[Entity, RecordReader]] = []
        self.facts: list[tuple[Fact, RecordReader]] = []
        self.alignments: list[tuple[Alignment, RecordReader]] = []
        self.synonyms: list[Synonym] = []
        self.figure_units: list[tuple[str, RecordReader, str]] = []
        self.citations: list[tuple[Citation, RecordReader, str]] = []
        # Every id written, valid record or not, so that one broken record does not
        # hide a duplicate or turn each reference to it into a second error.
        self.declared: dict[str, list[tuple[str, RecordReader]]] = {}


def _type_name(value: object) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


class RecordReader:
    """Reads one record's fields, noting a problem for each bad or unknown one."""

    def __init__(
        self,
        out: Collected,
        file: str,
        kind: str,
        index: int,
        raw: dict[str, Any],
        prefix: str = "",
        parent: RecordReader | None = None,
    ) -> None:
        self.out, self.file, self.kind, self.index, self.raw = out, file, kind, index, raw
        self.prefix = prefix
        self.parent = parent
        rid = raw.get("id") if parent is None else None
        if parent is not None:
            self.label: str = parent.label
        elif isinstance(rid, str) and rid:
            self.label = f"{kind} {rid}"
        else:
            self.label = f"{kind} #{index + 1}"
        self.ok = True

    # The key whose line we report: a nested reader reports its parent's key.
    def _top_key(self, key: str) -> str:
        return self.parent._top_key(self.prefix.split(".")[0].split("[")[0]) if self.parent else key

    def problem(self, key: str, message: str, hint: str | None = None) -> None:
        self.ok = False
        if self.parent is not None:
            self.parent.ok = False
        self.out.issues.append(
            Issue(
                file=self.file,
                message=message,
                kind=self.kind,
                index=self.index,
                record=self.label,
                field=f"{self.prefix}{key}" if key else (self.prefix.rstrip(".") or None),
                key=self._top_key(key),
                hint=hint,
            )
        )

    def _get(self, key: str, types: tuple[type, ...], what: str, required: bool) -> Any:
        if key not in self.raw:
            if required:
                self.problem(key, "is required")
            return None
        value = self.raw[key]
        # bool is an int subclass in Python; TOML keeps them apart, so do we.
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            self.problem(key, f"must be {what}, not {_type_name(value)}")
            return None
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        value = self._get(key, (str,), "a string", required)
        if value is not None and not value.strip():
            self.problem(key, "must not be empty")
            return None
        return value  # type: ignore[no-any-return]

    def ident(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not ID_RE.match(value):
            self.problem(
                key,
                f"{value!r} is not a valid id (lower-case letters, digits, '.', '_', '-')",
            )
            return None
        return value

    def ref(self, key: str, target: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None:
            self.out.refs.append(
                Ref(self, f"{self.prefix}{key}", self._top_key(key), target, value)
            )
        return value

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, (list,), "an array of strings", required)
        if value is None:
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem(f"{key}[{i}]", "must be a non-empty string")
            else:
                out.append(item)
        return tuple(out)

    def refs(self, key: str, target: str, required: bool = False) -> tuple[str, ...]:
        values = self.texts(key, required)
        for i, value in enumerate(values):
            self.out.refs.append(
                Ref(self, f"{self.prefix}{key}[{i}]", self._top_key(key), target, value)
            )
        return values

    def integer(self, key: str, required: bool = True, minimum: int | None = None) -> int | None:
        value = self._get(key, (int,), "an integer", required)
        if value is not None and minimum is not None and value < minimum:
            self.problem(key, f"must be at least {minimum}, not {value}")
            return None
        return value  # type: ignore[no-any-return]

    def number(self, key: str, required: bool = True) -> int | float | None:
        value = self._get(key, (int, float), "a number", required)
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(key, f"must be a finite number, not {value}")
            return None
        return value  # type: ignore[no-any-return]

    def flag(self, key: str) -> bool:
        value = self._get(key, (bool,), "true or false", False)
        return bool(value)

    def choice(self, key: str, enum: type[E], required: bool = True) -> E | None:
        value = self.text(key, required)
        if value is None:
            return None
        names = [m.value for m in enum]  # type: ignore[attr-defined]
        if value not in names:
            self.problem(
                key,
                f"unknown {key} {value!r}; expected one of: {', '.join(names)}",
                did_you_mean(value, names),
            )
            return None
        return enum(value)  # type: ignore[call-arg]

    def iso_date(self, key: str, required: bool = False) -> str | None:
        value = self._get(key, (str, dt.date), "an ISO date string", required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            self.problem(key, "must be a date without a time")
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if not ISO_DATE_RE.match(value) or not _real_date(value):
            self.problem(key, f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        return value  # type: ignore[no-any-return]

    def table(self, key: str, required: bool = False) -> RecordReader | None:
        value = self._get(key, (dict,), "a table", required)
        if value is None:
            return None
        return RecordReader(
            self.out, self.file, self.kind, self.index, value, f"{self.prefix}{key}.", self
        )

    def tables(self, key: str, required: bool = False) -> list[RecordReader]:
        value = self._get(key, (list,), "an array of tables", required)
        if value is None:
            return []
        out: list[RecordReader] = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem(f"{key}[{i}]", f"must be a table, not {_type_name(item)}")
                continue
            out.append(
                RecordReader(
                    self.out,
                    self.file,
                    self.kind,
                    self.index,
                    item,
                    f"{self.prefix}{key}[{i}].",
                    self,
                )
            )
        return out

    def finish(self, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in self.raw:
            if key not in allowed:
                self.problem(key, "is not a known field", did_you_mean(key, allowed))


def _real_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


# ─── one reader per record kind ─────────────────────────────────────────────


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
    r.out.citations.append((citation, r, "paragraphs"))
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
    r.finish(
        [
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
        ]
    )
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
        r.out.figure_units.append((unit, r, "unit"))
    if value is None or unit is None or not r.ok:
        return None
    return Figure(value, unit, qualifier, about)


_CATEGORIES = {c.value: c for c in Category}
_QUALIFIERS = {q.value: q for q in Qualifier}


def _word(value: object) -> bool:
    return type(value) is str and bool(value.strip())


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
        or not ID_RE.match(fid)
        or category is None
        or not _word(statement)
        or not _word(source)
        or type(paragraphs) is not list
        or not paragraphs
        or not all(type(p) is int and p >= 1 for p in paragraphs)
    ):
        return None
    tags: Any = raw.get("tags", [])
    entities: Any = raw.get("entities", [])
    if type(tags) is not list or not all(type(t) is str and ID_RE.match(t) for t in tags):
        return None
    if type(entities) is not list or not all(_word(e) for e in entities):
        return None
    optional: list[Any] = [raw.get(k) for k in ("speaker", "attribution", "quote", "note")]
    if not all(v is None or _word(v) for v in optional):
        return None
    speaker, attribution, quote, note = optional
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
    for i, e in enumerate(entities):
        out.refs.append(Ref(r, f"entities[{i}]", "entities", "entity", e))
    if speaker is not None:
        out.refs.append(Ref(r, "speaker", "speaker", "entity", speaker))
    out.refs.append(Ref(r, "source", "source", "source", source))
    cited = Citation(source, tuple(paragraphs))
    out.citations.append((cited, r, "paragraphs"))
    for i, fig in enumerate(figures):
        sub = RecordReader(out, r.file, r.kind, r.index, {}, f"figures[{i}].", r)
        out.figure_units.append((fig.unit, sub, "unit"))
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


_DATE_QUALIFIERS = {q.value: q for q in DateQualifier}


def _fast_date(d: Any) -> DateRef | None:
    """A plainly valid date table, or None to let the general reader explain."""
    if type(d) is not dict or not _DATE_KEYS.issuperset(d) or not _word(d.get("text")):
        return None
    start: Any = d.get("start")
    end: Any = d.get("end")
    for iso in (start, end):
        if iso is not None and (
            type(iso) is not str or not ISO_DATE_RE.match(iso) or not _real_date(iso)
        ):
            return None
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
        if not ID_RE.match(tag):
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


_READERS: dict[str, Callable[[RecordReader], object]] = {
    "source": _source,
    "unit": _unit,
    "entity": _entity,
    "fact": _fact,
    "alignment": _alignment,
    "synonym": _synonym,
}


def read_document(doc: dict[str, Any], file: str, out: Collected) -> None:
    """Read one parsed file's records into `out`."""
    records = 0
    for key, value in doc.items():
        if key not in _READERS:
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
            record = _READERS[key](reader)
            rid = raw.get("id")
            if isinstance(rid, str) and rid:
                out.declared.setdefault(key, []).append((rid, reader))
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
