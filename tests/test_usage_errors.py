"""A usage error is one line, `sinokaz: ...; see '... --help'`, and exit 2.

Click's own report took four lines (usage, "Try ...", a blank line, "Error:
..."), and suggested nothing for a choice. Global options work before or
after the command, as gh's and kubectl's do.
"""

from __future__ import annotations

import json

import pytest

from conftest import MINI, Run, as_json, ids


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["facts", "--category", "trad"],
            "unknown category 'trad' (did you mean 'trade'?); see 'sinokaz facts --help'",
        ),
        (
            ["entities", "--kind", "persn"],
            "unknown kind 'persn' (did you mean 'person'?); see 'sinokaz entities --help'",
        ),
        (
            ["brief", "--topic", "trad"],
            "unknown topic 'trad' (did you mean 'trade'?); see 'sinokaz brief --help'",
        ),
        (
            ["trade", "--format", "jsn"],
            "unknown format 'jsn' (did you mean 'json' or 'jsonl'?); see 'sinokaz trade --help'",
        ),
        (
            ["trade", "--format", "xml"],
            "unknown format 'xml' (one of: table, json, jsonl, csv, tsv, markdown); "
            "see 'sinokaz trade --help'",
        ),
        (["TRADE"], "unknown command 'TRADE' (did you mean 'trade'?); see 'sinokaz --help'"),
        (["trad"], "unknown command 'trad' (did you mean 'trade'?); see 'sinokaz --help'"),
        (["show"], "missing argument ID; see 'sinokaz show --help'"),
        (["show", "a", "b"], "unexpected argument 'b'; see 'sinokaz show --help'"),
        (
            ["trade", "--jsn"],
            "unknown option '--jsn' (did you mean '--json'?); see 'sinokaz trade --help'",
        ),
        (["--bogus"], "unknown option '--bogus'; see 'sinokaz --help'"),
        (["trade", "--data"], "option --data needs a value; see 'sinokaz trade --help'"),
        (["--no-cache"], "missing command; see 'sinokaz --help'"),
        (
            ["search", "x", "--limit", "0"],
            "invalid value for --limit: must be 1 or more, not 0; see 'sinokaz search --help'",
        ),
        (
            ["search", "x", "-n", "abc"],
            "invalid value for --limit: must be a whole number, not 'abc'; "
            "see 'sinokaz search --help'",
        ),
        (
            ["--json", "trade"],
            "--json is an option of the commands: put it after the command, as in "
            "'sinokaz trade --json'; see 'sinokaz --help'",
        ),
        (
            ["-f", "json", "trade"],  # the value moves with its option
            "-f is an option of the commands: put it after the command, as in "
            "'sinokaz trade -f json'; see 'sinokaz --help'",
        ),
        (
            ["--format=csv", "--data", "kb", "facts"],
            "--format is an option of the commands: put it after the command, as in "
            "'sinokaz --data kb facts --format=csv'; see 'sinokaz --help'",
        ),
        (
            ["-n", "3", "search", "who co-hosted"],
            "-n is an option of the commands: put it after the command, as in "
            "\"sinokaz search -n 3 'who co-hosted'\"; see 'sinokaz --help'",
        ),
        (
            ["--topic", "trade", "brief"],  # the command typed, not the first with --topic
            "--topic is an option of the commands: put it after the command, as in "
            "'sinokaz brief --topic trade'; see 'sinokaz --help'",
        ),
        (
            ["brief", "--topic", "trade,tourism"],
            "give --topic once for each topic, as in: --topic trade --topic tourism; "
            "see 'sinokaz brief --help'",
        ),
        (
            ["facts", "--cat", "trade"],
            "unknown option '--cat' (did you mean '--category'?); see 'sinokaz facts --help'",
        ),
        (
            ["new", "x.txt", "--published", "2024-9"],
            "invalid value for --published: '2024-9' is not a year and month, as 2025-11 "
            "(or 2025-11-04); see 'sinokaz new --help'",
        ),
        (["new"], "missing argument ARTICLE; see 'sinokaz new --help'"),
        (
            ["export", "xml", "out.db"],
            "unknown target 'xml' (one of: sqlite, csv); see 'sinokaz export --help'",
        ),
        (["export", "sqlite"], "missing argument PATH; see 'sinokaz export --help'"),
        (
            ["show", "visa-free-travel", "--text", "--format", "csv"],
            "--text shows with --format table or json; see 'sinokaz show --help'",
        ),
        (
            ["check", "--lst"],
            "unknown option '--lst' (did you mean '--list'?); see 'sinokaz check --help'",
        ),
    ],
)
def test_a_usage_error_is_one_line_with_a_suggestion_and_the_help_to_read(
    run: Run, args: list[str], said: str
) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"sinokaz: {said}\n"


def test_nothing_at_all_shows_the_help_on_stderr(run: Run) -> None:
    result = run()
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: sinokaz [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize(
    "args",
    [
        ["--data", str(MINI), "trade", "--json"],
        ["trade", "--data", str(MINI), "--json"],
        ["trade", "--json", f"--data={MINI}"],
        ["--no-cache", "trade", "--data", str(MINI), "--json"],
        ["trade", "--no-cache", "--no-pager", "--data", str(MINI), "--json"],
    ],
)
def test_global_options_go_before_or_after_the_command(run: Run, args: list[str]) -> None:
    assert ids(as_json(run(*args))) == ids(as_json(run("--data", str(MINI), "trade", "--json")))


def test_a_global_option_after_the_command_wins_over_one_before(run: Run) -> None:
    mini = as_json(run("--data", "/nope", "trade", "--data", str(MINI), "--json"))
    assert ids(mini) == ids(as_json(run("--data", str(MINI), "trade", "--json")))


def test_a_missing_path_after_the_command_is_the_same_error_as_before(run: Run) -> None:
    after, before = run("trade", "--data", "/nope"), run("--data", "/nope", "trade")
    assert (after.exit_code, after.stderr) == (before.exit_code, before.stderr)
    assert after.stderr == "sinokaz: /nope: no such file or folder\n"
    assert after.exit_code == 3


def test_check_reads_the_data_given_after_it(run: Run) -> None:
    result = run("check", "--data", str(MINI), "--json")
    assert json.loads(result.stdout)["ok"] is True


def test_every_usage_line_names_arguments_without_braces(run: Run) -> None:
    for command in ("show", "entity", "search", "check"):
        usage = run(command, "--help").stdout.splitlines()[0]
        assert "{" not in usage and "}" not in usage, usage
    assert run("show", "--help").stdout.startswith("Usage: sinokaz show [OPTIONS] ID\n")


def test_the_top_level_help_gives_each_description_whole(run: Run) -> None:
    from sinokaz_cli.commands.app import app

    out = run("--help", env={"COLUMNS": "60"}).stdout
    listed = " ".join(out.split("Commands:")[1].split())
    assert "..." not in listed
    for info in app.registered_commands:
        assert info.callback is not None
        first = (info.callback.__doc__ or "").strip().split("\n\n")[0]
        assert " ".join(first.split()) in listed


@pytest.mark.parametrize("command", [["trade"], ["brief"], ["show", "visa-free-travel"]])
def test_json_with_another_format_is_a_usage_error(run: Run, command: list[str]) -> None:
    result = run(*command, "--json", "--format", "csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "sinokaz: --json and --format csv ask for different formats; "
        f"see 'sinokaz {command[0]} --help'\n"
    )
    assert run(*command, "--json", "--format", "json").exit_code == 0


def test_fields_on_a_table_says_it_does_nothing_there(run: Run) -> None:
    result = run("trade", "--format", "table", "--fields", "id")
    assert result.exit_code == 0
    assert result.stdout == run("trade", "--format", "table").stdout
    assert result.stderr == (
        "sinokaz: --fields picks the fields of json, jsonl, csv, tsv and markdown, not the "
        "columns of a table; add --format tsv (or another) to use it\n"
    )
