"""Rule 5, divergence: small hand-made cases, with whole sentences in both languages."""

from __future__ import annotations

import pytest
from reconcile_helpers import fig, flags_of, make_ctx, only

CTX = make_ctx()


def test_divergence_of_stocks_a_few_days_apart():
    row = only(
        flags_of(
            [
                fig(
                    "F1",
                    "a",
                    60000,
                    metric="at_border",
                    population="all",
                    end="2018-07-05",
                    qualifier="approx",
                ),
                fig(
                    "F2",
                    "b",
                    150,
                    metric="at_border",
                    population="all",
                    end="2018-07-08",
                    qualifier="range",
                    value_high=200,
                ),
            ]
        ),
        "divergence",
    )
    assert (row["severity"], row["ratio"]) == ("major", 270.0)
    assert row["sentence_en"] == (
        "A: about 60,000 people displaced at the border in Damascus, as of 5 July 2018. B: "
        "150–200, as of 8 July 2018. The dates are only 3 days apart, yet A's lowest count is "
        "270 times B's highest (200)."
    )
    assert row["sentence_ar"] == (
        "أ: عدد النازحين عند الحدود في دمشق نحو 60,000، بتاريخ 5 تموز/يوليو 2018. ب: بين 150 "
        "و200، بتاريخ 8 تموز/يوليو 2018. لا يفصل بين التاريخين سوى 3 أيام، ومع ذلك فإن الحد "
        "الأدنى لرقم أ يعادل 270 ضعفاً للحد الأعلى لرقم ب (200)."
    )


def test_growth_of_a_cumulative_figure_is_not_divergence():
    flags = flags_of(
        [
            fig(
                "F1",
                "a",
                62000,
                metric="displaced",
                population="all",
                start="2018-06-17",
                end="2018-06-28",
                qualifier="range",
                value_high=66000,
            ),
            fig(
                "F2",
                "b",
                160000,
                metric="displaced",
                population="all",
                start="2018-06-17",
                end="2018-06-29",
                qualifier="approx",
            ),
        ]
    )
    assert flags.empty


def test_short_window_against_long_one_is_not_divergence():
    flags = flags_of(
        [
            fig("F1", "a", 10, start="2018-06-25", end="2018-06-30"),
            fig("F2", "b", 50, start="2018-06-19", end="2018-06-30"),
        ]
    )
    assert flags.empty


@pytest.mark.parametrize("gap,flagged", [(2, True), (3, True), (4, False)])
def test_divergence_stock_days_setting(gap, flagged):
    rows = [
        fig("F1", "a", 100, metric="idps", population="all", end="2018-07-01"),
        fig("F2", "b", 300, metric="idps", population="all", end=f"2018-07-0{1 + gap}"),
    ]
    assert (not flags_of(rows).empty) is flagged
    assert flags_of(rows, make_ctx(stock_days=gap - 1)).empty
