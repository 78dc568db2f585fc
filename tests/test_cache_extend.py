"""Files added after the indexed ones extend the index instead of rebuilding it.

The rule that matters: an extended index holds exactly what a rebuild from
every file would write, table by table and term by term, and anything but an
addition at the end (or any problem in the added files) rebuilds from every
file, so that the answer and every message are the same either way.
"""

from __future__ import annotations

import marshal
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinokaz_cli.errors import KnowledgeError
from sinokaz_cli.index import fresh, opening, sealed, where
from sinokaz_cli.reading import load

from conftest import MINI, Run, as_json, ids

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import SHARED_FILE, generate  # noqa: E402


def index_content(path: Path) -> dict[str, Any]:
    """Everything an index holds that an answer can depend on, in a comparable
    form: rows in order, links as sets, the small table decoded, and each
    search term's every occurrence (not how FTS5 happened to lay out its pages)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.occurrences USING fts5vocab(main, docs, instance)")
        return {
            "version": conn.execute("PRAGMA user_version").fetchone(),
            "files": conn.execute(
                "SELECT name, size, mtime_ns, ctime_ns, ino, sha256, first_row FROM files "
                "ORDER BY name"
            ).fetchall(),
            "facts": conn.execute("SELECT * FROM facts ORDER BY row").fetchall(),
            "fact_entities": sorted(conn.execute("SELECT * FROM fact_entities")),
            "fact_tags": sorted(conn.execute("SELECT * FROM fact_tags")),
            "entities": conn.execute("SELECT * FROM entities ORDER BY row").fetchall(),
            "sources": conn.execute("SELECT * FROM sources ORDER BY row").fetchall(),
            "small": {n: marshal.loads(r) for n, r in conn.execute("SELECT name, rec FROM small")},
            "terms": sorted(conn.execute("SELECT * FROM temp.occurrences")),
            "document sizes": conn.execute("SELECT * FROM docs_docsize ORDER BY id").fetchall(),
            "document totals": conn.execute("SELECT block FROM docs_data WHERE id = 1").fetchall(),
            "schema": sorted(conn.execute("SELECT type, name, sql FROM main.sqlite_master")),
        }
    finally:
        conn.close()


def _rebuilt(run: Run, folder: Path) -> dict[str, Any]:
    """The index a rebuild from every file writes."""
    index = where.index_path(folder)
    index.unlink()
    where.previous_path(index).unlink(missing_ok=True)
    as_json(run("--data", str(folder), "sources", "--json"))
    return index_content(index)


@pytest.mark.parametrize(
    "steps",
    [[slice(3, None)], [slice(3, 4), slice(4, 10), slice(10, None)]],
    ids=["at-once", "one-after-another"],
)
def test_files_added_after_the_indexed_ones_extend_it_to_what_a_rebuild_writes(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str], steps: list[slice]
) -> None:
    """The generated knowledge base declares its shared records first, and one
    article a file after it: the added articles name the countries, cities,
    national bodies, recurring events and units of the indexed shared file (and a
    follow-up names an earlier article's event or programme), and each one's
    policy pair adds its theme to the search documents of its facts. An added
    pair that adds a theme to an indexed fact is in
    test_facts_added_about_indexed_records_count_as_a_rebuild_counts_them."""
    generated = tmp_path / "generated"
    generate(600, generated, seed=7)
    names = sorted(f.name for f in generated.glob("*.toml"))
    assert names[0] == SHARED_FILE and len(names) > 10
    folder = tmp_path / "kb"
    folder.mkdir()
    for name in names[:3]:
        shutil.copy(generated / name, folder)
    as_json(run("--data", str(folder), "trade", "--json"))
    for step in steps:
        added = names[step]
        for name in added:
            shutil.copy(generated / name, folder)
        parsed.clear()
        extended_brief = as_json(run("--data", str(folder), "brief", "--json"))
        assert parsed == added  # only the new files were read
    extended = index_content(where.index_path(folder))
    parsed.clear()
    rebuilt = _rebuilt(run, folder)
    assert len(parsed) == len(names)
    assert extended == rebuilt
    assert as_json(run("--data", str(folder), "brief", "--json")) == extended_brief


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.integers(0, 10_000),
    files=st.integers(2, 6),
    cuts=st.lists(st.integers(1, 7), min_size=1, max_size=3),
)
def test_any_knowledge_base_grown_file_by_file_indexes_as_a_rebuild_does(
    run: Run,
    cache: Path,
    tmp_path_factory: pytest.TempPathFactory,
    parsed: list[str],
    seed: int,
    files: int,
    cuts: list[int],
) -> None:
    """Generated knowledge of any shape, indexed with its first files and then
    grown in one or more steps, each step reading only its files, ends with the
    index a rebuild writes."""
    tmp = tmp_path_factory.mktemp("grown")
    generated = tmp / "generated"
    generate(200, generated, files=files, seed=seed)
    names = sorted(f.name for f in generated.glob("*.toml"))
    steps = sorted({min(cut, len(names) - 1) for cut in cuts}) + [len(names)]
    folder = tmp / "kb"
    folder.mkdir()
    done = 0
    for step in steps:
        for name in names[done:step]:
            shutil.copy(generated / name, folder / name)
        parsed.clear()
        as_json(run("--data", str(folder), "sources", "--json"))
        assert parsed == names[done:step]
        done = step
    assert index_content(where.index_path(folder)) == _rebuilt(run, folder)


UNCITED = """
[[source]]
id = "src-0"
title = "Test article zero"
publisher = "Other Paper"
published = "2023-02"
paragraphs = 2
"""

ADDED = """
[[fact]]
id = "zero-cited"
category = "dialogue"
statement = "Article zero is cited at last."
source = "src-0"
paragraphs = [2]
[[source]]
id = "src-c"
title = "Test article C"
publisher = "Test Wire"
published = "2025-06"
paragraphs = 3

[[unit]]
id = "route"
singular = "route"
plural = "routes"

[[fact]]
id = "more-firms"
category = "trade"
statement = "Later the forum drew 60 firms from Example Land."
tags = ["forum", "firms", "later"]
entities = ["forum", "newland"]
speaker = "ann"
source = "src-a"
paragraphs = [1, 3]
figures = [{ value = 60, unit = "firm", about = "firms at the later forum" }]

[[fact]]
id = "new-routes"
category = "tourism"
statement = "Five new flight routes opened."
tags = ["flights"]
entities = ["kazakhstan", "china"]
source = "src-c"
paragraphs = [2]
figures = [{ value = 5, unit = "route" }]
date = { text = "June 2025", start = "2025-06" }

[[fact]]
id = "green-again"
category = "policy"
statement = "The green programmes were discussed again."
entities = ["green-cn", "green-kz"]
source = "src-b"
paragraphs = [2]

[[entity]]
id = "newland"
kind = "place"
name = "Example Land"
aliases = ["Newland"]

[[alignment]]
id = "green-pair-2"
china = "green-cn"
kazakhstan = "green-kz"
theme = "Cleaner air"
facts = ["green-link", "green-again"]

[[synonym]]
terms = ["route", "line"]
"""


def test_facts_added_about_indexed_records_count_as_a_rebuild_counts_them(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str]
) -> None:
    """The added file cites indexed sources (one for the first time), mentions
    indexed entities with figures,
    names an entity it declares further down (its search document waits for it),
    and pairs an indexed fact with a new theme."""
    folder = tmp_path / "kb"
    folder.mkdir()
    # A source declared first but first cited by the added file: the sources'
    # ranking goes by how often, then by when, each was first cited.
    (folder / "a.toml").write_text(UNCITED + MINI.read_text(encoding="utf-8"), encoding="utf-8")
    as_json(run("--data", str(folder), "sources", "--json"))
    (folder / "b.toml").write_text(ADDED, encoding="utf-8")
    parsed.clear()
    hits = as_json(run("--data", str(folder), "search", "cleaner air", "--json"))
    assert parsed == ["b.toml"]
    assert {h["id"] for h in hits} == {"green-link", "green-again"}
    extended = index_content(where.index_path(folder))
    assert extended == _rebuilt(run, folder)


BROKEN = {
    "a duplicate of an indexed fact's id": (
        '[[fact]]\nid = "deal-value"\ncategory = "trade"\nstatement = "x"\n'
        'source = "src-a"\nparagraphs = [1]\n'
    ),
    "an indexed entity's id, for another entity": (
        '[[entity]]\nid = "china"\nkind = "place"\nname = "C"\n'
    ),
    "an indexed source's id, for another source": (
        '[[source]]\nid = "src-b"\ntitle = "T"\npublisher = "P"\npublished = "2024-06"\n'
        "paragraphs = 2\n"
    ),
    "an indexed unit's id, with other words": (
        '[[unit]]\nid = "firm"\nsingular = "firm"\nplural = "companies"\n'
    ),
    "an indexed policy pair's id, for another pair": (
        '[[alignment]]\nid = "green-pair"\nchina = "green-cn"\nkazakhstan = "green-kz"\n'
        'theme = "t"\nfacts = ["green-link"]\n'
    ),
    "an unknown entity": (
        '[[fact]]\nid = "n"\ncategory = "trade"\nstatement = "x"\nentities = ["nobody"]\n'
        'source = "src-a"\nparagraphs = [1]\n'
    ),
    "a paragraph past an indexed source's end": (
        '[[fact]]\nid = "n"\ncategory = "trade"\nstatement = "x"\nsource = "src-b"\n'
        "paragraphs = [9]\n"
    ),
    "an undeclared unit": (
        '[[fact]]\nid = "n"\ncategory = "trade"\nstatement = "x"\nsource = "src-a"\n'
        'paragraphs = [1]\nfigures = [{ value = 2, unit = "widget" }]\n'
    ),
    "a policy pair naming an indexed person": (
        '[[alignment]]\nid = "p"\nchina = "ann"\nkazakhstan = "green-kz"\ntheme = "t"\n'
        'facts = ["green-link"]\n'
    ),
    "a fact id that is taken twice in the new file": (
        '[[fact]]\nid = "n"\ncategory = "trade"\nstatement = "x"\nsource = "src-a"\n'
        'paragraphs = [1]\n\n[[fact]]\nid = "n"\ncategory = "trade"\nstatement = "y"\n'
        'source = "src-a"\nparagraphs = [1]\n'
    ),
    "broken TOML": '[[fact]]\nid = "n\n',
}


@pytest.mark.parametrize(("problem", "text"), BROKEN.items(), ids=BROKEN.keys())
def test_problems_in_added_files_are_reported_as_a_rebuild_reports_them(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str], problem: str, text: str
) -> None:
    """From the new file alone, a duplicate of an indexed id too: the index
    knows where each record was written, and the message says where."""
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.toml")
    as_json(run("--data", str(folder), "facts", "--json"))
    (folder / "b.toml").write_text(text, encoding="utf-8")
    parsed.clear()
    indexed = run("--data", str(folder), "facts", "--json")
    assert parsed == ["b.toml"]
    direct = run("--data", str(folder), "--no-cache", "facts", "--json")
    assert indexed.exit_code == direct.exit_code != 0
    assert indexed.stderr == direct.stderr
    assert indexed.stdout == ""
    assert list(cache.glob(".*.tmp")) == []  # the copy being extended is gone
    (folder / "b.toml").unlink()
    assert len(as_json(run("--data", str(folder), "facts", "--json"))) == 5


def test_a_repeated_id_is_placed_in_the_file_that_first_wrote_it(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str]
) -> None:
    """Over many files, a file of shared records first and none of facts: the
    message names the indexed file and line of the first fact, source, entity and
    unit, as a rebuild does, from the new file alone."""
    folder = tmp_path / "kb"
    generate(600, folder, files=5, seed=7)
    as_json(run("--data", str(folder), "trade", "--json"))
    articles = sorted(p for p in folder.glob("*.toml") if p.name != SHARED_FILE)
    texts = [a.read_text(encoding="utf-8") for a in articles]
    first = {
        table: [re.findall(rf'^\[\[{table}\]\]\n(?:#.*\n)*id = "(.+)"$', t, re.M) for t in texts]
        for table in ("source", "entity", "fact")
    }
    fact, source, entity = first["fact"][2][7], first["source"][3][0], first["entity"][1][0]
    (folder / "zzz.toml").write_text(
        f'[[source]]\nid = "{source}"\ntitle = "T"\npublisher = "P"\npublished = "2024-06"\n'
        'paragraphs = 2\n\n[[unit]]\nid = "tonne"\nsingular = "t"\nplural = "ts"\n\n'
        f'[[entity]]\nid = "{entity}"\nkind = "place"\nname = "E"\n\n'
        f'[[fact]]\nid = "{fact}"\ncategory = "trade"\nstatement = "x"\n'
        f'source = "{first["source"][0][0]}"\nparagraphs = [1]\n',
        encoding="utf-8",
    )
    parsed.clear()
    indexed = run("--data", str(folder), "check")
    assert parsed == [p.name for p in sorted(folder.glob("*.toml"))]  # check reads every file
    parsed.clear()
    extended = run("--data", str(folder), "trade", "--json")
    assert parsed == ["zzz.toml"]
    direct = run("--data", str(folder), "--no-cache", "trade", "--json")
    assert extended.exit_code == direct.exit_code == indexed.exit_code == 3
    assert extended.stderr == direct.stderr
    # Every problem, not only the first that a run prints: the four repeated ids,
    # each placed where a full read places it.
    with pytest.raises(KnowledgeError) as from_index:
        opening.open_kb(str(folder))
    with pytest.raises(KnowledgeError) as from_files:
        load.load(str(folder))
    said = [str(p) for p in from_index.value.problems]
    assert said == [str(p) for p in from_files.value.problems]
    assert sum("first defined at" in p for p in said) == 4, said
    assert any(f"duplicate fact id {fact!r}, first defined at {articles[2]}:" in p for p in said)


def _fact(fid: str) -> str:
    return (
        f'[[fact]]\nid = "{fid}"\ncategory = "trade"\nstatement = "An extra fact."\n'
        'source = "src-a"\nparagraphs = [1]\n'
    )


def _edit_b(folder: Path) -> None:
    b = folder / "b.toml"
    b.write_text(b.read_text(encoding="utf-8").replace("Astana.", "Almaty."), encoding="utf-8")


CHANGES = {
    # name -> (file added, what else changes): none of them only adds at the end
    "a file that sorts first": ("a.toml", None),
    "an indexed file edited too": ("d.toml", _edit_b),
    "an indexed file removed": ("d.toml", lambda folder: (folder / "c.toml").unlink()),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_any_other_change_rebuilds_from_every_file(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str], change: Any
) -> None:
    added, also = change
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI, folder / "b.toml")
    (folder / "c.toml").write_text(_fact("extra"), encoding="utf-8")
    as_json(run("--data", str(folder), "facts", "--json"))
    (folder / added).write_text(_fact("added"), encoding="utf-8")
    if also is not None:
        also(folder)
    parsed.clear()
    indexed = as_json(run("--data", str(folder), "facts", "--json"))
    assert parsed == sorted(p.name for p in folder.glob("*.toml"))
    assert indexed == as_json(run("--data", str(folder), "--no-cache", "facts", "--json"))
    assert "added" in {f["id"] for f in indexed}


def test_an_index_that_cannot_be_extended_is_rebuilt_without_a_word(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str]
) -> None:
    """An index of this version, whole as sealed, that lacks what extending needs
    (as a faulty build might write it) is rebuilt from every file, as a stale one
    is: no warning, the right answer. (A damaged one fails its checksum: see
    test_cache_faults.)"""
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.toml")
    as_json(run("--data", str(folder), "facts", "--json"))
    index = where.index_path(folder)
    with sqlite3.connect(index) as conn:
        conn.execute("DELETE FROM small WHERE name = 'mentions'")
    conn.close()
    fd = os.open(index, os.O_RDWR)
    sealed.seal(fd)
    os.close(fd)
    (folder / "b.toml").write_text(_fact("extra"), encoding="utf-8")
    parsed.clear()
    result = run("--data", str(folder), "facts", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert parsed == ["a.toml", "b.toml"]
    assert [f["id"] for f in as_json(result)][-1] == "extra"


def test_editing_the_files_just_added_extends_the_index_they_were_added_to(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str]
) -> None:
    """Writing an article means running, editing its file and running again: the
    index before the file was added is kept, and extended again after each edit.
    An edit to a file indexed before that rebuilds and lets it go."""
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.toml")
    as_json(run("--data", str(folder), "facts", "--json"))
    index = where.index_path(folder)
    assert not where.previous_path(index).exists()  # a rebuild keeps none
    (folder / "b.toml").write_text(_fact("extra"), encoding="utf-8")
    parsed.clear()
    as_json(run("--data", str(folder), "facts", "--json"))
    assert parsed == ["b.toml"]
    assert where.previous_path(index).exists()
    for statement in ("An edited fact.", "Edited again."):
        (folder / "b.toml").write_text(
            _fact("extra").replace("An extra fact.", statement), encoding="utf-8"
        )
        parsed.clear()
        facts = as_json(run("--data", str(folder), "facts", "--json"))
        assert parsed == ["b.toml"]
        assert facts[-1]["statement"] == statement
        assert where.previous_path(index).exists()
    assert index_content(index) == _rebuilt(run, folder)
    (folder / "c.toml").write_text(_fact("third"), encoding="utf-8")
    as_json(run("--data", str(folder), "facts", "--json"))
    assert where.previous_path(index).exists()
    a = folder / "a.toml"
    a.write_text(a.read_text(encoding="utf-8").replace("Astana.", "Almaty."), encoding="utf-8")
    parsed.clear()
    facts = as_json(run("--data", str(folder), "facts", "--json"))
    assert parsed == ["a.toml", "b.toml", "c.toml"]
    assert "The forum met in Almaty." in {f["statement"] for f in facts}
    assert not where.previous_path(index).exists()


def test_a_long_extension_says_what_it_is_doing_on_a_terminal_only(
    run: Run, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large new files take a while even on their own: a person is told that the
    new files are being indexed, with their size; a script is not."""
    from test_cache import one_file_progress

    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.toml")
    as_json(run("--data", str(folder), "facts", "--json"))
    monkeypatch.setattr(load, "NOTICE_BYTES", 0)  # as if the new file were large
    monkeypatch.setattr(load, "_stderr_is_terminal", lambda: True)
    (folder / "b.toml").write_text(_fact("extra"), encoding="utf-8")
    notice, _, drawn = run("--data", str(folder), "facts", "--json").stderr.partition("\n")
    assert notice == (
        "sinokaz: indexing the new knowledge files (0 MB in 1 file); "
        "later runs answer from the index"
    )
    assert len(one_file_progress(drawn)) == 4
    monkeypatch.setattr(load, "_stderr_is_terminal", lambda: False)
    (folder / "c.toml").write_text(_fact("third"), encoding="utf-8")
    assert run("--data", str(folder), "facts", "--json").stderr == ""


def test_runs_at_once_extend_it_without_corrupting_it(cache: Path, tmp_path: Path) -> None:
    """Six runs find the same file added and each extends its own copy: every one
    answers in full, and the index left in place is whole and fresh."""
    generated = tmp_path / "generated"
    generate(600, generated, files=5, seed=7)
    folder = tmp_path / "kb"
    folder.mkdir()
    *indexed, last = sorted(generated.glob("*.toml"))
    for f in indexed:
        shutil.copy(f, folder)
    env = {**os.environ, "SINOKAZ_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "sinokaz_cli", "--data", str(folder), "trade", "--json"]
    subprocess.run(cmd, check=True, capture_output=True, env=env, timeout=120)
    shutil.copy(last, folder)
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        for _ in range(6)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [(p.returncode, e) for p, (_, e) in zip(procs, outs, strict=True)] == [(0, "")] * 6
    assert len({o for o, _ in outs}) == 1
    assert not list(cache.glob(".*.tmp"))  # no temporary file left behind
    index = where.index_path(folder)
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    found = fresh.open_fresh(index, sorted(folder.glob("*.toml")))
    assert found is not None
    found.conn.close()


REDECLARED = """
[[source]]
id = "src-z"
title = "An article that stands alone"
publisher = "Other Paper"
published = "2025-08"
paragraphs = 1

[[unit]]
id = "firm"
singular = "firm"
plural = "firms"

[[entity]]
id = "china"
kind = "place"
name = "China"
aliases = ["Zhongguo"]
source = "src-z"
paragraphs = [1]

[[fact]]
id = "z-fact"
category = "trade"
statement = "A fact of the standalone article."
entities = ["china"]
source = "src-z"
paragraphs = [1]
figures = [{ value = 3, unit = "firm" }]
"""


def test_an_added_file_that_redeclares_what_it_uses_extends_the_index(
    run: Run, cache: Path, tmp_path: Path, parsed: list[str]
) -> None:
    """An article file may carry the countries and units it uses, as declared
    elsewhere: they are one record, with the aliases and citation it adds; the
    facts already indexed that mention the entity are found by the new alias."""
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.toml")
    as_json(run("--data", str(folder), "facts", "--json"))
    (folder / "b.toml").write_text(REDECLARED, encoding="utf-8")
    parsed.clear()
    china = as_json(run("--data", str(folder), "entity", "china", "--json"))
    assert parsed == ["b.toml"]
    assert "Zhongguo" in china["aliases"]
    assert [c["source"] for c in china["citations"]] == ["src-z"]
    hits = ids(as_json(run("--data", str(folder), "search", "Zhongguo", "--json")))
    assert "z-fact" in hits and len(hits) > 1  # a.toml's facts about China too
    assert as_json(run("--data", str(folder), "--no-cache", "entity", "china", "--json")) == china
    assert run("--data", str(folder), "check").exit_code == 0
    extended = index_content(where.index_path(folder))
    assert extended == _rebuilt(run, folder)
