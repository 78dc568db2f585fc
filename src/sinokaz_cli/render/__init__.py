"""Output formats: one module per format, one place that picks between them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from typing import IO, Any

from sinokaz_cli.errors import UsageError
from sinokaz_cli.render.listing import Column, Listing


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"


def pick(requested: Format | None, json_flag: bool, isatty: bool) -> Format:
    """--json wins; else what was asked; else a table on a terminal and TSV in a pipe."""
    if json_flag:
        return Format.JSON
    if requested is not None:
        return requested
    return Format.TABLE if isatty else Format.TSV


def select(listing: Listing[Any], fields: Sequence[str] | None) -> Listing[Any]:
    """Keep only the requested fields (in the order asked), or say which exist."""
    if not fields:
        return listing
    available = list(listing.fields) or [c.name for c in listing.columns]
    for f in fields:
        if f not in available:
            from sinokaz_cli.suggest import did_you_mean

            hint = did_you_mean(f, available)
            raise UsageError(
                f"unknown field {f!r}"
                + (f" ({hint})" if hint else "")
                + "; available fields: "
                + ", ".join(available)
            )
    by_name = {c.name: c for c in listing.columns}
    to_json = listing.to_json

    def pick_json(r: Any) -> dict[str, Any]:
        obj = to_json(r)
        return {f: obj.get(f) for f in fields}

    columns = [by_name.get(f) or _json_column(f, to_json) for f in fields]
    # No direct element writer here: the selected fields change every object.
    return Listing(
        listing.records, columns, pick_json, list(fields), listing.title, noun=listing.noun
    )


def _json_column(name: str, to_json: Any) -> Column[Any]:
    """A column for a field that only the JSON has."""
    return Column(name, name, lambda r: to_json(r).get(name))


def chunks(listing: Listing[Any], fmt: Format) -> Iterator[str]:
    """The listing as text in `fmt` (not table), chunk by chunk so output streams."""
    # Each format's module is imported only when that format is asked for.
    records: Iterable[Any] = listing.records
    if fmt in (Format.JSON, Format.JSONL):
        from sinokaz_cli.render import jsonout

        if fmt is Format.JSON and listing.to_element is not None:
            return jsonout.framed(map(listing.to_element, records))
        write = jsonout.array if fmt is Format.JSON else jsonout.lines
        return write(listing.to_json(r) for r in records)
    if fmt in (Format.CSV, Format.TSV):
        from sinokaz_cli.render import delimited

        if fmt is Format.CSV:
            return delimited.csv_rows(records, listing.columns)
        return delimited.tsv(records, listing.columns)
    if fmt is Format.MARKDOWN:
        from sinokaz_cli.render import markdown

        return markdown.table(records, listing.columns, listing.title)
    raise ValueError(f"no text renderer for {fmt}")  # TABLE is drawn by Rich


def write(listing: Listing[Any], fmt: Format, out: IO[str], show_all: bool = False) -> None:
    if fmt is Format.TABLE:
        from sinokaz_cli.render import table

        table.print_head(
            table.console(out),
            listing.records,
            show_all,
            lambda shown: table.table(shown, listing.columns, listing.title),
            listing.noun,
        )
        return
    for chunk in chunks(listing, fmt):
        out.write(chunk)
