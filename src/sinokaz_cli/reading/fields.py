"""Reading one record's fields, noting a problem for each bad or unknown one.

The machinery under kinds.py: a reader per record that checks types and
values field by field and records every problem (with file, record, field
and a did-you-mean) in the Collected (collected.py) instead of stopping at
the first.
"""

from __future__ import annotations

import datetime as dt
import marshal
import math
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, TypeVar

from sinokaz_cli.knowledge.records import Citation
from sinokaz_cli.reading.collected import Collected, Issue
from sinokaz_cli.suggest import did_you_mean

# Used with fullmatch: "$" would also match before a final newline. ASCII
# digits only: \d takes digits of every script.
ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
ISO_DATE_RE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")

TABLES = ("category", "source", "unit", "entity", "fact", "alignment", "synonym")

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
    "how",
    "to",
    "key",
    "weight",
    "source",
    "paragraphs",
)
FIGURE_FIELDS = ("value", "unit", "qualifier", "about", "per", "change")
ENTITY_FIELDS = (
    "id",
    "kind",
    "name",
    "aliases",
    "description",
    "description_basis",
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
# The same as sets: a record's keys are checked against them at once (finish).
FACT_KEYS, FIGURE_KEYS, ENTITY_KEYS, DATE_KEYS = map(
    frozenset, (FACT_FIELDS, FIGURE_FIELDS, ENTITY_FIELDS, DATE_FIELDS)
)

_MISSING: Any = object()
_STR_TYPE = (str,)
_STR = frozenset({str})
_NONE: dict[str, Any] = {}
# ISO dates already found real: a knowledge base repeats its dates, and a
# calendar check costs more than the rest of reading a date.
_REAL_DATES: set[str] = set()

E = TypeVar("E")


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

    # Each reader below returns a valid value at once, with a test or two made
    # in C; only a value that fails them goes the long way, which names the
    # problem. A large knowledge base is almost all valid records, and reading
    # their fields one Python step at a time cost more than parsing the TOML.

    def _get(self, key: str, types: tuple[type, ...], what: str, required: bool) -> Any:
        value = self.raw.get(key, _MISSING)
        if type(value) in types:  # exact types: TOML's are never subclassed
            return value
        if value is _MISSING:
            if required:
                self.problem(key, "is required")
            return None
        # bool is an int subclass in Python; TOML keeps them apart, so do we.
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            self.problem(key, f"must be {what}, not {_type_name(value)}")
            return None
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.raw.get(key)  # TOML has no null: None is a missing key
        if type(value) is str and value and not value.isspace():
            return value
        if value is None and not required:
            return None
        value = self._get(key, _STR_TYPE, "a string", required)
        if value is not None:  # a string, all spaces
            self.problem(key, "must not be empty")
        return None

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
            self.out.refer(self, key, None, target, value)
        return value

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self.raw.get(key)
        if type(value) is list and _STR.issuperset(map(type, value)) and all(map(str.strip, value)):
            return tuple(value)
        if value is None and not required:
            return ()
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
        known = self.out.first.get(target, _NONE)
        if not all(map(known.__contains__, values)):  # one to an id declared cannot dangle
            for i, value in enumerate(values):
                self.out.refer(self, key, i, target, value)
        return values

    def integer(
        self,
        key: str,
        required: bool = True,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        value = self._get(key, (int,), "an integer", required)
        if value is not None and minimum is not None and value < minimum:
            self.problem(key, f"must be at least {minimum}, not {value}")
            return None
        if value is not None and maximum is not None and value > maximum:
            self.problem(key, f"must be at most {maximum}, not {value}")
            return None
        return self._in_toml_range(key, value)  # type: ignore[no-any-return]

    def number(self, key: str, required: bool = True) -> int | float | None:
        value = self._get(key, (int, float), "a number", required)
        if type(value) is float and not math.isfinite(value):
            self.problem(key, f"must be a finite number, not {value}")
            return None
        return self._in_toml_range(key, value)  # type: ignore[no-any-return]

    def _in_toml_range(self, key: str, value: Any) -> Any:
        """TOML's integers are 64-bit; a parser may read longer ones, the index cannot."""
        if type(value) is int and not -(2**63) <= value < 2**63:
            self.problem(key, "is beyond TOML's 64-bit integers")
            return None
        return value

    def flag(self, key: str) -> bool:
        if key not in self.raw:
            return False
        value = self._get(key, (bool,), "true or false", False)
        return bool(value)

    def choice(self, key: str, enum: type[E], required: bool = True) -> E | None:
        members: dict[Any, E] = enum._value2member_map_  # type: ignore[attr-defined]
        raw = self.raw.get(key)
        found = members.get(raw) if type(raw) is str else None
        if found is not None:
            return found
        value = self.text(key, required)
        if value is None:
            return None
        names = list(members)
        self.problem(
            key,
            f"unknown {key} {value!r}; expected one of: {', '.join(names)}",
            did_you_mean(value, names),
        )
        return None

    def iso_date(self, key: str, required: bool = False) -> str | None:
        value = self.raw.get(key)
        if type(value) is str and value in _REAL_DATES:  # knowledge repeats its dates
            return value
        value = self._get(key, (str, dt.date, dt.datetime), "an ISO date string", required)
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
        _REAL_DATES.add(value)
        return value  # type: ignore[no-any-return]

    def table(self, key: str, required: bool = False) -> RecordReader | None:
        if not required and key not in self.raw:
            return None
        value = self._get(key, (dict,), "a table", required)
        if value is None:
            return None
        return RecordReader(
            self.out, self.file, self.kind, self.index, value, f"{self.prefix}{key}.", self
        )

    def known_table(
        self, key: str, read: Callable[[RecordReader | None], E | None], found: dict[bytes, E]
    ) -> E | None:
        """What `read` makes of the table at `key`, or, when a table of the same values
        (as_bytes) was read before and was valid, what it made of that (`found` holds
        them). Only for tables that refer to no other record, as a date: alike, they
        are the same."""
        written = as_bytes(self.raw.get(key))
        value = found.get(written) if written is not None else None
        if value is None:
            value = read(self.table(key))
            if value is not None and written is not None:
                found[written] = value
        return value

    def tables(self, key: str, required: bool = False) -> list[RecordReader]:
        if not required and key not in self.raw:
            return []
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

    def past_end(self, citation: Citation, paragraphs: int, key: str) -> None:
        """Note each paragraph `citation` cites past the end of a source of `paragraphs`."""
        if max(citation.paragraphs, default=0) <= paragraphs:
            return
        for p in citation.paragraphs:
            if p > paragraphs:
                self.problem(
                    key,
                    f"paragraph {p} is past the end of source {citation.source!r} "
                    f"({paragraphs} paragraphs)",
                )

    def finish(self, allowed: Sequence[str], known: AbstractSet[str] | None = None) -> None:
        """Note each field that is not one of `allowed` (`known`: the same, as a set)."""
        raw = self.raw
        if raw.keys() <= known if known is not None else all(map(allowed.__contains__, raw)):
            return
        for key in self.raw:
            if key not in allowed:
                self.problem(key, "is not a known field", did_you_mean(key, allowed))


def as_bytes(table: object) -> bytes | None:
    """A parsed table's keys and values as bytes that are equal only when they are
    equal in TOML too (in Python, 1 == 1.0 == True; marshal writes them apart), to
    tell a table read before; None for a value marshal cannot write (a date or time)."""
    if type(table) is not dict:
        return None
    try:
        return marshal.dumps(table, 2)  # version 2 writes no back-references: only values
    except ValueError:
        return None


def _real_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True
