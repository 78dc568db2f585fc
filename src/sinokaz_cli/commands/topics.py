"""trade, tourism, dialogue, policy: one topic's facts, summarised for people."""

from __future__ import annotations

from typing import Annotated

import typer

from sinokaz_cli.commands.app import (
    AllOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    app,
    emit,
    examples,
    knowledge,
    output_format,
)
from sinokaz_cli.knowledge.records import Category
from sinokaz_cli.render import Format

# ─── topic commands ─────────────────────────────────────────────────────────


def _topic(
    ctx: typer.Context,
    category: str,
    fmt: Format | None,
    json_flag: bool,
    fields: str | None,
    show_all: bool,
) -> None:
    from sinokaz_cli.render.records import fact_listing

    chosen = output_format(fmt, json_flag, fields)
    kb = knowledge(ctx)
    if chosen is not Format.TABLE:
        # Stream: each fact is read, rendered and written before the next is read.
        listing = fact_listing(kb, kb.select([category]), kb.title(category), category=False)
        emit(listing, chosen, fields)
        return
    from sinokaz_cli.knowledge import query
    from sinokaz_cli.render import summary, table

    con = table.console()
    events = query.events(kb) if category == Category.DIALOGUE.value else []
    events = [ev for ev in events if query.has_details(ev)]  # a bare name is no card
    for ev in events:
        con.print(summary.event(ev, kb))
    # Each thing once: the figures an event's card shows lead no summary below it.
    on_cards = {h.fact.id for ev in events for h in ev.figures}
    summ = query.summarise(kb, category, summary.HEADLINE_LIMIT, on_cards)
    con.print(summary.topic(summ, kb, kb.title(category)))
    if category == Category.POLICY.value and kb.alignments:
        con.print()
        table.print_head(
            con, query.pairs(kb), show_all, lambda p: summary.pair_table(p, kb), "policy pairs"
        )
    table.print_head(
        con,
        kb.select([category]),
        show_all,
        lambda shown: summary.fact_table(shown, kb, show_category=False),
        "facts",
        empty="",  # the summary above has said "0 facts"
    )


@app.command(epilog=examples("sinokaz trade --json | jq '.[] | {id, figures}'"))
def trade(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """Trade: the import expo, contracts, supply deals, cars and other goods."""
    _topic(ctx, Category.TRADE.value, fmt, json_, fields, all_)


@app.command(epilog=examples("sinokaz tourism --format markdown"))
def tourism(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """Tourism: visa-free travel, the charter train, people-to-people ties."""
    _topic(ctx, Category.TOURISM.value, fmt, json_, fields, all_)


@app.command(epilog=examples("sinokaz dialogue --format table"))
def dialogue(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """The party dialogue: the meeting (date, city, hosts, theme, attendance), then its facts."""
    _topic(ctx, Category.DIALOGUE.value, fmt, json_, fields, all_)


@app.command(epilog=examples("sinokaz policy", "sinokaz policy --pairs --json"))
def policy(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    pairs: Annotated[
        bool, typer.Option("--pairs", help="List the China | Kazakhstan alignment pairs only.")
    ] = False,
    all_: AllOpt = False,
) -> None:
    """Policy alignment: Chinese and Kazakh policies side by side, and the facts behind them."""
    if not pairs:
        _topic(ctx, Category.POLICY.value, fmt, json_, fields, all_)
        return
    from sinokaz_cli.knowledge import query
    from sinokaz_cli.render.records import pair_listing

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    if chosen is Format.TABLE:
        # The topic's own pairs table, with ids: the generic one gave the listing's
        # fact-id column its full width and cut the theme off at 80 columns.
        from sinokaz_cli.render import summary, table

        table.print_head(
            table.console(),
            query.pairs(kb),
            all_,
            lambda shown: summary.pair_table(shown, kb, ids=True),
            "policy pairs",
        )
        return
    emit(pair_listing(kb, query.pairs(kb)), chosen, fields, all_)
