"""check: ok for good knowledge, every problem (exit 3) for bad; and schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BAD, MINI, SHIPPED, Run

# Each bad file and every problem it must report, in order.
EXPECTED = {
    # What a writer gets wrong, said plainly: many uses of one missing id, a currency
    # in lower case, an end on a 'since' date, a part of a year that is none, an
    # out-of-range weight, the two sides of an alignment swapped.
    "news-forms.toml": [
        "news-forms.toml:35: fact a entities[0]: refers to unknown entity 'khorgoss'; 1 other "
        "record uses it too: fact b",
        "news-forms.toml:38: fact a figures[0].unit: unknown unit 'usd': use an ISO 4217 "
        "currency code, 'percent', 'ordinal', or declare it as a [[unit]] (did you mean 'USD'?)",
        "news-forms.toml:39: fact a date.end: a date 'since' a point has no end: give the "
        "start alone",
        "news-forms.toml:40: fact a weight: must be at most 1000000, not 99999999999999999999",
        "news-forms.toml:49: fact b date.start: '2024-H3' is not a part of a year: write "
        "2024-H1 or -H2, 2024-Q1 to -Q4, or 2024-spring, -summer, -autumn, -winter",
        "news-forms.toml:53: alignment al china: 'kz-plan' is Kazakh and 'cn-plan' Chinese: "
        "the two sides look swapped",
    ],
    "missing-fields.toml": [
        "missing-fields.toml:8: fact no-statement statement: is required",
        "missing-fields.toml:14: fact #2 id: is required",
        "missing-fields.toml:14: fact #2 category: is required",
        "missing-fields.toml:14: fact #2 source: is required",
        "missing-fields.toml:14: fact #2 paragraphs: is required",
    ],
    "wrong-types.toml": [
        "wrong-types.toml:6: source s paragraphs: must be an integer, not a string",
        "wrong-types.toml:11: fact f statement: must be a string, not an integer",
        "wrong-types.toml:12: fact f tags: must be an array of strings, not a string",
        "wrong-types.toml:15: fact f figures[0].value: must be a number, not a string",
    ],
    "unknown-values.toml": [
        "unknown-values.toml:10: entity e kind: unknown kind 'persn'; expected one of: person, "
        "org, place, event, programme, product (did you mean 'person'?)",
        "unknown-values.toml:15: fact f category: unknown category 'trad'; expected one of: "
        "trade, tourism, dialogue, policy, or declare it as a [[category]] "
        "(did you mean 'trade'?)",
        "unknown-values.toml:19: fact f figures[0].qualifier: unknown qualifier 'roughly'; "
        "expected one of: exact, more_than, over, at_least, around, nearly, almost, less_than, "
        "at_most, up_to",
        "unknown-values.toml:19: fact f figures[0].unit: unknown unit 'compny': use an ISO 4217 "
        "currency code, 'percent', 'ordinal', or declare it as a [[unit]]",
        "unknown-values.toml:20: fact f statment: is not a known field (did you mean 'statement'?)",
    ],
    "duplicates.toml": [
        "duplicates.toml:16: fact f id: duplicate fact id 'f', first defined at line 9",
    ],
    "dangling.toml": [
        "dangling.toml:12: entity p part_of: refers to unknown entity 'nowhere'",
        "dangling.toml:18: fact f entities[1]: refers to unknown entity 'ghost'",
        "dangling.toml:19: fact f speaker: refers to unknown entity 'nobody'",
        "dangling.toml:20: fact f source: refers to unknown source 'src'",
        "dangling.toml:28: fact g paragraphs: paragraph 3 is past the end of source 's' "
        "(2 paragraphs)",
        "dangling.toml:33: alignment a kazakhstan: refers to unknown entity 'q'",
        "dangling.toml:35: alignment a facts[1]: refers to unknown fact 'h'",
    ],
    "dates.toml": [
        "dates.toml:5: source s published: '2025-13' is not an ISO date "
        "(YYYY, YYYY-MM or YYYY-MM-DD)",
        "dates.toml:14: fact f date.basis: is required when inferred = true: "
        "say how the date was worked out",
        "dates.toml:22: fact g date.end: 2026 is before the start 2030",
    ],
    "malformed.toml": ["malformed.toml:3:26: illegal character '\\n'"],
    "unknown-table.toml": [
        "unknown-table.toml:1: unknown table 'facts' (did you mean 'fact'?)",
        "unknown-table.toml:4: unknown table 'meta' (expected one of: category, source, unit, "
        "entity, fact, alignment, synonym)",
    ],
}


def test_every_bad_file_has_expectations() -> None:
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_lists_every_problem(run: Run, name: str) -> None:
    path = BAD / name
    result = run("check", str(path))
    assert result.exit_code == 3
    assert result.stdout == ""
    expected = "".join(f"sinokaz: {BAD}/{line}\n" for line in EXPECTED[name])
    assert result.stderr == expected


@pytest.mark.parametrize("after", [False, True], ids=["data-before", "data-after"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_other_commands_exit_3_with_one_line(run: Run, name: str, after: bool) -> None:
    """The hint checks the path given, wherever --data was: before the command or after."""
    data = ["--data", str(BAD / name)]
    result = run(*(["trade", *data] if after else [*data, "trade"]), "--json")
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"sinokaz: {BAD}/{EXPECTED[name][0]}"
    if len(EXPECTED[name]) > 1:
        more = len(EXPECTED[name]) - 1
        assert lines[1] == (
            f"sinokaz: ... and {more} more problem{'s' if more > 1 else ''}; "
            f"to see them all: sinokaz check {BAD / name}"
        )
    elif EXPECTED[name][0].split(":")[1].isdigit():  # a problem at a line
        assert lines[1] == f"sinokaz: after fixing it: sinokaz check {BAD / name}"
    assert "Traceback" not in result.stderr


def test_shipped_file_is_ok(run: Run) -> None:
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout == f"ok: {SHIPPED} — 38 facts, 39 entities, 1 source\n"
    assert result.stderr == ""


def test_check_uses_global_data(run: Run) -> None:
    out = run("--data", str(MINI), "check").stdout
    assert out == f"ok: {MINI} — 5 facts, 8 entities, 2 sources\n"


def test_check_json(run: Run) -> None:
    body = json.loads(run("check", "--json").stdout)
    assert body == {
        "ok": True,
        "checked": str(SHIPPED),
        "facts": 38,
        "entities": 39,
        "sources": 1,
        "problems": [],
    }
    bad = run("check", "--json", str(BAD / "duplicates.toml"))
    assert bad.exit_code == 3
    problem = json.loads(bad.stdout)["problems"][0]
    assert problem["line"] == 16
    assert problem["record"] == "fact f"
    assert problem["field"] == "id"


def test_uncited_paragraph_is_reported(run: Run, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace("paragraphs = 4", "paragraphs = 6")
    kb = tmp_path / "gaps.toml"
    kb.write_text(text, encoding="utf-8")
    result = run("check", str(kb))
    assert result.exit_code == 3
    line = _line(kb, 'id = "src-a"') - 1  # the [[source]] header above it
    assert result.stderr == (
        f"sinokaz: {kb}:{line}: source 'src-a': "
        "¶5–6 not cited by any fact yet (2 of 6 paragraphs)\n"
    )
    # Other commands still work: coverage is a completeness rule, not a load error.
    assert run("--data", str(kb), "trade", "--json").exit_code == 0


def test_folder_merges_files_and_finds_cross_file_duplicates(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        '[[fact]]\nid = "deal-value"\ncategory = "trade"\nstatement = "x"\n'
        'source = "src-a"\nparagraphs = [1]\n',
        encoding="utf-8",
    )
    result = run("check", str(tmp_path))
    assert result.exit_code == 3
    assert result.stderr == (
        f"sinokaz: {tmp_path}/b.toml:2: fact deal-value id: duplicate fact id 'deal-value', "
        f"first defined at {tmp_path}/a.toml:83\n"
    )


def test_folder_of_valid_files_merges(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        '[[fact]]\nid = "extra"\ncategory = "tourism"\nstatement = "x"\n'
        'source = "src-b"\nparagraphs = [2]\n',
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("not knowledge", encoding="utf-8")
    result = run("--data", str(tmp_path), "tourism", "--json")
    assert [f["id"] for f in json.loads(result.stdout)] == ["tourist-share", "extra"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.toml", "no such file or folder"),
        (lambda p: p, "folder holds no *.toml knowledge files"),
    ],
)
def test_path_problems_are_one_line(run: Run, tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = run("--data", str(path), "trade")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == f"sinokaz: {path}: {message}\n"


def test_env_var_sets_data(run: Run) -> None:
    result = run("trade", "--json", env={"SINOKAZ_DATA": str(MINI)})
    assert [f["id"] for f in json.loads(result.stdout)] == ["firms-at-forum", "deal-value"]


def test_data_option_beats_env(run: Run) -> None:
    result = run("--data", str(SHIPPED), "tourism", "--json", env={"SINOKAZ_DATA": str(MINI)})
    assert len(json.loads(result.stdout)) == 3


def test_schema_prints_the_shipped_schema(run: Run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "sinokaz knowledge file"
    assert result.stdout == (SHIPPED.parent / "facts.schema.json").read_text(encoding="utf-8")


FORWARD = """\
[[fact]]
id = "early"
category = "trade"
statement = "A fact written before everything it refers to."
entities = ["later-person", "never"]
source = "later-source"
paragraphs = [1, 3]
figures = [{ value = 2, unit = "later-unit" }, { value = 3, unit = "no-unit" }]

[[source]]
id = "later-source"
title = "T"
publisher = "P"
published = "2025-11"
paragraphs = 2

[[entity]]
id = "later-person"
kind = "person"
name = "L"

[[unit]]
id = "later-unit"
singular = "thing"
plural = "things"
"""


@pytest.mark.parametrize("split", [False, True], ids=["one file", "fact in a file of its own"])
def test_references_to_records_read_later_are_checked(
    run: Run, tmp_path: Path, split: bool
) -> None:
    """Most references are checked as soon as they are read; those to records
    further on (or in later files) must still be checked, once, at the end."""
    if split:
        fact, rest = FORWARD.split("\n\n", 1)
        (tmp_path / "a.toml").write_text(fact + "\n", encoding="utf-8")
        (tmp_path / "b.toml").write_text(rest, encoding="utf-8")
        where, data = f"{tmp_path}/a.toml", str(tmp_path)
    else:
        (tmp_path / "kb.toml").write_text(FORWARD, encoding="utf-8")
        where = data = f"{tmp_path}/kb.toml"
    result = run("check", data)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"sinokaz: {where}:5: fact early entities[1]: refers to unknown entity 'never'",
        f"sinokaz: {where}:7: fact early paragraphs: paragraph 3 is past the end of source "
        "'later-source' (2 paragraphs)",
        f"sinokaz: {where}:8: fact early figures[1].unit: unknown unit 'no-unit': use an ISO "
        "4217 currency code, 'percent', 'ordinal', or declare it as a [[unit]]",
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id", '"f1\\n"', "'f1\\n' is not a valid id"),
        ("tags", '["cars\\n"]', "'cars\\n' is not a valid tag"),
        ("date", '{ text = "2025", start = "2025\\n" }', "'2025\\n' is not an ISO date"),
        ("date", '{ text = "2025", start = "٢٠٢٥" }', "'٢٠٢٥' is not an ISO date"),
    ],
)
def test_ids_and_dates_are_matched_whole(
    run: Run, tmp_path: Path, field: str, value: str, message: str
) -> None:
    """A pattern anchored with ^...$ lets a final newline through, and \\d takes
    digits of any script: neither may slip into an id, a tag or a date."""
    fact = {
        "id": '"f1"',
        "category": '"trade"',
        "statement": '"S."',
        "source": '"s"',
        "paragraphs": "[1]",
    }
    fact[field] = value
    text = (
        '[[source]]\nid = "s"\ntitle = "T"\npublisher = "P"\npublished = "2025-11"\n'
        "paragraphs = 1\n\n[[fact]]\n" + "".join(f"{k} = {v}\n" for k, v in fact.items())
    )
    kb = tmp_path / "kb.toml"
    kb.write_text(text, encoding="utf-8")
    result = run("check", str(kb))
    assert result.exit_code == 3
    assert message in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            "notes.md",
            "# Notes\n\n- a list item\n",
            "not a knowledge file: it is not TOML "
            "(line 3, column 3: expected '=' after a key in a key/value pair)",
        ),
        (
            "pyproject.toml",
            "[tool.black]\nline-length = 88\n",
            "not a knowledge file: no [[fact]], [[entity]] or other of its tables, only tool",
        ),
    ],
)
def test_a_file_that_is_not_a_knowledge_file_says_so(
    run: Run, tmp_path: Path, name: str, text: str, said: str
) -> None:
    """--data README.md said "3:1: invalid statement", the parser's words."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for args in (["--data", str(path), "trade"], ["check", str(path)]):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (3, "")
        assert result.stderr == f"sinokaz: {path}: {said}\n"


def _line(path: Path, text: str) -> int:
    """The number of the first line of `path` that holds `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_a_text_that_numbers_otherwise_is_a_problem(run: Run, tmp_path: Path) -> None:
    """The source's text beside its file, with a paragraph more than the record
    says: citations would point at other words."""
    kb = tmp_path / "kb.toml"
    kb.write_text(
        MINI.read_text(encoding="utf-8").replace(
            "paragraphs = 4\n", 'paragraphs = 4\nfile = "a.txt"\n', 1
        ),
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("One\nTwo\nThree\nFour\nFive\n", encoding="utf-8")
    result = run("check", str(kb))
    assert (result.exit_code, result.stderr) == (
        3,
        f"sinokaz: {kb}:3: source 'src-a' paragraphs: {tmp_path}/a.txt has 5 paragraphs "
        "(one paragraph a line), the record 4: its citations may point at other words\n",
    )
    (tmp_path / "a.txt").write_text("One\nTwo\nThree\nFour\n", encoding="utf-8")
    assert run("check", str(kb)).exit_code == 0
