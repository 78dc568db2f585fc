"""The fast reader (plain_toml) answers exactly as tomli does, or not at all."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinokaz_cli import plain_toml

ROOT = Path(__file__).resolve().parent.parent
SUITE = Path(__file__).resolve().parent / "toml-test"
LISTED = (SUITE / "files-toml-1.0.0-invalid.txt").read_text(encoding="utf-8").split()

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


def typed(value: Any) -> Any:
    """The value with every leaf's type made part of it: 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, repr(value))


def tomli_or_none(text: str) -> Any:
    try:
        return typed(tomli.loads(text))
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return None


def agrees(text: str) -> bool:
    """plain_toml declined, or read what tomli reads (and tomli accepts it)."""
    got = plain_toml.loads(text)
    return got is None or typed(got) == tomli_or_none(text)


def test_the_bundled_knowledge_file_is_plain() -> None:
    text = (ROOT / "data" / "facts.toml").read_text(encoding="utf-8")
    got = plain_toml.loads(text)
    assert got is not None
    assert typed(got) == typed(tomli.loads(text))


def test_generated_knowledge_files_are_plain(tmp_path: Path) -> None:
    generate(400, tmp_path, files=4, seed=3)
    for path in sorted(tmp_path.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        got = plain_toml.loads(text)
        assert got is not None, path.name
        assert typed(got) == typed(tomli.loads(text)), path.name


@pytest.mark.parametrize("name", LISTED)
def test_no_invalid_file_is_read(name: str) -> None:
    """Every toml-test invalid file is declined (the 9 that tomli reads as TOML 1.1
    may be read, but then exactly as tomli reads them)."""
    raw = (SUITE / name).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # never reaches a parser: knowledge_path.decode rejects it first
    got = plain_toml.loads(text)
    if got is not None:
        assert typed(got) == tomli_or_none(text)


@pytest.mark.parametrize(
    "text",
    [
        'a = "x"\na = "y"\n',  # a duplicate key
        "a = { x = 1, x = 2 }\n",
        "[[t]]\n[t]\n",
        "t = 1\n[[t]]\n",
        "[t]\n[t]\n",
        "a = [1,\n2\n",  # an array left open
        'a = "x" b\n',
        "a = 1979-05-27\n",  # a date: tomli's to read
        "a = 0x1F\n",
        "a = +1\n",
        "a = 01\n",
        "a = 1.\n",
        "a = .5\n",
        "a = inf\n",
        "a = 'literal'\n",
        'a = """multi"""\n',
        'a = "\\u00e9"\n',
        "a.b = 1\n",
        '"a" = 1\n',
        "a = { x = 1, }\n",
        "a = { x = 1,\n y = 2 }\n",
        "a = 1\r2\n",
        "a = \x01\n",
    ],
)
def test_unusual_or_wrong_text_is_left_to_tomli(text: str) -> None:
    assert plain_toml.loads(text) is None


@pytest.mark.parametrize(
    "text",
    [
        'a = "x"\r\nb = 2\r\n',
        "a = 1_000\nb = -0\nc = 1e400\nd = 1_0.5e1_0\n",
        'a = ["x", "y", ]\nb = [ 1 , 2 ]\nc = []\n',
        'a = [  # note\n  { x = 1 },\n  { y = "#" },\n]\n',
        'a = "tab\there, quote \\" and \\\\"  # comment\n',
        "# only comments\n\n  # indented\n[[t]] # after a header\nk = true\n",
        "a = { }\nb = [[1, 2], [3]]\nc = [\n[1],\n]\n",
        'a = "no newline at the end"',
    ],
)
def test_plain_corners_read_as_tomli_reads_them(text: str) -> None:
    assert_read_as_tomli_reads(plain_toml.loads(text), text)


def assert_read_as_tomli_reads(got: Any, text: str) -> None:
    assert got is not None
    assert typed(got) == typed(tomli.loads(text))


# ─── generated documents, then broken a character at a time ────────────────

keys = st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True)
# Pieces of a string's inside: plain characters, ones that matter to the
# syntax, and escapes of both kinds (common to JSON, and TOML-only).
pieces = st.sampled_from(list("ab #=,{}[]\"\\'\t\u00e9") + ["\\n", '\\"', "\\u0041", "\\\\"])
strings = st.lists(pieces, max_size=8).map(lambda p: '"' + "".join(p) + '"')
numbers = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.from_regex(
        r"-?(0|[1-9](_?[0-9]){0,4})(\.[0-9](_?[0-9]){0,2})?([eE][+-]?[0-9]{1,2})?", fullmatch=True
    ),
)
scalars = st.one_of(strings, numbers, st.sampled_from(["true", "false"]))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).flatmap(
            lambda items: st.sampled_from([", ", ",", " , ", ",\n  ", ", # c\n"]).map(
                lambda sep: "[" + sep.join(items) + "]"
            )
        ),
        st.lists(st.tuples(keys, inner), max_size=3).map(
            lambda pairs: "{ " + ", ".join(f"{k} = {v}" for k, v in pairs) + " }"
        ),
    ),
    max_leaves=6,
)
lines = st.one_of(
    st.tuples(keys, st.sampled_from([" = ", "=", "  =  "]), values).map("".join),
    keys.map(lambda k: f"[[{k}]]"),
    keys.map(lambda k: f"[{k}]"),
    st.just("# comment"),
    st.just(""),
)
documents = st.lists(lines, max_size=8).map(lambda ls: "\n".join(ls) + "\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated_documents_agree(text: str) -> None:
    assert agrees(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.integers(0, 400), st.sampled_from(list("\"\\[]{},=#\n '0a.")), st.booleans())
def test_broken_documents_agree(text: str, at: int, char: str, insert: bool) -> None:
    assert agrees(broken(text, at, char, insert))


def broken(text: str, at: int, char: str, insert: bool) -> str:
    """`text` with `char` put in at `at`, or put in place of the character there."""
    at %= len(text) + 1
    return text[:at] + char + text[at + (0 if insert else 1) :]


# ─── the whole-text path (JSON) on its own ──────────────────────────────────


def whole_agrees(text: str) -> bool:
    """The JSON path declined, or read what tomli reads (and tomli accepts it)."""
    got = plain_toml._whole(text)
    return got is None or typed(got) == tomli_or_none(text)


def test_generated_knowledge_files_take_the_whole_text_path(tmp_path: Path) -> None:
    generate(400, tmp_path, files=4, seed=5)
    for path in sorted(tmp_path.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert_read_as_tomli_reads(plain_toml._whole(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# nothing but a comment\n\n",
        'top = "level"\nn = -0\nf = -0.0\ne = 1e5\nE = 2.5E-3\n[[t]]\nk = true\n',
        '[[t]]\nk = "a, b { c"\nl = ["x, y", "z"]\nm = []\n\n[[u]]\nn = [1, -2, 3.5]\n',
        '[[t]]\nf = [{ v = 1, u = "USD" }, { v = 2.5, u = "x" }]\nd = { text = "2020" }\n',
        '[[t]]\ns = "tab\\t, quote \\" and \\\\ and \\n"\nu = "Ürümqi — 中国"\n',
        "[[t]]\nk = 1\n[[t]]\nk = 2\n# between\n[[s]]\nk = 3\n",
    ],
)
def test_plainest_files_read_as_json_as_tomli_reads_them(text: str) -> None:
    assert_read_as_tomli_reads(plain_toml._whole(text), text)


@pytest.mark.parametrize(
    "text",
    [
        'a = {"b": 1}\n',  # JSON, not TOML
        "a = null\n",
        "a = NaN\n",
        "a = Infinity\n",
        "a = 1, b = 2\n",
        'a = "x\\/y"\n',
        'a = "\\ud83d\\ude00"\n',
        "a = 1\na = 2\n",  # a key written twice
        "a = { b = 1, b = 2 }\n",
        "[[t]]\nb = 1\nb = 2\n",
        "a = 1\n[[a]]\nb = 1\n",  # an array of tables over a key
        "[[a]]\n",  # an empty table: for the line reader
        "[[a]]\n[[a]]\nb = 1\n",
        "a = 12345678901234567890\n",  # too large for TOML
        'a = "b = c"\n',  # "=" in a string
        "a = 01\n",
        "a = 1.\n",
        "a = +1\n",
        "a = [1, 2, ]\n",
        "a = [\n1]\n",
        "a = 1 # comment\n",
        "  a = 1\n",
        "a=1\n",
        "[t]\nb = 1\n",
        'a = "\ttab"\n',
    ],
)
def test_what_the_json_path_must_not_read_alike(text: str) -> None:
    assert whole_agrees(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated_documents_agree_on_the_json_path(text: str) -> None:
    assert whole_agrees(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.integers(0, 400), st.sampled_from(list("\"\\[]{},=#\n '0a.:")), st.booleans())
def test_broken_documents_agree_on_the_json_path(
    text: str, at: int, char: str, insert: bool
) -> None:
    assert whole_agrees(broken(text, at, char, insert))


# Documents in the shape the JSON path is for, so that most are read by it.
plain_pieces = st.sampled_from(
    list("ab #,{}[]:'\u00e9\u4e2d") + ["\\n", '\\"', "\\\\", "\\t", ", k = "]
)
plain_strings = st.lists(plain_pieces, max_size=6).map(lambda p: '"' + "".join(p) + '"')
plain_numbers = st.one_of(
    st.integers(-(10**19), 10**19).map(str),
    st.from_regex(r"-?(0|[1-9][0-9]{0,3})(\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?", fullmatch=True),
)
plain_scalars = st.one_of(plain_strings, plain_numbers, st.sampled_from(["true", "false"]))
plain_tables = st.lists(st.tuples(keys, plain_scalars), min_size=1, max_size=3).map(
    lambda pairs: "{ " + ", ".join(f"{k} = {v}" for k, v in pairs) + " }"
)
plain_values = st.one_of(
    plain_scalars,
    plain_tables,
    st.lists(plain_scalars, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(plain_tables, min_size=1, max_size=2).map(lambda ts: "[" + ", ".join(ts) + "]"),
)
plain_records = st.tuples(
    st.sampled_from(["fact", "source", "entity"]),
    st.lists(st.tuples(keys, plain_values).map(lambda kv: f"{kv[0]} = {kv[1]}"), min_size=1),
).map(lambda rec: "\n".join([f"[[{rec[0]}]]", *rec[1]]))
plain_documents = st.lists(
    st.one_of(plain_records, st.just("# a comment, with = and [[x]]"), st.just("")), max_size=5
).map(lambda parts: "\n".join(parts) + "\n")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_documents)
def test_plainest_documents_agree_on_the_json_path(text: str) -> None:
    assert whole_agrees(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plain_documents,
    st.integers(0, 300),
    st.sampled_from(list("\"\\[]{},=#\n '0a.:-")),
    st.booleans(),
)
def test_broken_plainest_documents_agree_on_the_json_path(
    text: str, at: int, char: str, insert: bool
) -> None:
    assert whole_agrees(broken(text, at, char, insert))


# ─── the JSON path, a piece at a time ───────────────────────────────────────
# A large file is rewritten into JSON in pieces (plain_toml._PIECE characters
# each, cut where a header begins); the pieces must read as the whole does.


@contextmanager
def pieces_of(size: int) -> Iterator[None]:
    before = plain_toml._PIECE
    plain_toml._PIECE = size
    try:
        yield
    finally:
        plain_toml._PIECE = before


def test_a_file_is_cut_where_its_headers_begin() -> None:
    text = '# lead\ntop = 1\n[[a]]\nk = "x"\n\n[[b]]\nk = 2\n[[a]]\nk = "[[a]]"\n'
    with pieces_of(1):
        pieces = list(plain_toml._pieces(text))
    assert pieces == [
        "\n# lead\ntop = 1",
        '\n[[a]]\nk = "x"\n',
        "\n[[b]]\nk = 2",
        '\n[[a]]\nk = "[[a]]"\n',
    ]
    with pieces_of(len(text)):
        assert list(plain_toml._pieces(text)) == ["\n" + text]


def test_a_large_generated_file_reads_in_pieces_as_tomli_reads_it(tmp_path: Path) -> None:
    generate(400, tmp_path, files=4, seed=7)
    # The files end to end: one file of every kind of record.
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("*.toml")))
    for size in (1, 333, 4096):
        with pieces_of(size):
            assert len(list(plain_toml._pieces(text))) > 1
            assert_read_as_tomli_reads(plain_toml._whole(text), text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_documents, st.integers(1, 80))
def test_plainest_documents_read_in_pieces_as_whole(text: str, size: int) -> None:
    whole = plain_toml._whole(text)
    with pieces_of(size):
        got = plain_toml._whole(text)
    assert (got is None, typed(got)) == (whole is None, typed(whole))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plain_documents,
    st.integers(1, 80),
    st.integers(0, 300),
    st.sampled_from(list("\"\\[]{},=#\n '0a.:-")),
    st.booleans(),
)
def test_broken_plainest_documents_agree_in_pieces(
    text: str, size: int, at: int, char: str, insert: bool
) -> None:
    with pieces_of(size):
        assert whole_agrees(broken(text, at, char, insert))
