"""A large knowledge file is read so that the first run never holds it whole
several times over: each record's table is dropped once it is read, and facts
go to the index a batch at a time (build.FACTS_AT_ONCE). None of that may
change an answer: the same knowledge as one file or as many, indexed in
batches of any size, gives the same answers and the same index."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from test_cache_extend import index_content

from sinokaz_cli.index import build, where
from sinokaz_cli.reading import load, toml
from sinokaz_cli.reading.collected import Collected
from sinokaz_cli.reading.validate import read_document

from conftest import Run, as_json

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate, landmarks  # noqa: E402


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """Four articles of 150 facts each, beside the shared records: large files."""
    folder = tmp_path / "folder"
    generate(600, folder, files=4, seed=11)
    return folder


def queries(folder: Path) -> list[list[str]]:
    marks = landmarks(folder)
    return [
        ["trade", "--json"],
        ["brief", "--json"],
        ["timeline", "--json"],
        ["search", marks.query, "--json"],
        ["facts", "--entity", marks.entity, "--json"],
        ["sources", "--json"],
    ]


def one_file(folder: Path, into: Path) -> Path:
    """The folder's files end to end (they hold only records and comments)."""
    into.mkdir()
    whole = into / "all.toml"
    whole.write_bytes(b"".join(f.read_bytes() for f in sorted(folder.glob("*.toml"))))
    return whole


def answers(run: Run, data: Path, asked: list[list[str]]) -> list[Any]:
    return [as_json(run("--data", str(data), *q)) for q in asked]


def test_one_file_answers_as_the_folder_does(
    run: Run, cache: Path, tmp_path: Path, generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = one_file(generated, tmp_path / "one")
    asked = queries(generated)
    expected = answers(run, generated, asked)
    monkeypatch.setattr(build, "FACTS_AT_ONCE", 7)
    assert answers(run, whole, asked) == expected  # the first run, which indexes
    assert answers(run, whole, asked) == expected  # from the index
    assert answers(run, whole.parent, asked) == expected  # the file's folder
    assert [as_json(run("--no-cache", "--data", str(whole), *q)) for q in asked] == expected


def test_facts_indexed_a_batch_at_a_time_make_the_index_made_at_once(
    run: Run, cache: Path, generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_json(run("--data", str(generated), "trade", "--json"))
    index = where.index_path(generated)
    at_once = index_content(index)
    index.unlink()
    monkeypatch.setattr(build, "FACTS_AT_ONCE", 3)
    as_json(run("--data", str(generated), "trade", "--json"))
    assert index_content(index) == at_once


def test_reading_a_document_drops_each_record_table_once_read(generated: Path) -> None:
    path = sorted(generated.glob("*.toml"))[1]  # the first article, after the shared records
    doc = toml.parse(path.read_text(encoding="utf-8"), str(path))
    tables = [t for records in doc.values() for t in records]
    out = Collected()
    read_document(doc, str(path), out)
    assert not out.issues
    assert len(out.facts) > 100
    # The document still has its shape, but none of the tables it was read from.
    held = [t for records in doc.values() for t in records]
    assert len(held) == len(tables)
    assert not any(any(t is h for h in held) for t in tables)


def test_the_progress_line_counts_up_through_one_large_file(
    run: Run, cache: Path, tmp_path: Path, generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal, a first run over one large file counts up as it parses,
    validates and indexes it, instead of showing 0% until it is done."""
    from test_cache import one_file_progress

    whole = one_file(generated, tmp_path / "one")
    monkeypatch.setattr(load, "NOTICE_BYTES", 0)  # as if the file were large
    monkeypatch.setattr(load, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(build, "FACTS_AT_ONCE", 50)
    result = run("--data", str(whole), "trade", "--json")
    assert result.exit_code == 0, result.stderr
    notice, _, drawn = result.stderr.partition("\n")
    assert notice.startswith("sinokaz: indexing the knowledge files (")
    percents = one_file_progress(drawn)
    assert len(percents) >= 12 and percents[:2] == [15, 30]
