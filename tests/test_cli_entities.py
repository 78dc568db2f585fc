"""entities and entity: who and what, with the facts that mention them."""

from __future__ import annotations

import pytest

from conftest import Run, as_json, ids


def test_entities_lists_every_kind(run: Run) -> None:
    ents = as_json(run("entities", "--json"))
    assert len(ents) == 39
    assert {e["kind"] for e in ents} == {"person", "org", "place", "event", "programme", "product"}


def test_kind_filter_and_roles(run: Run) -> None:
    people = as_json(run("entities", "--kind", "person", "--json"))
    assert ids(people) == ["shakkaliyev", "nurgaliyeva"]
    assert people[0]["roles"] == [
        {
            "title": "Minister of Trade and Integration",
            "of": "kazakhstan",
            "of_name": "Kazakhstan",
            "text": "Minister of Trade and Integration, Kazakhstan",
        }
    ]
    assert "ciie-kazakh-companies" in people[0]["fact_ids"]


def test_entities_tsv(run: Run) -> None:
    rows = [line.split("\t") for line in run("entities", "-k", "event").stdout.splitlines()]
    assert [r[0] for r in rows] == ["ciie", "cca-dialogue", "cca-dialogue-2"]
    assert rows[0][1] == "event"


def test_entities_fields(run: Run) -> None:
    ents = as_json(run("entities", "-k", "event", "--json", "--fields", "id,name"))
    assert ents[0] == {"id": "ciie", "name": "China International Import Expo"}


def test_entity_json_has_full_facts(run: Run) -> None:
    e = as_json(run("entity", "tpdc", "--json"))
    assert e["name"] == "Trade Policy Development Center"
    assert e["fact_ids"] == ["ciie-contracts-total"]
    assert e["facts"][0]["id"] == "ciie-contracts-total"
    assert e["facts"][0]["figures"][0]["text"] == "$307 million"


def test_event_entity_details(run: Run) -> None:
    e = as_json(run("entity", "cca-dialogue-2", "--json"))
    assert (e["place"], e["hosts"]) == ("qingdao", ["idcpc", "cpc-shandong"])
    assert e["date"]["start"] == "2025-11-03"


def test_entity_table(run: Run) -> None:
    out = run("entity", "shakkaliyev", "--format", "table").stdout
    assert "Minister of Trade and Integration, Kazakhstan" in out
    assert "2 facts mention Arman Shakkaliyev" in out


def test_unknown_entity_exits_4(run: Run) -> None:
    result = run("entity", "shakaliyev")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == "sinokaz: no entity with id 'shakaliyev'; did you mean 'shakkaliyev'?\n"


def test_unknown_kind_is_usage_error(run: Run) -> None:
    assert run("entities", "--kind", "persons").exit_code == 2


def test_the_facts_column_counts_without_reading_every_mention(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tables and TSV show how many facts involve each entity, which the index
    counts; only JSON needs every fact id, which costs a join over all mentions."""
    from sinokaz_cli.index.indexed import IndexedKB

    whole = {e["id"]: len(e["fact_ids"]) for e in as_json(run("entities", "--json"))}
    run("entities")  # the index exists before mention_ids is taken away

    def refused(self: IndexedKB) -> dict[str, list[str]]:
        raise AssertionError("every mention was read for a count")

    monkeypatch.setattr(IndexedKB, "mention_ids", refused)
    result = run("entities", "--fields", "id,fact_count")
    assert result.exit_code == 0, result.stderr
    counted = dict(line.split("\t") for line in result.stdout.splitlines())
    assert {k: int(v) for k, v in counted.items()} == whole
    assert run("entities", "--format", "table").exit_code == 0
    assert run("entities", "--json").exit_code == 1  # JSON does need the ids


def test_an_entity_date_in_text_formats_reads_as_it_does_for_facts(run: Run) -> None:
    """--fields can pick a field only the JSON has; a date object then shows its
    reading, as a fact's date column does, not the object as JSON."""
    tsv = run("entities", "--kind", "event", "--fields", "id,date", "--format", "tsv").stdout
    assert "cca-dialogue-2\t3 Nov 2025, inferred\n" in tsv
    csv_out = run("entities", "--kind", "event", "--fields", "id,date", "--format", "csv").stdout
    assert 'cca-dialogue-2,"3 Nov 2025, inferred"' in csv_out
