"""Records written as data/facts.toml writes them, for the benchmark generator.

One `[[table]]` block per record, a `key = value` line per field, inline
tables for dates, figures and roles, and arrays over several lines (one item a
line, a trailing comma) where they hold two or more tables or would run past
the line length; comments between fields and between items, as a person
writes them; section rules such as `# ─── Facts: trade ───…`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

LINE = 100  # arrays of strings longer than this go over several lines
RULE = 78  # width of a section rule, as in data/facts.toml


class Comment(str):
    """A comment line, between fields or between the items of an array."""


# A field's value; Sequence and Mapping (not list and dict) so that a list[str] is one.
Value = str | int | float | bool | Sequence["Value"] | Mapping[str, "Value"]


class Record(NamedTuple):
    table: str  # "source", "unit", "entity", "fact", "alignment", "synonym"
    fields: list[tuple[str, Value]]  # a Comment as the value of key "#" is a comment line

    def get(self, key: str) -> Value | None:
        return next((v for k, v in self.fields if k == key), None)


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scalar(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {scalar(v)}" for k, v in value.items()) + " }"
    return "[" + ", ".join(scalar(v) for v in value) + "]"


def field(key: str, value: Value) -> str:
    if isinstance(value, Comment):
        return f"# {value}"
    if isinstance(value, list):
        tables = sum(isinstance(v, Mapping) for v in value)
        one_line = f"{key} = {scalar(value)}"
        comments = any(isinstance(v, Comment) for v in value)
        if not comments and (tables == 1 or (tables == 0 and len(one_line) <= LINE)):
            return one_line
        items = [f"    # {v}" if isinstance(v, Comment) else f"    {scalar(v)}," for v in value]
        return "\n".join([f"{key} = [", *items, "]"])
    return f"{key} = {scalar(value)}"


def render(record: Record) -> str:
    return "\n".join([f"[[{record.table}]]", *(field(k, v) for k, v in record.fields)]) + "\n"


def rule(title: str) -> str:
    head = f"# ─── {title} "
    return head + "─" * max(3, RULE - len(head))


def section(title: str, records: list[Record], note: list[str] | None = None) -> str:
    """A rule, any comment lines under it, and the records, a blank line apart."""
    head = "\n".join([rule(title), *(f"# {line}" if line else "#" for line in note or [])])
    return "\n".join([head + "\n", *(render(r) for r in records)])
