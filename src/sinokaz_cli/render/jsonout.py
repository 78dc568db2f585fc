"""JSON and JSON Lines: the stable contract for scripts.

UTF-8 text, not \\u-escaped, except DEL, the C1 controls, the line and
paragraph separators and the bidi overrides: json.dumps would pass those
through raw, and terminals act on them, so they are written as \\u escapes
(the same string once parsed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group(0)):04x}"


def escape_controls(text: str) -> str:
    """JSON text with the characters terminals act on written as \\u escapes."""
    return RAW_CONTROLS.sub(_escape, text)


def dumps(obj: Any, indent: int | None = None) -> str:
    if indent is None:
        import json  # only here: pretty output and fact elements are written without it

        text = json.dumps(obj, ensure_ascii=False)
    else:
        text = _pretty(obj, 0, " " * indent)
    return escape_controls(text)


def _pretty(obj: Any, level: int, step: str) -> str:
    """What json.dumps(obj, ensure_ascii=False, indent=len(step)) writes, faster.

    With an indent, the standard library falls back to its pure-Python encoder,
    which made rendering the index's JSON the largest cost of indexing; here
    the structure is walked once and strings go through the C string encoder.
    A property test checks the output against json.dumps.
    """
    walk = _WALKERS.get(step)
    if walk is None:
        walk = _WALKERS[step] = _walker(step)
    return walk(obj, level)


_WALKERS: dict[str, Callable[[Any, int], str]] = {}


def _walker(step: str) -> Callable[[Any, int], str]:
    from json.encoder import encode_basestring as enc

    def walk(obj: Any, level: int) -> str:
        if type(obj) is str:
            return str(enc(obj))
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
            return str(enc(obj))
        inner = "\n" + step * (level + 1)
        if isinstance(obj, dict):
            if not obj:
                return "{}"
            items = [enc(k) + ": " + walk(v, level + 1) for k, v in obj.items()]
            return "{" + inner + ("," + inner).join(items) + "\n" + step * level + "}"
        if isinstance(obj, (list, tuple)):
            if not obj:
                return "[]"
            parts = [walk(v, level + 1) for v in obj]
            return "[" + inner + ("," + inner).join(parts) + "\n" + step * level + "]"
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
    for obj in objs:
        yield dumps(obj) + "\n"
