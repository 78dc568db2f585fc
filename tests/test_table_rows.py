"""A table for reading stops after 100 rows and says how many more there are.

Rich lays out every row before it prints the first, so a topic table of a
large knowledge base took seconds to appear. Machine formats are never cut,
and --all shows every row. A generated knowledge base of 2,200 facts has 498 to
603 facts in each category and 804 entities; the bundled one stays far below the limit.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from sinokaz_cli.render.table import TABLE_ROWS, head

from conftest import Run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402

# A fact's id starts a row: the article's slug (publisher and number), then words.
FACT_ROW = re.compile(r"^ ([a-z]+\d+-[a-z0-9-]+) ", re.MULTILINE)
CACHE = [[], ["--no-cache"]]  # from the index, and from the files


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = tmp_path_factory.mktemp("table-rows")
    generate(2200, data, seed=3)
    return str(data)


def _table(run: Run, *args: str) -> str:
    result = run(*args, "--format", "table")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("cache", CACHE, ids=["index", "no-cache"])
def test_a_topic_table_shows_the_first_100_facts_and_counts_the_rest(
    run: Run, big: str, cache: list[str]
) -> None:
    every = [f["id"] for f in json.loads(run(*cache, "--data", big, "trade", "--json").stdout)]
    assert len(every) == 498
    out = _table(run, *cache, "--data", big, "trade")
    assert FACT_ROW.findall(out) == every[:TABLE_ROWS]
    assert out.rstrip().endswith("… and 398 more facts (--all shows them)")
    # The summary above still speaks for every fact, and names five sources of 62.
    assert out.startswith("Trade — 498 facts\n")
    assert "  … and 57 more sources: sinokaz sources\n" in out

    whole = _table(run, *cache, "--data", big, "trade", "--all")
    assert FACT_ROW.findall(whole) == every
    assert "more facts" not in whole


@pytest.mark.parametrize("topic", ["trade", "tourism", "dialogue", "policy"])
def test_the_index_summarises_a_topic_as_the_files_do(run: Run, big: str, topic: str) -> None:
    """The index answers a summary's parts (count, first figures, first and last
    dates, sources) with queries; the files, by reading every fact."""
    assert _table(run, "--data", big, topic) == _table(run, "--no-cache", "--data", big, topic)


@pytest.mark.parametrize("cache", CACHE, ids=["index", "no-cache"])
def test_facts_and_timeline_tables_stop_at_100(run: Run, big: str, cache: list[str]) -> None:
    out = _table(run, *cache, "--data", big, "facts", "--category", "tourism")
    assert len(FACT_ROW.findall(out)) == TABLE_ROWS
    assert out.rstrip().endswith("… and 503 more facts (--all shows them)")

    dated = json.loads(run(*cache, "--data", big, "timeline", "--json").stdout)
    timeline = _table(run, *cache, "--data", big, "timeline")
    first = [f["statement"] for f in dated[:TABLE_ROWS]]
    assert all(s[:20] in timeline for s in first)  # the earliest, in order
    assert dated[TABLE_ROWS]["statement"] not in timeline
    assert timeline.rstrip().endswith(
        f"… and {len(dated) - TABLE_ROWS:,} more dated facts (--all shows them)"
    )


def test_entity_and_entities_tables_stop_at_100(run: Run, big: str) -> None:
    entities = _table(run, "--data", big, "entities")
    assert entities.rstrip().endswith("… and 704 more entities (--all shows them)")
    assert "… and" not in _table(run, "--data", big, "entities", "--all")

    busy = max(
        json.loads(run("--data", big, "entities", "--json").stdout),
        key=lambda e: len(e["fact_ids"]),
    )
    n = len(busy["fact_ids"])
    assert n > TABLE_ROWS  # the generated data is fixed (seed 3): this entity's table stops
    out = _table(run, "--data", big, "entity", busy["id"])
    assert f"{n} facts mention " in out  # the count is of every fact
    assert FACT_ROW.findall(out) == busy["fact_ids"][:TABLE_ROWS]
    assert out.rstrip().endswith(f"… and {n - TABLE_ROWS} more facts (--all shows them)")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv", "csv", "markdown"])
def test_machine_formats_are_never_cut(run: Run, big: str, fmt: str) -> None:
    every = [f["id"] for f in json.loads(run("--data", big, "trade", "--json").stdout)]
    out = run("--data", big, "trade", "--format", fmt).stdout
    assert "--all shows" not in out
    assert len(every) == 498
    assert set(re.findall(r"\b[a-z]+\d+-[a-z0-9-]+", out)) >= set(every)


def test_the_bundled_tables_are_whole(run: Run) -> None:
    for args in (["trade"], ["facts"], ["timeline"], ["entities"], ["sources"]):
        assert "--all shows" not in _table(run, *args)


def test_head_counts_what_it_does_not_show() -> None:
    assert head(range(250)) == (list(range(TABLE_ROWS)), 150)
    assert head(range(250), show_all=True) == (list(range(250)), 0)
    assert head(iter(range(250))) == (list(range(TABLE_ROWS)), 150)  # counted by reading
    assert head([1, 2, 3]) == ([1, 2, 3], 0)


def test_from_the_index_only_the_rows_shown_are_decoded(
    big: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinokaz_cli.index import indexed, opening
    from sinokaz_cli.knowledge.records import Category

    kb = opening.open_kb(big)
    assert isinstance(kb, indexed.IndexedKB)
    decoded: list[bytes] = []
    real = indexed.fact_in
    monkeypatch.setattr(indexed, "fact_in", lambda blob: decoded.append(blob) or real(blob))
    shown, hidden = head(kb.select([Category.TRADE]))
    assert (len(shown), hidden) == (TABLE_ROWS, 398)
    shown, hidden = head(kb.dated())
    assert len(shown) == TABLE_ROWS and hidden > 0
    assert len(decoded) == 2 * TABLE_ROWS  # the rest were counted by SQL


TIES = """
[[source]]
id = "s"
title = "T"
publisher = "P"
published = "2025-11"
paragraphs = 4

[[fact]]
id = "early-first"
category = "trade"
statement = "First of two facts dated 2020."
source = "s"
paragraphs = [1]
date = { text = "in 2020", start = "2020" }

[[fact]]
id = "early-second"
category = "trade"
statement = "Second of two facts dated 2020."
source = "s"
paragraphs = [2]
date = { text = "about 2020", start = "2020", qualifier = "about", inferred = true, basis = "b" }

[[fact]]
id = "late-first"
category = "trade"
statement = "First of two facts dated 2025."
source = "s"
paragraphs = [3]
date = { text = "by 2025", start = "2025", qualifier = "by", inferred = true, basis = "b" }

[[fact]]
id = "late-second"
category = "trade"
statement = "Second of two facts dated 2025."
source = "s"
paragraphs = [4]
date = { text = "in 2025", start = "2025" }
"""


@pytest.mark.parametrize("cache", CACHE, ids=["index", "no-cache"])
def test_a_period_runs_from_the_first_earliest_to_the_last_latest(
    run: Run, tmp_path: Path, cache: list[str]
) -> None:
    """Facts that share the earliest or the latest date are taken in file order: the
    period starts at the first of the earliest and ends at the last of the latest."""
    data = tmp_path / "ties.toml"
    data.write_text(TIES, encoding="utf-8")
    out = _table(run, *cache, "--data", str(data), "trade")
    assert "Period: 2020 → 2025\n" in out
    assert "by 2025" not in out.split("Period:")[1].splitlines()[0]
    assert "about" not in out.split("Period:")[1].splitlines()[0]


# ─── a table with no rows ───────────────────────────────────────────────────

ONE_FACT = """
[[source]]
id = "s"
title = "A title"
publisher = "A publisher"
published = "2025-11"
paragraphs = 1

[[fact]]
id = "f"
category = "trade"
statement = "One undated trade fact."
source = "s"
paragraphs = [1]
"""


@pytest.mark.parametrize("cache", CACHE, ids=["index", "no-cache"])
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["entities"], "no entities"),
        (["entities", "--kind", "person"], "no entities"),
        (["timeline"], "no dated facts"),
        (["facts", "--category", "tourism"], "no facts match the filters"),
        (["policy", "--pairs"], "no policy pairs"),
    ],
)
def test_an_empty_table_says_so_on_stderr_instead_of_bare_headers(
    run: Run, tmp_path: Path, cache: list[str], args: list[str], said: str
) -> None:
    (tmp_path / "kb.toml").write_text(ONE_FACT, encoding="utf-8")
    result = run(*cache, "--data", str(tmp_path / "kb.toml"), *args, "--format", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"sinokaz: {said}\n")
    # A script gets an empty result and no message.
    machine = run(*cache, "--data", str(tmp_path / "kb.toml"), *args, "--json")
    assert (machine.exit_code, machine.stdout, machine.stderr) == (0, "[]\n", "")


def test_an_empty_topic_is_counted_by_its_summary_alone(run: Run, tmp_path: Path) -> None:
    (tmp_path / "kb.toml").write_text(ONE_FACT, encoding="utf-8")
    result = run("--data", str(tmp_path / "kb.toml"), "tourism", "--format", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "Tourism — 0 facts\n", "")


def test_counts_people_read_have_thousands_separators(run: Run, big: str) -> None:
    table = _table(run, "--data", big, "brief")
    assert table.splitlines()[1].startswith("2,200 facts from 68 sources")
    markdown = run("--data", big, "brief", "--format", "markdown").stdout
    assert "_2,200 facts from 68 sources;" in markdown
    assert json.loads(run("--data", big, "brief", "--json").stdout)["facts"] == 2200
