"""help: about the tool itself rather than the knowledge."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from sinokaz_cli.commands.app import app, examples
from sinokaz_cli.commands.parsing import UnknownCommand


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
