"""timeline and sources."""

from __future__ import annotations

from conftest import MINI, Run, as_json, ids


def test_timeline_orders_dated_facts(run: Run) -> None:
    facts = as_json(run("timeline", "--json"))
    starts = [f["date"]["start"] for f in facts]
    assert starts == sorted(starts)
    assert ids(facts)[0] == "nurgaliyeva-first-car"
    assert ids(facts)[-1] == "carbon-neutrality-goal"
    assert all(f["date"]["start"] for f in facts)
    assert "ciie-contracts-total" not in ids(facts)  # "in recent years" cannot be placed


def test_timeline_shows_precision(run: Run) -> None:
    out = run("timeline", "--format", "table", env={"COLUMNS": "120"}).stdout
    for shown in (
        "3 Nov 2025, inferred",
        "Nov 2025, inferred",
        "about 2015, inferred",
        "2026–2030",
        "before 2060",
    ):
        assert shown in out


def test_timeline_tsv_leads_with_the_date(run: Run) -> None:
    first = run("timeline").stdout.splitlines()[0].split("\t")
    assert first[:2] == ["about 2015, inferred", "nurgaliyeva-first-car"]


def test_timeline_category(run: Run) -> None:
    facts = as_json(run("timeline", "-c", "policy", "--json"))
    assert ids(facts) == ["fifteenth-five-year-plan", "carbon-neutrality-goal"]


def test_sources(run: Run) -> None:
    srcs = as_json(run("sources", "--json"))
    assert len(srcs) == 1
    s = srcs[0]
    assert (s["publisher"], s["published"], s["paragraphs"], s["facts"]) == (
        "China Daily",
        "2025-11",
        19,
        38,
    )
    assert s["cited_paragraphs"] == list(range(1, 20))
    assert s["uncited_paragraphs"] == []
    assert s["coverage"] == 1.0


def test_sources_tsv_with_gaps(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kb = tmp_path / "gaps.toml"
    kb.write_text(
        MINI.read_text(encoding="utf-8").replace("paragraphs = 4", "paragraphs = 6"),
        encoding="utf-8",
    )
    out = run("--data", str(kb), "sources").stdout.splitlines()
    assert out[0].split("\t")[-1] == "0.6667"
    fields = "id,coverage,cited_paragraphs,uncited_paragraphs"
    gaps = run("--data", str(kb), "sources", "--fields", fields).stdout
    assert gaps.splitlines()[0] == "src-a\t0.6667\t1; 2; 3; 4\t5; 6"
