"""The human views above a table: topic summaries, the event card, one fact in full."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sinokaz_cli.knowledge import attribution
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.query import EventSummary, HeadlineFigure, Pair, TopicSummary
from sinokaz_cli.knowledge.records import Fact, Voice
from sinokaz_cli.messages import counted
from sinokaz_cli.render import display
from sinokaz_cli.render.table import ID_WIDTH, PARAGRAPHS_WIDTH, new_grid, new_table, text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

HEADLINE_LIMIT = 6
SOURCE_LIMIT = 5  # sources named under a topic; `sinokaz sources` lists them all


def _line(*parts: tuple[str, str] | str) -> Text:
    from rich.text import Text

    out = Text()
    for part in parts:
        if isinstance(part, tuple):
            out.append_text(text(part[0], part[1]))
        else:
            out.append_text(text(part))
    return out


def _figures(
    figures: Sequence[HeadlineFigure], kb: KnowledgeBase, one_source: bool
) -> RenderableType:
    from rich.padding import Padding

    from sinokaz_cli.render.table import new_grid

    t = new_grid()
    t.stacks = True  # type: ignore[attr-defined]  # on a narrow terminal, about under figure
    t.add_column(no_wrap=True)
    t.add_column(ratio=1, overflow="fold")
    t.add_column(overflow="fold")
    for h in figures:
        cited = display.cited(h.fact.cited, kb, one_source)
        about = text(h.figure.about or h.fact.statement)  # what it counts, else the fact
        said = attribution.attributed(h.fact, kb)
        if said:
            about.append_text(text(f" {said}", "italic"))
        t.add_row(text(display.figure(h.figure, kb)), about, text(cited, "dim"))
    return Padding(t, (0, 0, 0, 2))


def topic(summary: TopicSummary, kb: KnowledgeBase, title: str) -> RenderableType:
    from rich.console import Group

    n = summary.total
    lines: list[RenderableType] = [
        _line((title, "bold"), f" — {counted(n, 'fact')}"),
    ]
    if summary.figures:
        lines.append(_line(("Headline figures", "bold")))
        lines.append(_figures(summary.figures[:HEADLINE_LIMIT], kb, len(summary.sources) <= 1))
        if summary.more_figures or len(summary.figures) > HEADLINE_LIMIT:
            lines.append(_line(("  … and more in the table below", "dim")))
    if summary.earliest and summary.latest:
        first, last = display.date(summary.earliest), display.date(summary.latest)
        period = first if first == last else f"{first} → {last}"
        lines.append(_line(("Period: ", "bold"), period))
    for src in summary.sources[:SOURCE_LIMIT]:
        lines.append(
            _line(
                ("Source: ", "bold"),
                f"{src.publisher}, {display.point(src.published)} — “{src.title}”",
            )
        )
    if len(summary.sources) > SOURCE_LIMIT:
        more = len(summary.sources) - SOURCE_LIMIT
        lines.append(_line((f"  … and {counted(more, 'more source')}: sinokaz sources", "dim")))
    return Group(*lines)


def pair_table(pairs: Sequence[Pair], kb: KnowledgeBase, ids: bool = False) -> Table:
    """China | Kazakhstan | shared theme | the paragraphs behind it; `ids` adds
    each pair's id in front (policy --pairs)."""
    from rich import box

    t = new_table(
        title=text("Policy alignment", "bold"),
        box=box.SIMPLE_HEAD,
        header_style="bold",
        expand=True,
        pad_edge=False,
    )
    if ids:
        t.add_column("ID", overflow="fold", max_width=ID_WIDTH)
    t.add_column("China", ratio=2, overflow="fold")
    t.add_column("Kazakhstan", ratio=2, overflow="fold")
    t.add_column("Shared theme", ratio=3, overflow="fold")
    t.add_column("Cited", overflow="fold", max_width=PARAGRAPHS_WIDTH)
    from sinokaz_cli.knowledge.citing import by_source

    one_source = len({f.cited.source for p in pairs for f in p.facts}) <= 1
    for p in pairs:
        # Cited as the facts tables cite: "¶1–3" from one source, else in full.
        merged = by_source(f.cited for f in p.facts)
        cited = "; ".join(display.cited(c, kb, one_source) for c in merged)
        t.add_row(
            *([text(p.alignment.id)] if ids else []),
            text(p.china.name),
            text(p.kazakhstan.name),
            text(p.alignment.theme),
            text(cited, "dim"),
        )
    return t


def grid() -> Table:
    t = new_grid((0, 2))
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    return t


def event(ev: EventSummary, kb: KnowledgeBase) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel

    e = ev.event
    t = grid()

    def row(label: str, value: str) -> None:
        t.add_row(text(label), text(value))

    if e.date:
        row("Date", display.date(e.date))
    if ev.place:
        row("Place", ev.place.name)
    for i, host in enumerate(ev.hosts):
        row("Cohosts" if i == 0 and len(ev.hosts) > 1 else ("Host" if i == 0 else ""), host.name)
    if e.theme:
        row("Theme", f"“{e.theme}”")
    # Each figure says what it counts ("around 150 participants"), with what it is about.
    for i, h in enumerate(ev.figures):
        row(
            "Figures" if i == 0 else "",
            display.figure(h.figure, kb) + (f" ({h.figure.about})" if h.figure.about else ""),
        )
    if e.citations:
        t.add_row(text("Cited", "dim"), text(display.citations(e.citations, kb), "dim"))
    # The name heads the box rather than sitting in its border: a border title
    # is cut to the terminal's width, and event names run long.
    return Panel(Group(text(e.name, "bold"), t), expand=False)


def fact_table(facts: Sequence[Fact], kb: KnowledgeBase, show_category: bool) -> Table:
    """Facts for reading: the statement, then its figures and date on a dim line."""
    from rich import box

    one_source = len({f.cited.source for f in facts}) <= 1
    t = new_table(box=box.SIMPLE_HEAD, header_style="bold", expand=True, pad_edge=False)
    t.add_column("ID", style="cyan", overflow="fold", max_width=ID_WIDTH)
    if show_category:
        t.add_column("Category", no_wrap=True)
    t.add_column("Fact", ratio=1, overflow="fold")
    t.add_column("Cited", overflow="fold", max_width=PARAGRAPHS_WIDTH)
    for f in facts:
        cell = text(f.statement)
        said = attribution.attributed(f, kb)
        if said:
            cell.append("\n")
            cell.append_text(text(said, "italic"))
        extra = [display.figure(fig, kb) for fig in f.figures]
        if f.date:
            extra.append(display.date(f.date))
        if extra:
            cell.append("\n")
            cell.append_text(text("▸ " + " · ".join(extra), "dim"))
        cited = display.cited(f.cited, kb, one_source)
        row = [text(f.id), cell, text(cited, "dim")]
        if show_category:
            row.insert(1, text(f.category))
        t.add_row(*row)
    return t


def fact_detail(f: Fact, kb: KnowledgeBase) -> RenderableType:
    t = grid()

    def row(label: str, value: str | None) -> None:
        if value:
            t.add_row(text(label), text(value))

    row("ID", f.id)
    row("Category", f.category)
    row("Statement", f.statement)
    if f.quote:
        who = kb.entities_by_id[f.speaker].name if f.speaker in kb.entities_by_id else "speaker"
        row("Quote", f"“{f.quote}” — {who}")
    for i, fig in enumerate(f.figures):
        label = "Figures" if i == 0 else ""
        about = f" ({fig.about})" if fig.about else ""
        t.add_row(text(label), text(display.figure(fig, kb) + about))
    if f.date:
        row("Date", display.date_in_words(f.date))
        row("", f.date.basis)  # how an inferred date was worked out
    said = attribution.said_by(f, kb)
    if f.how is Voice.PUBLICATION:
        row("Said by", f"{said.name} (the publication's own words)")
    else:
        sp = kb.entities_by_id.get(f.speaker) if f.speaker else None
        who = display.entity_with_roles(sp, kb) if sp else said.name
        row(
            "Said by",
            ("data: " if f.how is Voice.DATA else "")
            + who
            + (f", to {said.to_name}" if said.to_name else ""),
        )
    names = [kb.entities_by_id[e].name if e in kb.entities_by_id else e for e in f.entities]
    row("Entities", ", ".join(f"{n} ({e})" for n, e in zip(names, f.entities, strict=True)))
    row("Tags", ", ".join(f.tags))
    src = kb.sources_by_id.get(f.cited.source)
    if src:
        row("Source", f"{src.publisher}, “{src.title}”, {display.point(src.published)}")
    row("Locator", display.paragraphs(f.cited))
    row("Note", f.note)
    return t


def article_words(
    paragraphs: Sequence[tuple[int, str]], missing: str | None, doubt: str | None
) -> RenderableType:
    """The cited paragraphs under a fact (show --text), set apart and marked as the
    article's words; or the one line that says why they cannot be shown."""
    from rich.console import Group

    if missing:
        return text(f"Article text: not shown — {missing}.", "dim")
    words_of = new_grid((0, 2))
    words_of.add_column(no_wrap=True)
    words_of.add_column(overflow="fold")
    for n, words in paragraphs:
        words_of.add_row(text(f"  ¶{n}"), text(words, "italic"))
    parts: list[RenderableType] = [text("In the article's own words:", "bold"), words_of]
    if doubt:
        parts.append(text(f"Note: {doubt}.", "dim"))
    return Group(*parts)
