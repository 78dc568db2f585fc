"""What a brief puts first: the rules a newsroom would use, applied to any knowledge.

Shared by the in-memory knowledge base and the on-disk index, which stores what
these functions return so that it can sort without loading. docs/commands.md
("sinokaz brief") writes the rules out for people.

Headline figures: money first (by currency, in the order the files first use
them; largest first within one), then percentages (shares, and rates of
change), then counts of ten or more (a quantity a day or a year among them),
largest first; never an ordinal ("2nd"), a small count ("3 features", "2 cars")
or a figure of a personal story (a person telling of their own doings). At
most two sums of money, one percentage and one count lead before any kind has
a second turn; when the screen has room for fewer, the kind shown most gives
up its last figure first. A fact marked `key = true` may give any figure but
an ordinal.

Key points: news before anecdote. A fact scores for an eligible figure, for
involving an event or programme (deals, agreements, expos, plans), for an
official's word (an organisation, or a person holding a post of a country)
or data, and for a date that is a plan (this year or later); it loses for
being a personal story (a person with products and towns, and no figure).
A knowledge file can decide instead: `key = true` puts a fact first, `weight`
sets its score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from sinokaz_cli.knowledge import units
from sinokaz_cli.knowledge.records import Entity, EntityKind, Fact, Figure

MIN_COUNT = 10  # a count below this is detail, not a headline figure
KEY_SCORE = 100  # what key = true adds to a fact's score

# Headline figure classes, in the order a brief shows them.
MONEY, SHARE, COUNT = 0, 1, 2

# What a fact's rules need to know about the records it names: an entity by id.
Lookup = Callable[[str], "Entity | None"]


def figure_class(fig: Figure, key: bool = False) -> int | None:
    """MONEY, SHARE (a share or any rate) or COUNT; None when the figure is no
    headline: an ordinal, or a count below MIN_COUNT (unless the fact is key)."""
    if fig.unit == units.ORDINAL:
        return None
    if units.is_currency(fig.unit):
        return MONEY
    if fig.unit == units.PERCENT:  # a share, or a rate of change ("up 12%", "4% a year")
        return SHARE
    if abs(fig.value) < MIN_COUNT and not key:
        return None
    return COUNT


def _personal_setting(f: Fact, lookup: Lookup) -> bool:
    """A person, and around them only products and places within a country (a
    town, not a country): the setting of a personal story, not of a nation's."""
    found = [lookup(e) for e in f.entities]
    if not any(e is not None and e.kind is EntityKind.PERSON for e in found):
        return False
    return all(
        e is not None
        and (
            e.kind in (EntityKind.PERSON, EntityKind.PRODUCT)
            or (e.kind is EntityKind.PLACE and e.part_of is not None)
        )
        for e in found
    )


# A statement that tells of its speaker: a pronoun for them, or their name with no
# verb of saying (the name is then the subject, not the source).
_PRONOUN = re.compile(r"\b(he|she|his|her|hers|him|himself|herself)\b", re.IGNORECASE)
_SAYING = re.compile(r"\b(said|says|told|tells|according)\b", re.IGNORECASE)


def _self_told(f: Fact, lookup: Lookup) -> bool:
    """A person speaking of their own doings, with no organisation, event or
    programme in the fact ("Omarov said he had visited China 25 times")."""
    speaker = lookup(f.speaker) if f.speaker else None
    if speaker is None or speaker.kind is not EntityKind.PERSON:
        return False
    kinds = {e.kind for e in map(lookup, f.entities) if e is not None}
    if kinds & {EntityKind.ORG, EntityKind.EVENT, EntityKind.PROGRAMME}:
        return False
    if _PRONOUN.search(f.statement):
        return True
    surname = speaker.name.split()[-1] if speaker.name.split() else speaker.name
    return surname in f.statement and not _SAYING.search(f.statement)


def _personal(f: Fact, lookup: Lookup) -> bool:
    return _personal_setting(f, lookup) or _self_told(f, lookup)


def personal(f: Fact, lookup: Lookup) -> bool:
    """A personal story: a person's own doings, with products and towns, and no
    figure that could lead a brief ("she bought one ten years ago")."""
    return assess(f, lookup, None).story


def headline(f: Fact) -> tuple[int, int, float] | None:
    """(where the fact's headline figure stands in f.figures, its class, its size)
    for the first of its best figures; None when none is eligible."""
    best: tuple[int, float, int] | None = None
    for i, fig in enumerate(f.figures):
        cls = figure_class(fig, f.key)
        if cls is not None and (best is None or (cls, -abs(fig.value)) < best[:2]):
            best = (cls, -abs(fig.value), i)
    return None if best is None else (best[2], best[0], best[1])


def headline_figure(f: Fact, lookup: Lookup) -> Figure | None:
    """The one figure of a fact that could stand in a brief's headline list."""
    found = assess(f, lookup, None).lead
    return None if found is None else f.figures[found[0]]


def official(f: Fact, lookup: Lookup) -> bool:
    """On an official's word: an organisation's (its statement or its data), or a
    person's who holds a post of a country ("Minister of Trade and Integration")."""
    speaker = lookup(f.speaker) if f.speaker else None
    if speaker is None:
        return False
    if speaker.kind is EntityKind.ORG:
        return True
    return any(
        (of := lookup(r.of) if r.of else None) is not None
        and of.kind is EntityKind.PLACE
        and of.part_of is None
        for r in speaker.roles
    )


def point_score(f: Fact, lookup: Lookup, published: str | None) -> int:
    """How much a fact is news, for a brief's key points: higher first (see the
    module's rules). `published` is its source's month, to tell a plan."""
    return assess(f, lookup, published).score


class Assessment(NamedTuple):
    lead: tuple[int, int, float] | None  # headline(f), unless a personal tally
    tally: bool  # a personal tally
    story: bool  # a personal story
    score: int  # point_score


def assess(f: Fact, lookup: Lookup, published: str | None) -> Assessment:
    """Everything the rules say of one fact, each worked out once (the index does
    this for every fact it writes)."""
    own = _personal(f, lookup)
    best = headline(f)
    tally = own and not f.key and all(figure_class(g) in (COUNT, None) for g in f.figures)
    lead = None if tally else best
    story = own and (best is None or tally)
    if f.weight is not None:
        return Assessment(lead, tally, story, f.weight + (KEY_SCORE if f.key else 0))
    kinds = {e.kind for e in map(lookup, f.entities) if e is not None}
    score = 3 if lead is not None else 0
    if kinds & {EntityKind.EVENT, EntityKind.PROGRAMME}:
        score += 2
    if official(f, lookup):
        score += 1
    if f.date is not None and f.date.start and published and f.date.start[:4] >= published[:4]:
        score += 2  # this year's or a later one: a plan, an expectation
    if story:
        score -= 3
    return Assessment(lead, tally, story, score + (KEY_SCORE if f.key else 0))


def event_rank(event: Entity, facts_with_figures: int) -> tuple[bool, int]:
    """Events a brief leads with: those with hosts or a theme, then those more
    facts with figures mention, first."""
    return (not event.hosts and not event.theme, -facts_with_figures)


def order_figures(found: Sequence[tuple[Fact, Figure, int]], limit: int) -> list[int]:
    """Which of `found` (fact, figure, currency rank) a brief leads with, in order:
    at most two money figures, then shares and rates, then counts, so that one kind
    never takes every slot; slots a kind leaves empty go to the others."""
    ranked = sorted(
        range(len(found)),
        key=lambda i: (
            figure_class(found[i][1], found[i][0].key),
            found[i][2],
            -abs(found[i][1].value),
            i,
        ),
    )
    quota = {MONEY: 2, SHARE: 1, COUNT: 1}
    chosen = [i for i in ranked if _take(quota, figure_class(found[i][1], found[i][0].key))]
    rest = [i for i in ranked if i not in chosen]
    chosen = (chosen + rest)[:limit]
    return sorted(chosen, key=ranked.index)


def _take(quota: dict[int, int], cls: int | None) -> bool:
    if cls is None or quota.get(cls, 0) <= 0:
        return False
    quota[cls] -= 1
    return True
