"""What every listing hands to a renderer: records, their columns, their JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

R = TypeVar("R")

Json = dict[str, Any]


class Column(Generic[R]):
    """One column of text output; `name` matches the JSON field it shows."""

    __slots__ = ("name", "header", "text", "wide", "nowrap", "max_width")

    def __init__(
        self,
        name: str,
        header: str,
        text: Callable[[R], str],
        wide: bool = False,
        nowrap: bool = False,
        max_width: int | None = None,
    ) -> None:
        self.name = name
        self.header = header
        self.text = text
        # Table view only: "wide" takes the spare width and wraps; "nowrap" never
        # wraps (ids must stay copyable); max_width caps a short-text column.
        self.wide = wide
        self.nowrap = nowrap
        self.max_width = max_width


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
