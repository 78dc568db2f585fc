"""Shell completion of fact and entity ids (Click's protocol, as bash drives it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sinokaz_cli.commands.app import app
from sinokaz_cli.index import where
from sinokaz_cli.reading import load, paths

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
    data.write_bytes((Path(paths.bundled_path())).read_bytes())
    assert CliRunner().invoke(app, ["--data", str(data), "trade", "--json"]).exit_code == 0

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("completion parsed the files")

    monkeypatch.setattr(load, "load", no_parsing)
    assert complete("show", "nurgaliyeva-da", data=str(data)) == (["nurgaliyeva-daughter-car"], "")


def test_without_an_index_it_reads_the_files_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "kb.toml"
    data.write_bytes((Path(paths.bundled_path())).read_bytes())
    assert complete("show", "tsing", data=str(data)) == (["tsingtao-in-kazakhstan"], "")
    assert not where.index_path(data).exists()


def test_a_broken_knowledge_file_offers_nothing_and_says_nothing() -> None:
    assert complete("show", "f", data=str(BAD / "unknown-values.toml")) == ([], "")
    assert complete("show", "f", data="/no/such/file.toml") == ([], "")


def _fact(fid: str) -> str:
    return (
        f'[[fact]]\nid = "{fid}"\ncategory = "trade"\nstatement = "A fact added later."\n'
        'source = "cd-2025-11-ties"\nparagraphs = [4]\nentities = ["almaty"]\n'
    )


def test_files_added_after_the_index_are_read_alone_and_nothing_is_written(
    tmp_path: Path, cache: Path, parsed: list[str]
) -> None:
    """An article just added (and `check`ed, which writes no index): completion
    reads only the new file, checked against the index, and offers its ids
    after the indexed ones, as a full read would; the index stays as it was."""
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "a.toml").write_bytes(Path(paths.bundled_path()).read_bytes())
    assert CliRunner().invoke(app, ["--data", str(folder), "trade", "--json"]).exit_code == 0
    index = where.index_path(folder)
    before = index.read_bytes()
    (folder / "b.toml").write_text(_fact("nurgaliyeva-added"), encoding="utf-8")

    # What reading every file offers (the index put aside meanwhile).
    index.rename(tmp_path / "aside")
    full = complete("show", "nurgaliyeva-", data=str(folder))
    (tmp_path / "aside").rename(index)
    parsed.clear()
    assert complete("show", "nurgaliyeva-", data=str(folder)) == full
    assert full[0][-1] == "nurgaliyeva-added"
    assert complete("entity", "alm", data=str(folder)) == (["almaty"], "")
    assert parsed == ["b.toml", "b.toml"]
    assert index.read_bytes() == before
    assert [p.name for p in cache.iterdir()] == [index.name]


def test_a_problem_in_an_added_file_offers_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "a.toml").write_bytes(Path(paths.bundled_path()).read_bytes())
    assert CliRunner().invoke(app, ["--data", str(folder), "trade", "--json"]).exit_code == 0
    (folder / "b.toml").write_text(_fact("ciie-contracts-total"), encoding="utf-8")  # taken
    assert complete("show", "ciie", data=str(folder)) == ([], "")
    (folder / "b.toml").write_text(_fact("Not An Id"), encoding="utf-8")
    assert complete("show", "ciie", data=str(folder)) == ([], "")


def test_tags_complete_the_tag_filter() -> None:
    assert complete("facts", "--tag", "car") == (["carbon", "cars"], "")


def test_commands_complete_help() -> None:
    offered, _ = complete("help", "ta")
    assert offered == ["tags"]


def test_data_given_after_the_command_is_the_knowledge_completed(tmp_path: Path) -> None:
    from conftest import MINI

    offered, said = complete("show", "--data", str(MINI), "")
    assert said == ""
    assert offered and not {"ciie-kazakh-companies"} & set(offered)
    assert set(offered) == set(load.load(str(MINI)).facts_by_id)
