"""Typed, immutable records of the knowledge base.

The readers build these once; nothing downstream sees raw TOML. Records are
NamedTuples rather than dataclasses: a frozen dataclass costs ~1.4 ms to
create at import (it compiles its methods), a NamedTuple ~0.2 ms, and the
tool pays that on every run.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Category(str, Enum):
    TRADE = "trade"
    TOURISM = "tourism"
    DIALOGUE = "dialogue"
    POLICY = "policy"


# How each topic is titled for people.
TOPIC_TITLES = {
    Category.TRADE: "Trade",
    Category.TOURISM: "Tourism",
    Category.DIALOGUE: "Party dialogue",
    Category.POLICY: "Policy alignment",
}


class EntityKind(str, Enum):
    PERSON = "person"
    ORG = "org"
    PLACE = "place"
    EVENT = "event"
    PROGRAMME = "programme"
    PRODUCT = "product"


class Qualifier(str, Enum):
    """How exact a figure is, in the article's own terms."""

    EXACT = "exact"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    AROUND = "around"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    UP_TO = "up_to"


class DateQualifier(str, Enum):
    ABOUT = "about"
    BEFORE = "before"
    AFTER = "after"
    BY = "by"


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    published: str  # ISO year-month, e.g. "2025-11"
    paragraphs: int
    subtitle: str | None = None
    contact: str | None = None
    url: str | None = None
    file: str | None = None


class Unit(NamedTuple):
    """A counted noun that figures may use."""

    id: str
    singular: str
    plural: str


class DateRef(NamedTuple):
    """A date as the article states it, with what we can resolve of it.

    `start`/`end` are ISO-8601 strings of day, month or year precision; a
    relative date we cannot place ("in recent years") has neither.
    """

    text: str
    start: str | None = None
    end: str | None = None
    qualifier: DateQualifier | None = None
    inferred: bool = False
    basis: str | None = None

    @property
    def precision(self) -> Precision | None:
        if self.start is None:
            return None
        return {10: Precision.DAY, 7: Precision.MONTH}.get(len(self.start), Precision.YEAR)


class Figure(NamedTuple):
    value: int | float
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    about: str | None = None


class Citation(NamedTuple):
    source: str
    paragraphs: tuple[int, ...]


class Role(NamedTuple):
    title: str
    of: str | None = None


class Entity(NamedTuple):
    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    part_of: str | None = None
    roles: tuple[Role, ...] = ()
    # Events only: where, when, who hosted and under what theme.
    place: str | None = None
    hosts: tuple[str, ...] = ()
    theme: str | None = None
    date: DateRef | None = None
    cited: Citation | None = None


class Fact(NamedTuple):
    id: str
    category: Category
    statement: str
    cited: Citation
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    date: DateRef | None = None
    speaker: str | None = None
    attribution: str | None = None
    quote: str | None = None
    note: str | None = None


class Alignment(NamedTuple):
    """A Chinese policy paired with a Kazakh one, and the facts behind the pair."""

    id: str
    china: str
    kazakhstan: str
    theme: str
    facts: tuple[str, ...]


class Synonym(NamedTuple):
    terms: tuple[str, ...]
