"""Rule 2, same-source regression: small hand-made cases, with whole sentences in both languages."""

from __future__ import annotations

from reconcile_helpers import fig, flags_of, make_ctx, only

CTX = make_ctx()


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
        "1–25 June 2018. Both count from the same start, so A's figure for the longer window "
        "cannot be smaller; yet its highest (99) is below the shorter window's lowest (120). "
        "It was reported later (25 June 2018, against 20 June 2018): a correction, a typo or a "
        "changed definition?"
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من المدنيين في دمشق 120 على الأقل، 1–20 حزيران/يونيو 2018. أ: نحو 90، "
        "1–25 حزيران/يونيو 2018. يبدأ العدّ في الرقمين من التاريخ نفسه، فلا يمكن أن يكون رقم أ "
        "عن الفترة الأطول أصغر؛ ومع ذلك فإن حده الأعلى (99) أدنى من الحد الأدنى للفترة الأقصر "
        "(120). وقد نُشر لاحقاً (25 حزيران/يونيو 2018، مقابل 20 حزيران/يونيو 2018): أهو تصحيح أم "
        "خطأ مطبعي أم تعريف مختلف؟"
    )


def test_a_longer_window_reported_earlier_is_not_called_the_later_figure():
    """SOHR's 126 over a window ending later, reported before the 300 it is compared with."""
    row = only(
        flags_of(
            [
                fig("F1", "a", 300, start="2018-06-19", end="2018-06-28", reported="2018-07-02"),
                fig("F2", "a", 126, start="2018-06-19", end="2018-06-30", reported="2018-06-30"),
            ]
        ),
        "regression",
    )
    assert row["sentence_en"].endswith(
        "Both count from the same start, so A's figure for the longer window cannot be smaller; "
        "yet its highest (126) is below the shorter window's lowest (300). It was reported "
        "earlier (30 June 2018, against 2 July 2018), so the larger figure is the newer one: an "
        "upward correction, or a changed definition?"
    )
    assert "later figure" not in row["sentence_en"]
    assert row["sentence_ar"].endswith(
        "وقد نُشر قبل الآخر (30 حزيران/يونيو 2018، مقابل 2 تموز/يوليو 2018)، فالرقم الأكبر هو "
        "الأحدث: أهو تصحيح بالزيادة أم تعريف مختلف؟"
    )


def test_the_same_window_reported_twice_speaks_of_reports():
    row = only(
        flags_of(
            [
                fig("F1", "a", 300, start="2018-06-19", end="2018-06-28", reported="2018-06-28"),
                fig("F2", "a", 126, start="2018-06-19", end="2018-06-28", reported="2018-07-01"),
            ]
        ),
        "regression",
    )
    assert (
        "Both count the same window, so A's later report cannot be smaller" in (row["sentence_en"])
    )
    assert "يغطي الرقمان الفترة نفسها، فلا يمكن أن يكون تقرير أ اللاحق أصغر" in row["sentence_ar"]


def test_the_same_window_reported_the_same_day_is_not_called_a_later_report():
    """Issue #16: "later" about a report only when it was reported later."""
    row = only(
        flags_of(
            [
                fig("F1", "a", 300, start="2018-06-19", end="2018-06-28", reported="2018-06-29"),
                fig("F2", "a", 126, start="2018-06-19", end="2018-06-28", reported="2018-06-29"),
            ]
        ),
        "regression",
    )
    assert row["sentence_en"] == (
        "A: 300 civilians killed in Damascus, 19–28 June 2018. A: 126, 19–28 June 2018. Both "
        "count the same window and were reported on 29 June 2018, so A's two figures should "
        "agree; yet one's highest (126) is below the other's lowest (300): a typo or a changed "
        "definition?"
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من المدنيين في دمشق 300، 19–28 حزيران/يونيو 2018. أ: 126، 19–28 "
        "حزيران/يونيو 2018. يغطي الرقمان الفترة نفسها ونُشرا في 29 حزيران/يونيو 2018، فينبغي أن "
        "يتفق رقما أ؛ ومع ذلك فإن الحد الأعلى لأحدهما (126) أدنى من الحد الأدنى للآخر (300): "
        "أهو خطأ مطبعي أم تعريف مختلف؟"
    )


def test_upward_correction_of_the_same_window_is_not_a_regression():
    flags = flags_of(
        [
            fig("F1", "a", 90, start="2018-06-01", end="2018-06-20", reported="2018-06-20"),
            fig("F2", "a", 120, start="2018-06-01", end="2018-06-20", reported="2018-06-22"),
        ]
    )
    assert flags.empty
