"""search, entities, entity, timeline, sources, brief: finding and summarising."""

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
    _complete,
    app,
    categories,
    complete_entity_ids,
    emit,
    emit_object,
    examples,
    field_list,
    given_format,
    knowledge,
    output_format,
)
from sinokaz_cli.knowledge.records import EntityKind
from sinokaz_cli.render import Format


@app.command(
    epilog=examples(
        'sinokaz search "who co-hosted the dialogue?"', "sinokaz search cars --limit 3 --json"
    )
)
def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="QUERY...", help="Words or a question.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many hits.")
    ] = 10,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """Search facts by relevance (BM25); questions in plain English work.

    Case, accents, punctuation, apostrophes and hyphens are ignored; plurals and simple word
    forms match; synonyms come from the knowledge files. A word that looks misspelt is
    searched as the word of the knowledge it is a slip for, and stderr says so; a real word
    that no fact mentions is never rewritten: stderr says no fact mentions it. Each hit says
    which words matched and where. Nothing found is an empty result (exit 0). A query with
    no words is a usage error (exit 2).
    """
    from sinokaz_cli.errors import UsageError
    from sinokaz_cli.messages import say
    from sinokaz_cli.render.records import hit_listing
    from sinokaz_cli.search import textnorm
    from sinokaz_cli.search.engine import Index

    query = " ".join(words)
    found = textnorm.tokens(query)
    if not found:  # only spaces and punctuation: nothing to look for
        raise UsageError(f"the query {query!r} has no words to search for")
    if all(textnorm.fold(t.text) in textnorm.STOPWORDS for t in found):
        # They are searched for as they are (see content_words): say so, since hits
        # on "who" or "is" alone may look like an answer and are not one.
        say(f"the query {query!r} has only common words; matching them as they are")
    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    result = Index(kb).search(query, limit)
    for typed, used in result.corrections.items():
        say(f"'{typed}' looks misspelt: searching for '{used}' instead")
    hint = ""
    if result.suggestions:
        hint = "; did you mean " + " or ".join(f"'{s}'" for s in result.suggestions) + "?"
    if result.unknown:
        say("no fact mentions " + " or ".join(f"'{w}'" for w in result.unknown) + hint)
    elif hint:
        say("no match" + hint)
    if chosen is Format.TABLE:
        from sinokaz_cli.render import discover, table

        if result.hits:
            table.console().print(discover.hits(result.hits, kb))
        elif not result.suggestions and not result.unknown:  # say so rather than print nothing
            say(f"no facts match {query!r}")
        return
    emit(hit_listing(kb, result.hits, query), chosen, fields)


@app.command(epilog=examples("sinokaz entities --kind person", "sinokaz entities --json"))
def entities(
    ctx: typer.Context,
    kind: Annotated[
        list[EntityKind] | None,
        typer.Option("--kind", "-k", help="Only this kind (repeatable).", case_sensitive=False),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """People, organisations, places, events, programmes and products, with their roles."""
    from sinokaz_cli.knowledge import query
    from sinokaz_cli.render.records import entity_listing

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    listing = entity_listing(kb, query.entities(kb, kind or []), query.mentions(kb))
    emit(listing, chosen, fields, all_)


@app.command(
    epilog=examples(
        "sinokaz entity nurgaliyeva --json | jq '.facts[].id'",
        "sinokaz entity 'import expo' | grep -i contract",
    )
)
def entity(
    ctx: typer.Context,
    entity_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An entity id, as listed by 'entities', or its name or an alias.",
            autocompletion=complete_entity_ids,
        ),
    ],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """One entity in full, and every fact that mentions it.

    --json prints one object: the entity's fields, and "facts" with the full fact objects.
    csv, tsv and markdown list those facts, one a row. --fields picks the facts' fields.
    An unknown entity exits 4 and suggests near ones; so does a name that several
    entities answer to, listing them.
    """
    from sinokaz_cli.knowledge import lookup, query

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    e = lookup.entity(kb, entity_id)
    about = query.facts_about(kb, e.id)
    if chosen is Format.TABLE:
        from sinokaz_cli.render import discover, table

        table.console().print(discover.entity(e, kb, about, all_))
        return
    from sinokaz_cli.render import select
    from sinokaz_cli.render.records import entity_json, fact_listing

    listing = fact_listing(kb, about, title=f"Facts that mention {e.name} ({e.id})")
    if chosen not in (Format.JSON, Format.JSONL):
        emit(listing, chosen, fields)
        return
    listing = select(listing, field_list(fields))
    body = entity_json(e, kb, [f.id for f in about])
    body["facts"] = [listing.to_json(f) for f in about]
    emit_object(body, chosen)


@app.command(epilog=examples("sinokaz timeline", "sinokaz timeline --category trade --json"))
def timeline(
    ctx: typer.Context,
    category: CategoriesOpt = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """Dated facts in order, each date with its precision; inferred dates are marked."""
    from sinokaz_cli.knowledge import query
    from sinokaz_cli.render.records import timeline_listing

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    dated = query.timeline(kb, categories(kb, category))
    if chosen is Format.TABLE:
        from sinokaz_cli.render import discover, table

        table.print_head(
            table.console(),
            dated,
            all_,
            lambda shown: discover.timeline(shown, kb),
            "dated facts",
        )
        return
    emit(timeline_listing(kb, dated), chosen, fields)


@app.command(epilog=examples("sinokaz sources --json | jq '.[] | {id, coverage}'"))
def sources(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """Each source with its fact count and which of its paragraphs are cited."""
    from sinokaz_cli.knowledge import query
    from sinokaz_cli.render.records import source_listing

    chosen = output_format(fmt, json_, fields)
    kb = knowledge(ctx)
    if chosen is Format.TABLE:
        from sinokaz_cli.render import discover, table

        table.print_head(table.console(), query.coverage(kb), all_, discover.sources, "sources")
        return
    emit(source_listing(query.coverage(kb)), chosen, fields)


@app.command(
    epilog=examples(
        "sinokaz brief",
        "sinokaz brief --topic trade",
        "sinokaz brief --format markdown > brief.md",
        "sinokaz brief --full --json",
    )
)
def brief(
    ctx: typer.Context,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            "-t",
            metavar="ID",
            help="Only this topic (repeatable): a category id, as facts and timeline take it.",
            autocompletion=lambda ctx, incomplete: _complete(ctx, incomplete, "category"),
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default on a terminal), markdown (default in a pipe), json, jsonl "
            "(one line), or csv/tsv (one row per point: section, point, citation).",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
    json_: JsonOpt = False,
    full: Annotated[
        bool,
        typer.Option("--full", help="Everything: every fact of each topic, every figure and pair."),
    ] = False,
) -> None:
    """A one-screen briefing: headline figures, key points per topic, the dialogue, the
    policy pairs and the sources, every point cited and news first.

    On a terminal of 80 columns it fits one screen; what is left out is counted, with the
    command that shows it. Markdown and JSON carry the same selection; --full shows all.
    """
    from sinokaz_cli.knowledge import brief as briefing

    chosen = given_format(fmt, json_)
    kb = knowledge(ctx)
    b = briefing.build(kb, categories(kb, topic, "--topic"), full=full)
    if chosen is None:
        chosen = Format.TABLE if sys.stdout.isatty() else Format.MARKDOWN
    if chosen is Format.TABLE:
        from sinokaz_cli.render import brief_view, table

        table.console().print(brief_view.terminal(b, kb))
    elif chosen is Format.MARKDOWN:
        from sinokaz_cli.render import brief_view

        for chunk in brief_view.markdown(b, kb):
            sys.stdout.write(chunk)
    elif chosen in (Format.JSON, Format.JSONL):
        from sinokaz_cli.render.brief_records import brief_json
        from sinokaz_cli.render.jsonout import dumps

        indent = 2 if chosen is Format.JSON else None
        sys.stdout.write(dumps(brief_json(b, kb), indent=indent) + "\n")
    else:  # csv, tsv: one row per point
        from sinokaz_cli.render.brief_records import brief_listing

        emit(brief_listing(b, kb), chosen, None)
