"""The one place where errors become a line on stderr and an exit status.

Commands raise; this group's `invoke` catches. Usage errors stay Click's
(exit 2, raised before `invoke` runs). Set SINOKAZ_DEBUG=1 to see the
traceback of an internal error.

What it says when memory has run out, or the output cannot be written, needs
nothing that is not already loaded: an import or a first compile then would
fail in turn, and end the run with a traceback.
"""

from __future__ import annotations

import os
import shlex
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from sinokaz_cli.errors import ExitCode, KnowledgeError, SinokazError
from sinokaz_cli.messages import say, say_bytes

OUT_OF_MEMORY = b"sinokaz: out of memory\n"


def report_knowledge_error(e: KnowledgeError, every: bool, data: str | None = None) -> None:
    """The problems (all, or the first), then what checks the same knowledge: with
    --data kb, 'sinokaz check kb', so the hint never checks another path."""
    problems = e.problems if every else e.problems[:1]
    for p in problems:
        say(str(p))
    if every:
        return
    command = "sinokaz check" + (f" {shlex.quote(data)}" if data else "")
    more = len(e.problems) - 1
    if more:
        say(f"... and {more:,} more problem{'s' if more > 1 else ''}; to see them all: {command}")
    elif problems and problems[0].line is not None:  # not for "no such file", say
        say(f"to check the knowledge again: {command}")


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
    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            # Flush here, inside the boundary: a reader that has gone away (| head)
            # must surface as BrokenPipeError below, not at interpreter exit.
            sys.stdout.flush()
            return result
        except (typer.Exit, typer.Abort):
            raise
        except SinokazError as e:
            if isinstance(e, KnowledgeError):
                report_knowledge_error(e, every=False, data=(ctx.obj or {}).get("data"))
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
                raise typer.Exit(int(ExitCode.SYSTEM)) from None
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


def _is_click_signal(e: Exception) -> bool:
    """Usage errors from the click inside Typer pass through to its own handler."""
    return isinstance(e, typer.TyperException)
