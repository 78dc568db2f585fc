"""check and schema: the knowledge files' health and shape."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from sinokaz_cli.commands.app import app, examples, global_option
from sinokaz_cli.commands.boundary import report_knowledge_error
from sinokaz_cli.commands.parsing import path_given
from sinokaz_cli.errors import ExitCode, KnowledgeError
from sinokaz_cli.knowledge.base import KnowledgeBase

# ─── check and schema ───────────────────────────────────────────────────────


@app.command(epilog=examples("sinokaz check", "sinokaz check ~/my-articles/"))
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
            "--json", help="Print the result as one JSON object: ok, counts and problems."
        ),
    ] = False,
) -> None:
    """Validate knowledge files: every problem at once, and paragraphs no fact cites.

    Prints "ok: N facts, M entities, K sources" and exits 0, or lists every problem on
    stderr and exits 3.
    """
    from sinokaz_cli.errors import Problem
    from sinokaz_cli.knowledge.query import coverage
    from sinokaz_cli.reading.load import load

    target = path or global_option(ctx, "data")
    try:
        kb = load(target, notice="checking the knowledge files ({})")
    except KnowledgeError as e:
        if json_:
            _check_json(False, None, e.problems)
        report_knowledge_error(e, every=True)
        raise typer.Exit(int(ExitCode.KNOWLEDGE)) from None
    gaps = [
        Problem(
            src.file or src.id,
            f"source {src.id!r}: paragraph{'s' if len(ps) > 1 else ''} "
            f"{', '.join(map(str, ps))} cited by no fact",
        )
        for src, ps in ((c.source, c.uncited) for c in coverage(kb) if c.uncited)
    ]
    if gaps:
        if json_:
            _check_json(False, kb, gaps)
        report_knowledge_error(KnowledgeError(gaps), every=True)
        raise typer.Exit(int(ExitCode.KNOWLEDGE))
    if json_:
        _check_json(True, kb, [])
        return
    from sinokaz_cli.messages import counted

    counts = (
        counted(len(kb.facts), "fact"),
        counted(len(kb.entities), "entity", "entities"),
        counted(len(kb.sources), "source"),
    )
    sys.stdout.write(f"ok: {', '.join(counts)}\n")


def _check_json(ok: bool, kb: KnowledgeBase | None, problems: list[Any]) -> None:
    from sinokaz_cli.render.jsonout import dumps

    body = {
        "ok": ok,
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
