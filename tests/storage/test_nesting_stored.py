"""DESIGN §6 nesting on both databases: the mixed case and its mirror images are found and
stored with their sentences in both languages (the store adds each figure on its own, so the
incremental path finds them, and the stored flags equal a full run)."""

from __future__ import annotations

import pandas as pd

from tests.storage.test_flagscope import assert_stored_is_full, figure, import_rows
from tracker.service.store import Store

CASES = {
    # all three at once: children in Dar'a city, 2-10 June, against all people in the governorate
    "all_three": (
        figure("W1", "SY12", "06-01", "06-20", "exact", 100, source="un-ocha", population="all"),
        figure("P1", "C5993", "06-02", "06-10", "at_least", 150, population="children"),
        "hierarchy",
        "Children in Dar'a (community) are part of all people in Dar'a (governorate), and the "
        "first window lies inside the second, so their count cannot be larger",
        "الأطفال في درعا (تجمّع سكني) جزء من جميع الأشخاص في درعا (محافظة)، وتقع الفترة الأولى "
        "ضمن الثانية",
    ),
    # a child place over a wider window (same population)
    "place_window": (
        figure("W2", "SY12", "06-01", "06-20", "exact", 100, source="un-ocha"),
        figure("P2", "C5993", "06-02", "06-10", "at_least", 150),
        "hierarchy",
        "Dar'a (community) is part of Dar'a (governorate), so its count cannot be larger",
        "درعا (تجمّع سكني) جزء من درعا (محافظة)، ولا يمكن",
    ),
    # a subgroup in the parent place, same window
    "subgroup_place": (
        figure("W3", "SY12", "06-01", "06-10", "exact", 100, source="un-ocha", population="all"),
        figure("P3", "C5993", "06-01", "06-10", "at_least", 150),
        "hierarchy",
        "Civilians in Dar'a (community) are part of all people in Dar'a (governorate), so their "
        "count cannot be larger",
        "المدنيون في درعا (تجمّع سكني) جزء من جميع الأشخاص في درعا (محافظة)، ولا يمكن",
    ),
    # a subgroup over a narrower window, same place
    "subgroup_window": (
        figure("W4", "SY12", "06-01", "06-20", "exact", 100, source="un-ocha"),
        figure("P4", "SY12", "06-02", "06-10", "at_least", 150, population="children"),
        "subgroup",
        "Children are a subgroup of civilians, so their count cannot be larger",
        "الأطفال فئة فرعية من المدنيين",
    ),
}


#: Each case counts its own metric, so the cases never compete for one flag.
METRIC = {"all_three": "killed", "place_window": "injured", "subgroup_place": "missing",
          "subgroup_window": "detained"}  # fmt: skip


def test_each_mixed_case_is_found_and_stored_in_both_languages(store: Store) -> None:
    for name, (whole, part, rule, en, ar) in CASES.items():
        whole, part = whole | {"metric": METRIC[name]}, part | {"metric": METRIC[name]}
        import_rows(store, pd.DataFrame([whole], dtype="string"), f"{name}-whole")
        import_rows(store, pd.DataFrame([part], dtype="string"), f"{name}-part")
        assert_stored_is_full(store, name)
        flags = store.flags()
        mine = flags[flags["figure_ids"] == f"{part['figure_id']};{whole['figure_id']}"]
        mine = (
            mine
            if len(mine)
            else flags[flags["figure_ids"] == f"{whole['figure_id']};{part['figure_id']}"]
        )
        assert len(mine) == 1, (name, flags[["rule", "figure_ids"]])
        row = mine.iloc[0]
        assert row["rule"] == rule, name
        assert row["severity"] == "major", name
        assert en in row["sentence_en"], (name, row["sentence_en"])
        assert ar in row["sentence_ar"], (name, row["sentence_ar"])
