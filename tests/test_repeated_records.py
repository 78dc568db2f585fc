"""Records that several files declare alike are read once each time they differ:
a table read again exactly as before is the same record, and adds nothing; one
that differs, if only in a value's type, is read and judged as any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinokaz_cli.errors import KnowledgeError
from sinokaz_cli.reading.load import load

SHARED = """
[[unit]]
id = "firm"
singular = "firm"
plural = "firms"

[[entity]]
id = "kazakhstan"
kind = "place"
name = "Kazakhstan"
aliases = ["Kazakh"]

[[entity]]
id = "astana"
kind = "place"
name = "Astana"
part_of = "kazakhstan"
"""


def _article(n: int, shared: str = SHARED) -> str:
    return f"""
[[source]]
id = "src-{n}"
title = "Article {n}"
publisher = "Wire"
published = "2024-05"
paragraphs = 3
{shared}
[[fact]]
id = "fact-{n}"
category = "trade"
statement = "Fact {n}."
entities = ["astana"]
source = "src-{n}"
paragraphs = [1]
date = {{ text = "this year", start = "2024", inferred = true, basis = "Published in 2024." }}
figures = [{{ value = {n}, unit = "firm" }}]
"""


def _folder(tmp_path: Path, *texts: str) -> Path:
    for i, text in enumerate(texts):
        (tmp_path / f"{i:02d}.toml").write_text(text, encoding="utf-8")
    return tmp_path


def _problems(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load(str(folder))
    return [str(p).removeprefix(f"{folder}/") for p in caught.value.problems]


def test_records_declared_alike_in_every_file_are_one(tmp_path: Path) -> None:
    kb = load(str(_folder(tmp_path, *(_article(n) for n in range(1, 5)))))
    assert [e.id for e in kb.entities] == ["kazakhstan", "astana"]
    assert [u.id for u in kb.units] == ["firm"]
    assert len(kb.facts) == 4
    assert len({f.date for f in kb.facts}) == 1


def test_a_later_declaration_that_adds_is_merged(tmp_path: Path) -> None:
    more = SHARED.replace('aliases = ["Kazakh"]', 'aliases = ["Kazakh", "RK"]')
    texts = [_article(1), _article(2), _article(3), _article(4, more), _article(5)]
    kb = load(str(_folder(tmp_path, *texts)))
    assert kb.entities_by_id["kazakhstan"].aliases == ("Kazakh", "RK")


@pytest.mark.parametrize(
    ("written", "again", "message"),
    [
        ('singular = "firm"', "singular = 1", "firm singular: must be a string, not an integer"),
        ('part_of = "kazakhstan"', 'part_of = "nowhere"', "another part_of"),
    ],
)
def test_a_later_declaration_that_differs_is_read(
    tmp_path: Path, written: str, again: str, message: str
) -> None:
    texts = [_article(1), _article(2), _article(3, SHARED.replace(written, again))]
    assert any(message in p for p in _problems(_folder(tmp_path, *texts)))


def test_a_value_equal_in_python_but_not_in_toml_is_read(tmp_path: Path) -> None:
    """1 == 1.0 == true in Python: a table compared so would pass for one read before."""
    source = 'id = "shared-src"\ntitle = "S"\npublisher = "P"\npublished = "2024"\n'
    texts = [
        f"[[source]]\n{source}paragraphs = 1\n",
        f"[[source]]\n{source}paragraphs = 1\n",
        f"[[source]]\n{source}paragraphs = 1.0\n",
        f"[[source]]\n{source}paragraphs = true\n",
    ]
    assert _problems(_folder(tmp_path, *texts)) == [
        "02.toml:6: source shared-src paragraphs: must be an integer, not a float",
        "03.toml:6: source shared-src paragraphs: must be an integer, not a boolean",
    ]


def test_a_date_read_before_is_checked_again_when_it_differs(tmp_path: Path) -> None:
    texts = [
        _article(1),
        _article(2),
        _article(3).replace("inferred = true", "inferred = 1"),
    ]
    assert _problems(_folder(tmp_path, *texts)) == [
        "02.toml:33: fact fact-3 date.inferred: must be true or false, not an integer"
    ]
