"""When two files declare the same record, and what the one record is then.

A knowledge file that stands alone carries the countries, places and units
it uses; beside others, those records repeat. Records of one id are one
record when they agree on what it is: an entity's kind, name and what it is
part of (and, where both give them, its description and an event's place,
hosts, theme and date); a unit's words; everything of a source, category or
alignment. What each adds is kept: an entity's aliases, roles, and its
citation in each file. Anything else that differs is a conflict, which
validation reports with both places and the fields that differ.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sinokaz_cli.knowledge.records import Entity

R = TypeVar("R")

# An entity's fields that name what it is: they must be the same everywhere.
_IDENTITY = ("kind", "name", "part_of")
# Fields either file may leave out; where both give them, they must agree.
_EITHER = ("description", "place", "hosts", "theme", "date")
# Fields whose items each file may add to.
_UNION = ("aliases", "roles", "citations")


def merge(first: R, again: R) -> tuple[R, str]:
    """The one record that `first` and `again` (of one id) are, and "" ; or
    `first` and the fields that differ, said for a person ("kind ('org' here,
    'place' before)")."""
    if isinstance(first, Entity) and isinstance(again, Entity):
        return _entity(first, again)  # type: ignore[return-value]
    if first == again:
        return first, ""
    names: tuple[str, ...] = getattr(first, "_fields", ())
    return first, _said(
        [
            (n, getattr(first, n), getattr(again, n))
            for n in names
            if getattr(first, n) != getattr(again, n)
        ]
    )


def _entity(first: Entity, again: Entity) -> tuple[Entity, str]:
    differ = [(n, getattr(first, n), getattr(again, n)) for n in _IDENTITY]
    changes: dict[str, Any] = {}
    for name in _EITHER:
        a, b = getattr(first, name), getattr(again, name)
        if a and b:
            differ.append((name, a, b))
        elif b:
            changes[name] = b
            if name == "description":
                changes["description_basis"] = again.description_basis
    said = _said([(n, a, b) for n, a, b in differ if a != b])
    if said:
        return first, said
    for name in _UNION:
        mine: tuple[Any, ...] = getattr(first, name)
        changes[name] = mine + tuple(
            x for x in dict.fromkeys(getattr(again, name)) if x not in mine
        )
    return first._replace(**changes), ""


def _said(differ: list[tuple[str, Any, Any]]) -> str:
    """'kind ('org' here, 'place' before), name (...)', values kept short."""

    def short(value: Any) -> str:
        if value is None:
            return "not given"
        text = repr(getattr(value, "value", value))
        return text if len(text) <= 40 else text[:37] + "..."

    return ", ".join(f"{n} ({short(b)} here, {short(a)} before)" for n, a, b in differ)
