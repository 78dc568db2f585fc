"""Adding an article: files that stand alone and merge, sinokaz new, show --text,
and a check that says what it checked and what is left to do."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sinokaz_cli.authoring.scaffold import toml_string
from sinokaz_cli.commands.app import app
from sinokaz_cli.reading.article import BETWEEN_BLANKS, WRAPPED, split

from conftest import ARTICLES, SHIPPED, Run, as_json

STATE_VISIT = ARTICLES / "state-visit.toml"
GREEN = ARTICLES / "green-programmes.toml"
PUBLISHED = ("--publisher", "Caspian Courier", "--published", "2025-07")


@pytest.mark.parametrize(
    ("files", "facts", "sources"),
    [
        ([STATE_VISIT], 11, 1),
        ([GREEN], 4, 1),
        ([STATE_VISIT, GREEN], 15, 2),
        ([SHIPPED, STATE_VISIT, GREEN], 53, 3),
    ],
)
def test_articles_pass_check_alone_and_together(
    run: Run, tmp_path: Path, files: list[Path], facts: int, sources: int
) -> None:
    for f in files:
        shutil.copy(f, tmp_path / f.name)
    result = run("check", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(f"ok: {tmp_path}/ — {facts} facts, ")
    assert result.stdout.endswith(f", {sources} source{'s' if sources > 1 else ''}\n")


def _new(run: Run, tmp_path: Path, *extra: str) -> tuple[Path, str]:
    text = tmp_path / "state-visit.txt"
    shutil.copy(ARTICLES / "state-visit.txt", text)
    result = run("new", str(text), *PUBLISHED, *extra)
    assert result.exit_code == 0, result.stderr
    return tmp_path / "state-visit.toml", result.stderr


def test_new_writes_a_file_check_reads_reporting_only_the_work_left(
    run: Run, tmp_path: Path
) -> None:
    made, said = _new(run, tmp_path)
    assert said == (
        f"sinokaz: wrote {made}: the source record and 13 paragraphs (one paragraph a line) "
        f"to write facts for; then run: sinokaz check {made}\n"
    )
    (source,) = tomli.loads(made.read_text(encoding="utf-8"))["source"]
    assert source == {
        "id": "cc-2025-07-leaders-sign",
        "title": "Leaders sign 14 agreements as trade turnover nears a record",
        "subtitle": "A state visit to Astana brings rail, gas and education deals",
        "publisher": "Caspian Courier",
        "published": "2025-07",
        "paragraphs": 13,
        "contact": "desk@caspiancourier.example",
        "file": "state-visit.txt",
    }
    result = run("check", str(made))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        f"sinokaz: {made}:12: source 'cc-2025-07-leaders-sign': ¶1–13 not cited by any fact "
        "yet (13 of 13 paragraphs)\n"
    )


def test_new_puts_each_paragraph_where_its_facts_go(run: Run, tmp_path: Path) -> None:
    made, _ = _new(run, tmp_path)
    text = made.read_text(encoding="utf-8")
    assert "# ─── ¶1 (headline) " in text and "# ─── ¶2 (standfirst) " in text
    ninth = text.index("# ─── ¶9 ")
    assert text.index("# Since 10 November 2023, citizens of each country", ninth) < text.index(
        "# ─── ¶10 "
    )


def test_new_cited_facts_leave_less_work(run: Run, tmp_path: Path) -> None:
    made, _ = _new(run, tmp_path)
    fact = (
        '\n[[fact]]\nid = "deals"\ncategory = "trade"\nstatement = "The two countries '
        'signed deals."\nsource = "cc-2025-07-leaders-sign"\nparagraphs = [1, 3]\n'
    )
    made.write_text(made.read_text(encoding="utf-8") + fact, encoding="utf-8")
    result = run("check", str(made))
    assert result.stderr.endswith(": ¶2, ¶4–13 not cited by any fact yet (11 of 13 paragraphs)\n")


def test_new_never_overwrites(run: Run, tmp_path: Path) -> None:
    made, _ = _new(run, tmp_path)
    before = made.read_bytes()
    again = run("new", str(tmp_path / "state-visit.txt"), *PUBLISHED)
    assert again.exit_code == 5
    assert again.stderr == (
        f"sinokaz: {made} exists; sinokaz new never overwrites a file (choose another with -o)\n"
    )
    assert made.read_bytes() == before


def test_new_output_elsewhere_keeps_the_path_to_the_text(run: Run, tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    made, _ = _new(run, tmp_path, "-o", str(tmp_path / "kb" / "visit.toml"), "--id", "cc-visit")
    made = tmp_path / "kb" / "visit.toml"
    (source,) = tomli.loads(made.read_text(encoding="utf-8"))["source"]
    assert (source["id"], source["file"]) == ("cc-visit", "../state-visit.txt")


def test_new_to_stdout(run: Run, tmp_path: Path) -> None:
    shutil.copy(ARTICLES / "green-programmes.txt", tmp_path / "g.txt")
    result = run("new", str(tmp_path / "g.txt"), "-o", "-", *PUBLISHED)
    assert result.exit_code == 0
    assert tomli.loads(result.stdout)["source"][0]["paragraphs"] == 6
    assert not (tmp_path / "g.toml").exists()


def test_new_asks_a_script_for_what_the_text_cannot_say(run: Run, tmp_path: Path) -> None:
    shutil.copy(ARTICLES / "green-programmes.txt", tmp_path / "g.txt")
    result = run("new", str(tmp_path / "g.txt"), "--publisher", "Silk Road Review")
    assert result.exit_code == 2
    assert result.stderr == (
        "sinokaz: the article does not say who published it and when: give --published "
        "(as --published 2025-11); see 'sinokaz new --help'\n"
    )
    bad = run("new", str(tmp_path / "g.txt"), "--publisher", "S", "--published", "2025-13")
    assert bad.exit_code == 2 and "'2025-13' is not a real date" in bad.stderr
    missing = run("new", str(tmp_path / "nope.txt"), *PUBLISHED)
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"sinokaz: {tmp_path}/nope.txt: no such file; see 'sinokaz new --help'\n",
    )


def test_new_asks_a_person(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sinokaz_cli.commands import authoring

    monkeypatch.setattr(authoring, "_interactive", lambda: True)
    shutil.copy(ARTICLES / "green-programmes.txt", tmp_path / "g.txt")
    result = CliRunner().invoke(
        app, ["new", str(tmp_path / "g.txt")], input="Silk Road Review\n2025-1\n2025-09\n"
    )
    assert result.exit_code == 0, result.output
    (source,) = tomli.loads((tmp_path / "g.toml").read_text(encoding="utf-8"))["source"]
    assert (source["publisher"], source["published"]) == ("Silk Road Review", "2025-09")


def test_ctrl_d_at_a_question_is_an_interruption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Click's prompt raises Abort at end of input: "interrupted", exit 130 (as Ctrl-C),
    not Click's "Aborted!" and exit 1; and no file is written."""
    from sinokaz_cli.commands import authoring

    monkeypatch.setattr(authoring, "_interactive", lambda: True)
    shutil.copy(ARTICLES / "green-programmes.txt", tmp_path / "g.txt")
    for typed in ("", "Silk Road Review\n"):
        result = CliRunner().invoke(app, ["new", str(tmp_path / "g.txt")], input=typed)
        assert result.exit_code == 130, result.output
        assert result.stderr.endswith("\nsinokaz: interrupted\n")
        assert "Aborted" not in result.output
        assert not (tmp_path / "g.toml").exists()


def test_show_text_prints_the_cited_paragraphs(run: Run, tmp_path: Path) -> None:
    for name in ("state-visit.toml", "state-visit.txt"):
        shutil.copy(ARTICLES / name, tmp_path / name)
    data = ("--data", str(tmp_path / "state-visit.toml"))
    out = run(*data, "show", "cc-turnover-first-half", "--text", "-f", "table").stdout
    assert "In the article's own words:" in out
    assert "¶5  In the first half of this year turnover was down 2.4% on a year earlier" in out
    piped = run(*data, "show", "cc-turnover-first-half", "--text").stdout  # not a terminal
    assert "¶5  In the first half of this year turnover was down 2.4%" in piped
    body = as_json(run(*data, "show", "cc-agreements-signed", "--text", "--json"))
    assert [p["paragraph"] for p in body["source_text"]["paragraphs"]] == [1, 2, 3]
    assert body["source_text"]["paragraphs"][2]["text"].startswith("Kazakhstan and China signed")
    assert body["source_text"]["missing"] is None


def test_show_text_says_in_one_line_when_the_text_is_missing(run: Run, tmp_path: Path) -> None:
    shutil.copy(STATE_VISIT, tmp_path / "state-visit.toml")
    data = ("--data", str(tmp_path / "state-visit.toml"))
    out = run(
        *data, "show", "cc-turnover-first-half", "--text", "-f", "table", env={"COLUMNS": "200"}
    )
    assert out.stdout.splitlines()[-1] == (
        f"Article text: not shown — the article's text is not at {tmp_path}/state-visit.txt."
    )
    body = as_json(run(*data, "show", "cc-turnover-first-half", "--text", "--json"))
    assert body["source_text"]["paragraphs"] == []
    from sinokaz_cli.reading.paths import bundled_path  # the installed copy, in CI

    shipped = ("--data", str(bundled_path()))
    bundled = as_json(run(*shipped, "show", "dialogue-cohosts", "--text", "--json"))
    assert (
        bundled["source_text"]["missing"]
        == "the bundled article's text is not shipped with sinokaz"
    )


def test_a_broken_folder_hints_at_checking_that_folder(run: Run, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a.toml").write_text("[[fact]]\n", encoding="utf-8")
    result = run("--data", str(kb), "trade")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1] == (
        f"sinokaz: ... and 4 more problems; to see them all: sinokaz check {kb}"
    )
    (kb / "a.toml").write_text(
        (kb / "a.toml").read_text(encoding="utf-8").replace("[[fact]]", "[[fakt]]"), "utf-8"
    )
    one = run("--data", str(kb), "trade")
    assert one.stderr.splitlines()[-1] == f"sinokaz: after fixing it: sinokaz check {kb}"


def test_check_list_names_what_a_new_file_can_use(run: Run, tmp_path: Path) -> None:
    shutil.copy(STATE_VISIT, tmp_path / "state-visit.toml")
    shutil.copy(SHIPPED, tmp_path / "facts.toml")
    found = as_json(run("check", "--list", "--json", str(tmp_path)))
    categories = {c["id"]: c["facts"] for c in found["categories"]}
    assert categories["energy"] == 1 and categories["trade"] == 16
    assert {"id": "tonne", "singular": "tonne", "plural": "tonnes"} in found["units"]
    assert {e["id"] for e in found["entities"]} >= {"china", "kazakhstan", "khorgos"}
    text = run("check", "--list", str(tmp_path)).stdout
    assert "\n  energy     Energy             1\n" in text
    assert json.dumps(found)  # plain JSON values only


def test_paragraphs_are_told_apart_as_the_text_has_them() -> None:
    one_a_line = (ARTICLES / "state-visit.txt").read_text(encoding="utf-8").splitlines()
    # A blank line after a pasted headline leaves each line a paragraph.
    pasted = split("\n\n".join([one_a_line[0], "\n".join(one_a_line[1:])]))
    assert (len(pasted.paragraphs), pasted.layout) == (13, "one paragraph a line")
    assert pasted.contact == "desk@caspiancourier.example"
    # Wrapped at 72 columns, paragraphs between blank lines.
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in one_a_line)
    found = split(wrapped)
    assert (found.paragraphs, found.layout) == (
        tuple(one_a_line[:-1]),
        "paragraphs between blank lines",
    )


def test_new_takes_an_article_not_a_knowledge_file(run: Run) -> None:
    result = run("new", str(STATE_VISIT), *PUBLISHED, "-o", "-")
    assert (result.exit_code, result.stderr) == (
        2,
        f"sinokaz: {STATE_VISIT}: is a knowledge file; give the article's plain text; "
        "see 'sinokaz new --help'\n",
    )


@given(st.lists(st.text(min_size=1).map(str.strip).filter(bool), min_size=1, max_size=8))
def test_paragraphs_split_back_as_written(paragraphs: list[str]) -> None:
    """One paragraph a line, or between blank lines: the same paragraphs either way
    (spaces inside a paragraph collapse, as a reader would see them)."""
    cleaned = [" ".join(split(p).paragraphs) for p in paragraphs]
    cleaned = [p for p in cleaned if p]
    if not cleaned or any("@" in p for p in cleaned[-1:]):
        return
    assert split("\n".join(cleaned)).paragraphs == tuple(cleaned)
    assert split("\n\n".join(cleaned) + "\n").paragraphs == tuple(cleaned)
    # Hard-wrapped, between blank lines: each paragraph over several short lines.
    wrapped = ["\n".join(textwrap.wrap(p, 20, break_long_words=False)) for p in cleaned]
    if len(cleaned) > 1 and any("\n" in w for w in wrapped):
        if all(len(line) <= WRAPPED for w in wrapped for line in w.split("\n")):
            found = split("\n\n".join(wrapped))
            assert found.layout == BETWEEN_BLANKS
            assert found.paragraphs == tuple(" ".join(p.split()) for p in cleaned)


@given(st.text())
def test_toml_strings_read_back(value: str) -> None:
    assert tomli.loads(f"x = {toml_string(value)}")["x"] == value
