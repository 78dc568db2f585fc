"""The benchmarks stay runnable: a tiny run of each, and the generator's output is valid."""

from __future__ import annotations

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
    assert result.stdout == "ok: 600 facts, 30 entities, 15 sources\n"


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


def test_scale_benchmark_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "scale.py"),
            "--facts",
            "300",
            "--runs",
            "1",
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "ratios against the goals:" in done.stdout
    assert "first run vs bare load" in done.stdout
    assert "the same knowledge as one" in done.stdout


def test_startup_benchmark_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "startup.py"), "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "trade --json        / import typer" in done.stdout
