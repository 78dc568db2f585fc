"""Entry point: the app with every command registered."""

from __future__ import annotations

from sinokaz_cli import commands as _commands  # noqa: F401  (registers the commands)
from sinokaz_cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sinokaz")
