"""JSON and JSON Lines: the stable contract for scripts.

UTF-8 text, not \\u-escaped, except DEL, the C1 controls, the line and
paragraph separators and the bidi overrides: json.dumps would pass those
through raw, and terminals act on them, so they are written as \\u escapes
(the same string once parsed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

try:  # the C string encoder itself: importing the json package costs ~3 ms of start-up
    from _json import encode_basestring as _c_encoder
except ImportError:  # pragma: no cover  (not CPython)
    from json.encoder import encode_basestring as _c_encoder

encode_string: Callable[[str], str] = _c_encoder  # a JSON string literal, non-ASCII kept

RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# jsonl writes this many records with the walker below; a longer answer then
# loads the json package, whose C encoder makes up for the import.
WALKED_LINES = 64


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group(0)):04x}"


def escape_controls(text: str) -> str:
    """JSON text with the characters terminals act on written as \\u escapes."""
    return RAW_CONTROLS.sub(_escape, text)


def dumps(obj: Any, indent: int | None = None) -> str:
    """What json.dumps(obj, ensure_ascii=False, indent=indent) writes, controls
    escaped, without the json package (a property test holds the two equal)."""
    step = None if indent is None else " " * indent
    walk = _WALKERS.get(step)
    if walk is None:
        walk = _WALKERS[step] = _walker(step)
    return escape_controls(walk(obj, 0))


_WALKERS: dict[str | None, Callable[[Any, int], str]] = {}


def _walker(step: str | None) -> Callable[[Any, int], str]:
    """A function writing one value: on one line with json's ", " and ": " when
    `step` is None, else across lines indented by `step`. With an indent, the
    standard library falls back to its pure-Python encoder, which made rendering
    the index's JSON the largest cost of indexing; here the structure is walked
    once and strings go through the C string encoder."""

    def walk(obj: Any, level: int) -> str:
        if type(obj) is str:
            return str(encode_string(obj))
        if obj is None:
            return "null"
        if obj is True:
            return "true"
        if obj is False:
            return "false"
        if isinstance(obj, int):
            return int.__repr__(obj)
        if isinstance(obj, float):
            return float.__repr__(obj)
        if isinstance(obj, str):
            return str(encode_string(obj))
        if step is None:
            open_, sep, close = "", ", ", ""
        else:
            open_ = "\n" + step * (level + 1)
            sep, close = "," + open_, "\n" + step * level
        if isinstance(obj, dict):
            if not obj:
                return "{}"
            items = [encode_string(k) + ": " + walk(v, level + 1) for k, v in obj.items()]
            return "{" + open_ + sep.join(items) + close + "}"
        if isinstance(obj, (list, tuple)):
            if not obj:
                return "[]"
            parts = [walk(v, level + 1) for v in obj]
            return "[" + open_ + sep.join(parts) + close + "]"
        raise TypeError(f"not JSON: {type(obj).__name__}")

    return walk


def element(obj: dict[str, Any]) -> str:
    """One element of a pretty-printed array, indented for its place in it."""
    return dumps(obj, indent=2).replace("\n", "\n  ")


def array(objs: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A pretty-printed JSON array, one chunk per element, so output streams."""
    return framed(element(obj) for obj in objs)


def framed(elements: Iterable[str]) -> Iterator[str]:
    """Array brackets and commas around elements already made by `element`."""
    first = True
    for body in elements:
        yield ("[\n  " if first else ",\n  ") + body
        first = False
    yield "[]\n" if first else "\n]\n"


def lines(objs: Iterable[dict[str, Any]]) -> Iterator[str]:
    """JSON Lines. A short answer is written without the json package; a long one
    goes on with its C encoder, about a quarter faster per record."""
    rest = iter(objs)
    for obj in islice(rest, WALKED_LINES):
        yield dumps(obj) + "\n"
    for obj in rest:  # more than WALKED_LINES
        import json

        encode = json.JSONEncoder(ensure_ascii=False).encode
        yield escape_controls(encode(obj)) + "\n"
        for obj in rest:
            yield escape_controls(encode(obj)) + "\n"
