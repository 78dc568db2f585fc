"""check and schema: the knowledge files' health and shape."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from sinokaz_cli.commands.app import app, examples, global_option
from sinokaz_cli.commands.boundary import report_knowledge_error
from sinokaz_cli.commands.parsing import path_given
from sinokaz_cli.errors import ExitCode, KnowledgeError
from sinokaz_cli.knowledge.base import KnowledgeBase

# ─── check and schema ───────────────────────────────────────────────────────


@app.command(
    epilog=examples("sinokaz check", "sinokaz check ~/my-articles/", "sinokaz check --list")
)
def check(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="File or folder to check. Default: the knowledge in use.",
            callback=path_given,
        ),
    ] = None,
    json_: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the result as one JSON object: ok, counts and problems (with --list, "
            "the ids in use).",
        ),
    ] = False,
    listing: Annotated[
        bool,
        typer.Option(
            "--list",
            help="List the categories, units, entities and sources in use: the ids a new "
            "knowledge file can refer to.",
        ),
    ] = False,
) -> None:
    """Validate knowledge files: every problem at once, and paragraphs no fact cites.

    Prints "ok: PATH — N facts, M entities, K sources" and exits 0, or lists every
    problem on stderr and exits 3. A source's paragraphs that no fact cites yet are
    the work left on it: one line per source, and exit 3. --list shows the
    categories, units, entities and sources in use instead, for writing a new file.
    """
    from sinokaz_cli.knowledge.query import uncited
    from sinokaz_cli.reading.article import text_problems
    from sinokaz_cli.reading.lines import at_source_lines
    from sinokaz_cli.reading.load import load

    target = path or global_option(ctx, "data")
    try:
        kb = load(target, notice="checking the knowledge files ({})")
    except KnowledgeError as e:
        if json_:
            _check_json(target, False, None, e.problems)
        report_knowledge_error(e, every=True, data=target)
        raise typer.Exit(int(ExitCode.KNOWLEDGE)) from None
    if listing:
        _list(kb, json_)
        return
    gaps = at_source_lines(text_problems(kb) + uncited(kb))
    if gaps:
        if json_:
            _check_json(target, False, kb, gaps)
        report_knowledge_error(KnowledgeError(gaps), every=True, data=target)
        raise typer.Exit(int(ExitCode.KNOWLEDGE))
    if json_:
        _check_json(target, True, kb, [])
        return
    from sinokaz_cli.messages import counted

    counts = (
        counted(len(kb.facts), "fact"),
        counted(len(kb.entities), "entity", "entities"),
        counted(len(kb.sources), "source"),
    )
    sys.stdout.write(f"ok: {checked(target)} — {', '.join(counts)}\n")


def _list(kb: KnowledgeBase, json_: bool) -> None:
    from sinokaz_cli.render import vocabulary

    if json_:
        from sinokaz_cli.render.jsonout import dumps

        sys.stdout.write(dumps(vocabulary.vocabulary(kb), indent=2) + "\n")
        return
    from sinokaz_cli.safe import visible

    sys.stdout.write("".join(visible(line) + "\n" for line in vocabulary.lines(kb)))


def checked(target: str | None) -> str:
    """What `check` read, as the user would name it: 'kb/', 'new.toml', or the
    bundled knowledge."""
    from sinokaz_cli.reading.paths import ENV_VAR

    given = target or os.environ.get(ENV_VAR)
    if not given:
        return "the bundled knowledge"
    if os.path.isdir(given) and not given.endswith(("/", os.sep)):
        given += "/"
    return given


def _check_json(
    target: str | None, ok: bool, kb: KnowledgeBase | None, problems: list[Any]
) -> None:
    from sinokaz_cli.render.jsonout import dumps

    body = {
        "ok": ok,
        "checked": checked(target),
        "facts": len(kb.facts) if kb else None,
        "entities": len(kb.entities) if kb else None,
        "sources": len(kb.sources) if kb else None,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "record": p.record,
                "field": p.field,
                "message": p.message,
                "hint": p.hint,
                "text": str(p),
            }
            for p in problems
        ],
    }
    sys.stdout.write(dumps(body, indent=2) + "\n")


@app.command(epilog=examples("sinokaz schema > facts.schema.json"))
def schema() -> None:
    """Print the JSON Schema of the knowledge file (for editors using taplo)."""
    from sinokaz_cli.reading.paths import bundled_path

    sys.stdout.write((bundled_path().parent / "facts.schema.json").read_text(encoding="utf-8"))
