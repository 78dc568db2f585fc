"""The Python API: every command's answer, the same records and JSON, the same
errors; and docs/python-api.md runs as it is written."""

from __future__ import annotations

import doctest
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sinokaz_cli import api
from sinokaz_cli.api import Knowledge, check, json_schema, open_knowledge
from sinokaz_cli.commands import COMMANDS
from sinokaz_cli.errors import ExitCode

from conftest import BAD, ROOT, SHIPPED, Run

BROKEN = BAD / "unknown-values.toml"

# For each command: the command line, and the same answer asked of the API. A
# command added without its answer here fails test_every_command_is_covered.
Case = tuple[list[str], Callable[[Knowledge], Any]]
CASES: dict[str, list[Case]] = {
    **{
        topic: [([topic, "--json"], lambda kb, t=topic: kb.to_json(kb.facts(category=t)))]
        for topic in ("trade", "tourism", "dialogue")
    },
    "policy": [
        (["policy", "--json"], lambda kb: kb.to_json(kb.facts(category="policy"))),
        (["policy", "--pairs", "--json"], lambda kb: kb.to_json(kb.pairs())),
    ],
    "facts": [
        (["facts", "--json"], lambda kb: kb.to_json(kb.facts())),
        (
            ["facts", "-c", "trade", "-c", "people", "-t", "cars", "-e", "nurgaliyeva", "--json"],
            lambda kb: kb.to_json(
                kb.facts(category=["trade", "people"], tag="cars", entity="nurgaliyeva")
            ),
        ),
    ],
    "show": [
        (
            ["show", "ciie-contracts-total", "--json"],
            lambda kb: kb.to_json(kb.fact("ciie-contracts-total")),
        )
    ],
    "search": [
        (
            ["search", "who co-hosted the dialogue?", "-n", "3", "--json"],
            lambda kb: kb.to_json(kb.search("who co-hosted the dialogue?", limit=3)),
        ),
        (["search", "Tsingtau", "--json"], lambda kb: kb.to_json(kb.search("Tsingtau"))),
    ],
    "entities": [
        (["entities", "--json"], lambda kb: kb.to_json(kb.entities())),
        (
            ["entities", "-k", "person", "-k", "event", "--json"],
            lambda kb: kb.to_json(kb.entities(kind=["person", "event"])),
        ),
    ],
    "entity": [
        (
            ["entity", "nurgaliyeva", "--json"],
            lambda kb: {
                **kb.to_json(kb.entity("nurgaliyeva")),
                "facts": kb.to_json(kb.facts(entity="nurgaliyeva")),
            },
        )
    ],
    "timeline": [
        (["timeline", "--json"], lambda kb: kb.to_json(kb.timeline())),
        (["timeline", "-c", "trade", "--json"], lambda kb: kb.to_json(kb.timeline("trade"))),
    ],
    "tags": [
        (
            ["tags", "-c", "tourism", "--json"],
            lambda kb: [{"tag": t, "facts": n} for t, n in kb.tag_counts("tourism").items()],
        )
    ],
    "sources": [(["sources", "--json"], lambda kb: kb.to_json(kb.sources()))],
    "brief": [
        (["brief", "--json"], lambda kb: kb.to_json(kb.brief())),
        (["brief", "-t", "policy", "--json"], lambda kb: kb.to_json(kb.brief(topics="policy"))),
    ],
    "check": [
        (["check", "--json"], lambda kb: _checked(check())),
        (["check", str(BROKEN), "--json"], lambda kb: _checked(check(BROKEN))),
    ],
    "schema": [(["schema"], lambda kb: json.loads(json_schema()))],
}


def _checked(problems: list[api.Problem]) -> list[str]:
    return [str(p) for p in problems]


def _answer(argv: list[str], stdout: str) -> Any:
    """What the API is held to: the JSON the command prints (only the problems, for check)."""
    found = json.loads(stdout)
    return [p["text"] for p in found["problems"]] if argv[0] == "check" else found


def test_every_command_is_covered() -> None:
    """The command line uses nothing the API does not offer: each command's answer
    is asked of the API below (export's in test_export_is_the_same_through_the_api,
    new's in test_new_is_the_same_through_the_api). help and cache answer about the
    tool itself (its help, its index files), not the knowledge."""
    assert set(CASES) | {"export", "new", "help", "cache"} == set(COMMANDS)


ALL = [(argv, ask) for cases in CASES.values() for argv, ask in cases]


@pytest.mark.parametrize("cache", [True, False], ids=["index", "files"])
@pytest.mark.parametrize(("argv", "ask"), ALL, ids=[" ".join(a[:3]) for a, _ in ALL])
def test_the_api_answers_what_the_command_prints(
    run: Run, argv: list[str], ask: Callable[[Knowledge], Any], cache: bool
) -> None:
    result = run(*argv)
    assert result.exit_code in (0, 3), result.stderr
    assert ask(open_knowledge(cache=cache)) == _answer(argv, result.stdout)


def test_export_is_the_same_through_the_api(run: Run, tmp_path: Path) -> None:
    assert run("export", "sqlite", str(tmp_path / "cli.db")).exit_code == 0
    open_knowledge().export_sqlite(tmp_path / "api.db")
    dumps = [list(sqlite3.connect(tmp_path / n).iterdump()) for n in ("cli.db", "api.db")]
    assert dumps[0] == dumps[1]
    assert run("export", "csv", str(tmp_path / "cli")).exit_code == 0
    written = open_knowledge().export_csv(tmp_path / "api")
    assert [p.read_bytes() for p in written] == [
        (tmp_path / "cli" / p.name).read_bytes() for p in written
    ]


def test_the_topic_tables_heads_are_the_apis_summaries() -> None:
    from sinokaz_cli.knowledge import query
    from sinokaz_cli.render.summary import HEADLINE_LIMIT

    kb = open_knowledge()
    assert kb.summary("trade") == query.summarise(kb.base, "trade", HEADLINE_LIMIT)
    assert kb.events() == query.events(kb.base)
    assert kb.summary("TRADE").category == "trade"  # as --category takes it


# ─── errors ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("argv", "ask", "error"),
    [
        (
            ["show", "ciie-contract-total"],
            lambda kb: kb.fact("ciie-contract-total"),
            api.NotFoundError,
        ),
        (["entity", "nurgaliyev"], lambda kb: kb.entity("nurgaliyev"), api.NotFoundError),
        (["facts", "-t", "carz"], lambda kb: kb.facts(tag="carz"), api.NotFoundError),
        (["facts", "-e", "chna"], lambda kb: kb.facts(entity="chna"), api.NotFoundError),
        (["facts", "-c", "trad"], lambda kb: kb.facts(category="trad"), api.UsageError),
        (["brief", "-t", "trad"], lambda kb: kb.brief(topics="trad"), api.UsageError),
        (["search", "?!"], lambda kb: kb.search("?!"), api.UsageError),
    ],
)
def test_the_same_errors_as_exceptions(
    run: Run, argv: list[str], ask: Callable[[Knowledge], Any], error: type[Exception]
) -> None:
    result = run(*argv)
    with pytest.raises(error) as raised:
        ask(open_knowledge())
    message = str(raised.value)
    # The command calls a bad --topic a topic, and names the help to read; the API
    # has neither options nor help.
    said = result.stderr.replace("unknown topic", "unknown category")
    assert re.sub(r"; see 'sinokaz \w+ --help'\n$", "\n", said) == f"sinokaz: {message}\n"
    assert result.exit_code == raised.value.exit_code  # type: ignore[attr-defined]


def test_knowledge_and_output_errors(tmp_path: Path) -> None:
    with pytest.raises(api.KnowledgeError) as missing:
        open_knowledge(tmp_path / "nothing.toml")
    assert missing.value.problems[0].message == "no such file or folder"
    with pytest.raises(api.KnowledgeError) as broken:
        open_knowledge(BROKEN, cache=False)
    assert [str(p) for p in broken.value.problems] == [str(p) for p in check(BROKEN)]
    (tmp_path / "kb.db").write_text("mine")
    with pytest.raises(api.OutputExists) as exists:
        open_knowledge().export_sqlite(tmp_path / "kb.db")
    assert (
        str(exists.value)
        == f"{tmp_path / 'kb.db'} already exists; pass replace=True to overwrite it"
    )
    assert isinstance(exists.value, api.OutputError) and exists.value.path == tmp_path / "kb.db"
    with pytest.raises(api.UsageError, match="unknown kind 'persn'"):
        open_knowledge().entities(kind="persn")
    codes = {
        api.UsageError: ExitCode.USAGE,
        api.KnowledgeError: ExitCode.KNOWLEDGE,
        api.NotFoundError: ExitCode.NOT_FOUND,
        api.OutputError: ExitCode.OUTPUT,
    }
    for cls, code in codes.items():
        assert issubclass(cls, api.SinokazError) and cls.exit_code is code


def test_a_path_reads_as_data_does(tmp_path: Path) -> None:
    mini = open_knowledge(ROOT / "tests" / "data" / "mini.toml", cache=False)
    assert mini.facts() == open_knowledge(str(ROOT / "tests" / "data" / "mini.toml")).facts()
    assert len(open_knowledge(SHIPPED.parent).facts()) == 38  # a folder of *.toml files
    assert repr(open_knowledge()) == f"<Knowledge from {SHIPPED}>"


def test_importing_the_api_loads_next_to_nothing() -> None:
    code = "import sys, sinokaz_cli.api; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not loaded & {"sqlite3", "rich", "tomli", "typer", "json", "sinokaz_cli.index.opening"}


# ─── the documented session ─────────────────────────────────────────────────


def test_the_example_in_the_docs_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    session = "\n".join(re.findall(r"```python\n(.*?)```", text, re.S))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    test = doctest.DocTestParser().get_doctest(session, {}, "python-api.md", None, 0)
    assert len(test.examples) > 20
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=lambda s: None)
    failed, _ = runner.summarize(verbose=False)
    if failed:  # run again, saying what differed
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        report: list[str] = []
        runner.run(test, out=report.append)
        pytest.fail("".join(report))


def test_new_is_the_same_through_the_api(run: Run, tmp_path: Path) -> None:
    from conftest import ARTICLES

    text = ARTICLES / "state-visit.txt"
    argv = ("--publisher", "Caspian Courier", "--published", "2025-07")
    made = run("new", str(text), "-o", str(tmp_path / "visit.toml"), *argv)
    assert made.exit_code == 0, made.stderr
    wrote = (tmp_path / "visit.toml").read_text(encoding="utf-8")
    assert (
        api.new_knowledge_file(text, "Caspian Courier", "2025-07", output=tmp_path / "visit.toml")
        == wrote
    )
    with pytest.raises(api.UsageError, match="no such file"):
        api.new_knowledge_file(tmp_path / "none.txt", "X", "2025-01")
