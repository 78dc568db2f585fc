"""facts and show: filtered listings and one fact in full."""

from __future__ import annotations

from typing import Annotated

import typer

from sinokaz_cli.commands.app import (
    AllOpt,
    CategoriesOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    app,
    complete_entity_ids,
    complete_fact_ids,
    emit,
    examples,
    knowledge,
    output_format,
)
from sinokaz_cli.render import Format

# ─── facts and show ─────────────────────────────────────────────────────────


@app.command(
    epilog=examples(
        "sinokaz facts --category trade --entity nurgaliyeva",
        "sinokaz facts --tag cars --format csv",
    )
)
def facts(
    ctx: typer.Context,
    category: CategoriesOpt = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Only facts with this tag (repeatable).")
    ] = None,
    entity: Annotated[
        list[str] | None,
        typer.Option(
            "--entity",
            "-e",
            help="Only facts involving this entity id (repeatable).",
            autocompletion=complete_entity_ids,
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """List facts, filtered by category, tag and entity.

    Several values of one filter widen the match (any of them); different filters narrow it
    (all of them). An unknown tag or entity id exits 4 with a suggestion.
    """
    from sinokaz_cli.knowledge import query
    from sinokaz_cli.render.records import fact_listing

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    query.check_known("tag", tag or [], query.all_tags(kb))
    query.check_known("entity", entity or [], kb.entities_by_id)
    selected = kb.select(category or [], tag or [], entity or [])  # streams
    if chosen is Format.TABLE:
        from sinokaz_cli.render import summary, table

        table.print_head(
            table.console(),
            selected,
            all_,
            lambda shown: summary.fact_table(shown, kb, show_category=True),
            "facts",
            "no facts match the filters",
        )
        return
    emit(fact_listing(kb, selected, title="Facts"), chosen, fields)


@app.command(
    epilog=examples(
        "sinokaz show dialogue-participants --json",
        "sinokaz show dialogue-second-meeting --fields id,date,citation",
    )
)
def show(
    ctx: typer.Context,
    fact_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A fact id, as listed by 'facts' (upper or lower case).",
            autocompletion=complete_fact_ids,
        ),
    ],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """One fact in full: statement, figures, date and how exact it is, speaker, entities,
    source.

    --json prints one object (not an array). An unknown id exits 4 and suggests near ids.
    """
    from sinokaz_cli.knowledge import query

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    f = query.fact(kb, fact_id)
    if chosen is Format.TABLE:
        from sinokaz_cli.render import summary, table

        table.console().print(summary.fact_detail(f, kb))
        return
    from sinokaz_cli.render.records import fact_listing

    emit(fact_listing(kb, [f]), chosen, fields, single=True)
