"""The Typer app, its global options, and what every command shares."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sinokaz_cli import __version__
from sinokaz_cli.commands.boundary import SinokazGroup
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.render import Format

if TYPE_CHECKING:
    from collections.abc import Iterable

EXIT_CODES = """\
Exit codes: 0 success (an empty result too) · 1 internal error · 2 usage error ·
3 knowledge-file problem · 4 not found · 5 the system failed the run (output,
memory, disk) · 130 interrupted."""


def examples(*commands: str) -> str:
    """A command's help epilog: one example per line, printed as written.

    Click rewraps help text to the terminal, which split examples mid-command;
    a paragraph after a line holding only \\b is left alone."""
    head = "Example:" if len(commands) == 1 else "Examples:"
    return head + "\n\n\b\n" + "\n".join("  " + c for c in commands)


app = typer.Typer(
    cls=SinokazGroup,
    name="sinokaz",
    help=(
        "Sourced facts about China–Kazakhstan relations: trade, tourism, the party "
        "dialogue and policy alignment.\n\n"
        + examples(
            "sinokaz trade",
            "sinokaz trade --json | jq '.[].figures'",
            "sinokaz show ciie-kazakh-companies",
        )
        + "\n\n"
        + EXIT_CODES
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ─── global options ─────────────────────────────────────────────────────────


def path_given(value: str | None) -> str | None:
    """A path given as "" (a shell variable left unset, as in --data "$DIR") is a
    usage error, not a quiet fall-back to the default knowledge."""
    if value == "":
        raise typer.BadParameter("the path is empty")
    return value


def fields_given(value: str | None) -> str | None:
    """--fields "" (or ",") names nothing: an error, not every field."""
    if value is not None and not value.replace(",", "").strip():
        raise typer.BadParameter(f"{value!r} names no field; give them as id,statement")
    return value


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
            callback=path_given,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read the knowledge files directly; neither use nor write the on-disk index.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = {"data": data, "no_cache": no_cache}


def categories(kb: KnowledgeBase, given: list[str] | None, option: str = "--category") -> list[str]:
    """The category ids given, as the knowledge spells them (in any case); an id
    that is none of them is a usage error, with a did-you-mean."""
    from sinokaz_cli.errors import UsageError
    from sinokaz_cli.suggest import did_you_mean

    known = {t.id.lower(): t.id for t in kb.topics}
    out = []
    for value in given or []:
        found = known.get(value.lower())
        if found is None:
            hint = did_you_mean(value.lower(), list(known.values()))
            raise UsageError(
                f"unknown category {value!r} for {option}; expected one of: "
                + ", ".join(known.values())
                + (f" ({hint})" if hint else "")
            )
        out.append(found)
    return out


def knowledge(ctx: typer.Context) -> KnowledgeBase:
    from sinokaz_cli.index.opening import open_kb

    options = ctx.find_root().obj or {}
    return open_kb(options.get("data"), use_cache=not options.get("no_cache"))


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
CategoriesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        "-c",
        metavar="ID",
        help="Only this category (repeatable): trade, tourism, dialogue, policy, or one that "
        "the knowledge files declare.",
        autocompletion=lambda ctx, incomplete: _complete(ctx, incomplete, "category"),
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
AllOpt = Annotated[
    bool,
    typer.Option("--all", help="In a table, show every row; a table stops after 100 rows."),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        help="Only these fields, in this order (json, jsonl, csv, tsv, markdown).",
        callback=fields_given,
    ),
]


def output_format(fmt: Format | None, json_flag: bool) -> Format:
    from sinokaz_cli.render import pick

    return pick(fmt, json_flag, sys.stdout.isatty())


def field_list(fields: str | None) -> list[str] | None:
    if fields is None:
        return None
    return [f.strip() for f in fields.split(",") if f.strip()]


def emit(listing: Any, fmt: Format, fields: str | None, show_all: bool = False) -> None:
    from sinokaz_cli.render import select, write

    if fmt is not Format.TABLE:
        listing = select(listing, field_list(fields))
    write(listing, fmt, sys.stdout, show_all)


# ─── shell completion of ids ────────────────────────────────────────────────


def _complete(ctx: typer.Context, incomplete: str, kind: str) -> list[str]:
    """Ids starting with what was typed; silent on a broken knowledge file."""
    from sinokaz_cli.errors import SinokazError

    root = ctx.find_root()
    data = (root.params or {}).get("data")
    try:
        ids = _ids_for_completion(data, kind)
    except (SinokazError, OSError):
        return []
    return [i for i in ids if i.startswith(incomplete)]


def _ids_for_completion(data: str | None, kind: str) -> Iterable[str]:
    """The fact, entity or category ids, from the index when it is fresh (each Tab at 100,000
    facts took 7 s of parsing); from the index and the files added since, when
    that is all that changed (an article just added, then `check`ed, which
    writes no index); else from the files. Never a build, a warning or a
    progress line: the shell is drawing its prompt on the same terminal."""
    from sinokaz_cli.index import fresh, where
    from sinokaz_cli.index.opening import read_added
    from sinokaz_cli.reading.load import load
    from sinokaz_cli.reading.paths import knowledge_files, resolve

    root = resolve(data)
    files = knowledge_files(root)
    try:
        kb: KnowledgeBase | None = fresh.open_fresh(where.index_path(root), files)
    except (fresh.IndexUnusable, fresh.DatabaseError, OSError):
        kb = None
    if kb is None:
        added = read_added(root, files)
        if added is not None:
            indexed, kb = added
            if kind == "fact":
                return [*indexed, *(f.id for f in kb.facts)]
    if kb is None:
        kb = load(data)
    if kind == "category":
        return [t.id for t in kb.topics]
    return kb.facts_by_id if kind == "fact" else kb.entities_by_id


def complete_fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "fact")


def complete_entity_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "entity")
