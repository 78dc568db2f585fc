"""When a search word may be corrected: only a misspelling, never a real word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinokaz_cli.search import spelling


@pytest.mark.parametrize("word", ["border", "wheat", "price", "pipeline", "reach", "tonnes"])
def test_words_of_english_are_known(word: str) -> None:
    assert spelling.is_english(word)
    assert not spelling.looks_misspelt(word)


@pytest.mark.parametrize("word", ["shakaliyev", "tsingtau", "nurgaliyev", "kazakstan"])
def test_slips_are_not_english(word: str) -> None:
    assert not spelling.is_english(word)
    assert spelling.looks_misspelt(word)


@pytest.mark.parametrize("typed", ["BRI", "TEU", "CIIE", "gas", "next", "2025", "A380"])
def test_short_words_acronyms_and_numbers_are_searched_as_typed(typed: str) -> None:
    assert not spelling.looks_misspelt(typed)


def test_a_correction_is_one_near_word_of_the_knowledge() -> None:
    assert spelling.correction("Shakaliyev", ["shakkaliyev", "shandong"]) == "shakkaliyev"
    assert spelling.correction("tsingtau", ["tsingtao", "train"]) == "tsingtao"
    # Never a stop word, a word of another initial, or a guess between equals.
    assert spelling.correction("thosee", ["those"]) is None
    assert spelling.correction("border", ["order"]) is None
    assert spelling.correction("cabl", ["cable", "carl"]) is None
    assert spelling.correction("qingdoa", ["qingdao", "qingda0"]) == "qingdao"


@pytest.mark.parametrize(
    ("a", "b", "edits"),
    [
        ("kitten", "sitting", 3),
        ("tsingtau", "tsingtao", 1),
        ("qingdoa", "qingdao", 1),
        ("", "ab", 2),
    ],
)
def test_distance(a: str, b: str, edits: int) -> None:
    assert spelling.distance(a, b, 5) == edits
    assert spelling.distance(a, b, edits - 1) == edits if edits else True


@given(st.text("abcde", max_size=7), st.text("abcde", max_size=7))
def test_distance_is_symmetric_and_capped(a: str, b: str) -> None:
    d = spelling.distance(a, b, 10)
    assert d == spelling.distance(b, a, 10)
    assert spelling.distance(a, b, 1) == min(d, 2)
    assert (d == 0) == (a == b)
