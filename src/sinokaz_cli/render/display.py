"""How figures, dates and citations read when people write them.

"more than 100 companies", "$307 million", "23%", "about 2015, inferred".
Every renderer that shows text to a person uses these, so the qualifier the
article gave can never be dropped by one format and kept by another.
"""

from __future__ import annotations

from collections.abc import Iterable

from sinokaz_cli.knowledge import units
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.records import (
    Citation,
    DateQualifier,
    DateRef,
    Entity,
    Figure,
    Precision,
    Qualifier,
    Source,
)
from sinokaz_cli.messages import counted

QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.AROUND: "around",
    Qualifier.LESS_THAN: "less than",
    Qualifier.AT_MOST: "at most",
    Qualifier.UP_TO: "up to",
}

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

_SCALES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))


def number(value: int | float) -> str:
    """A number as people write it: 307 million, 1.5 billion, 12,345, 2.5."""
    magnitude = abs(value)
    for size, word in _SCALES:
        if magnitude >= size:
            scaled = value / size
            text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def ordinal(value: int | float) -> str:
    n = int(value)
    if n != value:
        return number(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def figure(fig: Figure, kb: KnowledgeBase | None = None) -> str:
    """One figure with its qualifier and unit, e.g. 'more than 100 companies'."""
    if fig.unit == units.PERCENT:
        core = f"{number(fig.value)}%"
    elif fig.unit == units.ORDINAL:
        core = ordinal(fig.value)
    elif units.is_currency(fig.unit):
        symbol = units.SYMBOLS.get(fig.unit)
        core = f"{symbol}{number(fig.value)}" if symbol else f"{fig.unit} {number(fig.value)}"
    else:
        unit = kb.units_by_id.get(fig.unit) if kb is not None else None
        if unit is None:
            noun = fig.unit
        else:
            noun = (
                unit.singular
                if fig.value == 1 and fig.qualifier is Qualifier.EXACT
                else unit.plural
            )
        core = f"{number(fig.value)} {noun}"
    words = QUALIFIER_WORDS[fig.qualifier]
    return f"{words} {core}" if words else core


def point(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


_DATE_WORDS = {
    DateQualifier.ABOUT: "about",
    DateQualifier.BEFORE: "before",
    DateQualifier.AFTER: "after",
    DateQualifier.BY: "by",
}


def date(d: DateRef) -> str:
    """'3 Nov 2025', 'Nov 2025', 'about 2015, inferred', '2026–2030', 'before 2060'.

    A date we cannot place shows the article's words: '"in recent years"'.
    """
    if d.start is None:
        return f"“{d.text}”"
    text = point(d.start)
    if d.end is not None and d.end != d.start:
        text += f"–{point(d.end)}"
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


def precision(d: DateRef) -> str | None:
    p: Precision | None = d.precision
    return p.value if p is not None else None


def paragraphs(c: Citation) -> str:
    """'¶4', '¶1–2' or '¶7, ¶13': runs of consecutive paragraphs joined."""
    runs: list[list[int]] = []
    for p in sorted(set(c.paragraphs)):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(f"¶{r[0]}" if len(r) == 1 else f"¶{r[0]}–{r[-1]}" for r in runs)


def citation(c: Citation, kb: KnowledgeBase) -> str:
    """'China Daily, Nov 2025, ¶4'."""
    src = kb.sources_by_id.get(c.source)
    if src is None:
        return f"{c.source}, {paragraphs(c)}"
    return f"{source_short(src)}, {paragraphs(c)}"


def source_short(src: Source) -> str:
    return f"{src.publisher}, {point(src.published)}"


def entity_with_roles(e: Entity, kb: KnowledgeBase) -> str:
    """'Madina Nurgaliyeva (Director, Institute for Social Policy Studies; ...)'."""
    roles = []
    for r in e.roles:
        of = kb.entities_by_id.get(r.of) if r.of else None
        roles.append(f"{r.title}, {of.name}" if of else r.title)
    return f"{e.name} ({'; '.join(roles)})" if roles else e.name


def cited(c: Citation, kb: KnowledgeBase, one_source: bool) -> str:
    """Just '¶4' when every row shares one source (named once above); else in full."""
    return paragraphs(c) if one_source else citation(c, kb)


def citations(cs: Iterable[Citation], kb: KnowledgeBase, limit: int | None = None) -> str:
    """Several citations merged per source: 'Test Wire, May 2024, ¶1, ¶4'. With a
    `limit`, the first `limit` sources, then how many more there are."""
    merged: dict[str, set[int]] = {}
    for c in cs:
        merged.setdefault(c.source, set()).update(c.paragraphs)
    shown = list(merged.items())[:limit] if limit is not None else list(merged.items())
    out = "; ".join(citation(Citation(s, tuple(sorted(ps))), kb) for s, ps in shown)
    more = len(merged) - len(shown)
    return out + (f"; and {counted(more, 'more source')}" if more else "")
