"""facts and show: filtered listings and one fact in full."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from sinokaz_cli.commands.app import (
    AllOpt,
    CategoriesOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    app,
    categories,
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

    kb = knowledge(ctx)
    query.check_known("tag", tag or [], query.all_tags(kb))
    query.check_known("entity", entity or [], kb.entities_by_id)
    selected = kb.select(categories(kb, category), tag or [], entity or [])  # streams
    chosen = output_format(fmt, json_)
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


@app.command(epilog=examples("sinokaz show dialogue-participants --json"))
def show(
    ctx: typer.Context,
    fact_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A fact id, as listed by 'facts'.",
            autocompletion=complete_fact_ids,
        ),
    ],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    words: Annotated[
        bool,
        typer.Option(
            "--text",
            help="Also print the cited paragraphs, word for word, from the article's text "
            "(the source's `file`, found beside its knowledge file).",
        ),
    ] = False,
) -> None:
    """One fact in full: statement, figures, date and its precision, speaker, entities, source.

    --json prints one object (not an array). An unknown id exits 4 and suggests near ids.
    """
    from sinokaz_cli.knowledge import query

    kb = knowledge(ctx)
    f = query.fact(kb, fact_id)
    # The article's words read as text: in a pipe too, unless a format is asked for.
    chosen = Format.TABLE if words and fmt is None and not json_ else output_format(fmt, json_)
    if words and chosen not in (Format.TABLE, Format.JSON):
        raise typer.BadParameter("--text shows with --format table or json", param_hint="'--text'")
    cited = None
    if words:
        from sinokaz_cli.reading.article import cited_text

        cited = cited_text(kb, f.cited)
    if chosen is Format.TABLE:
        from sinokaz_cli.render import summary, table

        out = table.console()
        out.print(summary.fact_detail(f, kb))
        if cited is not None:
            out.print(summary.article_words(*cited))
        return
    from sinokaz_cli.render.jsonout import dumps
    from sinokaz_cli.render.records import fact_json, fact_listing

    if chosen is Format.JSON:
        body = fact_json(f, kb)
        if cited is not None:
            body["source_text"] = {
                "paragraphs": [{"paragraph": n, "text": t} for n, t in cited.paragraphs],
                "missing": cited.missing,
                "doubt": cited.doubt,
            }
        sys.stdout.write(dumps(body, indent=2) + "\n")
    else:
        emit(fact_listing(kb, [f]), chosen, None)
