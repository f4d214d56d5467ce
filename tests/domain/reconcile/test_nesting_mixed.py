"""DESIGN §6 nesting in the product order: a claim bounded by a claim broader in place,
population and window at once. The mixed cases (child place × broader population, with or
without a wider window) are hierarchy flags (they cross places) and say both populations."""

from __future__ import annotations

from reconcile_helpers import fig, flags_of, only


def test_children_in_a_town_against_all_people_in_its_governorate_over_a_wider_window():
    row = only(
        flags_of(
            [
                fig("F1", "a", 700, qualifier="at_least", population="children", location="C1",
                    start="2018-06-01", end="2018-06-20"),
                fig("F2", "b", 450, population="all", location="SY01", start="2018-06-01"),
            ]
        ),
        "hierarchy",
    )  # fmt: skip
    assert row["figure_ids"] == "F1;F2"
    assert row["severity"] == "major"
    assert row["sentence_en"] == (
        "A: at least 700 children killed in Alpha, 1–20 June 2018. B: 450 people killed in "
        "Damascus, 1–30 June 2018. Children in Alpha are part of all people in Damascus, and "
        "the first window lies inside the second, so their count cannot be larger; yet A's "
        "lowest count is 1.6 times B's highest (450)."
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من الأطفال في ألفا 700 على الأقل، 1–20 حزيران/يونيو 2018. ب: عدد "
        "القتلى في دمشق 450، 1–30 حزيران/يونيو 2018. الأطفال في ألفا جزء من جميع الأشخاص في "
        "دمشق، وتقع الفترة الأولى ضمن الثانية، ولا يمكن أن يتجاوز عددُ الجزء عددَ الكل؛ ومع "
        "ذلك فإن الحد الأدنى لرقم أ يعادل 1.6 ضعف الحد الأعلى لرقم ب (450)."
    )


def test_subgroup_in_a_child_place_same_window():
    row = only(
        flags_of(
            [
                fig("F1", "a", 60, population="civilians", location="C1", start="2018-06-01"),
                fig("F2", "b", 40, population="all", location="SY0100", start="2018-06-01"),
            ]
        ),
        "hierarchy",
    )
    assert row["sentence_en"] == (
        "A: 60 civilians killed in Alpha, 1–30 June 2018. B: 40 people killed in Damascus "
        "district, 1–30 June 2018. Civilians in Alpha are part of all people in Damascus "
        "district, so their count cannot be larger; yet A's lowest count is 1.5 times B's "
        "highest (40)."
    )
    assert "المدنيون في ألفا جزء من جميع الأشخاص في منطقة دمشق، ولا يمكن" in row["sentence_ar"]


def test_subgroup_at_one_place_over_a_wider_window_is_a_subgroup_flag():
    flags = flags_of(
        [
            fig("F1", "a", 60, population="children", location="C1", start="2018-06-05",
                end="2018-06-20"),
            fig("F2", "b", 40, population="civilians", location="C1", start="2018-06-01"),
        ]
    )  # fmt: skip
    assert list(flags["rule"]) == ["subgroup"]


def test_child_place_over_a_wider_window_is_a_hierarchy_flag():
    flags = flags_of(
        [
            fig("F1", "a", 60, location="C1", start="2018-06-05", end="2018-06-20"),
            fig("F2", "b", 40, location="SY", start="2018-06-01"),
        ]
    )
    assert list(flags["rule"]) == ["hierarchy"]


def test_broader_in_every_dimension_but_not_containing_the_window_is_no_flag():
    flags = flags_of(
        [
            fig("F1", "a", 60, population="children", location="C1", start="2018-05-25",
                end="2018-06-20"),
            fig("F2", "b", 40, population="all", location="SY01", start="2018-06-01"),
        ]
    )  # fmt: skip
    assert flags.empty


def test_the_mirror_image_is_no_flag():
    """A broader claim larger than a narrower one is what nesting expects."""
    flags = flags_of(
        [
            fig("F1", "a", 40, population="children", location="C1", start="2018-06-05",
                end="2018-06-20"),
            fig("F2", "b", 450, population="all", location="SY01", start="2018-06-01"),
        ]
    )  # fmt: skip
    assert flags.empty


def test_women_are_not_inside_civilians():
    flags = flags_of(
        [
            fig("F1", "a", 60, population="women", location="C1", start="2018-06-01"),
            fig("F2", "b", 40, population="civilians", location="SY01", start="2018-06-01"),
        ]
    )
    assert flags.empty
