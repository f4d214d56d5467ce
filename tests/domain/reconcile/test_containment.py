"""Rule 1, window containment, with daily counts summed over a window: small hand-made cases, with
whole sentences in both languages.
"""

from __future__ import annotations

import pytest
from reconcile_helpers import fig, flags_of, frame, make_ctx, only

from tracker.domain.reconcile import compute

CTX = make_ctx()


def test_containment_sentence():
    row = only(
        flags_of(
            [
                fig("F1", "a", 300, start="2018-06-10", end="2018-06-20"),
                fig("F2", "b", 200, start="2018-06-01", end="2018-06-25", qualifier="at_most"),
            ]
        ),
        "containment",
    )
    assert (row["severity"], row["figure_ids"], row["sources"]) == ("major", "F1;F2", "a;b")
    assert row["ratio"] == pytest.approx(1.5)
    assert row["sentence_en"] == (
        "A: 300 civilians killed in Damascus, 10–20 June 2018. B: up to 200, 1–25 June 2018. "
        "The first window lies inside the second, so its count cannot be larger; yet A's lowest "
        "count is 1.5 times B's highest (200)."
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من المدنيين في دمشق 300، 10–20 حزيران/يونيو 2018. ب: ما يصل إلى 200، "
        "1–25 حزيران/يونيو 2018. تقع الفترة الأولى ضمن الثانية، فلا يمكن أن يكون عددها أكبر؛ "
        "ومع ذلك فإن الحد الأدنى لرقم أ يعادل 1.5 ضعف الحد الأعلى لرقم ب (200)."
    )


def test_daily_counts_summed_against_a_total():
    days = [
        fig(f"D{d}", "a", 20, start=f"2018-06-{d:02d}", end=f"2018-06-{d:02d}")
        for d in range(10, 16)
    ]
    row = only(
        flags_of(
            [*days, fig("T", "b", 100, start="2018-06-10", end="2018-06-15", qualifier="at_most")]
        ),
        "containment",
    )
    assert row["figure_ids"] == "D10;D11;D12;D13;D14;D15;T"
    assert row["sentence_en"] == (
        "A's daily counts of civilians killed in Damascus on 6 days within 10–15 June 2018 add "
        "up to at least 120. B: up to 100, 10–15 June 2018. The days lie inside that window, so "
        "their sum cannot be larger; yet the sum is 1.2 times B's highest (100)."
    )


def test_daily_counts_covering_a_window_bound_its_total_from_above():
    days = [
        fig(f"D{d}", "a", 10, start=f"2018-06-{d:02d}", end=f"2018-06-{d:02d}")
        for d in range(10, 13)
    ]
    row = only(
        flags_of(
            [*days, fig("T", "b", 100, start="2018-06-10", end="2018-06-12", qualifier="at_least")]
        ),
        "containment",
    )
    assert "add up to at most 30" in row["sentence_en"]
    gap = [
        fig(f"D{d}", "a", 10, start=f"2018-06-{d:02d}", end=f"2018-06-{d:02d}") for d in (10, 12)
    ]
    assert flags_of(
        [*gap, fig("T", "b", 100, start="2018-06-10", end="2018-06-12", qualifier="at_least")]
    ).empty


def test_assumed_start_is_said_and_lowers_severity():
    row = only(
        flags_of(
            [
                fig("F1", "a", 300, episode="ep", end="2018-06-20"),
                fig("F2", "b", 200, start="2018-05-25", end="2018-06-25"),
            ]
        ),
        "containment",
    )
    assert row["severity"] == "moderate"
    assert "1–20 June 2018 (start assumed: Test offensive)" in row["sentence_en"]
    assert "(تاريخ البدء مفترض: الهجوم التجريبي)" in row["sentence_ar"]


# -- daily sums against a window when one side allows nothing above zero: the ratio is unbounded,
# and the sentence says "above" instead of a number of times (it used to fail on infinity).


def _days(value: int) -> list[dict]:
    return [
        fig(f"D{d}", "a", value, start=f"2018-06-{d:02d}", end=f"2018-06-{d:02d}")
        for d in range(10, 13)
    ]


def _daily_sum_flag(rows: list[dict]):
    flags = compute(frame(rows), CTX).flags
    flags = flags[flags["figure_ids"] == "D10;D11;D12;T"]
    assert len(flags) == 1
    return flags.iloc[0]


def test_days_of_zero_against_a_positive_total():
    total = fig("T", "b", 5, start="2018-06-10", end="2018-06-12", qualifier="at_least")
    row = _daily_sum_flag([*_days(0), total])
    assert row["sentence_en"].endswith("yet B's lowest count (5) is above the sum's highest (0).")
    assert "أعلى من الحد الأعلى للمجموع (0)" in row["sentence_ar"]


def test_days_above_a_total_of_zero():
    total = fig("T", "b", 0, start="2018-06-10", end="2018-06-12")
    row = _daily_sum_flag([*_days(10), total])
    assert row["sentence_en"].endswith("yet the sum (30) is above B's highest (0).")
    assert "المجموع (30) أعلى من الحد الأعلى" in row["sentence_ar"]
