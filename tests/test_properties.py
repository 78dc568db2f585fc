"""Property tests: whatever valid text and numbers go in come out of JSON unchanged."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sinokaz_cli.cli import app

import tomlwrite

SOURCE = {"id": "s", "title": "T", "publisher": "P", "published": "2025-11", "paragraphs": 3}

texts = st.text(min_size=1, max_size=80).filter(lambda s: s.strip() != "")
numbers = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
)
fact_ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)


@st.composite
def facts(draw: st.DrawFn) -> list[dict[str, object]]:
    ids = draw(st.lists(fact_ids, min_size=1, max_size=5, unique=True))
    out = []
    for fid in ids:
        fact: dict[str, object] = {
            "id": fid,
            "category": draw(st.sampled_from(["trade", "tourism", "dialogue", "policy"])),
            "statement": draw(texts),
            "source": "s",
            "paragraphs": draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)),
        }
        if draw(st.booleans()):
            fact["figures"] = [
                {
                    "value": draw(numbers),
                    "unit": draw(st.sampled_from(["percent", "USD", "KZT"])),
                    "about": draw(texts),
                }
            ]
        if draw(st.booleans()):
            fact["attribution"] = draw(texts)
        out.append(fact)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts())
def test_valid_files_round_trip_through_json(generated: list[dict[str, object]]) -> None:
    text = tomlwrite.records("source", [SOURCE]) + "\n" + tomlwrite.records("fact", generated)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.toml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["--data", str(path), "facts", "--json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert [f["id"] for f in out] == [f["id"] for f in generated]
    for got, want in zip(out, generated, strict=True):
        assert got["statement"] == want["statement"]
        assert got["category"] == want["category"]
        assert got["paragraphs"] == want["paragraphs"]
        assert got["attribution"] == want.get("attribution")
        for gfig, wfig in zip(got["figures"], want.get("figures", []), strict=True):
            assert gfig["value"] == wfig["value"]  # type: ignore[index]
            assert type(gfig["value"]) is type(wfig["value"])  # type: ignore[index]
            assert gfig["about"] == wfig["about"]  # type: ignore[index]
