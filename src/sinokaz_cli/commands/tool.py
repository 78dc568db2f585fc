"""help and cache: about the tool itself rather than the knowledge."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sinokaz_cli.commands.app import (
    AllOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    app,
    emit,
    examples,
    global_option,
    output_format,
)
from sinokaz_cli.commands.parsing import UnknownCommand
from sinokaz_cli.render import Format
from sinokaz_cli.render.listing import Column, Listing


def _complete_commands(ctx: typer.Context, incomplete: str) -> list[str]:
    root = ctx.find_root()
    group = root.command
    names = group.list_commands(root) if isinstance(group, TyperGroup) else []
    return [n for n in names if n.startswith(incomplete)]


@app.command(name="help", epilog=examples("sinokaz help", "sinokaz help trade"))
def help_(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="COMMAND",
            help="A command, as 'sinokaz help' lists them.",
            autocompletion=_complete_commands,
            show_default=False,
        ),
    ] = None,
) -> None:
    """How to use sinokaz, or one of its commands (the same as COMMAND --help)."""
    root = ctx.find_root()
    group = root.command
    assert isinstance(group, TyperGroup)
    if command is None:
        text = group.get_help(root)
    else:
        cmd = group.get_command(root, command)
        if cmd is None:
            raise UnknownCommand(command, group.list_commands(root), ctx)
        # Resilient: `help show` is not `show` without its ID.
        with cmd.make_context(command, [], parent=root, resilient_parsing=True) as sub:
            text = cmd.get_help(sub)
    sys.stdout.write(text + "\n")


class CacheAction(str, Enum):
    LIST = "list"
    CLEAR = "clear"


@app.command(epilog=examples("sinokaz cache", "sinokaz cache --json", "sinokaz cache clear"))
def cache(
    ctx: typer.Context,
    action: Annotated[
        CacheAction,
        typer.Argument(
            metavar="[ACTION]",
            help="list (the default): the index files; clear: remove them.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = CacheAction.LIST,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    fields: FieldsOpt = None,
    all_: AllOpt = False,
) -> None:
    """The on-disk index files, and whether the knowledge each was made for is still there.

    Each file's size, path and kind, the knowledge path it was made for, and which one
    the knowledge in use reads. 'sinokaz cache clear' removes them; the next run
    rebuilds the one it needs.
    """
    from sinokaz_cli.index import cached, where
    from sinokaz_cli.messages import counted, say
    from sinokaz_cli.reading.paths import resolve

    if action is CacheAction.CLEAR:
        if fmt is not None or json_ or fields is not None:
            from sinokaz_cli.errors import UsageError

            raise UsageError("--format, --json and --fields are for the list, not 'cache clear'")
        removed, size = cached.clear()
        folder = _folder(where)
        say(f"removed {counted(removed, 'index file')} ({_mb(size)}) from {folder}")
        return
    chosen = output_format(fmt, json_, fields)
    try:
        in_use: Path | None = where.index_path(resolve(global_option(ctx, "data")))
    except OSError:
        in_use = None
    files = cached.cached_files(in_use)
    if chosen is Format.TABLE:
        emit(_cache_table(files, _folder(where)), chosen, None, all_)
    else:
        emit(_cache_listing(files), chosen, fields)


def _folder(where: Any) -> str:
    try:
        return str(where.cache_dir())
    except OSError as e:
        return f"(no cache folder: {e})"


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def _cache_listing(files: list[Any]) -> Listing[Any]:
    def gone(f: Any) -> bool | None:
        return None if f.knowledge is None else Path(f.knowledge).exists()

    columns: list[Column[Any]] = [
        Column("kind", "Kind", lambda f: f.kind),
        Column("size", "Size", lambda f: f.size),
        Column("knowledge_exists", "Knowledge exists", gone),
        Column("knowledge", "Knowledge", lambda f: f.knowledge),
        Column("path", "Path", lambda f: str(f.path)),
    ]
    return Listing(
        files,
        columns,
        lambda f: {
            "path": str(f.path),
            "kind": f.kind,
            "size": f.size,
            "knowledge": f.knowledge,
            "knowledge_exists": gone(f),
            "in_use": f.in_use,
        },
        ("path", "kind", "size", "knowledge", "knowledge_exists", "in_use"),
        "Index files",
        noun="index files",
    )


_UNRECORDED = {
    "unfinished": "(being written, or left)",
    "checked": "(notes that the index beside it was checked)",
}


def _cache_table(files: list[Any], folder: str) -> Listing[Any]:
    """The same files for people: sizes in MB, and what became of each knowledge path."""

    def knowledge(f: Any) -> str:
        if f.knowledge is None:
            return _UNRECORDED.get(f.kind, "(not recorded)")
        mark = " (in use)" if f.in_use else "" if Path(f.knowledge).exists() else " (gone)"
        return str(f.knowledge) + mark

    columns: list[Column[Any]] = [
        Column("size", "Size", lambda f: _mb(f.size), nowrap=True),
        Column("kind", "Kind", lambda f: f.kind, nowrap=True),
        Column("knowledge", "Knowledge", knowledge, wide=True),
        Column("path", "File", lambda f: f.path.name, wide=True),
    ]
    return Listing(files, columns, lambda f: {}, (), f"Index files in {folder}", noun="index files")
