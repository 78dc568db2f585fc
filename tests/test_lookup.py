"""Records are found by what people type: ids in any case, an entity by its name
or an alias, a tag singular or plural. (test_cache holds the index to the same
answers as the files read directly.)"""

from __future__ import annotations

import json

import pytest

from sinokaz_cli.knowledge.lookup import fold, number_forms

from conftest import Run, as_json, ids


@pytest.mark.parametrize("typed", ["CIIE-CONTRACTS-TOTAL", "Ciie-Contracts-Total"])
def test_a_fact_id_in_any_case(run: Run, typed: str) -> None:
    assert as_json(run("show", typed, "--json"))["id"] == "ciie-contracts-total"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("nurgaliyeva", "nurgaliyeva"),
        ("NURGALIYEVA", "nurgaliyeva"),
        ("Madina Nurgaliyeva", "nurgaliyeva"),
        ("madina  nurgaliyeva", "nurgaliyeva"),
        ("import expo", "ciie"),
        ("CIIE", "ciie"),
        ("expo", "ciie"),
        ("Xian-Almaty train", "xian-almaty-train"),
        ("Xi’an", "xian"),
    ],
)
def test_an_entity_by_id_name_or_alias(run: Run, typed: str, found: str) -> None:
    assert as_json(run("entity", typed, "--json"))["id"] == found


def test_a_name_several_entities_answer_to_lists_them(run: Run) -> None:
    result = run("entity", "committee")
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        "sinokaz: 'committee' could be any of 2 entities: idcpc (International Department of "
        "the CPC Central Committee), cpc-shandong (Shandong Provincial Committee of the CPC); "
        "give its id\n"
    )


def test_an_unknown_name_suggests_a_name_or_an_alias(run: Run) -> None:
    result = run("entity", "Madina Nurgalieva")
    assert result.exit_code == 4
    assert result.stderr == (
        "sinokaz: no entity named 'Madina Nurgalieva'; "
        "did you mean 'Madina Nurgaliyeva' or 'Nurgaliyeva'?\n"
    )
    assert run("entity", "Import Expos").stderr == (
        "sinokaz: no entity named 'Import Expos'; did you mean 'import expo'?\n"
    )
    assert run("entity", "nurgalieva").stderr == (
        "sinokaz: no entity with id 'nurgalieva'; did you mean 'nurgaliyeva'?\n"
    )


def test_the_entity_filter_takes_names_too(run: Run) -> None:
    by_name = as_json(run("facts", "--entity", "Madina Nurgaliyeva", "--json"))
    assert ids(by_name) == ids(as_json(run("facts", "--entity", "nurgaliyeva", "--json")))


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        (["car"], ["cars"]),
        (["CARS"], ["cars"]),
        (["company"], ["companies"]),
        (["visas"], ["visa"]),
    ],
)
def test_a_tag_singular_or_plural(run: Run, typed: list[str], tags: list[str]) -> None:
    args = [a for t in typed for a in ("--tag", t)]
    expected = [a for t in tags for a in ("--tag", t)]
    assert ids(as_json(run("facts", *args, "--json"))) == ids(
        as_json(run("facts", *expected, "--json"))
    )
    assert as_json(run("facts", *args, "--json"))


def test_an_unknown_tag_still_suggests(run: Run) -> None:
    result = run("facts", "--tag", "carz")
    assert result.exit_code == 4
    assert result.stderr == "sinokaz: no tag 'carz'; did you mean 'cars' or 'carbon'?\n"


def test_number_forms() -> None:
    assert {"car", "cars"} <= number_forms("car")
    assert "car" in number_forms("cars")
    assert "companies" in number_forms("company")
    assert "company" in number_forms("companies")
    assert "tax" in number_forms("taxes")
    assert "taxes" in number_forms("Tax")


def test_fold() -> None:
    assert fold("Xi'an–Almaty tourist charter train") == "xian almaty tourist charter train"
    assert fold("  Café  Déjà-vu ") == "cafe deja vu"


def test_tags_lists_each_tag_with_its_count(run: Run) -> None:
    listed = as_json(run("tags", "--json"))
    assert listed == sorted(listed, key=lambda t: t["tag"])
    counts = {t["tag"]: t["facts"] for t in listed}
    assert counts["cars"] == len(as_json(run("facts", "--tag", "cars", "--json")))
    every = {tag for f in as_json(run("facts", "--json")) for tag in f["tags"]}
    assert set(counts) == every
    tourism = {t["tag"] for t in as_json(run("tags", "--category", "tourism", "--json"))}
    assert tourism < every and "visa" in tourism and "cars" not in tourism
    assert run("tags").stdout.splitlines()[0].split("\t") == [listed[0]["tag"], "1"]
    assert json.loads(run("tags", "--fields", "tag", "--json").stdout)[0] == {
        "tag": listed[0]["tag"]
    }
