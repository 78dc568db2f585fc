"""Every listing is the same data in every format.

A field's value in CSV, TSV and Markdown is its JSON value written flat, the
one documented way (render.listing.flat): lists joined with "; ", numbers as
JSON writes them (coverage 1.0, not "19/19"), a date or a figure as it reads.
`entities --fields id,fact_ids -f csv` once gave a count where JSON has the
list; `sources` gave "19/19" where JSON has 1.0.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from sinokaz_cli.render.listing import flat
from sinokaz_cli.safe import visible

from conftest import COMMANDS, Run

LISTINGS = [c for c in COMMANDS if c[0] not in ("show", "entity", "brief")]


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def _same(objs: list[dict[str, Any]], rows: list[dict[str, str]]) -> None:
    assert len(objs) == len(rows)
    for obj, row in zip(objs, rows, strict=True):
        for field, text in row.items():
            assert text == visible(flat(obj[field]), keep_newlines=True), (obj["id"], field)


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_csv_is_the_json_written_flat_field_by_field(run: Run, command: list[str]) -> None:
    objs = json.loads(run(*command, "--json").stdout)
    every = ",".join(objs[0])
    _same(objs, _csv(run(*command, "--format", "csv", "--fields", every).stdout))
    # The default columns too: each is a field of the JSON.
    _same(objs, _csv(run(*command, "--format", "csv").stdout))


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_tsv_is_the_csv_without_a_header(run: Run, command: list[str]) -> None:
    rows = _csv(run(*command, "--format", "csv").stdout)
    tsv = [line.split("\t") for line in run(*command, "--format", "tsv").stdout.splitlines()]
    assert tsv == [[visible(v) for v in row.values()] for row in rows]


def test_lists_numbers_and_objects_are_written_one_way(run: Run) -> None:
    sources = run("sources", "--fields", "id,coverage,facts,cited_paragraphs", "-f", "csv")
    assert sources.stdout.splitlines()[1] == (
        "cd-2025-11-ties,1.0,38,1; 2; 3; 4; 5; 6; 7; 8; 9; 10; 11; 12; 13; 14; 15; 16; 17; 18; 19"
    )
    ents = run("entities", "--kind", "event", "--fields", "id,fact_ids", "-f", "tsv").stdout
    assert ents.splitlines()[0] == (
        "ciie\tciie-kazakh-companies; ciie-largest-delegation; ciie-contracts-total; trade-momentum"
    )
    shakk = run("entities", "--kind", "person", "--fields", "id,roles", "-f", "tsv").stdout
    assert "shakkaliyev\tMinister of Trade and Integration, Kazakhstan\n" in shakk


def test_entity_prints_its_facts_in_every_format(run: Run) -> None:
    """`sinokaz entity nurgaliyeva | grep car` finds the lines about her cars."""
    tsv = run("entity", "nurgaliyeva").stdout.splitlines()
    body = json.loads(run("entity", "nurgaliyeva", "--json").stdout)
    assert [line.split("\t")[0] for line in tsv] == [f["id"] for f in body["facts"]]
    assert len([line for line in tsv if "car" in line]) >= 4
    _same(body["facts"], _csv(run("entity", "nurgaliyeva", "-f", "csv").stdout))
    md = run("entity", "nurgaliyeva", "-f", "markdown").stdout
    assert md.startswith("## Facts that mention Madina Nurgaliyeva (nurgaliyeva)\n")
    assert md.count("\n| ") == len(body["facts"]) + 1  # the header, then a row a fact
    line = json.loads(run("entity", "nurgaliyeva", "-f", "jsonl").stdout)
    assert line == body


def test_entity_and_show_take_fields(run: Run) -> None:
    body = json.loads(run("entity", "ciie", "--json", "--fields", "id,citation").stdout)
    assert body["id"] == "ciie" and body["name"] == "China International Import Expo"
    assert body["facts"][0] == {
        "id": "ciie-kazakh-companies",
        "citation": "China Daily, Nov 2025, ¶4",
    }
    assert run("entity", "ciie", "--fields", "id").stdout.splitlines()[0] == (
        "ciie-kazakh-companies"
    )
    one = json.loads(run("show", "ciie-kazakh-companies", "--json", "--fields", "id,tags").stdout)
    assert one == {"id": "ciie-kazakh-companies", "tags": ["ciie", "expo", "companies"]}
    csv_out = run("show", "ciie-kazakh-companies", "-f", "csv", "--fields", "id,tags").stdout
    assert csv_out == "id,tags\nciie-kazakh-companies,ciie; expo; companies\n"
    bad = run("show", "ciie-kazakh-companies", "--fields", "nope")
    assert bad.exit_code == 2 and bad.stderr.startswith("sinokaz: unknown field 'nope'")


def test_search_markdown_is_titled_with_the_query(run: Run) -> None:
    out = run("search", "car", "market", "-f", "markdown").stdout
    assert out.startswith("## Search: car market\n")
