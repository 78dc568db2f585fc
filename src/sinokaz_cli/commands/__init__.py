"""Command modules; importing one registers its commands on the app.

Typer builds every registered command's parameters on every run, which
costs milliseconds a command. When the command line plainly names one
command, only its module is imported; help, completion, a typo or anything
unclear registers them all, so `--help` and did-you-mean see everything.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence

# The order here is the order of `sinokaz --help`.
MODULES = ("topics", "facts", "discover", "check", "authoring", "export", "tool")

# Which module holds each command (test_docs checks this against the app).
COMMANDS = {
    "trade": "topics",
    "tourism": "topics",
    "dialogue": "topics",
    "policy": "topics",
    "facts": "facts",
    "show": "facts",
    "tags": "facts",
    "search": "discover",
    "entities": "discover",
    "entity": "discover",
    "timeline": "discover",
    "sources": "discover",
    "brief": "discover",
    "check": "check",
    "schema": "check",
    "new": "authoring",
    "export": "export",
    "help": "tool",
    "cache": "tool",
}

# Commands that need every other command registered: `help trade` shows trade's help.
_NEED_ALL = ("help",)

# Global options (parsing.GLOBAL_OPTIONS): those that take a value, so that the
# word after them is not the command, and the flags.
_VALUED = ("--data",)
_FLAGS = ("--no-cache", "--no-pager")


def named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` (without the program name) runs, if that is plain."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word in _VALUED:
            i += 2
        elif word.startswith(tuple(v + "=" for v in _VALUED)):
            i += 1
        elif word in _FLAGS:
            i += 1
        elif word.startswith("-"):
            return None  # --help, --version, ...: show everything
        else:
            return word if word in COMMANDS and word not in _NEED_ALL else None
    return None


def register(argv: Sequence[str] | None = None) -> None:
    """Import the command modules that this command line needs (all, by default).

    When it plainly names one command, the other commands of that module are
    then unregistered too: a run builds one command, not a module's four.
    (Only the console script passes `argv`, once per process.)
    """
    completing = any(k.startswith("_SINOKAZ_COMPLETE") for k in os.environ)
    command = None if argv is None or completing else named_command(argv)
    for name in (COMMANDS[command],) if command else MODULES:
        importlib.import_module(f"sinokaz_cli.commands.{name}")
    if command:
        from sinokaz_cli.commands.app import app

        app.registered_commands[:] = [
            c for c in app.registered_commands if _name(c.name, c.callback) == command
        ]


def _name(name: str | None, callback: object) -> str:
    """A registered command's name, as Typer derives it."""
    return (name or str(getattr(callback, "__name__", ""))).replace("_", "-")
