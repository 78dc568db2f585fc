"""facts: filters by category, tag and entity."""

from __future__ import annotations

from conftest import MINI, Run, as_json, ids


def test_all_facts_by_default(run: Run) -> None:
    facts = as_json(run("facts", "--json"))
    assert len(facts) == 38
    assert {f["category"] for f in facts} == {"trade", "tourism", "dialogue", "policy", "people"}


def test_a_declared_category_filters_like_the_built_in_ones(run: Run) -> None:
    facts = as_json(run("facts", "--category", "People", "--json"))
    assert ids(facts) == [
        "nurgaliyeva-director",
        "nurgaliyeva-second-visit",
        "delegation-itinerary",
    ]
    assert as_json(run("timeline", "-c", "people", "--json")) == []


def test_repeated_category_widens(run: Run) -> None:
    facts = as_json(run("facts", "-c", "tourism", "--category", "dialogue", "--json"))
    assert {f["category"] for f in facts} == {"tourism", "dialogue"}


def test_category_is_case_insensitive(run: Run) -> None:
    assert as_json(run("facts", "-c", "TOURISM", "--json")) == as_json(run("tourism", "--json"))


def test_tag_filter(run: Run) -> None:
    assert ids(as_json(run("facts", "--tag", "visa", "--json"))) == [
        "visa-free-travel",
        "people-ties-deepening",
    ]


def test_entity_filter_includes_speaker(run: Run) -> None:
    facts = as_json(run("facts", "--entity", "tpdc", "--json"))
    assert ids(facts) == ["ciie-contracts-total"]


def test_filters_combine(run: Run) -> None:
    facts = as_json(run("facts", "-c", "trade", "-e", "nurgaliyeva", "-t", "cars", "--json"))
    assert ids(facts) == [
        "chinese-cars-share",
        "nurgaliyeva-loyal-car-user",
        "nurgaliyeva-first-car",
        "nurgaliyeva-daughter-car",
        "cars-everyday-cooperation",
    ]


def test_no_match_is_empty_success(run: Run) -> None:
    result = run("facts", "-c", "tourism", "-t", "cars", "--json")
    assert result.exit_code == 0
    assert as_json(result) == []


def test_unknown_category_is_usage_error(run: Run) -> None:
    result = run("facts", "--category", "trad")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "sinokaz: unknown category 'trad' (did you mean 'trade'?); see 'sinokaz facts --help'\n"
    )


def test_unknown_entity_exits_4_with_suggestion(run: Run) -> None:
    result = run("facts", "--entity", "nurgalieva")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == (
        "sinokaz: no entity with id 'nurgalieva'; did you mean 'nurgaliyeva'?\n"
    )


def test_unknown_tag_exits_4(run: Run) -> None:
    result = run("facts", "--tag", "carz")
    assert result.exit_code == 4
    assert result.stderr == "sinokaz: no tag 'carz'; did you mean 'cars' or 'carbon'?\n"


def test_table_shows_category(run: Run) -> None:
    out = run("--data", str(MINI), "facts", "--format", "table").stdout
    assert "Category" in out
    assert "tourism" in out
    # Two sources in view: each row names its source, not just a paragraph.
    assert "Test Wire" in out
