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
