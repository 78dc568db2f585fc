"""Terminal views for discovery: search hits, one entity, the timeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sinokaz_cli.knowledge import attribution
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.knowledge.query import Coverage
from sinokaz_cli.knowledge.records import Basis, Citation, Entity, Fact
from sinokaz_cli.messages import counted
from sinokaz_cli.render import display
from sinokaz_cli.render.summary import fact_table
from sinokaz_cli.render.table import CITED_WIDTH, ID_WIDTH, new_grid, new_table, text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from sinokaz_cli.search.engine import Hit


def highlighted(statement: str, matched: Sequence[str]) -> Text:
    """The statement with its matched words in reverse video; data stays data."""
    from sinokaz_cli.safe import visible
    from sinokaz_cli.search.engine import matched_terms, spans

    out = text(statement)
    if visible(statement, keep_newlines=True) != statement:
        return out  # offsets would not line up with escaped text; skip highlighting
    for start, end in spans(statement, matched_terms(matched)):
        out.stylize("bold reverse", start, end)
    return out


def hits(found: Sequence[Hit], kb: KnowledgeBase) -> RenderableType:
    from rich import box

    # Each row is a block already (id above statement); where even the longest id
    # cannot have its width beside the citation, the citation goes above the block.
    t = new_table(
        stacks=True, box=box.SIMPLE_HEAD, header_style="bold", expand=True, pad_edge=False
    )
    one_source = len({h.fact.cited.source for h in found}) <= 1
    t.add_column("#", no_wrap=True, justify="right")
    t.add_column("Fact", ratio=1, overflow="fold")
    t.add_column("Cited", style="dim", overflow="fold", max_width=CITED_WIDTH)
    for rank, hit in enumerate(found, start=1):
        f = hit.fact
        cell = text(f"{f.id}", "cyan")
        cell.append_text(text(f"  {f.category}", "dim"))
        cell.append("\n")
        cell.append_text(highlighted(f.statement, hit.matched))
        said = attribution.attributed(f, kb)
        if said:
            cell.append("\n")
            cell.append_text(text(said, "italic"))
        cell.append("\n")
        cell.append_text(text(f"matched: {why_matched(hit)}", "dim"))
        t.add_row(text(str(rank)), cell, text(display.cited(f.cited, kb, one_source)))
    return t


def why_matched(hit: Hit) -> str:
    """Each word that matched and where: "car (statement, tag); automobiles
    (statement; synonym of cars); shakkaliyev (entity name; corrected from
    Shakaliyev)"."""
    said = []
    for m in hit.matches:
        w = m.word
        where = ", ".join(m.places)
        if w.via == "synonym":
            where += f"; synonym of {w.typed}"
        elif w.via == "correction":
            where += f"; corrected from {w.typed}"
        said.append(f"{w.word} ({where})")
    return "; ".join(said)


def entity(
    e: Entity, kb: KnowledgeBase, facts: Sequence[Fact], show_all: bool = False
) -> RenderableType:
    from rich.console import Group

    from sinokaz_cli.render.summary import grid
    from sinokaz_cli.render.table import head, more

    t = grid()

    def row(label: str, value: str | None) -> None:
        if value:
            t.add_row(text(label), text(value))

    by_id = kb.entities_by_id
    row("ID", e.id)
    row("Kind", e.kind.value)
    row("Name", e.name)
    row("Also", ", ".join(e.aliases))
    if e.description:
        general = e.description_basis is Basis.GENERAL
        row(
            "About",
            e.description + (" (general knowledge, not from the source)" if general else ""),
        )
    for i, r in enumerate(e.roles):
        row("Roles" if i == 0 else "", display.role(r, kb))
    if e.part_of:
        row("Part of", by_id[e.part_of].name if e.part_of in by_id else e.part_of)
    if e.date:
        row("Date", display.date(e.date))
    if e.place:
        row("Place", by_id[e.place].name if e.place in by_id else e.place)
    row("Hosts", "; ".join(by_id[h].name if h in by_id else h for h in e.hosts))
    row("Theme", f"“{e.theme}”" if e.theme else None)
    if e.citations:
        row("Cited", display.citations(e.citations, kb))
    parts: list[RenderableType] = [t]
    n = len(facts)
    parts.append(text(f"\n{counted(n, 'fact')} mention{'s' if n == 1 else ''} {e.name}", "bold"))
    shown, hidden = head(facts, show_all)
    if shown:
        parts.append(fact_table(shown, kb, show_category=True))
    if hidden:
        parts.append(more(hidden, "facts"))
    return Group(*parts)


def timeline(facts: Sequence[Fact], kb: KnowledgeBase) -> RenderableType:
    """Dated facts down a line, each year once, each date with its precision."""
    t = new_grid((0, 1))
    t.add_column(no_wrap=True, justify="right", style="bold")
    t.add_column(no_wrap=True)
    t.add_column(ratio=1, overflow="fold")
    t.add_column(style="dim", overflow="fold", max_width=CITED_WIDTH)
    one_source = len({f.cited.source for f in facts}) <= 1
    previous_year = None
    for f in facts:
        assert f.date is not None and f.date.start is not None
        year = f.date.start[:4]
        marker = "●" if year != previous_year else "│"
        label = year if year != previous_year else ""
        previous_year = year
        cell = text(display.date(f.date), "cyan")
        cell.append("  ")
        cell.append_text(text(f.statement))
        said = attribution.attributed(f, kb)
        if said:
            cell.append_text(text(f" {said}", "italic"))
        t.add_row(
            text(label), text(marker, "cyan"), cell, text(display.cited(f.cited, kb, one_source))
        )
    return t


def sources(items: Sequence[Coverage]) -> RenderableType:
    from rich import box

    t = new_table(box=box.SIMPLE_HEAD, header_style="bold", expand=True, pad_edge=False)
    t.add_column("ID", style="cyan", overflow="fold", max_width=ID_WIDTH)
    t.add_column("Source", ratio=1, overflow="fold")
    t.add_column("Facts", no_wrap=True, justify="right")
    t.add_column("¶ cited", no_wrap=True)
    for c in items:
        s = c.source
        cell = text(f"{s.publisher}, {display.point(s.published)}", "bold")
        cell.append("\n")
        cell.append_text(text(f"“{s.title}”"))
        if c.uncited:
            cell.append("\n")
            runs = display.paragraphs(Citation(c.source.id, tuple(c.uncited)))
            cell.append_text(text("not cited: " + runs, "red"))
        t.add_row(text(s.id), cell, text(f"{c.facts:,}"), text(f"{len(c.cited)}/{s.paragraphs}"))
    return t
