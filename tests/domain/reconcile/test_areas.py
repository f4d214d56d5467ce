"""Named areas in the engine (DESIGN §6, issue #16): an area lies inside a place when all its
members do, contains its members and what lies below them, and is never the same place as the
governorate that holds it.

The small gazetteer of :mod:`reconcile_helpers` gains a second district of Damascus, so that
"Ghouta" spans two sub-districts of two districts of one governorate (as Eastern Ghouta spans
Duma and Rural Damascus districts of Rural Damascus), and "South" is two governorates (as
south-west Syria is Dar'a and Quneitra).
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reconcile_helpers import (
    EPISODES,
    GAZETTEER,
    POPULATIONS,
    SOURCES,
    WORDS_AND_RANKS,
    fig,
    frame,
    only,
)

from tracker.domain.intervals import interval_bounds
from tracker.domain.reconcile import compute
from tracker.domain.reconcile.context import ReconcileContext

MORE_PLACES = pd.DataFrame(
    [
        ("SY0101", 2, "Duma district", "منطقة دوما", "SY01"),
        ("SY010100", 3, "Duma centre", "مركز دوما", "SY0101"),
        ("C3", 4, "Gamma", "غاما", "SY010100"),
    ],
    columns=["pcode", "level", "name_en", "name_ar", "parent"],
)
AREAS = pd.DataFrame(
    [
        ("ghouta", "Ghouta", "الغوطة", "SY010000 SY010100"),
        ("south", "the South", "الجنوب", "SY01 SY02"),
    ],
    columns=["id", "name_en", "name_ar", "members"],
)
CTX = ReconcileContext.from_frames(
    gazetteer=pd.concat([GAZETTEER, MORE_PLACES], ignore_index=True),
    populations=POPULATIONS,
    episodes=EPISODES,
    sources=SOURCES,
    areas=AREAS,
    **WORDS_AND_RANKS,
)
HARD_AND_SOFT = {"containment", "regression", "hierarchy", "subgroup", "divergence"}


def flags(*rows: dict) -> pd.DataFrame:
    return compute(frame(list(rows)), CTX).flags


def test_an_area_sits_in_the_chains_of_its_members_and_above_them():
    chains = CTX.ancestors
    assert chains["ghouta"] == ("SY01", "south", "SY")  # all its members lie in Damascus
    assert chains["south"] == ("SY",)
    assert chains["C1"] == ("SY010000", "ghouta", "SY0100", "SY01", "south", "SY")
    assert chains["SY0100"] == ("SY01", "south", "SY")  # a district is not in the Ghouta
    assert CTX.root("ghouta") == "SY" and CTX.root("C3") == "SY"


def test_an_area_figure_is_bounded_by_its_governorate_over_a_containing_window():
    row = only(
        flags(
            fig("F1", "a", 500, qualifier="at_least", location="ghouta", start="2018-06-05",
                end="2018-06-20"),
            fig("F2", "b", 400, location="SY01", start="2018-06-01"),
        ),
        "hierarchy",
    )  # fmt: skip
    assert row["figure_ids"] == "F1;F2" and row["severity"] == "major"
    assert row["sentence_en"] == (
        "A: at least 500 civilians killed in Ghouta, 5–20 June 2018. B: 400 in Damascus, "
        "1–30 June 2018. Ghouta is part of Damascus, so its count cannot be larger; yet A's "
        "lowest count is 1.3 times B's highest (400)."
    )
    assert row["sentence_ar"] == (
        "أ: عدد القتلى من المدنيين في الغوطة 500 على الأقل، 5–20 حزيران/يونيو 2018. ب: 400 في "
        "دمشق، 1–30 حزيران/يونيو 2018. الغوطة جزء من دمشق، ولا يمكن أن يتجاوز عددُ الجزء عددَ "
        "الكل؛ ومع ذلك فإن الحد الأدنى لرقم أ يعادل 1.3 ضعف الحد الأعلى لرقم ب (400)."
    )


def test_a_governorate_figure_is_bounded_by_an_area_holding_it():
    row = only(
        flags(
            fig("F1", "a", 600, qualifier="more_than", location="SY01", start="2018-06-10"),
            fig("F2", "b", 500, qualifier="approx", location="south", start="2018-06-01"),
        ),
        "hierarchy",
    )  # fmt: skip
    assert row["figure_ids"] == "F1;F2"
    assert "Damascus is part of the South" in row["sentence_en"]


def test_a_community_of_a_member_is_bounded_by_the_area():
    row = only(
        flags(
            fig("F1", "a", 200, qualifier="at_least", location="C3", start="2018-06-01"),
            fig("F2", "b", 100, location="ghouta", start="2018-06-01"),
        ),
        "hierarchy",
    )  # fmt: skip
    assert row["figure_ids"] == "F1;F2"


def test_an_area_is_never_the_same_place_as_the_governorate_that_holds_it():
    """The South's 1,000 and Damascus's 300 over one window are a whole and a part: nothing
    to flag, and above all no same-place disagreement."""
    assert flags(
        fig("F1", "a", 1000, location="south", start="2018-06-01"),
        fig("F2", "b", 300, location="SY01", start="2018-06-01"),
        fig("F3", "c", 250, location="ghouta", start="2018-06-01"),
    ).empty


def test_a_place_outside_the_area_bounds_nothing_in_it():
    assert flags(
        fig("F1", "a", 900, location="SY0100", start="2018-06-01"),
        fig("F2", "b", 100, location="ghouta", start="2018-06-01"),
        fig("F3", "c", 800, location="SY02", start="2018-06-01"),
        fig("F4", "d", 700, location="ghouta", start="2018-06-01", population="all"),
    ).empty


# -- property: honest claims about areas never contradict -------------------------------------

DAY0 = pd.Timestamp("2018-06-01")
DAYS = 30
CHILDREN = {
    "SY": ["SY01", "SY02"],
    "SY01": ["SY0100", "SY0101"],
    "SY0100": ["SY010000"],
    "SY0101": ["SY010100"],
    "SY010000": ["C1", "C2"],
    "SY010100": ["C3"],
}
PLACES = [*CHILDREN, "SY02", "C1", "C2", "C3"]
MEMBERS = {"ghouta": ["SY010000", "SY010100"], "south": ["SY01", "SY02"]}


def _truth(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Cumulative deaths per place (its children's plus its own unlocated ones) and per area
    (its members', which are disjoint)."""
    truth: dict[str, np.ndarray] = {}

    def fill(place: str) -> np.ndarray:
        total = rng.integers(0, 6, DAYS) + sum(
            (np.diff(fill(c), prepend=0) for c in CHILDREN.get(place, [])), np.zeros(DAYS, int)
        )
        truth[place] = np.cumsum(total)
        return truth[place]

    fill("SY")
    for area, members in MEMBERS.items():
        truth[area] = sum((truth[m] for m in members), np.zeros(DAYS, int))
    return truth


def _honest(rng: random.Random, t: int) -> tuple[str, int]:
    q = rng.choice(["exact", "approx", "at_least", "at_most"])
    value = {"exact": t, "approx": t, "at_least": max(t - rng.randint(0, 5), 0)}.get(
        q, t + rng.randint(0, 5)
    )
    lo, hi = interval_bounds(pd.Series([q]), pd.Series([value]), pd.Series([None]), 0.10)
    return (q, value) if lo.iloc[0] <= t <= hi.iloc[0] else ("exact", t)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.integers(5, 60))
def test_honest_claims_about_areas_and_places_never_contradict(seed: int, n: int):
    truth = _truth(np.random.default_rng(seed))
    rng = random.Random(seed)
    rows = []
    for k in range(n):
        place = rng.choice([*PLACES, *MEMBERS, *MEMBERS])
        start = rng.choice((0, 10, 20))
        end = rng.randrange(start, DAYS)
        count = int(truth[place][end] - (truth[place][start - 1] if start else 0))
        q, value = _honest(rng, count)
        day = lambda d: str((DAY0 + pd.Timedelta(days=d)).date())  # noqa: E731
        rows.append(
            fig(f"H{k}", rng.choice("abcd"), value, qualifier=q, location=place,
                population="all", start=day(start), end=day(end))
        )  # fmt: skip
    found = compute(frame(rows), CTX).flags
    assert not set(found["rule"]) & HARD_AND_SOFT, found[["rule", "sentence_en"]]
