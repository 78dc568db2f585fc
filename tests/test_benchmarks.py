"""The benchmarks stay runnable: a tiny run of each, and the generator's output is valid."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import tomli

from conftest import ROOT, Run

BENCH = ROOT / "benchmarks"


def test_generated_knowledge_passes_check(run: Run, tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "600", str(tmp_path), "--files", "3"],
        check=True,
        timeout=120,
    )
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"ok: {tmp_path}/ — 600 facts, 73 entities, 3 sources\n"
    assert len(list(tmp_path.glob("*.toml"))) == 4  # the shared records, and one file an article


def _generated(tmp_path: Path, n: int, **options: Any) -> list[tuple[str, dict[str, Any]]]:
    """(text, parsed) of each file of a knowledge base of `n` facts, in name order."""
    sys.path.insert(0, str(BENCH))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCH))
    generate(n, tmp_path, **options)
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("*.toml"))]
    return [(t, tomli.loads(t)) for t in texts]


def test_generated_articles_are_written_as_people_write_them(tmp_path: Path) -> None:
    """Issue 19: one article a file with its own records, in data/facts.toml's style,
    every record kind, figure and date of every kind, and a wide vocabulary."""
    # Seed 2: one article in ten has a synonym, and seed 1's first 45 happen to have none.
    files = _generated(tmp_path, 1500, seed=2)
    (shared_text, shared), articles = files[0], files[1:]
    assert set(shared) == {"unit", "entity"} and shared_text.startswith("#:schema ")
    assert 1500 / 40 <= len(articles) <= 1500 / 25 + 1
    records: dict[str, list[dict[str, Any]]] = {}
    for text, doc in articles:
        assert text.startswith("#:schema ./facts.schema.json\n#\n# ")
        assert "\n# ─── Source ───" in text and "\n# ─── Facts: " in text
        (source,) = doc["source"]
        slug = source["id"].split("-")[0]
        assert 10 <= len(doc["fact"]) <= 49
        own = [r["id"] for kind in ("entity", "fact", "alignment") for r in doc.get(kind, [])]
        assert all(i.startswith(slug + "-") for i in own)
        assert all(f["source"] == source["id"] for f in doc["fact"])
        cited = {p for f in doc["fact"] for p in f["paragraphs"]}
        assert cited == set(range(1, source["paragraphs"] + 1))
        for kind, found in doc.items():
            records.setdefault(kind, []).extend(found)
    assert set(records) == {"source", "entity", "fact", "alignment", "synonym"}
    text = "".join(t for t, _ in articles)
    assert "= [\n    {" in text and '= [\n    "' in text  # tables and strings over lines
    assert re.search(r"\n# [^─]", text.split("# ─── Source", 1)[1])  # comments in records
    assert re.search(r"value = \d{1,3}(_\d{3})+,", text)

    entities = records["entity"] + shared["entity"]
    assert {e["kind"] for e in entities} == {
        "person",
        "org",
        "place",
        "event",
        "programme",
        "product",
    }
    assert any(len(e.get("roles", [])) >= 2 for e in entities)
    assert all(
        {"place", "hosts", "date"} <= set(e) for e in records["entity"] if e["kind"] == "event"
    )
    facts = records["fact"]
    assert {f["category"] for f in facts} == {"trade", "tourism", "dialogue", "policy"}
    assert all(10 <= len(f["statement"].split()) <= 40 for f in facts)
    assert all(any(f.get(k) for f in facts) for k in ("speaker", "attribution", "quote", "note"))
    figures = [g for f in facts for g in f.get("figures", [])]
    units = {g["unit"] for g in figures}
    assert {"USD", "CNY", "KZT", "EUR", "percent", "ordinal", "company"} <= units
    assert {g.get("qualifier", "exact") for g in figures} == {
        "exact", "more_than", "at_least", "around", "less_than", "at_most", "up_to",
    }  # fmt: skip
    dates = [f["date"] for f in facts if "date" in f]
    assert {len(d["start"]) for d in dates if "start" in d} == {4, 7, 10}  # year, month, day
    assert {d.get("qualifier") for d in dates} == {None, "about", "before", "after", "by"}
    assert any(d.get("inferred") for d in dates) and any("end" in d for d in dates)
    assert any("start" not in d for d in dates)  # unplaced
    said = Counter(w for f in facts for w in re.findall(r"[a-z]+", f["statement"].lower()))
    assert len(said) > 3000  # distinct words in 1,500 statements, not a list of 60
    assert sum(1 for c in said.values() if c == 1) > len(said) / 3  # a long tail


def test_generator_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "200", str(tmp_path / name)],
            check=True,
            timeout=120,
        )
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").glob("*.toml")}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").glob("*.toml")}
    assert a == b
    # Knowledge bases of any size start with the same article: the benchmarks ask
    # the same small questions of 50 facts and of 100,000.
    _generated(tmp_path / "small", 50, seed=1)
    small = {p.name: p.read_bytes() for p in (tmp_path / "small").glob("*.toml")}
    first = sorted(small)[:2]  # the shared records, and the first article
    assert {n: small[n] for n in first} == {n: a[n] for n in first}


def test_every_article_can_declare_the_shared_records_it_uses(run: Run, tmp_path: Path) -> None:
    """Each article file holds every shared record it uses, so an article reads on
    its own, and a folder of them reads as one knowledge base: records declared
    alike are one."""
    sys.path.insert(0, str(BENCH))
    try:
        from generate import SHARED_FILE, generate
    finally:
        sys.path.remove(str(BENCH))
    generate(600, tmp_path, seed=1, redeclare_shared=True)
    files = sorted(tmp_path.glob("*.toml"))
    assert SHARED_FILE not in {f.name for f in files}
    first = run("check", str(files[0]))
    assert (first.exit_code, first.stderr) == (0, "")
    folder = run("check", str(tmp_path))
    assert (folder.exit_code, folder.stderr) == (0, "")
    assert folder.stdout.startswith(f"ok: {tmp_path}/ — 600 facts, ")
    shared = tmp_path / "shared"
    generate(600, shared, seed=1, redeclare_shared=False)
    # The same knowledge: the same facts (the shared file also declares records
    # that no article of these uses).
    facts = run("--data", str(tmp_path), "--no-cache", "facts", "--json").stdout
    assert run("--data", str(shared), "--no-cache", "facts", "--json").stdout == facts


def _bench(script: str, *args: str) -> str:
    """Run a benchmark script with tiny settings; its output."""
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_scale_benchmark_runs(tmp_path: Path) -> None:
    out = _bench("scale.py", "--facts", "300", "--runs", "1", "--work", str(tmp_path))
    assert "ratios against the goals:" in out
    # Issue 19's goals, not the withdrawn ones.
    assert "time (worst):" in out and "goal <= 2x" in out
    assert "memory (worst):" in out and "goal <= 1.3x" in out
    assert "first run vs bare load (file by file):" in out and "goal <= 2.5x" in out
    assert "first run memory vs bare load, keeping all:" in out
    assert "goal <= 1.5x" not in out and "goal <= 3x" not in out
    assert "the same knowledge as one" in out


def test_startup_benchmark_runs() -> None:
    out = _bench("startup.py", "--runs", "1")
    assert "trade --json        / import typer" in out


def test_first_run_benchmark_runs(tmp_path: Path) -> None:
    # It fails when the replayed statements do not rebuild the index it recorded.
    out = _bench("first_run.py", "--facts", "300", "--runs", "1", "--work", str(tmp_path))
    assert "SQLite: the index's statements alone" in out
    assert "reading + SQLite " in out
    assert "goal <= 2.5x" in out and "goal <= 1.5x" not in out
    assert "bare load keeping all" in out and "goal <= 1x" in out
    assert "the replayed index matched the built one row for row" in out


def test_first_run_replay_check_sees_any_changed_row(tmp_path: Path) -> None:
    """The benchmark trusts its replay only if the check can fail: a changed row,
    and a search document more, must each change what it compares."""
    sys.path.insert(0, str(BENCH))
    try:
        from first_run import contents, record_build
    finally:
        sys.path.remove(str(BENCH))
    calls, built = record_build(ROOT / "data", tmp_path)
    assert calls.stat().st_size > 0
    before = contents(built)
    conn = sqlite3.connect(built)
    conn.execute("UPDATE facts SET category = 'x' WHERE row = 5")
    conn.commit()
    assert [t for t in before if contents(built)[t] != before[t]] == ["facts"]
    conn.execute(
        "INSERT INTO docs (rowid, statement, names, tags, extra) VALUES (9999, 'zzz', '', '', '')"
    )
    conn.commit()
    conn.close()
    assert [t for t in before if contents(built)[t] != before[t]] == ["facts", "vocab"]
