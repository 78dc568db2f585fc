"""What every listing hands to a renderer: records, their columns, their JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

R = TypeVar("R")

Json = dict[str, Any]


# How a list is written in one field of text (csv, tsv, markdown).
LIST_SEPARATOR = "; "


def flat(value: Any) -> str:
    """A JSON value written as one field of text, the one way every format does:
    null is empty; a number or true/false as JSON writes it (1.0, 38, true); a
    list's items joined with "; "; an object that carries its own reading (a
    date's "display", a figure's or a role's "text") as that; any other object
    as compact JSON."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return float.__repr__(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(flat, value))
    if isinstance(value, dict):
        for key in ("display", "text"):
            if isinstance(value.get(key), str):
                return str(value[key])
        from sinokaz_cli.render.jsonout import dumps

        return dumps(value)
    return str(value)


class Column(Generic[R]):
    """One column of text output: the JSON field `name`, and its value."""

    __slots__ = ("name", "header", "value", "wide", "nowrap", "max_width")

    def __init__(
        self,
        name: str,
        header: str,
        value: Callable[[R], Any],
        wide: bool = False,
        nowrap: bool = False,
        max_width: int | None = None,
    ) -> None:
        self.name = name
        self.header = header
        # What the JSON object has under `name` for the record (test_listings
        # holds the two equal), for text formats to write flat.
        self.value = value
        # Table view only: "wide" takes the spare width and wraps; "nowrap" never
        # wraps (ids must stay copyable); max_width caps a short-text column.
        self.wide = wide
        self.nowrap = nowrap
        self.max_width = max_width

    def text(self, record: R) -> str:
        return flat(self.value(record))


class Listing(Generic[R]):
    """Records to render, with their text columns and their JSON form."""

    __slots__ = ("records", "columns", "to_json", "fields", "title", "to_element", "noun")

    def __init__(
        self,
        records: Iterable[R],
        columns: Sequence[Column[R]],
        to_json: Callable[[R], Json],
        fields: Sequence[str] = (),
        title: str | None = None,
        to_element: Callable[[R], str] | None = None,
        noun: str = "rows",
    ) -> None:
        self.records = records
        self.columns = columns
        self.to_json = to_json
        # Every field a script may ask for with --fields, in JSON order.
        self.fields = fields
        self.title = title
        # A record written directly as a JSON array element, the same text as
        # jsonout.element(to_json(r)) but without building the dict: --json of
        # tens of thousands of facts is then a matter of reading them.
        self.to_element = to_element
        # What the records are, plural, for a table's "no entities" and "… and 9 more entities".
        self.noun = noun
