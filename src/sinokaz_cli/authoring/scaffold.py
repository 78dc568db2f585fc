"""The start of a knowledge file for one article (`sinokaz new`).

The file holds the article's [[source]] record, filled from the text, and each
paragraph as a comment, numbered as `reading.article` numbers them, where that
paragraph's facts will go. It reads as valid knowledge at once: `sinokaz check`
then lists only the paragraphs no fact cites yet, which is the work left.

TOML is written by hand here: the file is comments and one flat record of
strings and integers, which needs only string escaping, and the layout (where
each comment stands) is the point of it. No TOML writer keeps comments.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path
from typing import NamedTuple

from sinokaz_cli.errors import UsageError
from sinokaz_cli.reading.article import ArticleText, read

WIDTH = 78  # of the comment lines
# Words that say little in an id made from a title.
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


class SourceFacts(NamedTuple):
    """What the text cannot tell about its source: the writer gives it."""

    publisher: str
    published: str  # YYYY-MM or YYYY-MM-DD
    file: str  # the article's text, relative to the knowledge file
    id: str | None = None


def standfirst(article: ArticleText) -> str | None:
    """Paragraph 2 when it reads as a standfirst (a subtitle): short, and not a
    sentence that ends with a full stop."""
    if len(article.paragraphs) < 3:
        return None
    second = article.paragraphs[1]
    return second if len(second) <= 200 and not second.endswith((".", "?", "!", '"', "”")) else None


def source_id(publisher: str, published: str, title: str) -> str:
    """An id in the bundled file's style: the publisher's initials, the month, and
    the title's first two words that say something ("cd-2025-11-closer-china")."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", publisher)).lower() or "src"
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", title)]
    telling = [w for w in words if w not in _SMALL_WORDS][:2] or words[:2]
    return "-".join([initials, published[:7], *telling])


def toml_string(value: str) -> str:
    """A TOML basic string: quote, backslash and control characters escaped."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def _comment(text: str, indent: str = "") -> list[str]:
    lines = textwrap.wrap(text, WIDTH - 2 - len(indent), break_on_hyphens=False) or [""]
    return [f"# {indent}{line}".rstrip() for line in lines]


def _rule(label: str) -> str:
    head = f"# ─── {label} "
    return head + "─" * max(3, WIDTH - len(head))


def knowledge_file(article: ArticleText, about: SourceFacts, text_name: str) -> str:
    """The text of a new knowledge file for `article`."""
    title = article.paragraphs[0]
    subtitle = standfirst(article)
    sid = about.id or source_id(about.publisher, about.published, title)
    n = len(article.paragraphs)
    head = [
        *_comment(f"Knowledge from “{title}” ({about.publisher}, {about.published}).", ""),
        f"# Started by `sinokaz new` from {text_name} ({article.layout}).",
        "#",
        *_comment(
            "Next: under each paragraph below, write the facts it states, in your own "
            "words, citing it (paragraphs = [N]). `sinokaz check` on this file lists "
            "the paragraphs no fact cites yet; `sinokaz check --list` shows the "
            "categories, units and entity ids already in use. Declare here the "
            "entities and units this article uses, even those another file declares "
            "too: declared alike, they are one record, and this file then stands alone."
        ),
        "",
        "[[source]]",
        f"id = {toml_string(sid)}",
        f"title = {toml_string(title)}",
    ]
    if subtitle:
        head.append(f"subtitle = {toml_string(subtitle)}")
    head += [
        f"publisher = {toml_string(about.publisher)}",
        f"published = {toml_string(about.published)}",
        f"paragraphs = {n}",
    ]
    if article.contact:
        head.append(f"contact = {toml_string(article.contact)}")
    head.append(f"file = {toml_string(about.file)}")
    body: list[str] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        label = f"¶{number}"
        if number == 1:
            label += " (headline)"
        elif number == 2 and subtitle:
            label += " (standfirst)"
        body += ["", _rule(label), *_comment(paragraph)]
        if number == 1:
            body += [
                "#",
                "# A fact is written like this (uncomment and fill in):",
                "# [[fact]]",
                '# id = ""            # lower case, words joined by hyphens',
                '# category = ""      # trade, tourism, dialogue, policy or one declared',
                '# statement = ""     # one sentence, in your own words, naming its subject',
                f"# source = {toml_string(sid)}",
                "# paragraphs = [1]",
                '# figures = [{ value = 307_000_000, unit = "USD", about = "what it counts" }]',
            ]
    return "\n".join(head + body) + "\n"


class Started(NamedTuple):
    text: str  # of the new knowledge file
    article: ArticleText


def for_article(
    article: Path,
    target: Path | None,
    publisher: str,
    published: str,
    source: str | None = None,
) -> Started:
    """The new knowledge file's text for the article at `article`, to be written at
    `target` (None: printed), whose `file` field then leads back to the text.
    Raises UsageError for a text that cannot be read or an id not allowed."""
    from sinokaz_cli.reading.fields import ID_RE

    if article.suffix.lower() == ".toml":
        raise UsageError(f"{article}: is a knowledge file; give the article's plain text")
    try:
        found = read(article)
    except FileNotFoundError:
        raise UsageError(f"{article}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{article}: is a folder; give the article's text file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{article}: not UTF-8 text") from None
    except OSError as e:
        raise UsageError(f"{article}: {e.strerror or e}") from None
    if not found.paragraphs:
        raise UsageError(f"{article}: holds no text")
    if source is not None and not ID_RE.fullmatch(source):
        raise UsageError(f"--id {source!r}: lower-case letters, digits, '.', '_' and '-' only")
    if target is not None and target.resolve() == article.resolve():
        raise UsageError(f"{target}: is the article itself; choose another --output")
    folder = (target.parent if target is not None else Path()).resolve()
    relative = Path(os.path.relpath(article.resolve(), folder)).as_posix()
    about = SourceFacts(publisher, published, relative, source)
    return Started(knowledge_file(found, about, article.name), found)
