"""How figures and dates read: qualifiers and precision are never lost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinokaz_cli.knowledge.records import (
    Citation,
    DateQualifier,
    DateRef,
    Figure,
    Per,
    Period,
    Qualifier,
)
from sinokaz_cli.reading.load import load
from sinokaz_cli.render import display

from conftest import MINI

KB = load(str(MINI))


@pytest.mark.parametrize(
    ("figure", "text"),
    [
        (Figure(100, "firm", Qualifier.MORE_THAN), "more than 100 firms"),
        (Figure(1, "firm"), "1 firm"),
        (Figure(1, "firm", Qualifier.AT_LEAST), "at least 1 firm"),
        (Figure(1, "firm", Qualifier.MORE_THAN), "more than 1 firm"),
        (Figure(2, "firm", Qualifier.NEARLY), "nearly 2 firms"),
        (Figure(100, "firm", Qualifier.OVER), "over 100 firms"),
        (Figure(1000, "firm", Qualifier.ALMOST), "almost 1,000 firms"),
        (Figure(30, "firm", per=Per.DAY), "30 firms a day"),
        (Figure(5_000_000, "USD", Qualifier.AROUND, per=Per.YEAR), "around $5 million a year"),
        (Figure(-2.4, "percent", change=True), "down 2.4%"),
        (Figure(12, "percent", Qualifier.MORE_THAN, change=True), "up more than 12%"),
        (Figure(1, "firm", change=True), "up 1 firm"),
        (Figure(0, "percent", change=True), "unchanged"),
        (Figure(150, "firm", Qualifier.AROUND), "around 150 firms"),
        (Figure(307_000_000, "USD"), "$307 million"),
        (Figure(1_500_000_000, "USD", Qualifier.UP_TO), "up to $1.5 billion"),
        (Figure(2_000_000_000_000, "CNY"), "CNY 2 trillion"),
        (Figure(12_345, "KZT"), "KZT 12,345"),
        (Figure(23, "percent"), "23%"),
        (Figure(12.5, "percent", Qualifier.LESS_THAN), "less than 12.5%"),
        (Figure(2, "ordinal"), "2nd"),
        (Figure(11, "ordinal"), "11th"),
        (Figure(15, "ordinal"), "15th"),
        (Figure(23, "ordinal"), "23rd"),
        (Figure(5, "widget"), "5 widget"),
    ],
)
def test_figure_text(figure: Figure, text: str) -> None:
    assert display.figure(figure, KB) == text


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (DateRef("Nov 3", "2025-11-03", inferred=True, basis="b"), "3 Nov 2025, inferred"),
        (DateRef("November", "2025-11"), "Nov 2025"),
        (
            DateRef(
                "10 years ago", "2015", qualifier=DateQualifier.ABOUT, inferred=True, basis="b"
            ),
            "about 2015, inferred",
        ),
        (DateRef("2026-30", "2026", "2030"), "2026–2030"),
        (DateRef("before 2060", "2060", qualifier=DateQualifier.BEFORE), "before 2060"),
        (DateRef("in recent years"), "“in recent years”"),
        (DateRef("since", "2023-11-10", qualifier=DateQualifier.SINCE), "since 10 Nov 2023"),
        (DateRef("1-2 July", "2025-07-01", "2025-07-02"), "1–2 Jul 2025"),
        (DateRef("30 June-2 July", "2025-06-30", "2025-07-02"), "30 Jun–2 Jul 2025"),
        (DateRef("Jan-Jun", "2024-01", "2024-06"), "Jan–Jun 2024"),
        (DateRef("Dec-Jan", "2024-12", "2025-01"), "Dec 2024–Jan 2025"),
        (DateRef("first half", "2024-01", "2024-06", period=Period.HALF), "H1 2024"),
        (DateRef("Q3", "2024-07", "2024-09", period=Period.QUARTER), "Q3 2024"),
        (DateRef("Q1-Q2", "2024-01", "2024-06", period=Period.QUARTER), "Q1–Q2 2024"),
        (DateRef("summer", "2025-06", "2025-08", period=Period.SEASON), "summer 2025"),
        (DateRef("winter", "2024-12", "2025-02", period=Period.SEASON), "winter 2024–25"),
    ],
)
def test_date_text(date: DateRef, text: str) -> None:
    assert display.date(date) == text


def test_precision_follows_the_iso_string() -> None:
    assert display.precision(DateRef("x", "2025-11-03")) == "day"
    assert display.precision(DateRef("x", "2025-11")) == "month"
    assert display.precision(DateRef("x", "2025")) == "year"
    assert display.precision(DateRef("x")) is None


@pytest.mark.parametrize(
    ("paragraphs", "text"),
    [((4,), "¶4"), ((1, 2), "¶1–2"), ((7, 13), "¶7, ¶13"), ((3, 1, 2, 9), "¶1–3, ¶9")],
)
def test_paragraph_runs(paragraphs: tuple[int, ...], text: str) -> None:
    assert display.paragraphs(Citation("s", paragraphs)) == text


def test_counted_for_people_to_read() -> None:
    from sinokaz_cli.messages import counted

    assert counted(1, "fact") == "1 fact"
    assert counted(0, "fact") == "0 facts"
    assert counted(2500, "source") == "2,500 sources"
    assert counted(1, "entity", "entities") == "1 entity"
    assert counted(3, "entity", "entities") == "3 entities"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (307_000_000, "307 million"),
        (43_800_000_000, "43.8 billion"),
        (12_250_000_000.0, "12.25 billion"),
        (1_234_567, "1,234,567"),
        (1_005_000, "1,005,000"),
        (999_999_999, "999,999,999"),
        (1_234_567.5, "1,234,567.5"),
        (0.1234567, "0.1234567"),
        (-2_000_000, "-2 million"),
        (10**22, "10,000,000,000,000,000,000,000"),
    ],
)
def test_a_number_is_abbreviated_only_when_exact(value: int | float, text: str) -> None:
    assert display.number(value) == text


def test_exact_figures_read_exactly_in_every_unit() -> None:
    assert display.figure(Figure(1_234_567, "firm"), KB) == "1,234,567 firms"
    assert display.figure(Figure(999_999_999, "USD"), KB) == "$999,999,999"
    assert display.figure(Figure(1_005_000, "KZT"), KB) == "KZT 1,005,000"


def _parsed_back(text: str) -> Decimal:
    """The number a person reads in `text`: digits, separators and a scale word."""
    words = {"million": 6, "billion": 9, "trillion": 12}
    head, _, word = text.partition(" ")
    exact = Decimal(head.replace(",", ""))
    return exact.scaleb(words[word]) if word else exact


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(1, 999_99).map(lambda n: n * 10_000),  # scale-word values, exact or not
    )
)
def test_the_number_in_the_text_parses_back_to_the_value(value: int | float) -> None:
    exact = Decimal(value) if type(value) is int else Decimal(repr(value))
    assert _parsed_back(display.number(value)) == exact
