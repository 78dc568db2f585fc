"""trade, tourism, dialogue, policy: each topic's facts in every format."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import ARTICLES, MINI, SHIPPED, Run, as_json, ids

TOPICS = ["trade", "tourism", "dialogue", "policy"]


@pytest.mark.parametrize("topic", TOPICS)
def test_json_is_an_array_of_that_topics_facts(run: Run, topic: str) -> None:
    facts = as_json(run(topic, "--json"))
    assert facts, f"no {topic} facts shipped"
    assert {f["category"] for f in facts} == {topic}


@pytest.mark.parametrize("topic", TOPICS)
def test_format_json_equals_json_flag(run: Run, topic: str) -> None:
    assert as_json(run(topic, "--format", "json")) == as_json(run(topic, "--json"))


def test_trade_json_has_the_headline_figures(run: Run) -> None:
    facts = {f["id"]: f for f in as_json(run("trade", "--json"))}
    companies = facts["ciie-kazakh-companies"]["figures"][0]
    assert companies == {
        "value": 100,
        "unit": "company",
        "qualifier": "more_than",
        "about": "Kazakh companies at the CIIE that had just ended",
        "per": None,
        "change": False,
        "text": "more than 100 companies",
    }
    money = facts["ciie-contracts-total"]["figures"][0]
    assert (money["value"], money["unit"], money["qualifier"], money["text"]) == (
        307_000_000,
        "USD",
        "exact",
        "$307 million",
    )
    share = facts["chinese-cars-share"]["figures"][0]
    assert (share["value"], share["unit"], share["text"]) == (23, "percent", "23%")
    assert facts["ciie-contracts-total"]["speaker"] == "tpdc"
    assert facts["ciie-kazakh-companies"]["speaker"] == "shakkaliyev"


def test_trade_json_says_on_whose_word_each_fact_stands(run: Run) -> None:
    """The 23% share is Nurgaliyeva's, told to China Daily; the $307 million is the
    trade centre's data; the supply deals are the paper's own reporting."""
    facts = {f["id"]: f for f in as_json(run("trade", "--json"))}
    assert facts["chinese-cars-share"]["said_by"] == {
        "how": "said",
        "id": "nurgaliyeva",
        "name": "Madina Nurgaliyeva",
        "to": "china-daily",
        "to_name": "China Daily",
        "text": "Madina Nurgaliyeva, to China Daily",
    }
    assert facts["chinese-cars-share"]["how"] == "said"
    assert facts["chinese-cars-share"]["to"] == "china-daily"
    data = facts["ciie-contracts-total"]["said_by"]
    assert (data["how"], data["id"], data["text"]) == (
        "data",
        "tpdc",
        "data: Trade Policy Development Center",
    )
    own = facts["agrifood-agreements-expected"]["said_by"]
    assert (own["how"], own["id"], own["name"]) == ("publication", None, "China Daily")
    minister = facts["ciie-kazakh-companies"]["said_by"]
    assert (minister["how"], minister["name"]) == ("said", "Arman Shakkaliyev")


def test_trade_shows_who_said_it_on_a_terminal_and_in_a_pipe(run: Run) -> None:
    table = run("trade", "--format", "table", env={"COLUMNS": "120"}).stdout
    assert "— Madina Nurgaliyeva, to China Daily" in table
    assert "— data: Trade Policy Development Center" in table
    assert "— Arman Shakkaliyev" in table
    rows = {r.split("\t")[0]: r.split("\t") for r in run("trade").stdout.splitlines()}
    assert rows["chinese-cars-share"][-1] == "Madina Nurgaliyeva, to China Daily"
    assert rows["agrifood-agreements-expected"][-1] == "China Daily"


def test_json_is_utf8_not_escaped(run: Run) -> None:
    out = run("policy", "--json").stdout
    assert "China–Kazakhstan" in out
    assert "\\u2013" not in out


def test_dialogue_json_dates_are_iso_with_precision(run: Run) -> None:
    facts = {f["id"]: f for f in as_json(run("dialogue", "--json"))}
    date = facts["dialogue-second-meeting"]["date"]
    assert date == {
        "text": "Nov 3",
        "start": "2025-11-03",
        "end": None,
        "precision": "day",
        "qualifier": None,
        "inferred": True,
        "basis": "The article gives no year; it was published in November 2025.",
        "period": None,
        "display": "3 Nov 2025, inferred",
    }


def test_dialogue_table_leads_with_the_event(run: Run) -> None:
    out = run("dialogue", "--format", "table").stdout
    first = out.index("Second meeting of the China-Central Asia Political Parties Dialogue")
    assert first < out.index("Party dialogue — ")
    for needed in (
        "3 Nov 2025",
        "Qingdao",
        "International Department of the CPC Central Committee",
        "Shandong Provincial Committee of the CPC",
        "Advancing Common Modernization through High-Quality Development: Political Parties in",
        "around 150 participants",
        "more than 20 political parties",
        "5 countries",
    ):
        assert needed in out, needed


def test_trade_table_has_summary_then_table(run: Run) -> None:
    out = run("trade", "--format", "table").stdout
    assert out.startswith("Trade — 12 facts\n")
    for needed in (
        "more than 100 companies",
        "$307 million",
        "23%",
        "Period:",
        "Source: China Daily",
    ):
        assert needed in out
    assert out.index("Headline figures") < out.index("ciie-kazakh-companies")


def test_policy_table_shows_pairs_side_by_side(run: Run) -> None:
    out = run("policy", "--format", "table").stdout
    header = next(line for line in out.splitlines() if "Shared theme" in line)
    assert header.index("China") < header.index("Kazakhstan") < header.index("Shared theme")
    row = next(line for line in out.splitlines() if "Beautiful China" in line)
    assert row.index("Beautiful China") < row.index("Clean Kazakhstan")


def test_policy_pairs_json(run: Run) -> None:
    pairs = as_json(run("policy", "--pairs", "--json"))
    assert ids(pairs) == ["beautiful-clean", "poverty-debt-free"]
    assert pairs[0]["china_name"] == "Beautiful China"
    assert pairs[0]["kazakhstan_name"] == "Clean Kazakhstan"
    assert pairs[1]["facts"] == ["poverty-debt-free-society", "poverty-cooperation-room"]
    assert pairs[1]["citations"] == ["China Daily, Nov 2025, ¶19"]


def test_policy_pairs_cite_as_the_facts_tables_cite(run: Run, tmp_path: Path) -> None:
    """One source: paragraphs alone, runs joined; several: each pair names its source."""
    out = run("policy", "--pairs", "-f", "table", env={"COLUMNS": "160"}).stdout
    row = next(line for line in out.splitlines() if "Beautiful China" in line)
    assert row.rstrip().endswith("¶15")
    shutil.copy(SHIPPED, tmp_path / "facts.toml")
    shutil.copy(ARTICLES / "green-programmes.toml", tmp_path / "green.toml")
    env = {"SINOKAZ_DATA": str(tmp_path), "COLUMNS": "200"}
    out = run("policy", "--pairs", "-f", "table", env=env).stdout
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(" shelterbelt-green-belt"))
    # Folded in the Cited column as the facts table's citations are.
    assert lines[at].rstrip().endswith("Silk Road Review,")
    assert lines[at + 1].rstrip().endswith("Sep 2025, ¶4–6")
    facts = run("policy", "-f", "table", env=env).stdout
    assert "Silk Road Review, Sep 2025, ¶5" in facts


def test_policy_pairs_in_a_pipe_are_cited(run: Run) -> None:
    """The table has a Cited column; the TSV and CSV a script reads had none."""
    rows = run("policy", "--pairs").stdout.splitlines()
    assert rows[0].split("\t")[0] == "beautiful-clean"
    assert rows[0].split("\t")[-1] == "China Daily, Nov 2025, ¶15"
    header = run("policy", "--pairs", "-f", "csv").stdout.splitlines()[0]
    assert header == "id,china_name,kazakhstan_name,theme,facts,citations"


def test_piped_default_is_tsv_without_header(run: Run) -> None:
    result = run("tourism")  # CliRunner's stdout is not a terminal
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "visa-free-travel",
        "people-ties-deepening",
        "xian-almaty-train",
    ]
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert "\x1b[" not in result.stdout


def test_jsonl_one_object_per_line(run: Run) -> None:
    lines = run("trade", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids(as_json(run("trade", "--json")))


def test_csv_has_header_and_quotes(run: Run) -> None:
    rows = list(csv.reader(io.StringIO(run("trade", "--format", "csv").stdout)))
    assert rows[0] == ["id", "statement", "figures", "date", "citation", "said_by"]
    assert rows[2][0] == "ciie-kazakh-companies"
    assert rows[2][2] == "more than 100 companies"


def test_markdown_is_a_table_under_the_topics_heading(run: Run) -> None:
    """Headed as facts, timeline and the other listings are (it once began bare)."""
    out = run("tourism", "--format", "markdown").stdout
    lines = out.splitlines()
    assert lines[:2] == ["## Tourism", ""]
    assert lines[2] == "| ID | Statement | Figures | Date | Source | Said by |"
    assert lines[3] == "|---|---|---|---|---|---|"
    assert len(lines) == 7


def test_fields_selects_and_orders(run: Run) -> None:
    facts = as_json(run("trade", "--json", "--fields", "id,figures"))
    assert list(facts[1]) == ["id", "figures"]
    out = run("trade", "--format", "tsv", "--fields", "citation,id").stdout
    assert out.splitlines()[0] == "China Daily, Nov 2025, ¶3\tmutual-purchases"


def test_unknown_field_is_a_usage_error(run: Run) -> None:
    result = run("trade", "--json", "--fields", "id,statment")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "sinokaz: unknown field 'statment' (did you mean 'statement'?); available fields: id, "
    )


def test_unknown_format_is_a_usage_error(run: Run) -> None:
    result = run("trade", "--format", "yaml")
    assert result.exit_code == 2
    assert "yaml" in result.stderr
    assert result.stdout == ""


def test_empty_topic_is_success(run: Run, tmp_path: Path) -> None:
    kb = tmp_path / "trade-only.toml"
    kb.write_text(MINI.read_text(encoding="utf-8").split("[[fact]]")[0], encoding="utf-8")
    result = run("--data", str(kb), "tourism", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == ""
    assert run("--data", str(kb), "tourism", "--format", "tsv").stdout == ""


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--data", "", "trade"],
            "invalid value for --data: the path is empty; see 'sinokaz --help'",
        ),
        (
            ["trade", "--data", ""],
            "invalid value for --data: the path is empty; see 'sinokaz trade --help'",
        ),
        (["check", ""], "invalid value for PATH: the path is empty; see 'sinokaz check --help'"),
        (
            ["trade", "--json", "--fields", ""],
            "invalid value for --fields: '' names no field; give them as id,statement; "
            "see 'sinokaz trade --help'",
        ),
        (
            ["trade", "--fields", " , "],
            "invalid value for --fields: ' , ' names no field; give them as id,statement; "
            "see 'sinokaz trade --help'",
        ),
    ],
)
def test_an_empty_value_is_a_usage_error_not_the_default(
    run: Run, args: list[str], said: str
) -> None:
    # As from `--data "$DIR"` with DIR unset: never a quiet answer from other knowledge.
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"sinokaz: {said}\n"
