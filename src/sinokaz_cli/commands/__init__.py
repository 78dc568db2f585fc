"""Command modules; importing them registers their commands on the app."""

from sinokaz_cli.commands import check, discover, facts, topics

__all__ = ["check", "discover", "facts", "topics"]
