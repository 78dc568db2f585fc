"""brief: one screen, a cited Markdown document, or the same as JSON."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from conftest import MINI, Run, as_json


def test_markdown_cites_every_point(run: Run) -> None:
    out = run("brief", "--format", "markdown").stdout
    assert out.startswith("# China–Kazakhstan relations: brief\n")
    bullets = [line for line in out.splitlines() if line.startswith("- ")]
    assert bullets
    for line in bullets:
        assert re.search(r"\(China Daily, Nov 2025, ¶\d+(–\d+)?\)|paragraphs cited$", line), line
    for heading in (
        "## Headline figures",
        "## Trade",
        "## Tourism",
        "## Party dialogue",
        "## Policy alignment",
        "## Sources",
    ):
        assert heading in out
    assert "| Beautiful China | Clean Kazakhstan |" in out


def test_markdown_is_default_in_a_pipe(run: Run) -> None:
    assert run("brief").stdout == run("brief", "-f", "markdown").stdout


def test_brief_fits_one_screen_at_80_columns(run: Run) -> None:
    out = run("brief", "--format", "table", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert len(lines) <= 62  # issue #17 brings it under 40: the brief is next
    assert max(len(line.rstrip()) for line in lines) <= 80
    for needed in (
        "$307 million",
        "23%",
        "more than 100 companies",
        "around 150 participants",
        "Qingdao",
        "Beautiful China ↔ Clean Kazakhstan",
        "19/19 paragraphs cited",
    ):
        assert needed in out


def test_json_has_the_same_content(run: Run) -> None:
    b = as_json(run("brief", "--json"))
    assert [t["category"] for t in b["topics"]] == [
        "trade",
        "tourism",
        "dialogue",
        "policy",
        "people",
    ]
    assert b["figures"][0]["text"] == "$307 million"
    assert b["figures"][0]["citation"] == "China Daily, Nov 2025, ¶5"
    assert b["events"][0]["place_name"] == "Qingdao"
    assert [p["id"] for p in b["pairs"]] == [
        "beautiful-clean",
        "poverty-debt-free",
    ]
    assert b["sources"][0]["coverage"] == 1.0
    for topic in b["topics"]:
        for point in topic["points"]:
            assert point["citation"].startswith("China Daily, Nov 2025, ¶")


def test_topic_filter(run: Run) -> None:
    b = as_json(run("brief", "--topic", "tourism", "--json"))
    assert [t["category"] for t in b["topics"]] == ["tourism"]
    assert b["pairs"] == []
    assert b["events"] == []


def test_other_knowledge_gets_a_sensible_brief(run: Run) -> None:
    out = run("--data", str(MINI), "brief", "--format", "markdown").stdout
    assert "China Daily" not in out
    assert "- **\\$1.5 billion** (Test Wire, May 2024, ¶2)" in out
    assert "**Example Forum — 2 May 2024, inferred, Astana** (Test Wire, May 2024, ¶1)" not in out
    assert "| Green China | Green Kazakhstan | Greener countries |" in out
    assert "Other Paper, “Test article B”, Jan 2025" in out


def test_brief_as_rows(run: Run) -> None:
    rows = [line.split("\t") for line in run("brief", "--format", "tsv").stdout.splitlines()]
    assert rows[0] == [
        "Headline figures",
        "$307 million — total value of contracts the Kazakh side signed at the CIIE "
        "in recent years — data: Trade Policy Development Center",
        "China Daily, Nov 2025, ¶5",
    ]
    assert all(len(r) == 3 and r[2] for r in rows)
    assert {r[0] for r in rows} == {
        "Headline figures",
        "Trade",
        "Tourism",
        "Party dialogue",
        "Policy alignment",
        "People and visits",
        "Sources",
    }
    one_line = run("brief", "--format", "jsonl").stdout
    assert one_line.count("\n") == 1
    assert json.loads(one_line) == as_json(run("brief", "--json"))


def test_an_event_card_cites_three_sources_and_counts_the_rest(run: Run, tmp_path: Path) -> None:
    """As articles about one event pile up, its card would cite them all; it names
    three and says how many more, in the terminal and the Markdown brief alike. The
    generated articles report on a few recurring events declared once, as real ones do."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    generate(600, tmp_path, seed=7)
    md = run("--data", str(tmp_path), "brief", "--format", "markdown").stdout
    cards = [line for line in md.splitlines() if line.startswith("- Host: ")]
    assert cards
    for card in cards:
        cited = card.rsplit(" (", 1)[1]
        named = re.sub(r"; and \d+ more sources?\)$", "", cited).split("; ")
        assert len(named) <= 3, card
    assert any(re.search(r"; and \d+ more sources\)$", card) for card in cards)
    table = run("--data", str(tmp_path), "brief", "--format", "table").stdout
    assert re.search(r"and \d+ more\s+sources", table)
    assert "  Host:" in table or "  Cohosts:" in table  # the labels are not squeezed out
