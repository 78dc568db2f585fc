"""`sinokaz cache` lists the index files, and `sinokaz cache clear` removes them.

Index files of knowledge folders that were moved or deleted piled up in the
cache folder with no way to see or remove them.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from sinokaz_cli.index import where

from conftest import MINI, SHIPPED, Run, locked_elsewhere


def _index_of(data: Path) -> Path:
    return where.index_path(data)


def test_cache_lists_each_index_and_whether_its_knowledge_is_still_there(
    run: Run, cache: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.toml"
    gone.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    for data in (SHIPPED, MINI, gone):
        assert run("--data", str(data), "trade", "--json").exit_code == 0
    gone.unlink()
    listed = json.loads(run("cache", "--json").stdout)
    by_knowledge = {f["knowledge"]: f for f in listed}
    assert set(by_knowledge) == {str(SHIPPED), str(MINI), str(gone)}
    assert by_knowledge[str(gone)]["knowledge_exists"] is False
    assert by_knowledge[str(MINI)]["knowledge_exists"] is True
    assert [f["in_use"] for f in listed].count(True) == 1
    assert by_knowledge[str(SHIPPED)]["in_use"] is True  # $SINOKAZ_DATA is the shipped file
    shipped = by_knowledge[str(SHIPPED)]
    assert shipped["path"] == str(_index_of(SHIPPED))
    assert shipped["size"] == _index_of(SHIPPED).stat().st_size
    assert shipped["kind"] == "index"
    tsv = run("cache").stdout.splitlines()
    assert f"index\t{shipped['size']}\ttrue\t{SHIPPED}\t{shipped['path']}" in tsv
    table = run("cache", "-f", "table", env={"COLUMNS": "200"}).stdout
    assert f"{gone} (gone)" in table and f"{SHIPPED} (in use)" in table


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_cache_names_only_its_own_files(run: Run, cache: Path) -> None:
    cache.mkdir(parents=True)
    (cache / "notes.txt").write_text("mine", encoding="utf-8")
    (cache / "index-0123456789abcdef.previous.sqlite").write_bytes(b"")
    (cache / "index-0123456789abcdef.sqlite.checked").write_bytes(b"")
    writing = cache / ".index-0123456789abcdef.sqlite.5f1e0c6b9a8d7e21.tmp"
    writing.write_bytes(b"x")
    (cache / ".index-0123456789abcdef.sqlite.999999999.1.tmp").write_bytes(b"xy")
    listed = json.loads(run("cache", "--json").stdout)
    assert sorted((Path(f["path"]).name, f["kind"], f["knowledge"]) for f in listed) == [
        (".index-0123456789abcdef.sqlite.5f1e0c6b9a8d7e21.tmp", "unfinished", None),
        (".index-0123456789abcdef.sqlite.999999999.1.tmp", "unfinished", None),
        ("index-0123456789abcdef.previous.sqlite", "previous", None),
        ("index-0123456789abcdef.sqlite.checked", "checked", None),
    ]
    with locked_elsewhere(writing):
        result = run("cache", "clear")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"sinokaz: removed 3 index files (0.0 MB) from {cache}\n"
    # What a run still writes (it holds the lock) stays, and so does what is not ours.
    assert sorted(p.name for p in cache.iterdir()) == [writing.name, "notes.txt"]


def test_cache_clear_removes_every_index_and_the_next_run_rebuilds(run: Run, cache: Path) -> None:
    assert run("trade", "--json").exit_code == 0
    assert _index_of(SHIPPED).exists()
    assert run("cache", "clear").exit_code == 0
    assert not _index_of(SHIPPED).exists()
    assert json.loads(run("cache", "--json").stdout) == []
    assert run("cache", "-f", "table").stderr == "sinokaz: no index files\n"
    assert run("trade", "--json").exit_code == 0
    assert _index_of(SHIPPED).exists()


def test_an_index_of_an_older_version_has_no_knowledge_path(run: Run, cache: Path) -> None:
    cache.mkdir(parents=True)
    old = cache / "index-00000000000000aa.sqlite"
    conn = sqlite3.connect(old)
    conn.execute("CREATE TABLE small (name TEXT PRIMARY KEY, rec BLOB)")
    conn.commit()
    conn.close()
    (listed,) = json.loads(run("cache", "--json").stdout)
    assert (listed["knowledge"], listed["knowledge_exists"]) == (None, None)


def test_cache_clear_takes_no_format(run: Run) -> None:
    result = run("cache", "clear", "--json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "sinokaz: --format, --json and --fields are for the list, not 'cache clear'; "
        "see 'sinokaz cache --help'\n"
    )
    assert run("cache", "clr").stderr == (
        "sinokaz: unknown action 'clr' (did you mean 'clear'?); see 'sinokaz cache --help'\n"
    )
