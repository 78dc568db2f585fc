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
    """The four built-in categories, each with a command of its own (`sinokaz
    trade`, ...). A fact's category is a plain id: one of these, or one that a
    knowledge file declares as a [[category]] record."""

    TRADE = "trade"
    TOURISM = "tourism"
    DIALOGUE = "dialogue"
    POLICY = "policy"


class Topic(NamedTuple):
    """A category of facts as people see it: its id, title and place in lists.
    The built-in four have a default title, which a knowledge file may set."""

    id: str
    title: str
    order: int = 100


BUILTIN_TOPICS = (
    Topic(Category.TRADE.value, "Trade", 10),
    Topic(Category.TOURISM.value, "Tourism", 20),
    Topic(Category.DIALOGUE.value, "Party dialogue", 30),
    Topic(Category.POLICY.value, "Policy alignment", 40),
)


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
    OVER = "over"
    AT_LEAST = "at_least"
    AROUND = "around"
    NEARLY = "nearly"
    ALMOST = "almost"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    UP_TO = "up_to"


class Per(str, Enum):
    """The time a rate is counted over: "30 trains a day"."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class DateQualifier(str, Enum):
    ABOUT = "about"
    BEFORE = "before"
    AFTER = "after"
    BY = "by"
    SINCE = "since"


class Period(str, Enum):
    """A date that is a named part of a year: its start and end are the months it spans."""

    HALF = "half"  # "in the first half": Jan-Jun or Jul-Dec
    QUARTER = "quarter"  # Q1 = Jan-Mar ...
    SEASON = "season"  # spring = Mar-May, summer = Jun-Aug, autumn = Sep-Nov, winter = Dec-Feb


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"


class Voice(str, Enum):
    """On whose word a fact stands: a named person or organisation (or one the
    article describes without naming) said it; it is data from an agency; or it
    is the publication's own reporting or framing."""

    SAID = "said"
    DATA = "data"
    PUBLICATION = "publication"


class Basis(str, Enum):
    """Where an entity's description comes from: the source it cites, or general
    knowledge (which must never be presented as the source's)."""

    SOURCE = "source"
    GENERAL = "general"


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
    relative date we cannot place ("in recent years") has neither. A half-year,
    quarter or season is the months it spans, named by `period`.
    """

    text: str
    start: str | None = None
    end: str | None = None
    qualifier: DateQualifier | None = None
    inferred: bool = False
    basis: str | None = None
    period: Period | None = None

    @property
    def precision(self) -> Precision | None:
        if self.start is None:
            return None
        if self.period is not None:
            return Precision(self.period.value)
        return {10: Precision.DAY, 7: Precision.MONTH}.get(len(self.start), Precision.YEAR)


class Figure(NamedTuple):
    value: int | float
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    about: str | None = None
    per: Per | None = None  # a rate: so many a day, a week, ...
    change: bool = False  # a change (up or down, by the sign of value), not a level


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
    # Where sources mention it: one citation for each file that declares it.
    citations: tuple[Citation, ...] = ()
    description_basis: Basis = Basis.GENERAL

    @property
    def cited(self) -> Citation | None:
        """The first citation, if any (the JSON's `source` and `paragraphs`)."""
        return self.citations[0] if self.citations else None


class Fact(NamedTuple):
    id: str
    category: str  # a Category's value, or the id of a declared [[category]]
    statement: str
    cited: Citation
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    date: DateRef | None = None
    speaker: str | None = None  # the person or organisation on whose word it stands
    attribution: str | None = None  # who, in words, where no entity is named
    quote: str | None = None
    note: str | None = None
    how: Voice = Voice.PUBLICATION  # how it stands on their word
    to: str | None = None  # whom the speaker said it to, where the article says
    key: bool = False  # an editor's choice: a brief puts it first
    weight: int | None = None  # an editor's score for briefs, in place of the rules'


class Alignment(NamedTuple):
    """A Chinese policy paired with a Kazakh one, and the facts behind the pair."""

    id: str
    china: str
    kazakhstan: str
    theme: str
    facts: tuple[str, ...]


class Synonym(NamedTuple):
    terms: tuple[str, ...]
