"""JSON and JSON Lines: the stable contract for scripts.

UTF-8 text, not \\u-escaped, except DEL, the C1 controls, the line and
paragraph separators and the bidi overrides: json.dumps would pass those
through raw, and terminals act on them, so they are written as \\u escapes
(the same string once parsed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group(0)):04x}"


def dumps(obj: Any, indent: int | None = None) -> str:
    import json  # not needed to copy out facts the index keeps rendered

    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _RAW_CONTROLS.sub(_escape, text)


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
