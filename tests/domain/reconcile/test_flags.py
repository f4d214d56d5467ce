"""The flags table and what every sentence shares: contract columns, households converted and
shown, empty input, Arabic ratio words.
"""

from __future__ import annotations

import pytest
from reconcile_helpers import fig, flags_of, frame, make_ctx, only

from tracker.domain.reconcile import FLAG_COLUMNS, compute, flag_id

CTX = make_ctx()


def test_flags_table_has_the_contract_columns():
    flags = flags_of(
        [
            fig("F1", "a", 300, start="2018-06-10", end="2018-06-20"),
            fig("F2", "b", 200, start="2018-06-01", end="2018-06-25"),
        ]
    )
    assert list(flags.columns) == FLAG_COLUMNS
    row = flags.iloc[0]
    assert row["status"] == "open" and row["note"] == ""
    assert row["component"] == "killed|SY"
    assert row["flag_id"] == flag_id("containment", ["F1", "F2"])
    assert row["flag_id"].startswith("FL-containment-")


def test_households_are_converted_and_shown():
    row = only(
        flags_of(
            [
                fig(
                    "F1",
                    "a",
                    100,
                    metric="displaced",
                    population="all",
                    unit="households",
                    start="2018-06-01",
                    qualifier="approx",
                ),
                fig(
                    "F2",
                    "b",
                    200,
                    metric="displaced",
                    population="all",
                    start="2018-06-01",
                    qualifier="nearly",
                ),
            ]
        ),
        "divergence",
    )
    assert row["sentence_en"].startswith(
        "A: about 100 households (450–550 people) newly displaced in Damascus, 1–30 June 2018."
    )
    assert "نحو 100 أسرة (عدد الأفراد: 450–550)" in row["sentence_ar"]


def test_no_figures_give_empty_tables_with_their_columns():
    result = compute(frame([fig("F1", "a", 1)]).iloc[:0], CTX)
    assert list(result.flags.columns) == FLAG_COLUMNS
    assert result.flags.empty and result.bands.empty and result.excluded.empty


@pytest.mark.parametrize(
    "ratio,words",
    [(1.54, "1.5 ضعف الحد"), (2.0, "ضعفي الحد"), (3.04, "3 أضعاف الحد"), (270.0, "270 ضعفاً للحد")],
)
def test_arabic_ratio_words_agree_with_the_number(ratio, words):
    from tracker.domain.reconcile.text import times_ar

    assert times_ar(ratio, "الحد") == words
