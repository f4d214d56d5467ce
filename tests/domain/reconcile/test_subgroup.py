"""Rule 4, population subgroup: small hand-made cases, with whole sentences in both languages."""

from __future__ import annotations

from reconcile_helpers import fig, flags_of, make_ctx, only

CTX = make_ctx()


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
