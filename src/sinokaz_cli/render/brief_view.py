"""The brief on a terminal (Rich, one screen at 80 columns) and as Markdown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.brief import Brief
from sinokaz_cli.knowledge.query import EventSummary
from sinokaz_cli.knowledge.records import Citation
from sinokaz_cli.messages import counted
from sinokaz_cli.render import display
from sinokaz_cli.render.markdown import cell as md
from sinokaz_cli.render.table import CITED_WIDTH, ID_WIDTH, new_grid, text

if TYPE_CHECKING:
    from rich.console import RenderableType

TITLE = "China–Kazakhstan relations: brief"


# Sources an event card cites before it counts the rest: as articles about one
# event pile up, a card citing them all would no longer fit on a screen.
CARD_SOURCES = 3


def _event_card(ev: EventSummary, kb: KnowledgeBase) -> tuple[str, list[tuple[str, str, str]]]:
    """The event's title line, and (label, value, citation) rows for its details.

    Details come from the event record, cited where it is cited; an event
    record without a citation borrows those of the facts that mention it.
    Figures cite the facts they come from.
    """
    e = ev.event
    bits = []
    if e.date:
        bits.append(display.date(e.date))
    if ev.place:
        bits.append(ev.place.name)
    title = e.name + (f" — {', '.join(bits)}" if bits else "")
    if e.cited:
        where = display.citation(e.cited, kb)
    else:
        facts = kb.about(e.id)
        where = display.citations((f.cited for f in facts), kb, CARD_SOURCES)
    rows: list[tuple[str, str, str]] = []
    if ev.hosts:
        label = "Cohosts" if len(ev.hosts) > 1 else "Host"
        rows.append((label, "; ".join(h.name for h in ev.hosts), where))
    if e.theme:
        rows.append(("Theme", f"“{e.theme}”", where))
    if ev.figures:
        figures = "; ".join(display.figure(h.figure, kb) for h in ev.figures)
        cited = display.citations((h.fact.cited for h in ev.figures), kb, CARD_SOURCES)
        rows.append(("Figures", figures, cited))
    return title + ("" if rows else f" ({where})"), rows


def terminal(b: Brief, kb: KnowledgeBase) -> RenderableType:
    from rich.console import Group
    from rich.rule import Rule

    one_source = b.sources_total <= 1
    parts: list[RenderableType] = [
        text(TITLE, "bold"),
        text(
            f"{counted(b.facts, 'fact')} from {counted(b.sources_total, 'source')}"
            "; ¶ = paragraph of the source",
            "dim",
        ),
    ]
    if b.figures:
        parts.append(Rule(text("Headline figures", "bold"), align="left", style="dim"))
        t = new_grid((0, 2))
        t.add_column(style="bold", overflow="fold", max_width=ID_WIDTH)
        t.add_column(ratio=1, overflow="fold")
        t.add_column(style="dim", overflow="fold", max_width=CITED_WIDTH)
        for h in b.figures:
            t.add_row(
                text(display.figure(h.figure, kb)),
                text(h.figure.about or h.fact.statement),
                text(display.cited(h.fact.cited, kb, one_source)),
            )
        parts.append(t)
    for topic in b.topics:
        parts.append(
            Rule(text(f"{topic.title} ({topic.total:,})", "bold"), align="left", style="dim")
        )
        if topic.category.value == "dialogue":
            for ev in b.events:
                title, rows = _event_card(ev, kb)
                parts.append(text(title, "italic"))
                g = new_grid((0, 1))
                g.add_column(no_wrap=True)
                g.add_column(ratio=1, overflow="fold")
                # Several sources' citations wrap rather than squeeze the labels out.
                g.add_column(
                    style="dim", overflow="fold", max_width=None if one_source else CITED_WIDTH
                )
                for label, value, where in rows:
                    short = where if not one_source else where.rsplit(", ", 1)[-1]
                    g.add_row(text(f"  {label}:"), text(value), text(short))
                parts.append(g)
        t = new_grid((0, 1))
        t.add_column(no_wrap=True)
        t.add_column(ratio=1, overflow="fold")
        t.add_column(style="dim", overflow="fold", max_width=CITED_WIDTH)
        for f in topic.points:
            t.add_row(text("•"), text(f.statement), text(display.cited(f.cited, kb, one_source)))
        if topic.category.value == "policy":
            for p in b.pairs:
                cites = sorted({display.cited(f.cited, kb, one_source) for f in p.facts})
                pair = text(f"{p.china.name} ↔ {p.kazakhstan.name}", "bold")
                pair.append_text(text(f": {p.alignment.theme}"))
                t.add_row(text("⇄"), pair, text("; ".join(cites)))
            if b.pairs_total > len(b.pairs):
                more = b.pairs_total - len(b.pairs)
                t.add_row(
                    text(""), text(f"… and {more:,} more: sinokaz policy --pairs", "dim"), text("")
                )
        parts.append(t)
    parts.append(Rule(text("Sources", "bold"), align="left", style="dim"))
    for c in b.sources:
        s = c.source
        parts.append(
            text(
                f"{s.publisher}, {display.point(s.published)}: “{s.title}” — "
                f"{counted(c.facts, 'fact')}, {len(c.cited)}/{s.paragraphs} paragraphs cited"
            )
        )
    if b.sources_total > len(b.sources):
        more = b.sources_total - len(b.sources)
        parts.append(text(f"… and {more:,} more: sinokaz sources", "dim"))
    return Group(*parts)


def markdown(b: Brief, kb: KnowledgeBase) -> Iterator[str]:
    """A document to paste: every point carries its citation."""

    def cite(c: Citation) -> str:
        return f" ({md(display.citation(c, kb))})"

    yield f"# {md(TITLE)}\n\n"
    n = b.sources_total
    yield (
        f"_{counted(b.facts, 'fact')} from {counted(n, 'source')}; "
        "each point cites its source and paragraph._\n"
    )
    if b.figures:
        yield "\n## Headline figures\n\n"
        for h in b.figures:
            about = f" — {md(h.figure.about)}" if h.figure.about else ""
            yield f"- **{md(display.figure(h.figure, kb))}**{about}{cite(h.fact.cited)}\n"
    for topic in b.topics:
        yield f"\n## {md(topic.title)}\n\n"
        if topic.category.value == "dialogue":
            for ev in b.events:
                title, rows = _event_card(ev, kb)
                yield f"**{md(title)}**\n\n"
                for label, value, where in rows:
                    yield f"- {md(label)}: {md(value)} ({md(where)})\n"
                yield "\n"
        for f in topic.points:
            yield f"- {md(f.statement)}{cite(f.cited)}\n"
        if topic.total > len(topic.points):
            more = f"sinokaz facts --category {topic.category.value}"
            yield f"\n_{counted(topic.total, 'fact')} in all: `{more}`._\n"
        if topic.category.value == "policy" and b.pairs:
            yield "\n| China | Kazakhstan | Shared theme | Source |\n|---|---|---|---|\n"
            for p in b.pairs:
                cites = display.citations((f.cited for f in p.facts), kb)
                yield (
                    f"| {md(p.china.name)} | {md(p.kazakhstan.name)} | "
                    f"{md(p.alignment.theme)} | {md(cites)} |\n"
                )
            if b.pairs_total > len(b.pairs):
                extra = b.pairs_total - len(b.pairs)
                yield f"\n_… and {extra} more pairs: `sinokaz policy --pairs`._\n"
    yield "\n## Sources\n\n"
    for c in b.sources:
        s = c.source
        contact = f", contact {md(s.contact)}" if s.contact else ""
        yield (
            f"- {md(s.publisher)}, “{md(s.title)}”, {display.point(s.published)}{contact}: "
            f"{counted(c.facts, 'fact')}, {len(c.cited)} of {s.paragraphs} paragraphs cited\n"
        )
    if b.sources_total > len(b.sources):
        extra = b.sources_total - len(b.sources)
        yield f"\n_… and {extra:,} more sources: `sinokaz sources`._\n"


def rows(b: Brief, kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """The brief as (section, point, citation) rows, for csv, tsv and the like."""
    out: list[tuple[str, str, str]] = []
    for h in b.figures:
        about = f" — {h.figure.about}" if h.figure.about else ""
        point = display.figure(h.figure, kb) + about
        out.append(("Headline figures", point, display.citation(h.fact.cited, kb)))
    for topic in b.topics:
        if topic.category.value == "dialogue":
            for ev in b.events:
                title, card = _event_card(ev, kb)
                for label, value, where in card:
                    out.append((topic.title, f"{title}: {label}: {value}", where))
        for f in topic.points:
            out.append((topic.title, f.statement, display.citation(f.cited, kb)))
        if topic.category.value == "policy":
            for p in b.pairs:
                point = f"{p.china.name} ↔ {p.kazakhstan.name}: {p.alignment.theme}"
                out.append((topic.title, point, display.citations((f.cited for f in p.facts), kb)))
    for c in b.sources:
        s = c.source
        point = (
            f"{s.publisher}, “{s.title}”, {display.point(s.published)}: "
            f"{counted(c.facts, 'fact')}, {len(c.cited)} of {s.paragraphs} paragraphs cited"
        )
        out.append(("Sources", point, s.id))
    return out
