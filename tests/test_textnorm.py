"""How search sees words (textnorm): the documented foldings, and the fast
paths that build search documents agreeing with the plain definition."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinokaz_cli.search import textnorm


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("Ürümqi", "urumqi"),
        ("Xi'an", "xian"),
        ("Xi’an", "XIAN"),
        ("co-hosted", "cohosted"),
        ("visa-free", "visafree"),
        ("automobiles", "automobile"),
        ("hosted", "hosts"),
        ("countries", "country"),
        ("WHEAT", "wheat"),
    ],
)
def test_written_forms_meet(written: str, same_as: str) -> None:
    assert set(textnorm.terms(written)) & set(textnorm.terms(same_as))


def test_a_hyphenated_word_counts_joined_and_split() -> None:
    assert textnorm.terms("co-hosted") == ["cohost", "co", "host"]


# Text made of what matters to splitting: letters of both cases and scripts,
# digits, hyphens and dashes, apostrophes of every kind, underscores,
# punctuation and spaces.
alphabet = st.sampled_from(list("aZé中0 9-‐–'’`´_.,;!?\t\n") + ["Xi'an", "co-op", "ÄBC"])
texts = st.lists(alphabet, max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_terms_text_is_the_terms_joined(text: str) -> None:
    assert textnorm.terms_text(text) == " ".join(textnorm.terms(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_terms_text_is_the_terms_joined_for_any_text(text: str) -> None:
    assert textnorm.terms_text(text) == " ".join(textnorm.terms(text))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_terms_text_is_the_terms_joined_for_ascii_text(text: str) -> None:
    assert textnorm.terms_text(text) == " ".join(textnorm.terms(text))


# ASCII text where hyphens start, end or double up inside words, or stand alone:
# where splitting at spaces and splitting as words are written can differ.
hyphenated = st.lists(
    st.sampled_from(list("aB1 -.,") + ["--", "---", " - ", "co-op", "x-", "-y", "a-b-c"]),
    max_size=30,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(hyphenated)
def test_terms_text_is_the_terms_joined_around_hyphens(text: str) -> None:
    assert textnorm.terms_text(text) == " ".join(textnorm.terms(text))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_fold_of_ascii_text_is_the_general_fold(text: str) -> None:
    """fold() lower-cases ASCII text without an apostrophe at once: what the
    general way (apostrophes, case folding, accents) makes of it."""
    import unicodedata

    general = unicodedata.normalize("NFKD", textnorm._APOS_RE.sub("", text).casefold())
    assert textnorm.fold(text) == "".join(c for c in general if not unicodedata.combining(c))


def test_the_parts_of_a_hyphenated_word_are_written_forms_of_their_own() -> None:
    from sinokaz_cli.search import textnorm

    assert textnorm.written("China–Kazakhstan") == [
        (textnorm.stem("chinakazakhstan"), "china–kazakhstan"),
        (textnorm.stem("china"), "china"),
        (textnorm.stem("kazakhstan"), "kazakhstan"),
    ]
    assert textnorm.written("Beijing") == [(textnorm.stem("beijing"), "beijing")]
