"""An article's plain text, cut into the paragraphs its knowledge file cites.

The rule is the project's, and `sinokaz new` and `show --text` share it:

- Each line is a paragraph, unless the text is hard-wrapped: it has blank
  lines, and no line in a run of several is longer than WRAPPED (text wrapped
  at 72 or 80 columns). A paragraph is then a run of lines between blank lines,
  joined with a space. (A blank line or two between one-a-line paragraphs, as
  after a pasted headline, leaves each line a paragraph.)
- Paragraph 1 is the headline and paragraph 2, when there is one, the
  standfirst or first paragraph: they are numbered like the rest.
- A last line that is only an e-mail address is the desk's contact, not a
  paragraph (China Daily ends its articles so).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sinokaz_cli.errors import Problem
    from sinokaz_cli.knowledge.base import KnowledgeBase
    from sinokaz_cli.knowledge.records import Citation

_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
# Control characters (tab and newline aside) never belong in an article's words.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


WRAPPED = 100  # no line of a hard-wrapped text is longer

ONE_A_LINE = "one paragraph a line"
BETWEEN_BLANKS = "paragraphs between blank lines"


class ArticleText(NamedTuple):
    paragraphs: tuple[str, ...]  # paragraph n is paragraphs[n - 1]
    contact: str | None  # the e-mail address the text ends with, if any
    layout: str = ONE_A_LINE  # how the paragraphs were told apart


def split(text: str) -> ArticleText:
    """The paragraphs of an article's text, by the rule above."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [_CONTROL.sub(" ", line).strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    runs = [b for b in blocks if len(b) > 1]
    wrapped = len(blocks) > 1 and runs and max(len(x) for b in runs for x in b) <= WRAPPED
    if wrapped:
        paragraphs, layout = [" ".join(b) for b in blocks if b], BETWEEN_BLANKS
    else:
        paragraphs, layout = [x for x in lines if x], ONE_A_LINE
    paragraphs = [re.sub(r"\s+", " ", p) for p in paragraphs]
    contact = None
    if len(paragraphs) > 1 and _EMAIL.match(paragraphs[-1]):
        contact = paragraphs.pop()
    return ArticleText(tuple(paragraphs), contact, layout)


def read(path: Path) -> ArticleText:
    """The paragraphs of the article at `path` (OSError and UnicodeDecodeError
    are the caller's to report)."""
    return split(path.read_bytes().decode("utf-8"))


def text_path(knowledge_file: str, file: str) -> Path:
    """Where a source's `file` is: relative to the knowledge file that declares it."""
    given = Path(file).expanduser()
    return given if given.is_absolute() else Path(knowledge_file).parent / given


class CitedText(NamedTuple):
    """The article's own words for a citation, or why they cannot be shown."""

    paragraphs: tuple[tuple[int, str], ...]  # (number, text)
    missing: str | None  # why there is no text, in one line
    doubt: str | None  # why the text may not be the one cited (a count that differs)


def cited_text(kb: KnowledgeBase, citation: Citation) -> CitedText:
    """The cited paragraphs, read from the source's `file` beside its knowledge file."""
    src = kb.sources_by_id.get(citation.source)
    if src is None:
        return CitedText((), f"source {citation.source!r} is not declared", None)
    if not src.file:
        return CitedText((), f"source {src.id!r} names no text file (its `file` field)", None)
    home = kb.source_file(src.id)
    path = text_path(home, src.file) if home else Path(src.file)
    try:
        article = read(path)
    except FileNotFoundError:
        from sinokaz_cli.reading.paths import bundled_path

        if home and Path(home).resolve() == bundled_path().resolve():
            return CitedText((), "the bundled article's text is not shipped with sinokaz", None)
        return CitedText((), f"the article's text is not at {path}", None)
    except (OSError, UnicodeDecodeError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else "not UTF-8 text"
        return CitedText((), f"the article's text at {path} cannot be read: {why}", None)
    found = article.paragraphs
    doubt = None
    if len(found) != src.paragraphs:
        doubt = (
            f"{path} has {len(found)} paragraphs where source {src.id!r} counts "
            f"{src.paragraphs}: the numbering may differ"
        )
    shown = tuple((n, found[n - 1]) for n in citation.paragraphs if 0 < n <= len(found))
    return CitedText(shown, None, doubt)


def text_problems(kb: KnowledgeBase) -> list[Problem]:
    """A problem for each source whose text file is there but has another number of
    paragraphs than its record says: its citations would point at other words.
    (A text not at hand is no problem: the bundled article's is not shipped.)"""
    from sinokaz_cli.errors import Problem

    found = []
    for src in kb.sources:
        home = kb.source_file(src.id)
        if not src.file or home is None:
            continue
        path = text_path(home, src.file)
        try:
            article = read(path)
        except (OSError, UnicodeDecodeError):
            continue
        if len(article.paragraphs) != src.paragraphs:
            found.append(
                Problem(
                    home,
                    f"{path} has {len(article.paragraphs)} paragraphs ({article.layout}), "
                    f"the record {src.paragraphs}: its citations may point at other words",
                    record=f"source {src.id!r}",
                    field="paragraphs",
                )
            )
    return found
