"""A fast reader for the plain subset of TOML that knowledge files are written in.

tomli reads TOML a character at a time in Python; on a large knowledge base
that alone cost as much as everything else the first run does. Knowledge
files use a small, regular part of the language: `[[table]]` headers, bare
keys, basic strings, numbers, booleans, arrays and inline tables, one
`key = value` to a line. This reader takes a line at a time and recognises
the usual shapes of value with string methods and compiled patterns, which
do their work in C; a less usual value (a comment after it, an escape, an
array over several lines) goes through a small tokenizer. A file in the
plainest shape of all, as generated files are, is first tried as JSON (see
`_whole`), which is faster still.

Anything outside the subset (a literal or multi-line string, a date, a
dotted or quoted key, an indented key, an error of any kind) makes `loads`
return None, and the caller hands the text to tomli, which gives the answer
or the error message with its line. The contract, checked by property tests
and against every toml-test file: whenever this returns a document, tomli
returns the same one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

# Control characters other than tab and newline: TOML allows them nowhere
# (not in strings, not in comments), so a file holding one is tomli's to reject.
_UNUSUAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_KEY = r"[A-Za-z0-9_-]+"
_BARE_KEY = re.compile(_KEY)
_HEADER = re.compile(rf"\[(\[)?[ \t]*({_KEY})[ \t]*\](\])?[ \t]*(?:#[^\n]*)?")
_TRUTH = {"true": True, "false": False}

# The usual inline table: `{ key = value, ... }` with plain strings, JSON-style
# numbers and booleans, single spaces; and arrays of those on one line.
_SIMPLE = r'"[^"\\\n]*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false'
_PAIR = re.compile(rf"({_KEY}) = ({_SIMPLE})")
_FLAT = rf"\{{ {_KEY} = (?:{_SIMPLE})(?:, {_KEY} = (?:{_SIMPLE}))* \}}"
_FLAT_TABLE = re.compile(_FLAT)
_FLAT_TABLES = re.compile(rf"\[{_FLAT}(?:, {_FLAT})*\]")

# The tokenizer for everything else.
_DIGITS = r"[0-9](?:_?[0-9])*"
_SCALAR = re.compile(
    r'"((?:[^"\\\n]|\\[btnfr"\\])*)"'
    rf"|(-?(?:0|[1-9](?:_?[0-9])*)(\.{_DIGITS})?([eE][+-]?{_DIGITS})?)(?![\w.:+-])"
    r"|(true|false)(?![\w-])"
)
_SPACE = re.compile(r"(?:[ \t\n]|#[^\n]*)*")  # inside an array: newlines and comments too
_INLINE_KEY = re.compile(rf"[ \t]*({_KEY})[ \t]*=[ \t]*")
_END = re.compile(r"[ \t]*(?:#[^\n]*)?\n")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")


class _Unplain(Exception):
    """Outside the plain subset (or not TOML at all): let tomli read it."""


class _Short(_Unplain):
    """The text ended inside an array: it goes on on the next line."""


def loads(text: str) -> dict[str, Any] | None:
    """The document `text` holds, or None when it is not plain (see the module doc)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # a lone carriage return stays, for tomli
    if _UNUSUAL.search(text):
        return None
    if not text.endswith("\n"):
        text += "\n"
    whole = _whole(text)
    if whole is not None:
        return whole
    try:
        return _document(text)
    except (_Unplain, RecursionError, ValueError):
        return None


# ─── the plainest files, as JSON ───────────────────────────────────────────
# A file whose every line is a `[[name]]` header, a `key = value` line, a
# comment or nothing, with values drawn from the part of TOML that is also
# JSON, is rewritten into JSON by a few passes over the whole text and decoded
# by the json module's scanner, in C: in about half the time the line reader
# takes. One pattern checks the whole file first, and what it admits is what
# makes each pass safe: no string holds "=", a newline or a TOML-only escape,
# so " = " only ever separates a key from its value and every line break ends
# a line; numbers are ones that JSON and TOML both read, and read alike.

_K = r"[A-Za-z0-9_-]++"
_S = r'"[^"\\=\n]*+(?:\\[btnfr"\\][^"\\=\n]*+)*+"'
# At most 18 digits before any fraction: an integer TOML may not refuse as too large.
_N = r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]++)?(?:[eE][+-]?[0-9]++)?"
_SC = rf"(?:{_S}|{_N}|true|false)"
_IT = rf"\{{ {_K} = {_SC}(?:, {_K} = {_SC})*+ \}}"
_V = rf"(?:{_S}|\[(?:{_SC}(?:, {_SC})*+)?\]|\[{_IT}(?:, {_IT})*+\]|{_IT}|{_N}|true|false)"


@cache
def _plainest() -> re.Pattern[str]:
    """The pattern that admits a file, compiled on first use: it takes a few
    milliseconds, which runs that read no file in this shape need not pay."""
    return re.compile(rf"(?:{_K} = {_V}\n|\[\[{_K}\]\]\n|#[^\n]*+\n|\n)*+")


_HEADERS = re.compile(rf"\n\[\[({_K})\]\]\n")  # led by a literal: found fast
_COMMENT_LINES = re.compile(r"\n#[^\n]*+")
_BLANK_LINES = re.compile(r"\n\n++")
# Where a key starts inside an inline table (the lookahead keeps these passes
# free of group references, which re.sub would expand in Python).
_FIRST_INLINE_KEY = re.compile(rf"\{{ (?={_K} = )")
_NEXT_INLINE_KEY = re.compile(rf", (?={_K} = )")


def _whole(text: str) -> dict[str, Any] | None:
    """The document of a file in the plainest shape (see above), else None."""
    if "[\n" in text or _plainest().fullmatch(text) is None:
        return None  # (an array over several lines is never in this shape)
    doc: dict[str, Any] | None = None
    arrays: set[str] = set()
    for piece in _pieces(text):
        items = _as_json(piece)
        if items is None:
            return None
        if doc is None:
            doc = items[0][1]  # the keys before the first header, if any
            del doc[""]
        for name, table in items[1:]:
            records = doc.get(name)
            if records is None:
                records = doc[name] = []
                arrays.add(name)
            elif name not in arrays:
                return None  # [[name]] after a key of that name: tomli's error
            records.append(table)
    return doc


# How much of a file is rewritten into JSON at a time. One large knowledge file
# rewritten whole held a second copy of its text (and a third, briefly) beside
# the text and the document: a 40 MB file then peaked above a bare tomli.load.
_PIECE = 1 << 20


def _pieces(text: str) -> Iterator[str]:
    """`text` with a newline before it, in pieces of about _PIECE characters
    that each end where a `[[header]]` line begins (in this shape a line that
    starts with "[[" is always a header), so that every piece is whole records."""
    end = text.find("\n[[", _PIECE)
    yield "\n" + text[: end if end >= 0 else len(text)]
    while end >= 0:
        start, end = end, text.find("\n[[", end + _PIECE)
        yield text[start : end if end >= 0 else len(text)]


def _as_json(piece: str) -> list[Any] | None:
    """The records of one piece (_pieces) as ["name", {...}] pairs, after a first
    pair that holds the keys before any header; None when JSON cannot read it."""
    import json

    t = _COMMENT_LINES.sub("", piece)
    t = _BLANK_LINES.sub("\n", t).rstrip("\n")
    # Every line now starts with a newline. Each record becomes ["name", {...}]:
    # a header's line and line break open it, and the first key's quote with it.
    for name in set(_HEADERS.findall(t)):
        t = t.replace(f"\n[[{name}]]\n", f'}}],["{name}",{{"')
    t = t.replace("\n", ',"')  # every line break left comes before a key
    t = _FIRST_INLINE_KEY.sub('{ "', t)
    t = _NEXT_INLINE_KEY.sub(', "', t)
    t = t.replace(" = ", '": ')
    # The keys before the first header belong to a table that opens with a key
    # no TOML bare key can be.
    try:
        items: list[Any] = json.loads('[[0,{"":0' + t + "}]]", object_pairs_hook=_no_repeats)
    except (ValueError, _Unplain):
        return None  # a table left empty, say: the line reader's to read
    return items


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) != len(pairs):
        raise _Unplain  # a key written twice: tomli's error
    return table


def _document(text: str) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    table = doc
    arrays: set[str] = set()  # names made by [[name]] headers, which may repeat
    keys: set[str] = set()  # keys already seen to be bare
    lines = iter(text.split("\n"))
    for line in lines:
        key, eq, value = line.partition(" = ")
        if eq and (key in keys or _new_key(key, keys)):
            if key in table:
                raise _Unplain  # a duplicate key: tomli's error to report
            if value[:1] == '"' and value[-1:] == '"' and value.count('"') == 2:
                if "\\" not in value:
                    table[key] = value[1:-1]
                    continue
            got = _usual(value)
            table[key] = got[0] if got is not None else _unusual(value, lines)
            continue
        stripped = line.strip(" \t")
        if not stripped or stripped[0] == "#":
            continue
        m = _HEADER.fullmatch(line)
        if m is None or (m.group(1) is None) != (m.group(3) is None):
            raise _Unplain
        name = m.group(2)
        if m.group(1) is not None:  # [[name]]: one more record of that kind
            if name not in doc:
                doc[name] = []
                arrays.add(name)
            elif name not in arrays:
                raise _Unplain
            table = {}
            doc[name].append(table)
        else:  # [name]: a table, defined once
            if name in doc:
                raise _Unplain
            table = doc[name] = {}
    return doc


def _new_key(key: str, keys: set[str]) -> bool:
    if _BARE_KEY.fullmatch(key) is None:
        return False  # a comment, a quoted or dotted key, ...
    keys.add(key)
    return True


def _unusual(value: str, lines: Iterator[str]) -> Any:
    """A value for the tokenizer, with the lines after it while an array is open."""
    chunk = value + "\n"
    while True:
        try:
            got, end = _value(chunk, 0)
        except _Short:
            more = next(lines, None)
            if more is None:
                raise _Unplain from None
            chunk += more + "\n"
            continue
        m = _END.match(chunk, end)
        if m is None or m.end() != len(chunk):
            raise _Unplain
        return got


def _usual(value: str) -> tuple[Any] | None:
    """The value of the usual shapes, in a 1-tuple; None to use the tokenizer."""
    first = value[:1]
    if first == "[":
        if value == "[]":
            return ([],)
        if value[:2] == '["' and value[-2:] == '"]' and "\\" not in value:
            inner = value[2:-2]
            items = inner.split('", "')
            if inner.count('"') == 2 * len(items) - 2:
                return (items,)
            return None
        if value[:2] == "[{" and _FLAT_TABLES.fullmatch(value):
            return ([_table(m.group(0)) for m in _FLAT_TABLE.finditer(value)],)
        if value[-1:] == "]":
            items = value[1:-1].split(", ")
            if all(_plain_int(n) for n in items):
                return ([int(n) for n in items],)
        return None
    if first == "{":
        if _FLAT_TABLE.fullmatch(value):
            return (_table(value),)
        return None
    if _plain_int(value):
        return (int(value),)
    truth = _TRUTH.get(value)
    if truth is not None:
        return (truth,)
    return None


def _plain_int(text: str) -> bool:
    return text.isascii() and text.isdigit() and (text[0] != "0" or text == "0")


def _table(text: str) -> dict[str, Any]:
    pairs = _PAIR.findall(text)
    table = {key: _simple(raw) for key, raw in pairs}
    if len(table) != len(pairs):
        raise _Unplain
    return table


def _simple(raw: str) -> Any:
    if raw[0] == '"':
        return raw[1:-1]
    truth = _TRUTH.get(raw)
    if truth is not None:
        return truth
    if "." in raw or "e" in raw or "E" in raw:
        return float(raw)
    return int(raw)


# ─── the tokenizer ──────────────────────────────────────────────────────────


def _value(text: str, pos: int) -> tuple[Any, int]:
    """The value that starts at `pos`, and the position after it."""
    m = _SCALAR.match(text, pos)
    if m is not None:
        return _scalar(m), m.end()
    opener = text[pos : pos + 1]
    if opener == "[":
        return _array(text, pos + 1)
    if opener == "{":
        return _inline_table(text, pos + 1)
    raise _Short if pos >= len(text) else _Unplain


def _scalar(m: re.Match[str]) -> Any:
    string = m.group(1)
    if string is not None:
        return _ESCAPE.sub(lambda e: _ESCAPES[e.group(1)], string) if "\\" in string else string
    number = m.group(2)
    if number is not None:
        return float(number) if m.group(3) or m.group(4) else int(number)
    return m.group(5) == "true"


def _array(text: str, pos: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    space = _SPACE.match
    pos = space(text, pos).end()  # type: ignore[union-attr]  # it matches the empty string
    while text[pos : pos + 1] != "]":
        if pos >= len(text):
            raise _Short
        item, pos = _value(text, pos)
        items.append(item)
        pos = space(text, pos).end()  # type: ignore[union-attr]
        if text[pos : pos + 1] == ",":
            pos = space(text, pos + 1).end()  # type: ignore[union-attr]
        elif text[pos : pos + 1] != "]":
            raise _Unplain
    return items, pos + 1


def _inline_table(text: str, pos: int) -> tuple[dict[str, Any], int]:
    table: dict[str, Any] = {}
    while True:
        m = _INLINE_KEY.match(text, pos)
        if m is None:
            break
        key = m.group(1)
        if key in table:
            raise _Unplain
        table[key], pos = _value(text, m.end())
        while text[pos : pos + 1] in (" ", "\t"):
            pos += 1
        if text[pos : pos + 1] != ",":
            break
        pos += 1
        if _INLINE_KEY.match(text, pos) is None:
            raise _Unplain  # a trailing comma: TOML 1.1 only, so tomli decides
    while text[pos : pos + 1] in (" ", "\t"):
        pos += 1
    if text[pos : pos + 1] != "}":
        raise _Unplain
    return table, pos + 1
