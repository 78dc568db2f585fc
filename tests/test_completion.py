"""Shell completion of fact and entity ids (Click's protocol, as bash drives it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sinokaz_cli import load
from sinokaz_cli.app import app

from conftest import BAD


def complete(*words: str, data: str | None = None) -> tuple[list[str], str]:
    """What bash would offer after `sinokaz WORDS...`, and anything said on stderr."""
    line = ["sinokaz", *(["--data", data] if data else []), *words]
    env = {
        "_SINOKAZ_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(line),
        "COMP_CWORD": str(len(line) - 1),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="sinokaz")
    assert result.exit_code == 0
    return result.stdout.split(), result.stderr


def test_fact_ids_complete_show() -> None:
    assert complete("show", "ciie") == (
        ["ciie-kazakh-companies", "ciie-largest-delegation", "ciie-contracts-total"],
        "",
    )


def test_entity_ids_complete_entity_and_the_entity_filter() -> None:
    assert complete("entity", "nurg") == (["nurgaliyeva"], "")
    offered, _ = complete("facts", "--entity", "china")
    assert offered[:2] == ["china", "china-daily"]


def test_a_fresh_index_answers_without_reading_the_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "kb.toml"
    data.write_bytes((Path(load.bundled_path())).read_bytes())
    assert CliRunner().invoke(app, ["--data", str(data), "trade", "--json"]).exit_code == 0

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("completion parsed the files")

    monkeypatch.setattr(load, "load", no_parsing)
    assert complete("show", "nurgaliyeva-da", data=str(data)) == (["nurgaliyeva-daughter-car"], "")


def test_without_an_index_it_reads_the_files_and_writes_nothing(tmp_path: Path) -> None:
    from sinokaz_cli import store

    data = tmp_path / "kb.toml"
    data.write_bytes((Path(load.bundled_path())).read_bytes())
    assert complete("show", "tsing", data=str(data)) == (["tsingtao-in-kazakhstan"], "")
    assert not store.index_path(data).exists()


def test_a_broken_knowledge_file_offers_nothing_and_says_nothing() -> None:
    assert complete("show", "f", data=str(BAD / "unknown-values.toml")) == ([], "")
    assert complete("show", "f", data="/no/such/file.toml") == ([], "")
