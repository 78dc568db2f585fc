"""The benchmarks stay runnable: a tiny run of each, and the generator's output is valid."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

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
    assert result.stdout == "ok: 600 facts, 32 entities, 15 sources\n"


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
    assert "first run vs bare load" in out
    assert "the same knowledge as one" in out


def test_startup_benchmark_runs() -> None:
    out = _bench("startup.py", "--runs", "1")
    assert "trade --json        / import typer" in out


def test_first_run_benchmark_runs(tmp_path: Path) -> None:
    # It fails when the replayed statements do not rebuild the index it recorded.
    out = _bench("first_run.py", "--facts", "300", "--runs", "1", "--work", str(tmp_path))
    assert "SQLite: the index's statements alone" in out
    assert "reading + SQLite " in out
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
