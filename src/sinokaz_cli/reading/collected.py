"""What reading has gathered so far, across files: records with their
readers, references still to check, and every problem (an Issue, before its
line number is looked up in lines.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sinokaz_cli.knowledge.records import Alignment, Citation, Entity, Fact, Source, Synonym, Unit
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

    def refer(
        self, owner: RecordReader, key: str, index: int | None, target: str, value: str
    ) -> None:
        """A reference from `owner`'s field `key` (item `index` of it, for a list):
        one to an id already declared cannot dangle, so only the others are kept."""
        if value not in self.first.get(target, ()):
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
