"""The brief on a terminal (Rich, one screen at 80 columns) and as Markdown, and
as rows for CSV and TSV: the same selection in each (knowledge/brief.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sinokaz_cli.knowledge import attribution
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.brief import Brief, Layout, TopicBrief, more_cited, source_line
from sinokaz_cli.knowledge.citing import short_citations
from sinokaz_cli.knowledge.query import EventSummary
from sinokaz_cli.knowledge.records import Category, Citation, Fact
from sinokaz_cli.messages import counted
from sinokaz_cli.render import display
from sinokaz_cli.render.markdown import inline as md
from sinokaz_cli.render.table import text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

TITLE = "China–Kazakhstan relations: brief"


Row = tuple[str, str, tuple[Citation, ...], int]  # label, value, citations, more sources


def _event_card(ev: EventSummary, kb: KnowledgeBase) -> tuple[str, list[Row]]:
    """The event's title line, and (label, value, citations) rows for its details.

    Details come from the event record, cited where it is cited; an event
    record without a citation borrows those of the facts that mention it.
    Figures cite the facts they come from, each figure named by what it counts.
    """
    e = ev.event
    bits = []
    if e.date:
        bits.append(display.date(e.date))
    if ev.place:
        bits.append(ev.place.name)
    title = e.name + (f" — {', '.join(bits)}" if bits else "")
    where, more = ev.cited, ev.more_sources
    rows: list[Row] = []
    if ev.hosts:
        label = "Cohosts" if len(ev.hosts) > 1 else "Host"
        rows.append((label, "; ".join(h.name for h in ev.hosts), where, more))
    if e.theme:
        rows.append(("Theme", f"“{e.theme}”", where, more))
    if ev.figures:
        figures = "; ".join(display.figure(h.figure, kb) for h in ev.figures)
        rows.append(("Figures", figures, tuple(h.fact.cited for h in ev.figures), 0))
    if not rows:
        title += f" ({display.citations(where, kb)}{more_cited(more)})"
    return title, rows


def _said(f: Fact, kb: KnowledgeBase) -> str:
    """' — Madina Nurgaliyeva' after an attributed text; '' for the paper's own."""
    said = attribution.attributed(f, kb)
    return f" {said}" if said else ""


def tally(topic: TopicBrief, b: Brief) -> tuple[str, str | None]:
    """('12 facts, 8 not shown', 'sinokaz trade'): how much of the topic the brief
    leaves out, and the command that shows it (None when nothing is left out)."""
    dialogue = topic.category == Category.DIALOGUE.value
    parts = [counted(topic.total, "fact")]
    if topic.figures and not topic.points and not (dialogue and b.events):
        parts.append(
            f"{topic.figures} in the headline figures" if topic.more else "in the headline figures"
        )
    if topic.more:
        parts.append(f"{topic.more:,} not shown")
    events_left = dialogue and b.events_total > len(b.events)
    if events_left:
        parts.append(f"{len(b.events)} of {counted(b.events_total, 'event')}")
    return ", ".join(parts), topic.command if topic.more or events_left else None


def heading(topic: TopicBrief, b: Brief) -> str:
    """'Trade — 12 facts, 8 not shown · sinokaz trade'."""
    told, command = tally(topic, b)
    return f"{topic.title} — {told}" + (f" · {command}" if command else "")


def terminal(b: Brief, kb: KnowledgeBase) -> RenderableType:
    """One screen at 80 columns. The columns have the widths knowledge.brief.Layout
    counted the brief's lines with, so that what it chose fits."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    one_source = b.sources_total <= 1
    cite_width = Layout.CITE_ONE if one_source else Layout.CITE_MANY

    def cite(*cs: Citation) -> str:
        # Its own column, dim: a citation never reads as part of the value before it.
        if one_source:
            return display.paragraphs(
                Citation(cs[0].source, tuple(p for c in cs for p in c.paragraphs))
            )
        return short_citations(cs, kb)

    def grid(first: int, padding: int) -> Table:
        from sinokaz_cli.render.layout import fit_table

        t = fit_table().grid(padding=(0, padding), expand=True)
        t.stacks = True  # type: ignore[attr-defined]  # below 60 columns: a block a row
        t.add_column(width=first, overflow="fold")
        t.add_column(ratio=1, overflow="fold")
        t.add_column(width=cite_width, style="dim", overflow="fold")
        return t

    parts: list[RenderableType] = [
        text(TITLE, "bold"),
        text(
            f"{counted(b.facts, 'fact')} from {counted(b.sources_total, 'source')}"
            "; ¶ = paragraph of the source",
            "dim",
        ),
    ]
    if b.figures:
        shown = (
            f" ({len(b.figures)} of {b.figures_total:,})"
            if b.figures_total > len(b.figures)
            else ""
        )
        parts.append(_Heading("Headline figures" + shown))
        t = grid(Layout.FIGURE, 2)
        for h in b.figures:
            about = text(h.figure.about or h.fact.statement)
            about.append_text(text(_said(h.fact, kb), "italic"))
            t.add_row(text(display.figure(h.figure, kb), "bold"), about, text(cite(h.fact.cited)))
        parts.append(t)
    for topic in b.topics:
        parts.append(_Heading(heading(topic, b)))
        if topic.category == Category.DIALOGUE.value:
            for ev in b.events:
                title, rows = _event_card(ev, kb)
                parts.append(text(title, "italic"))
                g = grid(Layout.LABEL, 2)
                for label, value, where, more in rows:
                    g.add_row(
                        text(f"  {label}:"), text(value), text(cite(*where) + more_cited(more))
                    )
                parts.append(g)
        # A bullet, the point, its citation; on a narrow terminal the citation follows
        # the point instead of taking a column of its own.
        t, narrow = grid(1, 1), Table.grid(padding=(0, 1))
        t.stacks = False  # type: ignore[attr-defined]
        narrow.add_column(width=1)
        narrow.add_column(overflow="fold")

        def add(mark: str, body: Text, where: str, t: Table = t, narrow: Table = narrow) -> None:
            t.add_row(text(mark), body, text(where))
            narrow.add_row(text(mark), Text.assemble(body, ("  " + where, "dim")))

        for f in topic.points:
            point = text(f.statement)
            point.append_text(text(_said(f, kb), "italic"))
            add("•", point, cite(f.cited))
        if topic.category == Category.POLICY.value:
            for p in b.pairs:
                pair = text(f"{p.china.name} ↔ {p.kazakhstan.name}", "bold")
                pair.append_text(text(f": {p.alignment.theme}"))
                add("⇄", pair, cite(*(f.cited for f in p.facts)))
            if b.pairs_total > len(b.pairs):
                more = b.pairs_total - len(b.pairs)
                add("", text(f"… and {more:,} more: sinokaz policy --pairs", "dim"), "")
        parts.append(_ByWidth(t, narrow))
    parts.append(_Heading("Sources"))
    for c in b.sources:
        parts.append(text(source_line(c)))
    if b.sources_total > len(b.sources):
        more = b.sources_total - len(b.sources)
        parts.append(text(f"… and {more:,} more: sinokaz sources", "dim"))
    return Group(*parts)


class _ByWidth:
    """`wide` where the terminal has STACK_BELOW columns or more, else `narrow`."""

    def __init__(self, wide: RenderableType, narrow: RenderableType) -> None:
        self.wide, self.narrow = wide, narrow

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from sinokaz_cli.render.layout import STACK_BELOW

        yield self.wide if options.max_width >= STACK_BELOW else self.narrow


class _Heading:
    """A section's heading: a rule with its title where the title fits on the line,
    else the title alone, wrapped (a rule would cut it short with "…")."""

    def __init__(self, title: str) -> None:
        self.title = title

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.rule import Rule

        if len(self.title) + 6 <= options.max_width:
            yield Rule(text(self.title, "bold"), align="left", style="dim")
            return
        # Too narrow: the command that shows the rest gets a line of its own rather
        # than being split after "sinokaz".
        title, dot, command = self.title.partition(" · ")
        yield text(title, "bold")
        if dot:
            yield text(f"· {command}", "dim")


def markdown(b: Brief, kb: KnowledgeBase) -> Iterator[str]:
    """A document to paste: every point carries its citation. Only what Markdown
    would read as markup is escaped (render/markdown.inline), so that the text
    pastes clean into a chat or an e-mail as well."""

    def cite(c: Citation) -> str:
        return f" ({md(display.citation(c, kb))})"

    def said(f: Fact) -> str:
        who = attribution.attributed(f, kb)
        return f" — *{md(who[2:])}*" if who else ""

    yield f"# {md(TITLE)}\n\n"
    n = b.sources_total
    yield (
        f"_{counted(b.facts, 'fact')} from {counted(n, 'source')}; "
        "each point cites its source and paragraph._\n"
    )
    if b.figures:
        yield "\n## Headline figures\n\n"
        for h in b.figures:
            about = f" — {md(h.figure.about or h.fact.statement)}"
            figure = md(display.figure(h.figure, kb))
            yield f"- **{figure}**{about}{said(h.fact)}{cite(h.fact.cited)}\n"
        if b.figures_total > len(b.figures):
            yield f"\n_{len(b.figures)} of {b.figures_total:,} facts with figures._\n"
    for topic in b.topics:
        yield f"\n## {md(topic.title)}\n\n"
        cards = b.events if topic.category == Category.DIALOGUE.value else ()
        for ev in cards:  # an event, its card's rows nested under it
            title, rows = _event_card(ev, kb)
            yield f"- **{md(title)}**\n"
            for label, value, where, more in rows:
                cited = display.citations(where, kb) + more_cited(more)
                yield f"  - {md(label)}: {md(value)} ({md(cited)})\n"
        for f in topic.points:
            yield f"- {md(f.statement)}{said(f)}{cite(f.cited)}\n"
        pairs = b.pairs if topic.category == Category.POLICY.value else ()
        if pairs:
            yield "\n| China | Kazakhstan | Shared theme | Source |\n|---|---|---|---|\n"
            for p in pairs:
                cites = display.citations((f.cited for f in p.facts), kb)
                cells = (p.china.name, p.kazakhstan.name, p.alignment.theme, cites)
                yield "| " + " | ".join(md(c, cell=True) for c in cells) + " |\n"
        told, command = tally(topic, b)
        if command:
            yield f"\n_{md(told)}; all of them: `{command}`._\n"
        elif not (cards or topic.points or pairs):
            yield f"_{md(told)}._\n"
        if pairs and b.pairs_total > len(pairs):
            extra = b.pairs_total - len(pairs)
            yield f"\n_… and {counted(extra, 'more pair')}: `sinokaz policy --pairs`._\n"
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
        yield f"\n_… and {counted(extra, 'more source')}: `sinokaz sources`._\n"


def rows(b: Brief, kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """The brief as (section, point, citation) rows, for csv, tsv and the like."""
    out: list[tuple[str, str, str]] = []
    for h in b.figures:
        about = f" — {h.figure.about or h.fact.statement}"
        point = display.figure(h.figure, kb) + about + _said(h.fact, kb)
        out.append(("Headline figures", point, display.citation(h.fact.cited, kb)))
    for topic in b.topics:
        if topic.category == Category.DIALOGUE.value:
            for ev in b.events:
                title, card = _event_card(ev, kb)
                for label, value, where, more in card:
                    cited = display.citations(where, kb) + more_cited(more)
                    out.append((topic.title, f"{title}: {label}: {value}", cited))
        for f in topic.points:
            out.append((topic.title, f.statement + _said(f, kb), display.citation(f.cited, kb)))
        if topic.category == Category.POLICY.value:
            for p in b.pairs:
                point = f"{p.china.name} ↔ {p.kazakhstan.name}: {p.alignment.theme}"
                out.append((topic.title, point, display.citations((f.cited for f in p.facts), kb)))
    for c in b.sources:
        s = c.source
        point = (
            f"{s.publisher}, “{s.title}”, {display.point(s.published)}: "
            f"{counted(c.facts, 'fact')}, {len(c.cited)} of {s.paragraphs} paragraphs cited"
        )
        out.append(("Sources", point, display.source_short(s)))  # cited as the rows above
    return out
