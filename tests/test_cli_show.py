"""show: one fact in full."""

from __future__ import annotations

import pytest

from conftest import MINI, Run, as_json


def test_show_json_is_one_object(run: Run) -> None:
    fact = as_json(run("show", "dialogue-participants", "--json"))
    assert fact["id"] == "dialogue-participants"
    assert fact["figures"] == [
        {
            "value": 150,
            "unit": "participant",
            "qualifier": "around",
            "about": "Chinese and foreign participants at the dialogue",
            "per": None,
            "change": False,
            "text": "around 150 participants",
        }
    ]
    assert fact["source"] == "cd-2025-11-ties"
    assert fact["paragraphs"] == [11]
    assert fact["citation"] == "China Daily, Nov 2025, ¶11"


def test_show_table_has_everything(run: Run) -> None:
    out = run("show", "nurgaliyeva-first-car", "--format", "table").stdout
    for needed in (
        "about 2015, inferred",
        "“10 years ago”",
        "year",
        "Counted back from the publication month",
        "Madina Nurgaliyeva (Director, Institute for Social Policy Studies;",
        "Almaty (almaty)",
        "China Daily, “Closer China-Kazakhstan ties to bring more opportunities”, Nov 2025",
        "¶9",
    ):
        assert needed in out, needed


def test_show_quote_is_attributed(run: Run) -> None:
    out = run("--data", str(MINI), "show", "green-link", "-f", "table").stdout
    assert "“the same goal” — Ann Example" in out


def test_show_other_formats_are_one_row(run: Run) -> None:
    out = run("show", "chinese-cars-share", "--format", "tsv").stdout
    assert out.count("\n") == 1
    assert out.startswith("chinese-cars-share\ttrade\t")


def test_unknown_id_exits_4_and_suggests(run: Run) -> None:
    result = run("show", "chinese-car-share")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == (
        "sinokaz: no fact with id 'chinese-car-share'; did you mean 'chinese-cars-share'?\n"
    )


def test_unknown_id_without_near_match(run: Run) -> None:
    result = run("show", "zzzzzz")
    assert result.exit_code == 4
    assert result.stderr == "sinokaz: no fact with id 'zzzzzz'\n"


def test_missing_id_is_usage_error(run: Run) -> None:
    result = run("show")
    assert result.exit_code == 2
    assert result.stderr == "sinokaz: missing argument ID; see 'sinokaz show --help'\n"


@pytest.mark.parametrize(
    ("fact_id", "date"),
    [
        ("nurgaliyeva-first-car", "about 2015, inferred from “10 years ago”"),
        ("fifteenth-five-year-plan", "2026–2030 (the article has “2026-30”)"),
        ("carbon-neutrality-goal", "before 2060"),
        ("ciie-contracts-total", "“in recent years”; the article gives no date"),
    ],
)
def test_show_says_the_date_in_plain_words_once(run: Run, fact_id: str, date: str) -> None:
    out = run("show", fact_id, "--format", "table", env={"COLUMNS": "100"}).stdout
    assert f"Date       {date}" in out
    assert "precision" not in out and "unplaced" not in out and "as stated" not in out
    if "“" in date:  # the article's own words, quoted once
        stated = "“" + date.split("“")[1].split("”")[0] + "”"
        assert out.count(stated) == 1
