"""Rule 3, place hierarchy, pair by pair and as the sum of disjoint parts: small hand-made cases,
with whole sentences in both languages.
"""

from __future__ import annotations

from reconcile_helpers import fig, flags_of, make_ctx, only

CTX = make_ctx()


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
