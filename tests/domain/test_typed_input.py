"""Typed input (a form field, a command-line option, a --set change) is read as the number a
person wrote: Arabic-Indic and Eastern Arabic digits, thousands typed with , or ٬."""

from __future__ import annotations

import pytest

from tracker.domain.typed import typed_count, typed_row


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("٤٥", "45"),
        ("۴۵", "45"),
        ("١٬٢٠٠", "1200"),
        ("1,200", "1200"),
        ("12,000,000", "12000000"),
        (" 150 ", "150"),
    ],
)
def test_a_typed_count_reads_as_its_digits(typed: str, read: str) -> None:
    assert typed_count(typed) == read


@pytest.mark.parametrize("typed", ["1,20", "1,2000", "abc", "-3", "1.5"])
def test_what_is_no_well_formed_count_reaches_the_schema_as_typed(typed: str) -> None:
    assert typed_count(typed) == typed


def test_a_typed_row_reads_counts_and_dates_and_leaves_words_alone() -> None:
    row = {"value": "٤٥", "value_high": "١٬٢٠٠", "reported_on": "٢٠١٨-٠٧-٠٢", "quote": "قتل ٤٥"}
    assert typed_row(row) == {
        "value": "45",
        "value_high": "1200",
        "reported_on": "2018-07-02",
        "quote": "قتل ٤٥",
    }
