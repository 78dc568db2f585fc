"""Help offers only what exists, and `sinokaz help [COMMAND]` shows it.

`check -h` once offered `--json  Same as --format json.` where check had no
--format. Every option a help text names, in its descriptions or in its
examples, must be an option of the command it is named for, and a value
given to a choice option there must be one of its choices.
"""

from __future__ import annotations

import re
import shlex

import pytest

from sinokaz_cli.commands.app import app

from conftest import Run

# An option, and the word after it; not the pager's own options ("less -FRX").
OPTION = re.compile(r"(?<![\w-])(?<!less )(--?[A-Za-z][\w-]*)(?:[ =]([a-z]+)\b)?")


def _help_of(run: Run, *command: str) -> str:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _commands(run: Run) -> list[str]:
    """The commands `sinokaz --help` lists."""
    listed = _help_of(run).split("\nCommands:\n")[1]
    return [
        line.split()[0] for line in listed.splitlines() if line.startswith("  ") and line[2] != " "
    ]


def _options(command: str | None) -> dict[str, object]:
    """Every option name of a command (or of the program), with its click type."""
    import typer

    from sinokaz_cli.commands.boundary import SinokazGroup

    group = typer.main.get_command(app)
    assert isinstance(group, SinokazGroup)
    ctx = group.make_context("sinokaz", [], resilient_parsing=True)
    cmd = group if command is None else group.get_command(ctx, command)
    assert cmd is not None, command
    sub = (
        ctx
        if command is None
        else cmd.make_context(command, [], parent=ctx, resilient_parsing=True)
    )
    return {name: p.type for p in cmd.get_params(sub) for name in (*p.opts, *p.secondary_opts)}


def _named(
    text: str, own: str | None, known: list[str]
) -> list[tuple[str | None, str, str | None]]:
    """(command, option, value after it) for each option a help text names. On a
    line that runs `sinokaz X`, what follows belongs to X; elsewhere to `own`."""
    found = []
    for line in text.splitlines():
        line = re.split(r" [|>] ", line)[0]  # what follows a pipe is another program's
        owner, rest = own, line
        runs = re.search(r"\bsinokaz ([a-z]+)\b(.*)", line)
        if runs and runs.group(1) in known:
            owner, rest = runs.group(1), runs.group(2)
            found.extend((own, o, v) for o, v in OPTION.findall(line[: runs.start()]))
        found.extend((owner, o, v or None) for o, v in OPTION.findall(rest))
    return found


def test_every_option_a_help_names_exists(run: Run) -> None:
    known = _commands(run)
    wrong = []
    for own in [None, *known]:
        text = _help_of(run, *([own] if own else []))
        for command, option, value in _named(text, own, known):
            options = _options(command)
            if option not in options:
                wrong.append(f"{own or 'sinokaz'} --help names {option} for {command or 'sinokaz'}")
                continue
            choices = getattr(options[option], "choices", None)
            if choices is not None and value is not None:
                values = [str(getattr(c, "value", c)) for c in choices]
                if value not in values:
                    wrong.append(f"{own or 'sinokaz'} --help gives {option} {value}")
    assert wrong == []


def test_every_command_a_help_names_exists(run: Run) -> None:
    known = _commands(run)
    wrong = []
    for own in [None, *known]:
        text = _help_of(run, *([own] if own else []))
        for name in re.findall(r"\bsinokaz ([a-z][a-z-]*)\b", text):
            if name not in known:
                wrong.append(f"{own or 'sinokaz'} --help names 'sinokaz {name}'")
    assert wrong == []


def test_the_check_of_names_can_fail() -> None:
    named = _named("  --json  Same as --format json.", "check", ["check"])
    assert ("check", "--format", "json") in named
    assert "--format" not in _options("check")
    assert _named("    sinokaz trade --json | jq", None, ["trade"]) == [("trade", "--json", None)]


def test_help_alone_is_the_programs_help(run: Run) -> None:
    result = run("help")
    assert result.exit_code == 0
    assert result.stdout == run("--help").stdout


@pytest.mark.parametrize("command", ["trade", "show", "search", "check", "help"])
def test_help_command_is_command_help(run: Run, command: str) -> None:
    result = run("help", command)
    assert result.exit_code == 0
    assert result.stdout == run(command, "--help").stdout


def test_help_for_an_unknown_command_suggests(run: Run) -> None:
    result = run("help", "trad")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "sinokaz: unknown command 'trad' (did you mean 'trade'?); see 'sinokaz help --help'\n"
    )


def test_examples_in_help_split_as_a_shell_would() -> None:
    # The examples are run as given (test_every_format); they must be valid shell words.
    for info in app.registered_commands:
        for line in (info.epilog or "").splitlines():
            if line.strip().startswith("sinokaz "):
                shlex.split(line)
