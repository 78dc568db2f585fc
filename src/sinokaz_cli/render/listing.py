"""What every listing hands to a renderer: records, their columns, their JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

R = TypeVar("R")

Json = dict[str, Any]


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of text output; `name` matches the JSON field it shows."""

    name: str
    header: str
    text: Callable[[R], str]
    # Table view only: "wide" takes the spare width and wraps; "nowrap" never
    # wraps (ids must stay copyable); max_width caps a short-text column.
    wide: bool = False
    nowrap: bool = False
    max_width: int | None = None


@dataclass(frozen=True)
class Listing(Generic[R]):
    records: Iterable[R]
    columns: Sequence[Column[R]]
    to_json: Callable[[R], Json]
    # Every field a script may ask for with --fields, in JSON order.
    fields: Sequence[str] = ()
    title: str | None = None
