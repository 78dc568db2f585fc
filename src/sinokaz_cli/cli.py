"""The Typer app: each command parses, calls the core, renders. Nothing else."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from sinokaz_cli import __version__
from sinokaz_cli.boundary import SinokazGroup, report_knowledge_error
from sinokaz_cli.errors import ExitCode, KnowledgeError
from sinokaz_cli.model import Category, KnowledgeBase
from sinokaz_cli.render import Format

EXIT_CODES = """\
Exit codes: 0 success (an empty result too) · 1 internal error · 2 usage error ·
3 knowledge-file problem · 4 not found · 130 interrupted."""

app = typer.Typer(
    cls=SinokazGroup,
    name="sinokaz",
    help=(
        "Sourced facts about China–Kazakhstan relations: trade, tourism, the party "
        "dialogue and policy alignment.\n\n"
        "Examples:\n\n"
        "  sinokaz trade\n\n"
        "  sinokaz trade --json | jq '.[].figures'\n\n"
        "  sinokaz show ciie-kazakh-companies\n\n" + EXIT_CODES
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ─── global options ─────────────────────────────────────────────────────────


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"sinokaz {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Knowledge file, or folder of *.toml files. Default: $SINOKAZ_DATA, "
            "else the bundled data/facts.toml.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = {"data": data}


def _kb(ctx: typer.Context) -> KnowledgeBase:
    from sinokaz_cli.load import load

    root = ctx.find_root()
    return load((root.obj or {}).get("data"))


# ─── shared output options ──────────────────────────────────────────────────

FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, tsv in a pipe.",
        show_default=False,
        case_sensitive=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        help="Only these fields, in this order (json, jsonl, csv, tsv, markdown).",
    ),
]


def _format(fmt: Format | None, json_flag: bool) -> Format:
    from sinokaz_cli.render import pick

    return pick(fmt, json_flag, sys.stdout.isatty())


def _fields(fields: str | None) -> list[str] | None:
    if fields is None:
        return None
    return [f.strip() for f in fields.split(",") if f.strip()]


def _emit(listing: Any, fmt: Format, fields: str | None) -> None:
    from sinokaz_cli.render import select, write

    if fmt is not Format.TABLE:
        listing = select(listing, _fields(fields))
    write(listing, fmt, sys.stdout)


# ─── topic commands ─────────────────────────────────────────────────────────

TOPIC_TITLES = {
    Category.TRADE: "Trade",
    Category.TOURISM: "Tourism",
    Category.DIALOGUE: "Party dialogue",
    Category.POLICY: "Policy alignment",
}


def _topic(
    ctx: typer.Context, category: Category, fmt: Format | None, json_flag: bool, fields: str | None
) -> None:
    from sinokaz_cli import query
    from sinokaz_cli.render.records import fact_listing

    kb = _kb(ctx)
    selected = query.facts(kb, [category])
    chosen = _format(fmt, json_flag)
    listing = fact_listing(kb, selected, category=False)
    if chosen is not Format.TABLE:
        _emit(listing, chosen, fields)
        return

    from sinokaz_cli.render import summary, table

    con = table.console()
    summ = query.summarise(kb, selected, category)
    if category is Category.DIALOGUE:
        for ev in query.events(kb, selected):
            con.print(summary.event(ev, kb))
    con.print(summary.topic(summ, kb, TOPIC_TITLES[category]))
    if category is Category.POLICY and kb.alignments:
        con.print()
        con.print(summary.pair_table(query.pairs(kb), kb))
    if selected:
        con.print(summary.fact_table(selected, kb, show_category=False))


@app.command(epilog="Example: sinokaz trade --json | jq '.[] | {id, figures}'")
def trade(
    ctx: typer.Context, fmt: FormatOpt = None, json_: JsonOpt = False, fields: FieldsOpt = None
) -> None:
    """Trade: the import expo, contracts, supply deals, cars and other goods."""
    _topic(ctx, Category.TRADE, fmt, json_, fields)


@app.command(epilog="Example: sinokaz tourism --format markdown")
def tourism(
    ctx: typer.Context, fmt: FormatOpt = None, json_: JsonOpt = False, fields: FieldsOpt = None
) -> None:
    """Tourism: visa-free travel, the charter train, people-to-people ties."""
    _topic(ctx, Category.TOURISM, fmt, json_, fields)


@app.command(epilog="Example: sinokaz dialogue --format table")
def dialogue(
    ctx: typer.Context, fmt: FormatOpt = None, json_: JsonOpt = False, fields: FieldsOpt = None
) -> None:
    """The party dialogue: the meeting (date, city, hosts, theme, attendance) and its delegates."""
    _topic(ctx, Category.DIALOGUE, fmt, json_, fields)


@app.command(epilog="Examples: sinokaz policy    sinokaz policy --pairs --json")
def policy(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    pairs: Annotated[
        bool, typer.Option("--pairs", help="List the China | Kazakhstan alignment pairs only.")
    ] = False,
) -> None:
    """Policy alignment: Chinese and Kazakh policies side by side, and the facts behind them."""
    if not pairs:
        _topic(ctx, Category.POLICY, fmt, json_, fields)
        return
    from sinokaz_cli import query
    from sinokaz_cli.render.records import pair_listing

    kb = _kb(ctx)
    _emit(pair_listing(kb, query.pairs(kb)), _format(fmt, json_), fields)


# ─── facts and show ─────────────────────────────────────────────────────────


@app.command(
    epilog="Examples: sinokaz facts --category trade --entity nurgaliyeva    "
    "sinokaz facts --tag cars --format csv"
)
def facts(
    ctx: typer.Context,
    category: Annotated[
        list[Category] | None,
        typer.Option(
            "--category", "-c", help="Only this category (repeatable).", case_sensitive=False
        ),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Only facts with this tag (repeatable).")
    ] = None,
    entity: Annotated[
        list[str] | None,
        typer.Option("--entity", "-e", help="Only facts involving this entity id (repeatable)."),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
) -> None:
    """List facts, filtered by category, tag and entity.

    Several values of one filter widen the match (any of them); different filters narrow it
    (all of them). An unknown tag or entity id exits 4 with a suggestion.
    """
    from sinokaz_cli import query
    from sinokaz_cli.render.records import fact_listing

    kb = _kb(ctx)
    query.check_known("tag", tag or [], query.all_tags(kb))
    query.check_known("entity", entity or [], kb.entities_by_id)
    selected = query.facts(kb, category or [], tag or [], entity or [])
    chosen = _format(fmt, json_)
    if chosen is Format.TABLE:
        from sinokaz_cli.render import summary, table

        table.console().print(summary.fact_table(selected, kb, show_category=True))
        return
    _emit(fact_listing(kb, selected, title="Facts"), chosen, fields)


@app.command(epilog="Example: sinokaz show dialogue-participants --json")
def show(
    ctx: typer.Context,
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="A fact id, as listed by 'facts'.")],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
) -> None:
    """One fact in full: statement, figures, date and its precision, speaker, entities, source.

    --json prints one object (not an array). An unknown id exits 4 and suggests near ids.
    """
    from sinokaz_cli import query

    kb = _kb(ctx)
    f = query.fact(kb, fact_id)
    chosen = _format(fmt, json_)
    if chosen is Format.TABLE:
        from sinokaz_cli.render import summary, table

        table.console().print(summary.fact_detail(f, kb))
        return
    from sinokaz_cli.render.jsonout import dumps
    from sinokaz_cli.render.records import fact_json, fact_listing

    if chosen is Format.JSON:
        sys.stdout.write(dumps(fact_json(f, kb), indent=2) + "\n")
    else:
        _emit(fact_listing(kb, [f]), chosen, None)


# ─── check and schema ───────────────────────────────────────────────────────


@app.command(epilog="Examples: sinokaz check    sinokaz check ~/my-articles/")
def check(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(help="File or folder to check. Default: the knowledge in use."),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Validate knowledge files: every problem at once, and paragraphs no fact cites.

    Prints "ok: N facts, M entities, K sources" and exits 0, or lists every problem on
    stderr and exits 3.
    """
    from sinokaz_cli.errors import Problem
    from sinokaz_cli.load import load
    from sinokaz_cli.validate import uncited_paragraphs

    target = path or (ctx.find_root().obj or {}).get("data")
    try:
        kb = load(target)
    except KnowledgeError as e:
        if json_:
            _check_json(False, None, e.problems)
        report_knowledge_error(e, every=True)
        raise typer.Exit(int(ExitCode.KNOWLEDGE)) from None
    gaps = [
        Problem(
            src.file or src.id,
            f"source {src.id!r}: paragraph{'s' if len(ps) > 1 else ''} "
            f"{', '.join(map(str, ps))} cited by no fact",
        )
        for src, ps in uncited_paragraphs(kb)
    ]
    if gaps:
        if json_:
            _check_json(False, kb, gaps)
        report_knowledge_error(KnowledgeError(gaps), every=True)
        raise typer.Exit(int(ExitCode.KNOWLEDGE))
    if json_:
        _check_json(True, kb, [])
        return
    sys.stdout.write(
        f"ok: {len(kb.facts)} facts, {len(kb.entities)} entities, {len(kb.sources)} sources\n"
    )


def _check_json(ok: bool, kb: KnowledgeBase | None, problems: list[Any]) -> None:
    from sinokaz_cli.render.jsonout import dumps

    body = {
        "ok": ok,
        "facts": len(kb.facts) if kb else None,
        "entities": len(kb.entities) if kb else None,
        "sources": len(kb.sources) if kb else None,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "record": p.record,
                "field": p.field,
                "message": p.message,
                "hint": p.hint,
                "text": str(p),
            }
            for p in problems
        ],
    }
    sys.stdout.write(dumps(body, indent=2) + "\n")


@app.command(epilog="Example: sinokaz schema > facts.schema.json")
def schema() -> None:
    """Print the JSON Schema of the knowledge file (for editors using taplo)."""
    from sinokaz_cli.load import bundled_path

    sys.stdout.write((bundled_path().parent / "facts.schema.json").read_text(encoding="utf-8"))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sinokaz")
