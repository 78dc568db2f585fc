"""The README, docs/ and --help agree with the code."""

from __future__ import annotations

import re

import pytest

from sinokaz_cli.commands import register
from sinokaz_cli.commands.app import app
from sinokaz_cli.errors import ExitCode

from conftest import ROOT, Run

register()  # import every command module, as the console script does

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}
COMMAND_DOC = DOCS["commands.md"]
COMMANDS = sorted(
    c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
)


def test_command_list() -> None:
    assert COMMANDS == sorted(
        [
            "trade",
            "tourism",
            "dialogue",
            "policy",
            "facts",
            "show",
            "check",
            "schema",
            "new",
            "search",
            "entities",
            "entity",
            "timeline",
            "sources",
            "brief",
            "help",
            "tags",
            "cache",
            "export",
        ]
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"sinokaz {command}" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme_and_the_docs(command: str) -> None:
    """A row in the README's command table, and a section of its own (or shared)
    in docs/commands.md."""
    named = re.compile(rf"`sinokaz {command}[` ]")
    rows = [line for line in README.splitlines() if line.startswith("| `sinokaz ")]
    headings = [line for line in COMMAND_DOC.splitlines() if line.startswith("## ")]
    assert any(named.search(line) for line in rows), command
    assert any(named.search(line) or f"`{command}`" in line for line in headings), command


def test_the_readme_fits_on_a_page_and_its_links_resolve() -> None:
    """A newcomer reads it to the end; the depth is in docs/, each page linked."""
    assert len(README.splitlines()) < 250
    for name in DOCS:
        assert f"(docs/{name})" in README, name
    for page, text in {"README.md": README, **{f"docs/{n}": t for n, t in DOCS.items()}}.items():
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", text):
            resolved = (ROOT / page).parent / target
            assert resolved.is_file(), f"{page} links to {target}"


def test_readme_exit_codes_match_the_code() -> None:
    rows = re.findall(r"^\| (\d+) \| ", README, flags=re.M)
    assert [int(r) for r in rows] == [int(c) for c in ExitCode]


def test_main_help_lists_exit_codes(run: Run) -> None:
    out = run("--help").stdout
    for code in ExitCode:
        assert f"{int(code)} " in out


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r'TEST_COMMAND="(.+)"', ci)
    assert command is not None
    assert f"\n{command.group(1)}\n" in README


def test_lazy_command_map_matches_the_modules() -> None:
    """commands.COMMANDS says which module holds each command: it must be right."""
    import importlib

    from sinokaz_cli.commands import COMMANDS, MODULES

    assert sorted(COMMANDS) == COMMANDS_SORTED
    for module in MODULES:
        mod = importlib.import_module(f"sinokaz_cli.commands.{module}")
        defined = {
            c.name or c.callback.__name__
            for c in app.registered_commands
            if c.callback and c.callback.__module__ == mod.__name__
        }
        assert defined == {name for name, m in COMMANDS.items() if m == module}, module


COMMANDS_SORTED = sorted(COMMANDS)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["trade", "--json"], "trade"),
        (["--data", "x.toml", "show", "id"], "show"),
        (["--data=x.toml", "brief"], "brief"),
        (["--no-cache", "--data", "x", "--no-pager", "trade"], "trade"),
        (["trade", "--data", "x"], "trade"),
        (["--help"], None),
        (["--version"], None),
        (["trad"], None),
        (["help", "trade"], None),
        ([], None),
    ],
)
def test_named_command(argv: list[str], expected: str | None) -> None:
    from sinokaz_cli.commands import named_command

    assert named_command(argv) == expected


def test_the_lazy_map_knows_every_global_option() -> None:
    from sinokaz_cli.commands import _FLAGS, _VALUED
    from sinokaz_cli.commands.parsing import GLOBAL_OPTIONS

    assert sorted((*_VALUED, *_FLAGS)) == sorted(flag for flag, _, _ in GLOBAL_OPTIONS)
    assert list(_VALUED) == [flag for flag, metavar, _ in GLOBAL_OPTIONS if metavar]


@pytest.mark.parametrize("command", [*COMMANDS, None])
def test_help_examples_are_whole_lines_at_any_width(run: Run, command: str | None) -> None:
    """Click rewraps help to the terminal; an example split over two lines cannot be
    copied. Each one is printed on its own line, even at 40 columns."""
    args = [command, "--help"] if command else ["--help"]
    out = run(*args, env={"COLUMNS": "40"}).stdout
    after = out.split("Example")[1].split("\n\n", 2)[1]  # the paragraph after the heading
    lines = after.rstrip("\n").split("\n")
    assert lines and all(line.startswith("    sinokaz ") for line in lines), lines


def _readme_examples() -> list[tuple[str, list[str], list[str]]]:
    """(block kind, argv, lines shown) for each `$ sinokaz ...` in the README and
    docs/ that prints straight to the terminal (text blocks) or to a pipe (sh blocks)."""
    import shlex

    found = []
    pages = "\n".join([README, *DOCS.values()])
    for kind, body in re.findall(r"```(text|sh)\n(.*?)```", pages, re.S):
        for part in re.split(r"^\$ ", body, flags=re.M)[1:]:
            command, *shown = part.rstrip("\n").split("\n")
            if command.startswith("sinokaz ") and not set("|>") & set(command):
                found.append((kind, shlex.split(command)[1:], shown))
    return found


EXAMPLES = _readme_examples()


@pytest.mark.parametrize(
    ("kind", "argv", "shown"), EXAMPLES, ids=[" ".join(argv) for _, argv, _ in EXAMPLES]
)
def test_readme_examples_show_what_the_tool_prints(
    run: Run, kind: str, argv: list[str], shown: list[str]
) -> None:
    """Each line the README shows under a command (but "…", which stands for
    lines left out) is a line the command prints: a terminal table at 80 columns
    for a text block, a pipe's output for a sh block."""
    wants_table = kind == "text" and not {"--json", "--format", "-f", "check"} & set(argv)
    result = run(*argv, *(["--format", "table"] if wants_table else []), env={"COLUMNS": "80"})
    printed = {line.rstrip() for line in (result.stdout + result.stderr).splitlines()}
    missing = [s for s in shown if s.strip() not in ("", "…") and s.rstrip() not in printed]
    assert missing == []
