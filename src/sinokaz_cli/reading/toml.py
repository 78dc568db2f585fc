"""A knowledge file's bytes to a parsed TOML document, with every failure a
KnowledgeError that says where: the encoding first, then TOML itself, parsed
by tomli (the one TOML parser; its messages name the line and column).
"""

from __future__ import annotations

from typing import Any

from sinokaz_cli.errors import KnowledgeError, Problem


def decode(data: bytes, shown: str) -> str:
    """A knowledge file's bytes as text, or a KnowledgeError naming the encoding problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KnowledgeError([Problem(shown, "is UTF-16; knowledge files must be UTF-8", 1, 1)])
    if data.startswith(b"\xef\xbb\xbf"):
        raise KnowledgeError(
            [Problem(shown, "starts with a byte-order mark; save it as UTF-8 without BOM", 1, 1)]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise KnowledgeError(
            [Problem(shown, f"invalid UTF-8 (byte 0x{data[e.start]:02x})", line, column)]
        ) from None


def parse(text: str, file: str) -> dict[str, Any]:
    """The TOML document in `text`, or a KnowledgeError with tomli's reason and place."""
    import tomli  # only when a file is read: a lookup from the index never parses

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        message = getattr(e, "msg", None) or str(e).split(" (at ")[0]
        message = message[0].lower() + message[1:]
        line = getattr(e, "lineno", None)
        column = getattr(e, "colno", None)
        if not file.endswith(".toml"):  # README.md given as --data: say what it is not
            where = f"line {line}, column {column}: " if line and column else ""
            plain = f"not a knowledge file: it is not TOML ({where}{message})"
            raise KnowledgeError([Problem(file, plain)]) from None
        raise KnowledgeError([Problem(file, message, line, column)]) from None
    except (ValueError, RecursionError) as e:  # e.g. nesting too deep for the parser
        raise KnowledgeError([Problem(file, f"cannot be parsed as TOML: {e}")]) from None
