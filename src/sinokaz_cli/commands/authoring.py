"""new: start a knowledge file from an article's plain text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sinokaz_cli.commands.app import app, examples
from sinokaz_cli.commands.parsing import path_given
from sinokaz_cli.errors import OutputError, UsageError
from sinokaz_cli.messages import say


def _published(value: str | None) -> str | None:
    import datetime as dt
    import re

    if value is None:
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", value):
        raise typer.BadParameter(f"{value!r} is not a year and month, as 2025-11 (or 2025-11-04)")
    year, month, *day = map(int, value.split("-"))
    try:
        dt.date(year, month, day[0] if day else 1)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a real date") from None
    return value


@app.command(
    epilog=examples(
        "sinokaz new state-visit.txt --publisher 'Caspian Courier' --published 2025-07",
        "sinokaz new ~/articles/visit.txt -o data/visit.toml --publisher 'China Daily' "
        "--published 2025-11",
    )
)
def new(
    article: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE",
            help="The article as plain text (UTF-8): one paragraph a line, or paragraphs "
            "between blank lines; the headline first.",
            callback=path_given,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The knowledge file to write ('-' for stdout). Default: ARTICLE with .toml "
            "in place of its suffix. An existing file is never overwritten.",
            callback=path_given,
        ),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option(help="Who published the article, as 'China Daily'. Asked for on a terminal."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM",
            help="When it was published: year and month, or a full date. Asked for on a terminal.",
            callback=_published,
        ),
    ] = None,
    source_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="The source's id. Default: publisher's initials, month, two title words.",
        ),
    ] = None,
) -> None:
    """Start a knowledge file for an article: its source record, and its paragraphs,
    numbered, as comments where their facts will go.

    The paragraphs are numbered as the bundled knowledge numbers its article: the
    headline is 1, the standfirst 2. Then `sinokaz check FILE` lists the paragraphs
    no fact cites yet, until none is left.
    """
    from sinokaz_cli.authoring.scaffold import for_article

    text_path = Path(article).expanduser()
    if not text_path.exists():  # before asking for what the text does not say
        raise UsageError(f"{article}: no such file")
    publisher, published = _ask(publisher, published)
    to_stdout = output == "-"
    target = text_path.with_suffix(".toml") if output is None else Path(output).expanduser()
    started = for_article(text_path, None if to_stdout else target, publisher, published, source_id)
    body = started.text
    if to_stdout:
        sys.stdout.write(body)
        return
    try:
        with target.open("x", encoding="utf-8") as out:  # "x": never over a file
            out.write(body)
    except FileExistsError:
        raise OutputError(
            f"{target} exists; sinokaz new never overwrites a file (choose another with -o)"
        ) from None
    except OSError as e:
        raise OutputError(f"{target}: cannot be written: {e.strerror or e}") from None
    import shlex

    n = len(started.article.paragraphs)
    say(
        f"wrote {target}: the source record and {n} paragraph{'s' if n != 1 else ''} "
        f"({started.article.layout}) to write facts for; then run: "
        f"sinokaz check {shlex.quote(str(target))}"
    )


def _ask(publisher: str | None, published: str | None) -> tuple[str, str]:
    """The text cannot say who published it and when: ask a person at a terminal;
    a script must pass both (as gh asks for what its flags leave out)."""
    missing = [o for o, v in (("--publisher", publisher), ("--published", published)) if not v]
    if not missing:
        return publisher, published  # type: ignore[return-value]
    if not _interactive():
        example = {"--publisher": "--publisher 'China Daily'", "--published": "--published 2025-11"}
        raise UsageError(
            f"the article does not say who published it and when: give {' and '.join(missing)}"
            f" (as {' '.join(example[m] for m in missing)})"
        )
    try:
        while not publisher:
            publisher = typer.prompt("Publisher (as China Daily)", err=True).strip()
        while not published:
            answer = typer.prompt("Published (YYYY-MM)", err=True).strip()
            try:
                published = _published(answer)
            except typer.BadParameter as e:
                say(str(e))
    except typer.Abort:
        # Ctrl-D at the prompt: end its line; the boundary says "interrupted", exit 130.
        sys.stderr.write("\n")
        raise
    return publisher, published


def _interactive() -> bool:
    """Whether a person is there to answer: stdin and stderr both a terminal."""
    return sys.stdin.isatty() and sys.stderr.isatty()
