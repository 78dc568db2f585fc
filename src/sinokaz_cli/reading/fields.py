"""Reading one record's fields, noting a problem for each bad or unknown one.

The machinery under validate.py: a reader per record that checks types and
values field by field and records every problem (with file, record, field
and a did-you-mean) instead of stopping at the first; and the collection
that gathers records, references and problems across files.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any, NamedTuple, TypeVar

from sinokaz_cli.knowledge.records import Alignment, Citation, Entity, Fact, Source, Synonym, Unit
from sinokaz_cli.knowledge.units import BUILTIN as BUILTIN_UNITS
from sinokaz_cli.suggest import did_you_mean

# Used with fullmatch: "$" would also match before a final newline. ASCII
# digits only: \d takes digits of every script.
ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
ISO_DATE_RE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")

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
)
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
    """Everything read so far, across files. (A plain class: knowledge/records.py
    says why not a dataclass.)"""

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
        # kind -> id -> (file, index) where it was first written, for every id
        # written, valid record or not, so that one broken record does not hide a
        # duplicate or turn each reference to it into a second error.
        self.first: dict[str, dict[str, tuple[str, int]]] = {}
        # What the checks of later records need to know at once: the paragraph
        # count of each valid source (the first of an id), and the declared units.
        self.paragraphs: dict[str, int] = {}
        self.unit_ids: set[str] = set()

    # Checks that can be made as soon as what they need has been read are made
    # then; only the rest is kept for cross_check(). A large knowledge base
    # mostly refers back to what it has already declared, so little is kept.

    def declare(self, kind: str, rid: str, reader: RecordReader) -> None:
        seen = self.first.setdefault(kind, {})
        where = seen.get(rid)
        if where is None:
            seen[rid] = (reader.file, reader.index)
            return
        reader.problem("id", f"duplicate {kind} id {rid!r}")
        self.issues[-1].first = (where[0], kind, where[1])

    def refer(self, owner: RecordReader, field: str, key: str, target: str, value: str) -> None:
        """A reference: one to an id already declared cannot dangle."""
        if value not in self.first.get(target, ()):
            self.refs.append(Ref(owner, field, key, target, value))

    def use_unit(self, unit: str, reader: RecordReader, key: str) -> None:
        if unit not in self.unit_ids and unit not in BUILTIN_UNITS:
            self.figure_units.append((unit, reader, key))

    def cite(self, citation: Citation, reader: RecordReader, key: str) -> None:
        paragraphs = self.paragraphs.get(citation.source)
        if paragraphs is None:
            self.citations.append((citation, reader, key))
        else:
            past_end(citation, paragraphs, reader, key)

    def clear(self) -> None:
        """Let go of everything read (its readers point back here: a cycle)."""
        self.__init__()  # type: ignore[misc]


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

    # Readers outlive their records (references and duplicates point back to
    # them until every file is read): one per record, so keep them small.
    __slots__ = ("out", "file", "kind", "index", "raw", "prefix", "parent", "rid", "ok")

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
        self.rid: Any = raw.get("id") if parent is None else None
        self.ok = True

    @property
    def label(self) -> str:
        """How messages name the record: by id, else by place. Made only when a
        message needs it: most records never have one."""
        if self.parent is not None:
            return self.parent.label
        if isinstance(self.rid, str) and self.rid:
            return f"{self.kind} {self.rid}"
        return f"{self.kind} #{self.index + 1}"

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
        if value is not None and not ID_RE.fullmatch(value):
            self.problem(
                key,
                f"{value!r} is not a valid id (lower-case letters, digits, '.', '_', '-')",
            )
            return None
        return value

    def ref(self, key: str, target: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None:
            self.out.refer(self, f"{self.prefix}{key}", self._top_key(key), target, value)
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
            self.out.refer(self, f"{self.prefix}{key}[{i}]", self._top_key(key), target, value)
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
        if not ISO_DATE_RE.fullmatch(value) or not _real_date(value):
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


def past_end(citation: Citation, paragraphs: int, reader: RecordReader, key: str) -> None:
    """Note each cited paragraph past the end of a source of `paragraphs`."""
    for p in citation.paragraphs:
        if p > paragraphs:
            reader.problem(
                key,
                f"paragraph {p} is past the end of source {citation.source!r} "
                f"({paragraphs} paragraphs)",
            )


def _real_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True
