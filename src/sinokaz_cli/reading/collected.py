"""What reading has gathered so far, across files: records with their
readers, references still to check, and every problem (an Issue, before its
line number is looked up in lines.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from sinokaz_cli.knowledge.records import (
    BUILTIN_TOPICS,
    Alignment,
    Citation,
    Entity,
    Fact,
    Source,
    Synonym,
    Topic,
    Unit,
)
from sinokaz_cli.knowledge.units import BUILTIN as BUILTIN_UNITS

if TYPE_CHECKING:
    from sinokaz_cli.reading.fields import RecordReader


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
    target: str  # "entity", "fact", "source", "unit", "category"
    value: str


# Kinds of record that files may each declare, alike, and that are then one record:
# each article file can carry the countries, places and units it uses.
MERGED = frozenset({"category", "source", "unit", "entity", "alignment"})
_BUCKETS = {
    "category": "categories",
    "source": "sources",
    "unit": "units",
    "entity": "entities",
    "alignment": "alignments",
}
# Ids that exist without a record: references to them never dangle.
_BUILTIN: dict[str, frozenset[str]] = {"category": frozenset(t.id for t in BUILTIN_TOPICS)}


class Collected:
    """Everything read so far, across files. (A plain class: knowledge/records.py
    says why not a dataclass.)"""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.refs: list[Ref] = []
        self.categories: list[tuple[Topic, RecordReader]] = []
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
        # kind -> id -> where its record stands in its list, for the kinds whose
        # records several files may declare alike (MERGED): they are one record.
        self.at: dict[str, dict[str, int]] = {}
        # What the checks of later records need to know at once: the paragraph
        # count of each valid source (the first of an id), and the declared units.
        self.paragraphs: dict[str, int] = {}
        self.unit_ids: set[str] = set()
        # kind -> id -> the table (marshal.dumps) of a record of a kind that merges,
        # once it was declared again and merged with nothing left to check: the
        # same table read again adds nothing, and is not read (validate.py).
        self.same: dict[str, dict[str, bytes]] = {}

    # Checks that can be made as soon as what they need has been read are made
    # then; only the rest is kept for cross_check(). A large knowledge base
    # mostly refers back to what it has already declared, so little is kept.

    def declare(self, kind: str, rid: str, reader: RecordReader, record: object) -> bool:
        """Note where `rid` was first written; whether `record` is new. An id written
        again is one record when its kind merges (MERGED) and the two agree on what
        the record is (merge.py): what the second adds joins the first. Otherwise
        it is a problem that names the first place, and the fields that differ."""
        seen = self.first.setdefault(kind, {})
        where = seen.get(rid)
        if where is None:
            seen[rid] = (reader.file, reader.index)
            return True
        if kind not in MERGED:
            reader.problem("id", f"duplicate {kind} id {rid!r}")
        else:
            at = self.at.get(kind, {}).get(rid)
            if at is None or record is None:
                return False  # the first (or this) is invalid, and says so itself
            from sinokaz_cli.reading.merge import merge

            bucket: list[Any] = getattr(self, _BUCKETS[kind])
            first, first_reader = bucket[at]
            merged, differ = merge(first, record)
            if not differ:
                bucket[at] = (merged, first_reader)
                return False
            reader.problem("id", f"{kind} {rid!r} is declared again, with another {differ}")
        self.issues[-1].first = (where[0], kind, where[1])
        return False

    def keep(self, kind: str, rid: str, record: object, reader: RecordReader) -> None:
        """Add a new record of a kind that merges to its list, noting where it is."""
        bucket: list[Any] = getattr(self, _BUCKETS[kind])
        self.at.setdefault(kind, {})[rid] = len(bucket)
        bucket.append((record, reader))

    def refer(
        self, owner: RecordReader, key: str, index: int | None, target: str, value: str
    ) -> None:
        """A reference from `owner`'s field `key` (item `index` of it, for a list):
        one to an id already declared cannot dangle, so only the others are kept."""
        if value not in self.first.get(target, ()) and value not in _BUILTIN.get(target, ()):
            field = f"{owner.prefix}{key}" if index is None else f"{owner.prefix}{key}[{index}]"
            self.refs.append(Ref(owner, field, owner._top_key(key), target, value))

    def use_unit(self, unit: str, reader: RecordReader, key: str) -> None:
        if unit not in self.unit_ids and unit not in BUILTIN_UNITS:
            self.figure_units.append((unit, reader, key))

    def cite(self, citation: Citation, reader: RecordReader, key: str) -> None:
        paragraphs = self.paragraphs.get(citation.source)
        if paragraphs is None:
            self.citations.append((citation, reader, key))
        else:
            reader.past_end(citation, paragraphs, key)

    def clear(self) -> None:
        """Let go of everything read (its readers point back here: a cycle)."""
        self.__init__()  # type: ignore[misc]
