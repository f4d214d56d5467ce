"""Each rule on a small hand-made case, with its whole sentences in both languages."""

from __future__ import annotations

import pandas as pd
import pytest
from reconcile_helpers import fig, frame, make_ctx

from tracker.domain.reconcile import FLAG_COLUMNS, compute, flag_id

CTX = make_ctx()


def flags_of(rows: list[dict], ctx=CTX) -> pd.DataFrame:
    return compute(frame(rows), ctx).flags


def only(flags: pd.DataFrame, rule: str) -> pd.Series:
    chosen = flags[flags["rule"] == rule]
    assert len(chosen) == 1, flags[["rule", "figure_ids"]]
    return chosen.iloc[0]


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


def test_regression_sentence():
    row = only(
        flags_of(
            [
                fig("F1", "a", 120, start="2018-06-01", end="2018-06-20", qualifier="at_least"),
                fig("F2", "a", 90, start="2018-06-01", end="2018-06-25", qualifier="approx"),
            ]
        ),
        "regression",
    )
    assert row["severity"] == "moderate"
    assert row["sentence_en"] == (
        "A: at least 120 civilians killed in Damascus, 1–20 June 2018. A: about 90, "
        "1–25 June 2018. Both count from the same start, so A's later figure cannot be smaller; "
        "yet its highest (99) is below the earlier lowest (120): a correction, a typo or a "
        "changed definition?"
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من المدنيين في دمشق 120 على الأقل، 1–20 حزيران/يونيو 2018. أ: نحو 90، "
        "1–25 حزيران/يونيو 2018. يبدأ العدّ في الرقمين من التاريخ نفسه، فلا يمكن أن يكون رقم أ "
        "اللاحق أصغر؛ ومع ذلك فإن حده الأعلى (99) أدنى من الحد الأدنى للرقم السابق (120): "
        "أهو تصحيح أم خطأ مطبعي أم تعريف مختلف؟"
    )


def test_upward_correction_of_the_same_window_is_not_a_regression():
    flags = flags_of(
        [
            fig("F1", "a", 90, start="2018-06-01", end="2018-06-20", reported="2018-06-20"),
            fig("F2", "a", 120, start="2018-06-01", end="2018-06-20", reported="2018-06-22"),
        ]
    )
    assert flags.empty


def test_hierarchy_sentence():
    row = only(
        flags_of(
            [
                fig("F1", "a", 50, location="C1", start="2018-06-01"),
                fig("F2", "b", 40, location="SY01", start="2018-06-01"),
            ]
        ),
        "hierarchy",
    )
    assert row["location"] == "C1"
    assert row["sentence_en"] == (
        "A: 50 civilians killed in Alpha, 1–30 June 2018. B: 40 in Damascus, 1–30 June 2018. "
        "Alpha is part of Damascus, so its count cannot be larger; yet A's lowest count is "
        "1.3 times B's highest (40)."
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من المدنيين في ألفا 50، 1–30 حزيران/يونيو 2018. ب: 40 في دمشق، "
        "1–30 حزيران/يونيو 2018. ألفا جزء من دمشق، ولا يمكن أن يتجاوز عددُ الجزء عددَ الكل؛ "
        "ومع ذلك فإن الحد الأدنى لرقم أ يعادل 1.3 ضعف الحد الأعلى لرقم ب (40)."
    )


def test_hierarchy_sum_of_disjoint_children():
    row = only(
        flags_of(
            [
                fig("F1", "a", 30, location="C1", start="2018-06-01"),
                fig("F2", "b", 25, location="C2", start="2018-06-01"),
                fig("F3", "c", 40, location="SY01", start="2018-06-01"),
            ]
        ),
        "hierarchy",
    )
    assert row["figure_ids"] == "F1;F2;F3"
    assert row["sentence_en"] == (
        "A: 30 civilians killed in Alpha, 1–30 June 2018. B: 25 in Beta, 1–30 June 2018. "
        "C: 40 in Damascus, 1–30 June 2018. These places are separate parts of Damascus, so "
        "their counts add up; yet together they count at least 55, 1.4 times C's highest for "
        "Damascus (40)."
    )


def test_one_child_is_not_summed_with_itself():
    flags = flags_of(
        [
            fig("F1", "a", 30, location="C1", start="2018-06-01"),
            fig("F2", "b", 30, location="C1", start="2018-06-01"),
            fig("F3", "c", 40, location="SY01", start="2018-06-01"),
        ]
    )
    assert flags.empty


def test_subgroup_sentence():
    row = only(
        flags_of(
            [
                fig("F1", "a", 50, population="children", start="2018-06-01"),
                fig("F2", "b", 30, population="civilians", start="2018-06-01", qualifier="approx"),
            ]
        ),
        "subgroup",
    )
    assert row["population"] == "children"
    assert row["sentence_en"] == (
        "A: 50 children killed in Damascus, 1–30 June 2018. B: about 30 civilians killed, "
        "1–30 June 2018. Children are a subgroup of civilians, so their count cannot be larger; "
        "yet A's lowest count is 1.5 times B's highest (33)."
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من الأطفال في دمشق 50، 1–30 حزيران/يونيو 2018. ب: عدد القتلى من "
        "المدنيين نحو 30، 1–30 حزيران/يونيو 2018. الأطفال فئة فرعية من المدنيين، ولا يمكن أن "
        "يتجاوز عددُ الجزء عددَ الكل؛ ومع ذلك فإن الحد الأدنى لرقم أ يعادل 1.5 ضعف الحد "
        "الأعلى لرقم ب (33)."
    )


def test_children_against_all_people_through_civilians():
    row = only(
        flags_of(
            [
                fig("F1", "a", 50, population="children", start="2018-06-01"),
                fig("F2", "b", 30, population="all", start="2018-06-01"),
            ]
        ),
        "subgroup",
    )
    assert row["figure_ids"] == "F1;F2"


def test_staleness_sentence_and_clock():
    rows = [
        fig("F1", "a", 1000, metric="idps", population="all", end="2018-06-01", qualifier="approx"),
        fig("F2", "b", 1200, metric="idps", population="all", end="2018-06-20", qualifier="approx"),
    ]
    result = compute(frame(rows), CTX)
    row = only(result.flags, "staleness")
    assert row["severity"] == "info"
    assert row["flag_id"] == flag_id("staleness", ["F1"])
    assert row["sentence_en"] == (
        "A: about 1,000 people internally displaced in Damascus, as of 1 June 2018. B: about "
        "1,200, as of 20 June 2018. Other sources have reported this series up to 20 June 2018, "
        "19 days later; A has given no newer figure, so its figure is left out of the band."
    )
    assert result.excluded.to_dict("records") == [
        {"figure_id": "F1", "reason": "stale", "flag_id": row["flag_id"]}
    ]
    fresh = [
        r | {"period_end": pd.Timestamp("2018-06-10")} if r["figure_id"] == "F1" else r
        for r in rows
    ]
    assert compute(frame(fresh), CTX).flags.empty


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


def test_echo_groups_publications_and_flags_other_names():
    rows = [
        fig(
            "E1",
            "a",
            160000,
            metric="displaced",
            population="all",
            location="SY",
            qualifier="approx",
            publisher="ReliefWeb",
        ),
        fig(
            "E2",
            "a",
            160000,
            metric="displaced",
            population="all",
            location="SY",
            qualifier="approx",
            publisher="docslib",
        ),
        fig(
            "E3",
            "b",
            160000,
            metric="displaced",
            population="all",
            location="SY01",
            end="2018-07-01",
        ),
    ]
    result = compute(frame(rows), CTX)
    row = only(result.flags, "echo")
    assert (row["figure_ids"], row["sources"], row["severity"]) == ("E1;E2;E3", "a;a;b", "info")
    assert result.excluded["figure_id"].tolist() == ["E3"]
    assert (
        "The same number (160,000) appears under 2 sources' names within 1 day"
        in (row["sentence_en"])
    )
    same_source = compute(frame(rows[:2]), CTX)
    assert same_source.flags.empty
    assert same_source.bands["n_claims"].tolist() == [1]


def test_small_equal_values_are_not_echoes():
    rows = [
        fig("F1", "a", 14, end="2018-06-27", start="2018-06-27"),
        fig("F2", "b", 14, location="SY02", end="2018-06-28", start="2018-06-28"),
    ]
    assert flags_of(rows).empty


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


def test_equal_values_in_unrelated_places_are_not_echoes():
    rows = [
        fig("F1", "a", 5000, metric="displaced", population="all", location="C1"),
        fig("F2", "b", 5000, metric="displaced", population="all", location="SY02"),
    ]
    assert flags_of(rows).empty
    rows[1] = rows[1] | {"location": "SY01"}
    assert only(flags_of(rows), "echo")["figure_ids"] == "F1;F2"


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
