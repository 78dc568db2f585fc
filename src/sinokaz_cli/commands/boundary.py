"""The one place where errors become a line on stderr and an exit status.

Commands raise; this group's `invoke` catches what they raise, and its `main`
what the parser raises. Every usage error, the parser's or a command's, is
one line, `sinokaz: what is wrong; see 'sinokaz COMMAND --help'`, and exit 2.
Set SINOKAZ_DEBUG=1 to see the traceback of an internal error.

What it says when memory has run out, or the output cannot be written, needs
nothing that is not already loaded: an import or a first compile then would
fail in turn, and end the run with a traceback.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click
from typer.core import TyperGroup

from sinokaz_cli.commands.pager import paging
from sinokaz_cli.commands.parsing import UnknownChoice, UnknownCommand, global_options
from sinokaz_cli.errors import ExitCode, KnowledgeError, SinokazError, UsageError
from sinokaz_cli.messages import say, say_bytes
from sinokaz_cli.suggest import unknown

OUT_OF_MEMORY = b"sinokaz: out of memory\n"


def report_knowledge_error(e: KnowledgeError, every: bool, data: str | None = None) -> None:
    """The problems (all, or the first), then what checks the same knowledge: with
    --data kb, 'sinokaz check kb', so the hint never checks another path."""
    problems = e.problems if every else e.problems[:1]
    for p in problems:
        say(str(p))
    if every:
        return
    import shlex

    command = "sinokaz check" + (f" {shlex.quote(data)}" if data else "")
    more = len(e.problems) - 1
    if more:
        say(f"... and {more:,} more problem{'s' if more > 1 else ''}; to see them all: {command}")
    elif problems and problems[0].line is not None:  # not for "no such file", say
        say(f"after fixing it: {command}")


def output_error(e: BaseException) -> bool:
    """Whether `e` is the output failing: an OS error that names no file, as
    writing to stdout raises it (a full disk, a closed terminal or descriptor).
    Everything the tool reads is opened by name, and its errors carry it."""
    return isinstance(e, OSError) and e.errno is not None and e.filename is None


def _index_failed(e: Exception) -> Any:
    """When SQLite failed to read the index this run answers from: that index, set
    aside. (Only damage below the file system gets past the check made before a
    run reads an index: see index/sealed.py.) The module is looked up, not
    imported: a run that read no index has none to set aside."""
    opening = sys.modules.get("sinokaz_cli.index.opening")
    if opening is None or type(e).__module__ != "sqlite3":
        return None
    return opening.set_aside_in_use()


def _quiet_stdout() -> None:
    """After the reader of a pipe has gone: stop Python's exit-time flush from failing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (e.g. under CliRunner)
        pass


class SinokazGroup(TyperGroup):
    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.params.extend(global_options())

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, but a usage error is one line. (Click writes the usage, a
        "Try" line, a blank line and "Error: ..."; it does so only in standalone
        mode, so the app runs in the other and leaves the way this one does.)"""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            status = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except _click.exceptions.NoArgsIsHelpError as e:
            e.show()  # `sinokaz` alone: the help, on stderr
            sys.exit(int(ExitCode.USAGE))
        except _click.exceptions.UsageError as e:
            try:
                message = usage_message(e, sys.argv[1:] if args is None else list(args))
            except Exception:  # noqa: BLE001  (a usage error must never end in a traceback)
                message = _plain(e.format_message())
            say(message + see_help(e.ctx.command_path if e.ctx else None))
            sys.exit(int(ExitCode.USAGE))
        except _click.exceptions.ClickException as e:  # pragma: no cover  (none is raised)
            say(e.format_message())
            sys.exit(e.exit_code)
        except typer.Abort:  # Ctrl-D at a prompt (new): the person stopped it, as Ctrl-C does
            say("interrupted")
            sys.exit(int(ExitCode.INTERRUPTED))
        # Outside standalone mode, Click returns an Exit's status, else the result.
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            # On a terminal, long output goes through a pager unless --no-pager
            # was given, before or after the command (known once it has run).
            with paging(lambda: not (ctx.obj or {}).get("no_pager")):
                result = super().invoke(ctx)
                # Flush here, inside the boundary: a reader that has gone away (| head)
                # must surface as BrokenPipeError below, not at interpreter exit.
                sys.stdout.flush()
            return result
        except (typer.Exit, typer.Abort):
            raise
        except SinokazError as e:
            if isinstance(e, KnowledgeError):
                # --data given before or after the command: both end up in the root obj.
                report_knowledge_error(e, every=False, data=(ctx.obj or {}).get("data"))
            elif isinstance(e, UsageError):
                say(str(e) + see_help(_invoked_path(ctx)))
            else:
                say(str(e))
            raise typer.Exit(int(e.exit_code)) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except KeyboardInterrupt:
            say("interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except MemoryError:
            say_bytes(OUT_OF_MEMORY)
            raise typer.Exit(int(ExitCode.SYSTEM)) from None
        except Exception as e:
            if _is_click_signal(e):
                raise
            if os.environ.get("SINOKAZ_DEBUG"):
                raise
            if isinstance(e, OSError) and output_error(e):
                say(f"cannot write the output: {e.strerror}")
                _quiet_stdout()  # what is still buffered must not fail again at exit
                raise typer.Exit(int(ExitCode.OUTPUT)) from None
            index = _index_failed(e)
            if index is not None:
                say(
                    f"the index {index} failed while answering ({e}); it is removed, "
                    "and the next run rebuilds it"
                )
                raise typer.Exit(int(ExitCode.SYSTEM)) from None
            say(
                f"internal error: {type(e).__name__}: {e} — rerun with SINOKAZ_DEBUG=1 "
                "for the traceback"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0]
        cmd = self.get_command(ctx, name)
        if cmd is None and not ctx.resilient_parsing:
            if name.startswith("-"):
                self.parse_args(ctx, args)  # an option after all: say which is unknown
            raise UnknownCommand(name, self.list_commands(ctx), ctx)
        return (name if cmd else None), cmd, args[1:]

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Each command with its one-line description whole: Click cut them to fit
        beside the names, with "...", where wrapping them loses nothing."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, summary_line(cmd)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def summary_line(cmd: _click.Command) -> str:
    """The first paragraph of a command's help, on one line."""
    text = cmd.short_help or inspect.cleandoc(cmd.help or "")
    return " ".join(text.split("\n\n")[0].split())


def _invoked_path(ctx: Any) -> str:
    """The command a group's context ran, for its help: a command's own error is
    about that command, not the program."""
    name = getattr(ctx, "invoked_subcommand", None)
    return f"{ctx.command_path} {name}" if name else str(ctx.command_path)


def see_help(command_path: str | None) -> str:
    """'; see 'sinokaz facts --help'': where the options and values are explained."""
    return f"; see '{command_path or 'sinokaz'} --help'"


def usage_message(e: _click.exceptions.UsageError, argv: Sequence[str] = ()) -> str:
    """What is wrong with the command line (`argv`, as typed), in a few words, with a
    did-you-mean."""
    ctx = e.ctx
    if isinstance(e, UnknownChoice):
        return unknown(_noun(e.param), e.value, e.choices, list_them=True)
    if isinstance(e, UnknownCommand):
        return unknown("command", e.name, e.known)
    if isinstance(e, _click.exceptions.NoSuchOption):
        return _unknown_option(e.option_name, ctx, argv)
    if isinstance(e, _click.exceptions.MissingParameter):
        what = "argument" if getattr(e.param, "param_type_name", "") == "argument" else "option"
        return f"missing {what} {_shown_name(e.param)}"
    if isinstance(e, _click.exceptions.BadOptionUsage):
        if "requires" in e.message:
            return f"option {e.option_name} needs a value"
        return _plain(e.message)
    if isinstance(e, _click.exceptions.BadParameter):
        if e.param is None:
            return _plain(e.message)
        return f"invalid value for {_shown_name(e.param)}: {_numbers(_plain(e.message))}"
    if e.message == "Missing command.":
        return "missing command"
    return _plain(e.message)


def _noun(param: Any) -> str:
    """What a parameter's value is, for a message: "--category" -> "category"."""
    if param is None:
        return "value"
    if getattr(param, "param_type_name", "") == "argument":
        shown = _shown_name(param).strip("[]").lower()
        # A metavar that lists the choices ("sqlite|csv") is no noun: the parameter's name is.
        return shown if shown.isidentifier() else str(param.name)
    return str(param.opts[0]).lstrip("-")


def _shown_name(param: Any) -> str:
    if param is None:
        return "a value"
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.human_readable_name).removesuffix("...")
    return str(param.opts[0])


def _unknown_option(name: str, ctx: _click.Context | None, argv: Sequence[str] = ()) -> str:
    """'unknown option ...': the one option `name` begins, when it is the start of one
    ("--cat": '--category'), else the nearest; before a command, an option of the
    commands says where it goes, as the line typed would read with it moved."""
    known = _option_names(ctx)
    starting = [k for k in known if k.startswith(name) and name.startswith("--")]
    if len(starting) == 1:
        return f"unknown option {name!r} (did you mean {starting[0]!r}?)"
    commands = getattr(ctx.command, "commands", None) if ctx is not None else None
    option = name.split("=")[0]
    if commands and option not in known:  # before the command, in the group's
        typed = [a for a in argv if a in commands and _option_of(commands[a], option)]
        owners = [commands[typed[0]]] if typed else list(commands.values())
        for command in owners:
            if (param := _option_of(command, option)) is not None:
                moved = _moved(option, param, command.name or "", argv)
                return (
                    f"{option} is an option of the commands: put it after the command, as in "
                    + (moved or f"'sinokaz {command.name} {option}'")
                )
    return unknown("option", name, known)


def _option_of(command: _click.Command, option: str) -> Any:
    ctx = _click.Context(command, info_name=command.name)
    return next(
        (p for p in command.get_params(ctx) if option in (*p.opts, *p.secondary_opts)), None
    )


def _moved(option: str, param: Any, command: str, argv: Sequence[str]) -> str | None:
    """`argv` with the option (and its value) moved after `command`, quoted as a
    shell reads it: "sinokaz -f json trade" -> 'sinokaz trade -f json'."""
    import shlex

    short = not option.startswith("--")
    at = next(
        (
            i
            for i, a in enumerate(argv)
            if a.split("=")[0] == option or (short and a.startswith(option))
        ),
        None,
    )
    if at is None:
        return None
    end = at + 1
    takes_value = not (getattr(param, "is_flag", False) or getattr(param, "count", False))
    if takes_value and argv[at] == option and end < len(argv):  # its value is the next word
        end += 1
    rest = [*argv[:at], *argv[end:]]
    if command not in argv[at + 1 :]:  # no command typed: the first that has the option
        rest.append(command)
    where = rest.index(command) + 1
    line = shlex.join(["sinokaz", *rest[:where], *argv[at:end], *rest[where:]])
    return f'"{line}"' if "'" in line else f"'{line}'"


def _option_names(ctx: _click.Context | None) -> list[str]:
    if ctx is None:
        return []
    return [name for p in ctx.command.get_params(ctx) for name in (*p.opts, *p.secondary_opts)]


def _numbers(message: str) -> str:
    """Click's words for a number out of range, as a person would say them."""
    import re

    if m := re.fullmatch(r"(\S+) is not in the range x>=(\S+)", message):
        return f"must be {m.group(2)} or more, not {m.group(1)}"
    if m := re.fullmatch(r"(.+) is not a valid int(eger)?( range)?", message):
        return f"must be a whole number, not {m.group(1)}"
    return message


def _plain(message: str) -> str:
    """Click's sentence as a clause: "Got x." -> "got x"."""
    message = message.strip().rstrip(".")
    return message[:1].lower() + message[1:]


def _is_click_signal(e: Exception) -> bool:
    """Usage errors from the click inside Typer pass through to `main`."""
    return isinstance(e, typer.TyperException)
