"""facts, tags and show: filtered listings, the tags to filter by, and one fact in full."""

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
    categories,
    complete_entity_ids,
    complete_fact_ids,
    complete_tags,
    emit,
    emit_object,
    examples,
    field_list,
    knowledge,
    output_format,
)
from sinokaz_cli.render import Format

# ─── facts and show ─────────────────────────────────────────────────────────


@app.command(
    epilog=examples(
        "sinokaz facts --category trade --entity nurgaliyeva",
        "sinokaz facts --tag car --format csv",
        "sinokaz facts --entity 'Madina Nurgaliyeva'",
    )
)
def facts(
    ctx: typer.Context,
    category: CategoriesOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            help="Only facts with this tag, singular or plural (repeatable).",
            autocompletion=complete_tags,
        ),
    ] = None,
    entity: Annotated[
        list[str] | None,
        typer.Option(
            "--entity",
            "-e",
            help="Only facts involving this entity: its id, name or an alias (repeatable).",
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
    (all of them). A tag matches in the singular or the plural (car finds cars); an entity
    by its id, name or alias. An unknown tag or entity exits 4 with a suggestion.
    """
    from sinokaz_cli.knowledge import lookup
    from sinokaz_cli.render.records import fact_listing

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    wanted = categories(kb, category)
    tags = lookup.tags(kb, tag or [])
    selected = kb.select(wanted, tags, lookup.entity_ids(kb, entity or []))  # streams
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


@app.command(epilog=examples("sinokaz tags", "sinokaz tags --category tourism --json"))
def tags(
    ctx: typer.Context,
    category: CategoriesOpt = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """Each tag, with how many facts carry it: what 'sinokaz facts --tag' filters by."""
    from sinokaz_cli.render.records import tag_listing

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    emit(tag_listing(kb.tag_counts(categories(kb, category))), chosen, fields, all_)


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
    words: Annotated[
        bool,
        typer.Option(
            "--text",
            help="Also print the cited paragraphs, word for word, from the article's text "
            "(the source's `file`, found beside its knowledge file).",
        ),
    ] = False,
) -> None:
    """One fact in full: statement, figures, date and how exact it is, speaker, entities,
    source.

    --json prints one object (not an array). An unknown id exits 4 and suggests near ids.
    --text prints with a table or JSON (as "source_text").
    """
    from sinokaz_cli.knowledge import lookup

    # The article's words read as text: in a pipe too, unless a format is asked for.
    chosen = (
        Format.TABLE if words and fmt is None and not json_ else output_format(fmt, json_, fields)
    )
    if words and chosen not in (Format.TABLE, Format.JSON):
        from sinokaz_cli.errors import UsageError

        raise UsageError("--text shows with --format table or json")
    kb = knowledge(ctx)
    f = lookup.fact(kb, fact_id)
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
    from sinokaz_cli.render.records import fact_listing

    listing = fact_listing(kb, [f])
    if cited is None:
        emit(listing, chosen, fields, single=True)
        return
    from sinokaz_cli.render import select

    body = select(listing, field_list(fields)).to_json(f)  # JSON: --text is table or json
    body["source_text"] = {
        "paragraphs": [{"paragraph": n, "text": t} for n, t in cited.paragraphs],
        "missing": cited.missing,
        "doubt": cited.doubt,
    }
    emit_object(body, chosen)
