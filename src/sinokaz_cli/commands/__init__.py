"""Command modules; importing one registers its commands on the app."""

from __future__ import annotations

import importlib

# The order here is the order of `sinokaz --help`.
MODULES = ("topics", "facts", "discover", "check")


def register() -> None:
    """Import every command module (once: Python caches imports)."""
    for name in MODULES:
        importlib.import_module(f"sinokaz_cli.commands.{name}")
