"""The SQLite export holds what docs/export.md says, the same data as --json, and
browses in datasette as it is."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from sinokaz_cli.export.schema import SCHEMA_VERSION, TABLES, VIEWS

from conftest import ROOT, SHIPPED, Run, as_json
from exported import connect, entities, export, facts

DOC = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export of the bundled knowledge (read from the files: no cache is touched)."""
    return export(SHIPPED, tmp_path_factory.mktemp("export"))


def _names(conn: sqlite3.Connection, kind: str) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'"
    return {r[0] for r in conn.execute(sql, (kind,))}


def test_every_table_and_view_is_there_with_foreign_keys_that_hold(db: Path) -> None:
    conn = sqlite3.connect(db)
    fts = {"facts_fts", *(f"facts_fts_{s}" for s in ("config", "data", "docsize", "idx"))}
    assert _names(conn, "table") == set(TABLES) | fts
    assert _names(conn, "view") == set(VIEWS)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    info = dict(conn.execute("SELECT key, value FROM export_info").fetchall())
    assert info["schema_version"] == str(SCHEMA_VERSION)
    assert info["files"] == str(SHIPPED)
    # The full-text table finds facts by their rowid, which is their position.
    assert conn.execute("SELECT count(*) FROM facts WHERE rowid <> position").fetchone() == (0,)
    for view in VIEWS:  # each view runs
        conn.execute(f"SELECT * FROM {view}").fetchall()


def test_every_join_column_is_indexed(db: Path) -> None:
    """Each foreign key's column leads some index (a primary key or UNIQUE counts)."""
    conn = sqlite3.connect(db)
    missing = []
    for table in TABLES:
        leading = {
            conn.execute(f"PRAGMA index_info('{index[1]}')").fetchone()[2]
            for index in conn.execute(f"PRAGMA index_list('{table}')")
        }
        pk = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')") if r[5] == 1]
        leading.update(pk)
        for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
            if fk[3] not in leading:
                missing.append(f"{table}.{fk[3]}")
    assert missing == []


def _documented() -> dict[str, list[str]]:
    """Each table and view docs/export.md describes, with its columns in order."""
    out = {}
    for name, body in re.findall(r"^### `(\w+)`\n(.*?)(?=^#)", DOC, re.S | re.M):
        out[name] = re.findall(r"^\| `(\w+)` \|", body, re.M)
    return out


def test_the_doc_describes_every_table_and_view_column_for_column(db: Path) -> None:
    conn = sqlite3.connect(db)
    actual = {
        name: [r[1] for r in conn.execute(f"PRAGMA table_info('{name}')")]
        for name in (*TABLES, *VIEWS)
    }
    assert _documented() == actual


def _examples() -> list[tuple[str, list[str], list[list[str]]]]:
    """(query, columns, rows) for each example query in docs/export.md."""
    found = []
    for sql, table in re.findall(r"```sql\n(.*?)```\n\n((?:\|[^\n]*\n)+)", DOC, re.S):
        lines = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()]
        found.append((sql, lines[0], lines[2:]))
    return found


EXAMPLES = _examples()


def test_the_doc_has_three_example_queries() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize(
    ("sql", "columns", "rows"), EXAMPLES, ids=[f"query-{i}" for i in range(1, len(EXAMPLES) + 1)]
)
def test_each_documented_query_gives_the_documented_answer(
    db: Path, sql: str, columns: list[str], rows: list[list[str]]
) -> None:
    cursor = sqlite3.connect(db).execute(sql)
    assert [d[0] for d in cursor.description] == columns
    got = [["" if v is None else str(v) for v in row] for row in cursor]
    assert got == rows


def test_every_fact_is_the_same_data_as_the_json(run: Run, db: Path) -> None:
    """Figures, dates, entities, who said it, citations: every field of every fact."""
    assert facts(connect(db)) == as_json(run("facts", "--json"))


def test_every_entity_is_the_same_data_as_the_json(run: Run, db: Path) -> None:
    assert entities(connect(db)) == as_json(run("entities", "--json"))


def test_the_views_say_what_the_commands_say(run: Run, db: Path) -> None:
    conn = connect(db)
    timeline = as_json(run("timeline", "--json"))
    assert [r["fact_id"] for r in conn.execute("SELECT fact_id FROM timeline")] == [
        f["id"] for f in timeline
    ]
    cited = conn.execute("SELECT id, figures, date, said_by FROM facts_cited").fetchall()
    listed = as_json(run("facts", "--json"))
    assert [tuple(r) for r in cited] == [
        (
            f["id"],
            "; ".join(g["text"] for g in f["figures"]) or None,
            f["date"]["display"] if f["date"] else None,
            f["said_by"]["text"],
        )
        for f in listed
    ]
    pairs = as_json(run("policy", "--pairs", "--json"))
    got = conn.execute("SELECT id, china_id, kazakhstan_id, theme FROM alignments").fetchall()
    assert [tuple(r) for r in got] == [
        (p["id"], p["china"], p["kazakhstan"], p["theme"]) for p in pairs
    ]
    sources = as_json(run("sources", "--json"))
    got = conn.execute("SELECT id, title, paragraphs FROM sources").fetchall()
    assert [tuple(r) for r in got] == [(s["id"], s["title"], s["paragraphs"]) for s in sources]


def test_full_text_search_finds_words_in_any_form(db: Path) -> None:
    conn = sqlite3.connect(db)
    sql = "SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?"
    (row,) = conn.execute(sql, ("almaty charter",)).fetchall()
    assert conn.execute("SELECT id FROM facts WHERE rowid = ?", row).fetchone() == (
        "xian-almaty-train",
    )
    assert conn.execute(sql, ("trains",)).fetchall() == [row]  # stemmed


# ─── datasette ──────────────────────────────────────────────────────────────


def _serve(db: Path, *paths: str) -> list[Any]:
    """GET each path from datasette serving `db` as it is (no metadata), as JSON."""
    from datasette.app import Datasette

    async def fetch() -> list[Any]:
        ds = Datasette([str(db)])
        await ds.invoke_startup()
        out = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:500])
            out.append(response.json())
        return out

    return asyncio.run(fetch())


def test_datasette_serves_every_table_and_view(db: Path) -> None:
    conn = sqlite3.connect(db)
    (overview,) = _serve(db, "/kb.json")
    shown = {t["name"]: t for t in overview["tables"]}
    assert {n for n, t in shown.items() if not t["hidden"]} == set(TABLES)
    assert {v["name"] for v in overview["views"]} == set(VIEWS)
    assert shown["facts"]["fts_table"] == "facts_fts"
    names = [*TABLES, *VIEWS]
    pages = _serve(db, *(f"/kb/{name}.json?_shape=array&_size=max" for name in names))
    for name, rows in zip(names, pages, strict=True):
        assert len(rows) == conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0], name


def test_datasette_shows_labels_facets_and_search_with_no_configuration(db: Path) -> None:
    facts_page, entities_page, figures_page, search = _serve(
        db,
        "/kb/facts.json?_facet=category&_labels=on",
        "/kb/entities.json?_labels=on&id=ciie",
        "/kb/figures.json",
        "/kb/facts.json?_search=car&_shape=array",
    )
    # A foreign key shows the name or title of the row it points to.
    row = facts_page["rows"][0]
    assert row["source_id"]["label"] == "Closer China-Kazakhstan ties to bring more opportunities"
    assert entities_page["rows"][0]["part_of_id"] == {"value": "china", "label": "China"}
    facet = facts_page["facet_results"]["category"]["results"]
    assert {(c["value"], c["label"], c["count"]) for c in facet} == {
        ("trade", "Trade", 12),
        ("tourism", "Tourism", 3),
        ("dialogue", "Party dialogue", 6),
        ("policy", "Policy alignment", 14),
        ("people", "People and visits", 3),
    }
    # Low-cardinality columns are offered as facets.
    assert "unit" in {f["name"] for f in figures_page["suggested_facets"]}
    (kinds,) = _serve(db, "/kb/entities.json")
    assert "kind" in {f["name"] for f in kinds["suggested_facets"]}
    assert len(search) == 5


def test_datasette_is_only_in_the_test_extra() -> None:
    import tomli

    project = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.startswith("datasette") for d in project["dependencies"])
    assert any(d.startswith("datasette") for d in project["optional-dependencies"]["test"])
