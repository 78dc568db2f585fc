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


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("qingdoa", "qingdao"),  # neighbours swapped
        ("almatty", "almaty"),  # a letter doubled
        ("amanat", "amanatt"),  # ... or not, even at the end
        ("beijng", "beijing"),  # a letter left out inside the word
        ("kazakhstaan", "kazakhstan"),  # ... or added
        ("tsingtau", "tsingtao"),  # a vowel for a vowel
        ("shakaliyev", "shakkaliyev"),
    ],
)
def test_slips_of_typing(typed: str, word: str) -> None:
    assert spelling.typing_slip(typed, word)


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("liyang", "licang"),  # a consonant for another: another name
        ("belova", "bekova"),
        ("bekov", "bekova"),  # a letter added or left out at the end: another form
        ("nurgaliyev", "nurgaliyeva"),
        ("madinah", "madina"),
    ],
)
def test_other_names(typed: str, word: str) -> None:
    assert not spelling.typing_slip(typed, word)


def test_a_five_letter_word_is_never_rewritten() -> None:
    """ "Beier", "Beker", "Bever": most five-letter words a letter from "beer" are names."""
    assert spelling.rewrite("Beier", ["beer"]) is None
    assert spelling.rewrite("Qingdoa", ["qingdao"]) == "qingdao"


@given(
    st.text(alphabet="abcdeiklnorstuy", min_size=1, max_size=9),
    st.text(alphabet="abcdeiklnorstuy", max_size=9),
)
def test_the_edits_are_as_many_as_the_distance_and_lead_there(a: str, b: str) -> None:
    found = spelling.edits(a, b)
    assert len(found) == spelling.distance(a, b, 20)
    # Applied from the end (positions are in `a`), the edits turn `a` into `b`.
    out = list(a)
    for kind, at, letter in reversed(found):
        if kind == "swap":
            out[at : at + 2] = [out[at + 1], out[at]]
        elif kind == "sub":
            out[at] = letter
        elif kind == "del":
            del out[at]
        else:
            out.insert(at, letter)
    assert "".join(out) == b
