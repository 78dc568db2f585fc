"""The Typer app, its global options, and what every command shares."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sinokaz_cli import __version__
from sinokaz_cli.commands.boundary import SinokazGroup
from sinokaz_cli.commands.parsing import SinokazTyper
from sinokaz_cli.knowledge.base import KnowledgeBase
from sinokaz_cli.render import Format

if TYPE_CHECKING:
    from collections.abc import Iterable

# Kept as written (\b): rewrapped, a code could end one line and its meaning start the next.
EXIT_CODES = """\
\b
Exit codes: 0 success (an empty result too) · 1 internal error ·
2 usage error · 3 knowledge-file problem · 4 not found ·
5 output cannot be written · 6 the system failed the run (memory, disk) ·
130 interrupted."""


def examples(*commands: str) -> str:
    """A command's help epilog: one example per line, printed as written.

    Click rewraps help text to the terminal, which split examples mid-command;
    a paragraph after a line holding only \\b is left alone."""
    head = "Example:" if len(commands) == 1 else "Examples:"
    return head + "\n\n\b\n" + "\n".join("  " + c for c in commands)


app = SinokazTyper(
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
# --data, --no-cache and --no-pager are made in parsing.py, for the program and
# for every command alike, and kept in the root context's obj.


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
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    pass


def global_option(ctx: typer.Context, key: str) -> Any:
    """A global option's value (parsing.option_key names it), wherever it was given."""
    return (ctx.find_root().obj or {}).get(key)


def categories(kb: KnowledgeBase, given: list[str] | None, option: str = "--category") -> list[str]:
    """The category ids given, as the knowledge spells them (in any case); an id
    that is none of them is a usage error, with a did-you-mean."""
    from sinokaz_cli.knowledge.query import known_categories

    return known_categories(kb, given or [], option)


def knowledge(ctx: typer.Context) -> KnowledgeBase:
    from sinokaz_cli.index.opening import open_kb

    return open_kb(global_option(ctx, "data"), use_cache=not global_option(ctx, "no_cache"))


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


def output_format(fmt: Format | None, json_flag: bool, fields: str | None = None) -> Format:
    """The format asked for, else the one for where stdout goes. --json with another
    --format is a usage error; --fields on a table is said to do nothing there."""
    from sinokaz_cli.render import pick

    chosen = pick(given_format(fmt, json_flag), False, sys.stdout.isatty())
    if fields is not None and chosen is Format.TABLE:
        from sinokaz_cli.messages import say

        say(
            "--fields picks the fields of json, jsonl, csv, tsv and markdown, not the "
            "columns of a table; add --format tsv (or another) to use it"
        )
    return chosen


def given_format(fmt: Format | None, json_flag: bool) -> Format | None:
    """--format, or --json, which is the same as --format json: never both at odds."""
    if json_flag and fmt not in (None, Format.JSON):
        from sinokaz_cli.errors import UsageError

        assert fmt is not None
        raise UsageError(f"--json and --format {fmt.value} ask for different formats")
    return Format.JSON if json_flag else fmt


def field_list(fields: str | None) -> list[str] | None:
    if fields is None:
        return None
    return [f.strip() for f in fields.split(",") if f.strip()]


def emit(
    listing: Any, fmt: Format, fields: str | None, show_all: bool = False, single: bool = False
) -> None:
    """Write a listing in `fmt`, only the `fields` asked for (but in a table). A
    `single` record (show) is one JSON object rather than an array of one."""
    from sinokaz_cli.render import select, write

    if fmt is not Format.TABLE:
        listing = select(listing, field_list(fields))
    if single and fmt in (Format.JSON, Format.JSONL):
        for r in listing.records:
            emit_object(listing.to_json(r), fmt)
        return
    write(listing, fmt, sys.stdout, show_all)


def emit_object(body: dict[str, Any], fmt: Format) -> None:
    """One object: JSON indented, or JSON Lines' one line."""
    from sinokaz_cli.render.jsonout import dumps

    sys.stdout.write(dumps(body, indent=2 if fmt is Format.JSON else None) + "\n")


# ─── shell completion of ids ────────────────────────────────────────────────


def _complete(ctx: typer.Context, incomplete: str, kind: str) -> list[str]:
    """Ids starting with what was typed; silent on a broken knowledge file."""
    from sinokaz_cli.errors import SinokazError

    data = global_option(ctx, "data")
    try:
        ids = _ids_for_completion(data, kind)
    except (SinokazError, OSError):
        return []
    return [i for i in ids if i.startswith(incomplete)]


def _ids_for_completion(data: str | None, kind: str) -> Iterable[str]:
    """The fact, entity or category ids, or the tags, from the index when it is
    fresh (each Tab at 100,000 facts took 7 s of parsing); ids from the index and
    the files added since, when that is all that changed (an article just added,
    then `check`ed, which writes no index); else from the files. Never a build, a warning or a
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
    if kb is None and kind != "tag":  # read_added gives the indexed facts' ids, not tags
        added = read_added(root, files)
        if added is not None:
            indexed, kb = added
            if kind == "fact":
                return [*indexed, *(f.id for f in kb.facts)]
    if kb is None:
        kb = load(data)
    if kind == "tag":
        return sorted(kb.tag_set())
    if kind == "category":
        return [t.id for t in kb.topics]
    return kb.facts_by_id if kind == "fact" else kb.entities_by_id


def complete_fact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "fact")


def complete_entity_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "entity")


def complete_tags(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "tag")
