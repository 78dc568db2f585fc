"""How a command line is read, beyond what Typer does by itself.

- The global options (--data, --no-cache, --no-pager) are options of every
  command as well as of the program, so they may come before or after the
  command, as gh's and kubectl's do. Wherever they are given, their values
  end up in the root context's `obj` (see `global_options`).
- A value outside a fixed set of choices (a category, a kind, a format)
  raises UnknownChoice, which carries the value and the choices, so that the
  boundary can suggest the nearest one.
- Usage lines name arguments plainly ("ID", not Typer's "{ID}"), and an
  unexpected extra argument is named on its own.

The click inside Typer 0.28 is vendored as typer._click; its exceptions are
what the parser raises, and commands/boundary.py turns them into one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import typer
from typer import _click
from typer._types import TyperChoice  # the choice type Typer makes for an Enum
from typer.core import TyperCommand, TyperOption

# The program's own options that every command also takes: (flags, metavar,
# help). Only --data takes a value; commands/__init__.py knows these names too.
GLOBAL_OPTIONS: tuple[tuple[str, str | None, str], ...] = (
    (
        "--data",
        "PATH",
        "Knowledge file, or folder of *.toml files. Default: $SINOKAZ_DATA, "
        "else the bundled data/facts.toml.",
    ),
    (
        "--no-cache",
        None,
        "Read the knowledge files directly; neither use nor write the on-disk index.",
    ),
    (
        "--no-pager",
        None,
        "Never page long output on a terminal ($SINOKAZ_PAGER, $PAGER, or less -FRX).",
    ),
)


def option_key(flag: str) -> str:
    """The key of a global option in the root context's obj: "--no-cache" -> "no_cache"."""
    return flag.lstrip("-").replace("-", "_")


def path_given(value: str | None) -> str | None:
    """A path given as "" (a shell variable left unset, as in --data "$DIR") is a
    usage error, not a quiet fall-back to the default knowledge."""
    if value == "":
        raise typer.BadParameter("the path is empty")
    return value


def _remember(flag: str) -> Callable[[_click.Context, Any, Any], None]:
    """A callback keeping the option's value where every command looks for it.
    Only a value given counts: the command's --data, left out, must not undo
    the program's `--data x` given before the command."""
    key = option_key(flag)

    def keep(ctx: _click.Context, param: Any, value: Any) -> None:
        if flag == "--data":
            value = path_given(value)
        if value is None or value is False:
            return
        ctx.find_root().ensure_object(dict)[key] = value

    return keep


def global_options() -> list[_click.Parameter]:
    """Fresh click options for the global options (a parameter belongs to one command)."""
    return [
        TyperOption(
            param_decls=[flag],
            metavar=metavar,
            is_flag=metavar is None,
            default=None if metavar else False,
            expose_value=False,
            callback=_remember(flag),
            help=help_text,
        )
        for flag, metavar, help_text in GLOBAL_OPTIONS
    ]


class UnknownChoice(_click.exceptions.BadParameter):
    """A value outside a fixed set of choices, with what it could have been."""

    def __init__(
        self,
        value: str,
        choices: Sequence[str],
        ctx: _click.Context | None = None,
        param: _click.Parameter | None = None,
    ) -> None:
        super().__init__(f"unknown value {value!r}", ctx=ctx, param=param)
        self.value = value
        self.choices = list(choices)


class UnknownCommand(_click.exceptions.UsageError):
    """A command name that names no command."""

    def __init__(self, name: str, known: Sequence[str], ctx: _click.Context) -> None:
        super().__init__(f"unknown command {name!r}", ctx)
        self.name = name
        self.known = list(known)


class SuggestingChoice(TyperChoice[Any]):
    """Typer's choice type, raising UnknownChoice for a value outside it."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except _click.exceptions.BadParameter:
            choices = [str(getattr(c, "value", c)) for c in self.choices]
            raise UnknownChoice(str(value), choices, ctx, param) from None


def suggesting(params: list[_click.Parameter]) -> list[_click.Parameter]:
    """`params`, each choice among them made to suggest (in place)."""
    for p in params:
        if type(p.type) is TyperChoice:
            p.type = SuggestingChoice(p.type.choices, case_sensitive=p.type.case_sensitive)
    return params


class SinokazCommand(TyperCommand):
    """A command that takes the global options, suggests near choices, names an
    extra argument plainly, and writes its usage without braces."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params = suggesting(self.params) + global_options()

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # to see what is left over, rather than Click's sentence
        try:
            rest = super().parse_args(ctx, args)
        except _click.exceptions.UsageError as e:
            e.ctx = e.ctx or ctx  # the parser leaves some without: say whose help to read
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise _click.exceptions.UsageError(f"unexpected argument {rest[0]!r}", ctx)
        return rest

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        return plain_usage(super().collect_usage_pieces(ctx))


def plain_usage(pieces: list[str]) -> list[str]:
    """Typer writes a required argument as "{ID}"; people write it "ID"."""
    return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


F = TypeVar("F", bound=Callable[..., Any])


class SinokazTyper(typer.Typer):
    """A Typer app whose commands are SinokazCommands."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", SinokazCommand)
        return super().command(*args, **kwargs)
