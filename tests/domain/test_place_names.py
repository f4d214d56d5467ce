"""Places are named with their level where names repeat (one naming rule, in the domain)."""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.domain.place_names import named, repeated_names
from tracker.domain.reconcile import compute

sys.path.insert(0, str(Path(__file__).parent / "reconcile"))
from reconcile_helpers import data_ctx, fig, frame  # noqa: E402

NAMES = {"SY12": "Dar'a", "SY1200": "Dar'a", "C5993": "Dar'a", "SY120100": "Nawa"}
LEVELS = {"SY12": 1, "SY1200": 2, "C5993": 4, "SY120100": 3}
WORDS = {1: "governorate", 2: "district", 3: "sub-district", 4: "community"}


def test_a_repeated_name_carries_its_level_and_a_unique_one_does_not():
    repeated = repeated_names(NAMES)
    assert repeated == {"Dar'a"}
    assert named("SY12", NAMES, repeated, LEVELS, WORDS) == "Dar'a (governorate)"
    assert named("C5993", NAMES, repeated, LEVELS, WORDS) == "Dar'a (community)"
    assert named("SY120100", NAMES, repeated, LEVELS, WORDS) == "Nawa"
    assert named("XX", NAMES, repeated, LEVELS, WORDS) == "XX"


def test_dara_city_is_no_longer_part_of_dara():
    rows = [
        fig("F1", "a", 50, location="C5993", start="2018-06-19"),
        fig("F2", "b", 40, location="SY12", start="2018-06-19"),
    ]
    for row in rows:
        row["source"] = {"a": "sohr", "b": "snhr"}[row["source"]]
    flags = compute(frame(rows), data_ctx()).flags
    row = flags[flags["rule"] == "hierarchy"].iloc[0]
    assert "Dar'a (community) is part of Dar'a (governorate), so its count" in row["sentence_en"]
    assert "درعا (تجمّع سكني) جزء من درعا (محافظة)،" in row["sentence_ar"]
