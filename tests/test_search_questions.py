"""The question set: each question finds its fact in the top 3."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from sinokaz_cli.reading.load import load
from sinokaz_cli.search.engine import Index

from conftest import SHIPPED

QUESTIONS = tomli.loads((Path(__file__).parent / "questions.toml").read_text(encoding="utf-8"))
INDEX = Index(load(str(SHIPPED)))


def test_there_are_at_least_30_questions() -> None:
    assert len(QUESTIONS["question"]) >= 30


@pytest.mark.parametrize("q", QUESTIONS["question"], ids=lambda q: q["ask"])
def test_question_finds_its_fact_in_the_top_3(q: dict[str, str]) -> None:
    top = [h.fact.id for h in INDEX.search(q["ask"], limit=3).hits]
    assert q["expect"] in top, top
