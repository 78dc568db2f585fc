"""export: the knowledge as an SQLite database or CSV files, for other tools."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from sinokaz_cli.commands.app import app, examples, global_option
from sinokaz_cli.commands.parsing import path_given
from sinokaz_cli.errors import OutputExists, UsageError


class Target(str, Enum):
    SQLITE = "sqlite"
    CSV = "csv"


@app.command(
    epilog=examples(
        "sinokaz export sqlite kb.db && datasette kb.db",
        "sinokaz --data ~/articles/ export csv kb-csv/ --replace",
    )
)
def export(
    ctx: typer.Context,
    target: Annotated[
        Target,
        typer.Argument(metavar="sqlite|csv", help="An SQLite database, or a folder of CSV files."),
    ],
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="The database file, or the folder for the CSV files (made if missing).",
            callback=path_given,
        ),
    ],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite the file, or the CSV files, already there.")
    ] = False,
) -> None:
    """Write every record as plain tables for datasette, pandas, DuckDB or a spreadsheet.

    The schema is documented in docs/export.md: sources, facts, figures, dates, entities,
    roles, who said each fact, tags, categories, policy pairs, a full-text table and views
    that join them. Nothing appears at PATH until it is complete, and nothing is printed.
    A file already there is left alone, with exit 5, unless --replace; a path that cannot be
    written exits 5 too.
    """
    from sinokaz_cli.api import open_knowledge

    if path == "-":  # '-' is stdout elsewhere (new -o -): say so rather than make a file "-"
        raise UsageError(
            "export writes files, not stdout: give a PATH (for one table in a pipe, use "
            "'sinokaz facts -f csv')"
        )
    kb = open_knowledge(global_option(ctx, "data"), cache=not global_option(ctx, "no_cache"))
    write = kb.export_sqlite if target is Target.SQLITE else kb.export_csv
    try:
        write(path, replace)
    except OutputExists as e:
        raise OutputExists(e.path, "add --replace") from None
