"""A tiny TOML writer for generated test files (values only: strings, numbers, arrays)."""

from __future__ import annotations

from typing import Any


def string(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return string(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def records(kind: str, items: list[dict[str, Any]]) -> str:
    blocks = []
    for item in items:
        lines = [f"[[{kind}]]"] + [f"{k} = {value(v)}" for k, v in item.items()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
