"""Property tests: whatever valid text and numbers go in come out of JSON unchanged."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sinokaz_cli.commands import register
from sinokaz_cli.commands.app import app

import tomlwrite

register()  # import every command module, as the console script does

SOURCE = {"id": "s", "title": "T", "publisher": "P", "published": "2025-11", "paragraphs": 3}

texts = st.text(min_size=1, max_size=80).filter(lambda s: s.strip() != "")
numbers = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
)
fact_ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)


tags = st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True), max_size=3)
qualifiers = st.sampled_from(
    ["exact", "more_than", "at_least", "around", "less_than", "at_most", "up_to"]
)


@st.composite
def dates(draw: st.DrawFn) -> dict[str, object]:
    day = draw(st.dates(min_value=dt.date(1, 1, 1)))
    start = draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]]))
    out: dict[str, object] = {"text": draw(texts), "start": start}
    if draw(st.booleans()):
        out["inferred"] = True
        out["basis"] = draw(texts)
    if draw(st.booleans()):
        out["qualifier"] = draw(st.sampled_from(["about", "before", "after", "by"]))
    return out


@st.composite
def facts(draw: st.DrawFn) -> list[dict[str, object]]:
    ids = draw(st.lists(fact_ids, min_size=1, max_size=5, unique=True))
    out = []
    for fid in ids:
        fact: dict[str, object] = {
            "id": fid,
            "category": draw(st.sampled_from(["trade", "tourism", "dialogue", "policy"])),
            "statement": draw(texts),
            "tags": draw(tags),
            "entities": draw(st.lists(st.just("e"), max_size=1)),
            "source": "s",
            "paragraphs": draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)),
        }
        if draw(st.booleans()):
            fact["figures"] = [
                {
                    "value": draw(numbers),
                    "unit": draw(st.sampled_from(["percent", "USD", "thing"])),
                    "qualifier": draw(qualifiers),
                    "about": draw(texts),
                }
                for _ in range(draw(st.integers(1, 2)))
            ]
        if draw(st.booleans()):
            fact["date"] = draw(dates())
        if draw(st.booleans()):
            fact["speaker"] = "e"
            fact["quote"] = draw(texts)
        if draw(st.booleans()):
            fact["attribution"] = draw(texts)
        out.append(fact)
    return out


HEADER = "\n".join(
    [
        tomlwrite.records("source", [SOURCE]),
        tomlwrite.records("unit", [{"id": "thing", "singular": "thing", "plural": "things"}]),
        tomlwrite.records("entity", [{"id": "e", "kind": "person", "name": "E"}]),
    ]
)


@contextmanager
def generated_file(generated: list[dict[str, object]]) -> Iterator[Path]:
    """The generated facts, after HEADER, in a knowledge file that lasts the block."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.toml"
        path.write_text(HEADER + "\n" + tomlwrite.records("fact", generated), encoding="utf-8")
        yield path


# What a fact's JSON keeps exactly as it was written.
SAME = (
    "id",
    "category",
    "statement",
    "tags",
    "entities",
    "paragraphs",
    "speaker",
    "quote",
    "attribution",
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts())
def test_valid_files_round_trip_through_json(generated: list[dict[str, object]]) -> None:
    with generated_file(generated) as path:
        result = CliRunner().invoke(app, ["--data", str(path), "facts", "--json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert [f["id"] for f in out] == [f["id"] for f in generated]
    for got, want in zip(out, generated, strict=True):
        for key in SAME:
            assert got[key] == want.get(key), key
        for gfig, wfig in zip(got["figures"], want.get("figures", []), strict=True):
            for key in ("value", "unit", "qualifier", "about"):
                assert gfig[key] == wfig[key], key  # type: ignore[index]
            assert type(gfig["value"]) is type(wfig["value"])  # type: ignore[index]
        if "date" in want:
            wdate = want["date"]
            for key in ("text", "start", "qualifier", "basis"):
                assert got["date"][key] == wdate.get(key), key  # type: ignore[union-attr]
            assert got["date"]["inferred"] == wdate.get("inferred", False)  # type: ignore[union-attr]
        else:
            assert got["date"] is None


# ─── broken files: every problem named ──────────────────────────────────────

MUTATIONS = ["drop", "retype", "duplicate", "dangle", "category"]


def _valid_fact(i: int) -> dict[str, object]:
    return {
        "id": f"fact-{i}",
        "category": "trade",
        "statement": f"Statement {i}",
        "entities": ["e"],
        "source": "s",
        "paragraphs": [1],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=6),
    st.sampled_from(["statement", "category", "source", "paragraphs"]),
    st.sampled_from(["statement", "paragraphs", "entities", "tags"]),
)
def test_broken_files_exit_3_and_name_every_problem(
    mutations: list[str], dropped: str, retyped: str
) -> None:
    facts = [_valid_fact(i) for i in range(len(mutations) + 1)]
    expected: list[tuple[str, str]] = []  # (record and field, message fragment)
    extra: list[dict[str, object]] = []
    for i, mutation in enumerate(mutations):
        f = facts[i]
        label = f"fact fact-{i}"
        if mutation == "drop":
            del f[dropped]
            expected.append((f"{label} {dropped}", "is required"))
        elif mutation == "retype":
            f[retyped] = 12345
            expected.append((f"{label} {retyped}", "must be"))
        elif mutation == "duplicate":
            extra.append(dict(f))
            expected.append((f"{label} id", f"duplicate fact id 'fact-{i}'"))
        elif mutation == "dangle":
            f["entities"] = ["e", f"ghost-{i}"]
            expected.append((f"{label} entities[1]", f"refers to unknown entity 'ghost-{i}'"))
        elif mutation == "category":
            f["category"] = f"nonsense{i}"
            expected.append((f"{label} category", f"unknown category 'nonsense{i}'"))
    text = "\n".join(
        [
            tomlwrite.records("source", [SOURCE]),
            tomlwrite.records("entity", [{"id": "e", "kind": "org", "name": "E"}]),
            tomlwrite.records("fact", facts + extra),
        ]
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.toml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["check", str(path)])
        listing = CliRunner().invoke(app, ["--data", str(path), "facts", "--json"])
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    for where, message in expected:
        assert any(f": {where}: " in line and message in line for line in lines), (
            where,
            message,
            lines,
        )
    assert len(lines) >= len(expected)
    assert listing.exit_code == 3
    assert listing.stdout == ""
    assert "Traceback" not in listing.stderr


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_json_is_exactly_what_json_dumps_writes(value: object) -> None:
    import json

    from sinokaz_cli.render.jsonout import RAW_CONTROLS, _escape, dumps

    expected = RAW_CONTROLS.sub(_escape, json.dumps(value, ensure_ascii=False, indent=2))
    assert dumps(value, indent=2) == expected
    one_line = RAW_CONTROLS.sub(_escape, json.dumps(value, ensure_ascii=False))
    assert dumps(value) == one_line


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=8), json_values, max_size=3), max_size=20))
def test_json_lines_are_the_same_before_and_after_the_switch_to_json(
    objs: list[dict[str, object]],
) -> None:
    """jsonout.lines walks the first records itself and hands the rest to the json
    package: both must write what json.dumps writes, one record a line."""
    import json

    from sinokaz_cli.render.jsonout import RAW_CONTROLS, WALKED_LINES, _escape, lines

    def expected(records: list[dict[str, object]]) -> list[str]:
        return [
            RAW_CONTROLS.sub(_escape, json.dumps(o, ensure_ascii=False)) + "\n" for o in records
        ]

    assert list(lines(objs)) == expected(objs)
    after = [{"n": n} for n in range(WALKED_LINES)] + objs  # objs all past the switch
    assert list(lines(after)) == expected(after)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts())
def test_direct_fact_element_is_the_generic_one(generated: list[dict[str, object]]) -> None:
    """render.fact_element writes what jsonout.element(records.fact_json(...)) writes."""
    from sinokaz_cli.reading import load
    from sinokaz_cli.render.fact_element import fact_element
    from sinokaz_cli.render.jsonout import element
    from sinokaz_cli.render.records import fact_json

    with generated_file(generated) as path:
        kb = load.load(str(path))
    for f in kb.facts:
        assert fact_element(f, kb) == element(fact_json(f, kb))


odd_lists = st.lists(
    st.one_of(
        st.text(max_size=6),
        st.sampled_from(["ok", "a-b", "x.y", "f1\n", "a\nb", " ", "Cars", "0"]),
        st.integers(-2, 5),
        st.booleans(),
        st.none(),
    ),
    max_size=4,
)


def _valid_tag(v: object) -> bool:
    import re

    return isinstance(v, str) and re.fullmatch(r"[a-z0-9][a-z0-9._-]*", v) is not None


@settings(max_examples=400, deadline=None)
@given(odd_lists, odd_lists, odd_lists)
def test_a_fact_is_read_exactly_when_its_lists_are_valid(
    tags: list[object], entities: list[object], paragraphs: list[object]
) -> None:
    """Whatever a fact's lists hold, the reader (whose valid values take a quick
    path) builds the fact with those very lists, or notes a problem: the same
    verdict as the rules written out plainly here."""
    from sinokaz_cli.reading import kinds
    from sinokaz_cli.reading.collected import Collected
    from sinokaz_cli.reading.fields import RecordReader

    raw = {
        "id": "f",
        "category": "trade",
        "statement": "S.",
        "source": "s",
        "tags": tags,
        "entities": entities,
        "paragraphs": paragraphs,
    }
    valid = (
        all(map(_valid_tag, tags))
        and all(isinstance(e, str) and e.strip() for e in entities)
        and bool(paragraphs)
        and all(type(p) is int and p >= 1 for p in paragraphs)
    )
    out = Collected()
    fact = kinds._fact(RecordReader(out, "kb.toml", "fact", 0, dict(raw)))
    if valid:
        assert out.issues == []
        assert fact is not None
        assert (list(fact.tags), list(fact.entities)) == (tags, entities)
        assert list(fact.cited.paragraphs) == paragraphs
    else:
        assert fact is None
        assert out.issues
