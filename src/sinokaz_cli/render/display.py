"""How figures, dates and citations read when people write them.

"more than 100 companies", "$307 million", "23%", "about 2015, inferred".
Every renderer that shows text to a person uses these, so the qualifier the
article gave can never be dropped by one format and kept by another.
"""

from __future__ import annotations

from collections.abc import Iterable

from sinokaz_cli.knowledge import units
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.citing import MONTHS, by_source, paragraphs, point
from sinokaz_cli.knowledge.records import (
    Citation,
    DateQualifier,
    DateRef,
    Entity,
    Figure,
    Per,
    Period,
    Precision,
    Qualifier,
    Role,
    Source,
)

QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "more than",
    Qualifier.OVER: "over",
    Qualifier.AT_LEAST: "at least",
    Qualifier.AROUND: "around",
    Qualifier.NEARLY: "nearly",
    Qualifier.ALMOST: "almost",
    Qualifier.LESS_THAN: "less than",
    Qualifier.AT_MOST: "at most",
    Qualifier.UP_TO: "up to",
}
PER_WORDS = {
    Per.DAY: "a day",
    Per.WEEK: "a week",
    Per.MONTH: "a month",
    Per.QUARTER: "a quarter",
    Per.YEAR: "a year",
}

_SCALES = ((12, "trillion"), (9, "billion"), (6, "million"))  # powers of ten


def number(value: int | float) -> str:
    """A number as people write it, never rounded: "307 million" and "1.5 billion"
    only where that is the exact value; else every digit, "1,234,567" and
    "999,999,999". A float keeps the digits it was written with ("0.1234567")."""
    if type(value) is int and -1_000_000 < value < 1_000_000:  # the usual count
        return f"{value:,}"
    from decimal import Decimal, localcontext

    exact = Decimal(value) if type(value) is int else Decimal(repr(float(value)))
    if not exact.is_finite():  # not a figure the reader accepts; say it as it is
        return repr(value)
    with localcontext() as ctx:
        ctx.prec = len(exact.as_tuple().digits) + 30  # room enough that nothing rounds
        for size, word in _SCALES:
            scaled = exact.scaleb(-size)
            if 1 <= abs(scaled) < 1000:
                # Words, as a newspaper writes them, with at most two decimals;
                # and only when the words are the number itself.
                if scaled == scaled.quantize(Decimal("0.01")):
                    text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
                    return f"{text} {word}"
                break
        if exact == exact.to_integral_value():
            return f"{int(exact):,}"
        return f"{exact:,f}"


def ordinal(value: int | float) -> str:
    n = int(value)
    if n != value:
        return number(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def figure(fig: Figure, kb: KnowledgeBase | None = None) -> str:
    """One figure as people write it: 'more than 100 companies', '$307 million',
    '30 trains a day', 'down 2.4%' (a change reads by its sign)."""
    value = abs(fig.value) if fig.change else fig.value
    if fig.change and value == 0:
        return "unchanged"
    if fig.unit == units.PERCENT:
        core = f"{number(value)}%"
    elif fig.unit == units.ORDINAL:
        core = ordinal(value)
    elif units.is_currency(fig.unit):
        symbol = units.SYMBOLS.get(fig.unit)
        core = f"{symbol}{number(value)}" if symbol else f"{fig.unit} {number(value)}"
    else:
        unit = kb.units_by_id.get(fig.unit) if kb is not None else None
        if unit is None:
            noun = fig.unit
        else:
            # "more than 1 company", "around 1 tonne": the number decides, not the qualifier.
            noun = unit.singular if value == 1 else unit.plural
        core = f"{number(value)} {noun}"
    words = QUALIFIER_WORDS[fig.qualifier]
    text = f"{words} {core}" if words else core
    if fig.per is not None:
        text += " " + PER_WORDS[fig.per]
    if fig.change:
        text = ("up " if fig.value > 0 else "down ") + text
    return text


_DATE_WORDS = {
    DateQualifier.ABOUT: "about",
    DateQualifier.BEFORE: "before",
    DateQualifier.AFTER: "after",
    DateQualifier.BY: "by",
    DateQualifier.SINCE: "since",
}


def date(d: DateRef) -> str:
    """'3 Nov 2025', '1–2 Jul 2025', 'Jan–Jun 2024', 'H1 2024', 'summer 2025',
    'about 2015, inferred', '2026–2030', 'before 2060', 'since 10 Nov 2023'.

    A date we cannot place shows the article's words: '"in recent years"'.
    """
    if d.start is None:
        return f"“{d.text}”"
    text = span(d.start, d.end, d.period)
    if d.qualifier is not None:
        text = f"{_DATE_WORDS[d.qualifier]} {text}"
    if d.inferred:
        text += ", inferred"
    return text


def date_in_words(d: DateRef) -> str:
    """A date as one line for a person, the article's words said once: "about 2015,
    inferred from “10 years ago”", "2026–2030 (the article has “2026-30”)",
    "before 2060", "“in recent years”; the article gives no date"."""
    shown = date(d)
    if d.start is None:
        return f"{shown}; the article gives no date"
    stated = f"“{d.text}”"
    if d.text.strip().casefold() == shown.removesuffix(", inferred").casefold():
        return shown
    if d.inferred:
        return f"{shown} from {stated}"
    return f"{shown} (the article has {stated})"


def span(start: str, end: str | None, period: Period | None = None) -> str:
    """A date or range written once, compactly: the year, or year and month,
    that both ends share is written after the second."""
    if period is not None:
        return _period(start, end or start, period)
    if end is None or end == start:
        return point(start)
    a, b = start.split("-"), end.split("-")
    if len(a) == len(b) == 3 and a[0] == b[0]:  # days of one year
        if a[1] == b[1]:
            return f"{int(a[2])}–{int(b[2])} {MONTHS[int(a[1]) - 1]} {a[0]}"
        return f"{int(a[2])} {MONTHS[int(a[1]) - 1]}–{int(b[2])} {MONTHS[int(b[1]) - 1]} {a[0]}"
    if len(a) == len(b) == 2 and a[0] == b[0]:  # months of one year
        return f"{MONTHS[int(a[1]) - 1]}–{MONTHS[int(b[1]) - 1]} {a[0]}"
    return f"{point(start)}–{point(end)}"


_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _period(start: str, end: str, period: Period) -> str:
    """'H1 2024', 'Q1–Q2 2024', 'summer 2025', 'winter 2024–25' (start and end are
    the first and last months the period spans)."""
    year, first = (int(x) for x in start.split("-")[:2])
    last_year, last = (int(x) for x in end.split("-")[:2])

    def name(month: int, ending: bool) -> str:
        if period is Period.HALF:
            return "H1" if month <= 6 else "H2"
        if period is Period.QUARTER:
            return f"Q{(month - 1) // 3 + 1}"
        # A season ends two months after it starts: the one ending in `month`.
        start_month = (month - 3) % 12 + 1 if ending else month
        return _SEASONS.get(start_month, "season")

    a, b = name(first, False), name(last, True)
    if period is Period.SEASON:
        first_year = year
        end_season_year = last_year - (1 if b == "winter" else 0)
        if first_year == end_season_year:
            if a == b:
                return f"{a} {year}" + (f"–{last_year % 100:02d}" if a == "winter" else "")
            return f"{a}–{b} {year}"
        return f"{a} {year}–{b} {end_season_year}"
    if year == last_year:
        return f"{a} {year}" if a == b else f"{a}–{b} {year}"
    return f"{a} {year}–{b} {last_year}"


def precision(d: DateRef) -> str | None:
    p: Precision | None = d.precision
    return p.value if p is not None else None


__all__ = ["paragraphs", "point"]  # how a citation is written: knowledge/citing.py


def citation(c: Citation, kb: KnowledgeBase) -> str:
    """'China Daily, Nov 2025, ¶4'."""
    src = kb.sources_by_id.get(c.source)
    if src is None:
        return f"{c.source}, {paragraphs(c)}"
    return f"{source_short(src)}, {paragraphs(c)}"


def source_short(src: Source) -> str:
    return f"{src.publisher}, {point(src.published)}"


def role(r: Role, kb: KnowledgeBase) -> str:
    """'Director, Institute for Social Policy Studies': the post, and where it is held."""
    of = kb.entities_by_id.get(r.of) if r.of else None
    return f"{r.title}, {of.name}" if of else r.title


def entity_with_roles(e: Entity, kb: KnowledgeBase) -> str:
    """'Madina Nurgaliyeva (Director, Institute for Social Policy Studies; ...)'."""
    roles = "; ".join(role(r, kb) for r in e.roles)
    return f"{e.name} ({roles})" if roles else e.name


def cited(c: Citation, kb: KnowledgeBase, one_source: bool) -> str:
    """Just '¶4' when every row shares one source (named once above); else in full."""
    return paragraphs(c) if one_source else citation(c, kb)


def citations(cs: Iterable[Citation], kb: KnowledgeBase) -> str:
    """Several citations merged per source: 'Test Wire, May 2024, ¶1, ¶4'."""
    return "; ".join(citation(c, kb) for c in by_source(cs))
