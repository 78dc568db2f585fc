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

    __slots__ = ("records", "columns", "to_json", "fields", "title", "json_elements")

    def __init__(
        self,
        records: Iterable[R],
        columns: Sequence[Column[R]],
        to_json: Callable[[R], Json],
        fields: Sequence[str] = (),
        title: str | None = None,
        json_elements: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        self.records = records
        self.columns = columns
        self.to_json = to_json
        # Every field a script may ask for with --fields, in JSON order.
        self.fields = fields
        self.title = title
        # The records as JSON array elements already rendered (jsonout.element),
        # where the source keeps them so (the on-disk index does): --json then
        # copies them out instead of decoding and re-encoding every record.
        self.json_elements = json_elements
