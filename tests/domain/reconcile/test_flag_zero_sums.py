"""Daily sums against a window when one side allows nothing above zero: the ratio is unbounded,
and the sentence says "above" instead of a number of times (it used to fail on infinity)."""

from __future__ import annotations

from reconcile_helpers import fig, frame, make_ctx

from tracker.domain.reconcile import compute

CTX = make_ctx()


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
