"""export: what it writes, what it refuses, and that it never leaves half a file."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sinokaz_cli.errors import OutputError
from sinokaz_cli.export import files, rows
from sinokaz_cli.export.schema import TABLES, VIEWS

from conftest import BAD, ROOT, SHIPPED, Run, as_json
from exported import connect, entities, facts

EXISTS = "already exists; add --replace to overwrite it\n"
CSV_FILES = sorted(f"{name}.csv" for name in (*TABLES, *VIEWS))


def _dump(db: Path) -> list[str]:
    """Every statement that makes the database again, but which files it came from."""
    conn = sqlite3.connect(db)
    return [line for line in conn.iterdump() if "'files'" not in line]


def test_export_sqlite_writes_the_bundled_knowledge(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "kb.db"
    result = run("export", "sqlite", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert os.listdir(tmp_path) == ["kb.db"]  # no temporary file left beside it
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM facts").fetchone() == (38,)
    assert conn.execute("SELECT count(*) FROM figures").fetchone() == (9,)


def test_export_csv_writes_every_table_and_view_as_the_database_has_them(
    run: Run, tmp_path: Path
) -> None:
    assert run("export", "sqlite", str(tmp_path / "kb.db")).exit_code == 0
    result = run("export", "csv", str(tmp_path / "csv"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert sorted(os.listdir(tmp_path / "csv")) == CSV_FILES
    conn = sqlite3.connect(tmp_path / "kb.db")
    for name in (*TABLES, *VIEWS):
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            header, *body = list(csv.reader(fh))
        cursor = conn.execute(
            f"SELECT * FROM {name}" + (" ORDER BY rowid" if name in TABLES else "")
        )
        assert header == [d[0] for d in cursor.description], name
        assert body == [["" if v is None else str(v) for v in row] for row in cursor], name


def test_the_export_is_the_same_from_the_index_and_from_the_files(
    run: Run, tmp_path: Path, cache: Path
) -> None:
    run("trade", "--json")  # the index is written, and fresh
    assert run("export", "sqlite", str(tmp_path / "indexed.db")).exit_code == 0
    assert run("--no-cache", "export", "sqlite", str(tmp_path / "read.db")).exit_code == 0
    assert _dump(tmp_path / "indexed.db") == _dump(tmp_path / "read.db")


def test_any_knowledge_the_tool_reads_exports_as_its_json_says(
    run: Run, tmp_path: Path, cache: Path
) -> None:
    """A generated knowledge base of several files: every fact and entity, from the
    index and from the files, is the same data as the JSON."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    data = tmp_path / "kb"
    generate(600, data, files=3, seed=1)
    for options in ([], ["--no-cache"]):
        db = tmp_path / f"kb{len(options)}.db"
        result = run("--data", str(data), *options, "export", "sqlite", str(db))
        assert result.exit_code == 0, result.stderr
        conn = connect(db)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert facts(conn) == as_json(run("--data", str(data), "facts", "--json"))
        assert entities(conn) == as_json(run("--data", str(data), "entities", "--json"))
    assert _dump(tmp_path / "kb0.db") == _dump(tmp_path / "kb1.db")


# ─── refusals ───────────────────────────────────────────────────────────────


def test_an_existing_file_is_left_alone_without_replace(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "kb.db"
    target.write_text("mine")
    result = run("export", "sqlite", str(target))
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == f"sinokaz: {target} {EXISTS}"
    assert target.read_text() == "mine"
    assert os.listdir(tmp_path) == ["kb.db"]
    assert run("export", "sqlite", str(target), "--replace").exit_code == 0
    assert sqlite3.connect(target).execute("SELECT count(*) FROM facts").fetchone() == (38,)


def test_existing_csv_files_are_left_alone_without_replace(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert run("export", "csv", str(folder)).exit_code == 0  # other files do not count
    (folder / "facts.csv").write_text("mine")
    result = run("export", "csv", str(folder))
    assert result.exit_code == 5
    assert result.stderr == f"sinokaz: {folder / 'export_info.csv'} {EXISTS}"
    assert (folder / "facts.csv").read_text() == "mine"
    assert run("export", "csv", str(folder), "--replace").exit_code == 0
    assert (folder / "facts.csv").read_text().startswith("id,position,category,")
    assert (folder / "notes.txt").read_text() == "mine"
    assert sorted(os.listdir(folder)) == sorted([*CSV_FILES, "notes.txt"])


@pytest.mark.parametrize(
    ("target", "path", "message"),
    [
        ("sqlite", "missing/kb.db", "cannot write {p}: no such folder: {t}/missing"),
        ("sqlite", ".", "cannot write {p}: it is a folder"),
        ("sqlite", "file/kb.db", "cannot write {p}: not a folder: {t}/file"),
        ("csv", "missing/csv", "cannot write {p}: no such folder: {t}/missing"),
        ("csv", "file", "cannot write {p}: not a folder"),
    ],
)
def test_a_path_that_cannot_be_written_is_one_line_and_exit_5(
    run: Run, tmp_path: Path, target: str, path: str, message: str
) -> None:
    (tmp_path / "file").write_text("mine")
    p = tmp_path / path
    result = run("export", target, str(p))
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == "sinokaz: " + message.format(p=p, t=tmp_path) + "\n"
    assert sorted(os.listdir(tmp_path)) == ["file"]


@pytest.mark.parametrize(
    ("args", "code", "err"),
    [
        (["export", "xml", "kb.db"], 2, "unknown target 'xml' (one of: sqlite, csv)"),
        (["export", "sqlite", ""], 2, "the path is empty"),
        (["export", "sqlite"], 2, "missing argument PATH; see 'sinokaz export --help'"),
        (["export", "csv", "-"], 2, "export writes files, not stdout: give a PATH"),
        (["--data", str(BAD / "unknown-values.toml"), "export", "sqlite", "kb.db"], 3, "persn"),
    ],
)
def test_usage_and_knowledge_errors(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, err: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == code
    assert err in result.stderr
    assert os.listdir(tmp_path) == []


def test_a_device_or_a_pipe_is_never_replaced(run: Run, tmp_path: Path) -> None:
    """--replace swaps a file for the export; a FIFO (or /dev/null) is no file."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = run("export", "sqlite", str(fifo), "--replace")
    assert (result.exit_code, result.stderr) == (
        5,
        f"sinokaz: cannot write {fifo}: not a regular file\n",
    )
    assert fifo.is_fifo()


# ─── atomic writes ──────────────────────────────────────────────────────────


def _fail_at_fact(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    real = rows.fact_rows

    def failing(f: object, position: int, kb: object) -> rows.Rows:
        if position == n:
            raise RuntimeError("stopped halfway")
        return real(f, position, kb)  # type: ignore[arg-type]

    monkeypatch.setattr(rows, "fact_rows", failing)


@pytest.mark.parametrize("target", ["sqlite", "csv"])
def test_a_failure_halfway_leaves_nothing_behind(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    _fail_at_fact(monkeypatch, 20)
    result = run("export", target, str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "stopped halfway" in result.stderr
    assert os.listdir(tmp_path) == []


def test_a_failure_halfway_leaves_the_file_being_replaced_as_it_was(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kb.db"
    target.write_text("mine")
    _fail_at_fact(monkeypatch, 20)
    assert run("export", "sqlite", str(target), "--replace").exit_code == 1
    assert target.read_text() == "mine"
    assert os.listdir(tmp_path) == ["kb.db"]


def test_a_file_that_appears_meanwhile_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "kb.db"
    with pytest.raises(OutputError, match="already exists"):
        with files.placed([target], False, str(target)) as (temp,):
            temp.write_text("new")
            target.write_text("theirs")
    assert target.read_text() == "theirs"
    assert os.listdir(tmp_path) == ["kb.db"]


def _process(
    args: list[str], env: dict[str, str] | None = None, preexec_fn: object = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sinokaz_cli", "--data", str(SHIPPED), "--no-cache", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})},
        preexec_fn=preexec_fn,  # type: ignore[arg-type]
    )


def _small_files() -> None:
    """In the child: no file may grow past 20 kB, as on a disk that is full."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
@pytest.mark.parametrize("target", ["sqlite", "csv"])
def test_a_full_disk_is_one_line_exit_5_and_nothing_left(tmp_path: Path, target: str) -> None:
    path = tmp_path / "out"
    proc = _process(["export", target, str(path)], preexec_fn=_small_files)
    out, err = proc.communicate(timeout=120)
    assert (proc.returncode, out) == (5, ""), err
    assert err.startswith(f"sinokaz: cannot write {path}: ")
    assert err.count("\n") == 1
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGINT")
@pytest.mark.parametrize("target", ["sqlite", "csv"])
def test_ctrl_c_while_writing_leaves_nothing_behind(tmp_path: Path, target: str) -> None:
    """The process ends at once on Ctrl-C (cli.py), without unwinding: its handler
    removes the export's temporary files, and the folder it made."""
    marker = tmp_path / "writing"
    hook = tmp_path / "hook"
    hook.mkdir()
    # sitecustomize runs at start-up: it holds the export at its second fact.
    (hook / "sitecustomize.py").write_text(
        "import time\n"
        "from pathlib import Path\n"
        "from sinokaz_cli.export import rows\n"
        "real = rows.fact_rows\n"
        "def held(f, position, kb):\n"
        "    if position == 2:\n"
        f"        Path({str(marker)!r}).write_text('')\n"
        "        time.sleep(60)\n"
        "    return real(f, position, kb)\n"
        "rows.fact_rows = held\n"
    )
    out = tmp_path / "out"
    proc = _process(["export", target, str(out)], env={"PYTHONPATH": str(hook)})
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), proc.communicate()[1]
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, "sinokaz: interrupted\n")
    assert sorted(os.listdir(tmp_path)) == ["hook", "writing"]
