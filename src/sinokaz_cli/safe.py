"""Make data text safe to put in front of a terminal.

Rich does not strip ESC or C1 controls, and a knowledge file is hand-edited
text: an escape sequence hidden in a statement must show as `\\x1b`, never
act. Bidirectional overrides are shown too, so text cannot be reordered on
screen to read differently from what it is.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the Unicode bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_NL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    named = _NAMED.get(ch)
    if named:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character written out as an escape."""
    pattern = _UNSAFE_KEEP_NL if keep_newlines else _UNSAFE
    if not pattern.search(text):
        return text
    return pattern.sub(_escape, text)
