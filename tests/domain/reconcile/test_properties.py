"""Properties of the engine on random worlds (hypothesis).

A world has a true cumulative death toll per place and population (children ⊆ civilians ⊆ all;
communities inside their sub-district, district, governorate and country), rising day by day,
and a constant true stock of displaced people. Honest figures are drawn from it: since-totals
from a few start days, daily counts, stocks, every qualifier, with intervals that contain the
truth; some are republished by a second publisher.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reconcile_helpers import frame, make_ctx

from tracker.domain.intervals import interval_bounds
from tracker.domain.reconcile import compute

CTX = make_ctx()
DAY0 = pd.Timestamp("2018-06-01")
DAYS = 30
STARTS = (0, 10, 20)
HARD_AND_SOFT = {"containment", "regression", "hierarchy", "subgroup", "divergence"}
CHILDREN = {
    "SY": ["SY01", "SY02"],
    "SY01": ["SY0100"],
    "SY0100": ["SY010000"],
    "SY010000": ["C1", "C2"],
    "LB": ["LB01"],
}
PLACES = ["SY", "SY01", "SY02", "SY0100", "SY010000", "C1", "C2", "LB", "LB01"]
POPS = ("children", "civilians", "all")
HONEST_SOURCES = ("a", "b", "c", "d")
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class World:
    """True cumulative counts T[(metric, place, pop)][day] and true stocks."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.truth: dict[tuple[str, str, str], np.ndarray] = {}
        for metric in ("killed", "displaced"):
            for root in ("SY", "LB"):
                self._fill(metric, root)
        self.stock = {
            (p, pop): int(self.truth[("killed", p, pop)][-1]) * 7 + 100
            for p in PLACES
            for pop in POPS
        }

    def _fill(self, metric: str, place: str) -> None:
        """A place's daily counts: its children's plus its own unlocated ones."""
        for child in CHILDREN.get(place, []):
            self._fill(metric, child)
        daily = {}
        kids = self.rng.integers(0, 4, DAYS)
        adults = self.rng.integers(0, 6, DAYS)
        fighters = self.rng.integers(0, 5, DAYS)
        daily["children"] = kids
        daily["civilians"] = kids + adults
        daily["all"] = kids + adults + fighters
        for pop in POPS:
            total = daily[pop].copy()
            for child in CHILDREN.get(place, []):
                total = total + np.diff(self.truth[(metric, child, pop)], prepend=0)
            self.truth[(metric, place, pop)] = np.cumsum(total)

    def count(self, metric: str, place: str, pop: str, start: int, end: int) -> int:
        t = self.truth[(metric, place, pop)]
        return int(t[end] - (t[start - 1] if start > 0 else 0))


def honest_value(rng: random.Random, t: int) -> tuple[str, int, int | None]:
    """A qualifier and value whose interval contains t (checked with the DESIGN §1 rule)."""
    q = rng.choice(
        ["exact", "approx", "nearly", "at_least", "more_than", "at_most", "less_than", "range"]
    )
    r = rng.randint(0, 5)
    value, high = {
        "exact": (t, None),
        "approx": (round(t * rng.uniform(0.92, 1.08)), None),
        "nearly": (math.ceil(t * rng.uniform(1.0, 1.1)), None),
        "at_least": (max(t - r, 0), None),
        "more_than": (t - 1 - r, None),
        "at_most": (t + r, None),
        "less_than": (t + 1 + r, None),
        "range": (max(t - r, 0), t + rng.randint(0, 5)),
    }[q]
    if value < 0:
        return "exact", t, None
    lo, hi = interval_bounds(pd.Series([q]), pd.Series([value]), pd.Series([high]), 0.10)
    if not lo.iloc[0] <= t <= hi.iloc[0]:
        return "exact", t, None
    return q, value, high


def row(
    fid,
    source,
    metric,
    place,
    pop,
    start,
    end,
    q,
    value,
    high=None,
    publisher=None,
    episode=None,
    measure="flow",
    reported=None,
):
    return {
        "figure_id": fid,
        "reported_on": DAY0 + pd.Timedelta(days=reported or end),
        "source": source,
        "publisher": publisher,
        "metric": metric,
        "population": pop,
        "location": place,
        "measure": measure,
        "episode": episode,
        "qualifier": q,
        "value": value,
        "value_high": high,
        "unit": "persons",
        "url": None,
        "period_start": None if start is None else DAY0 + pd.Timedelta(days=start),
        "period_end": DAY0 + pd.Timedelta(days=end),
    }


def honest_figures(world: World, seed: int, n: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for k in range(n):
        metric = rng.choice(["killed", "displaced", "idps"])
        place, pop = rng.choice(PLACES), rng.choice(POPS)
        source = rng.choice(HONEST_SOURCES)
        if metric == "idps":
            end = rng.randrange(DAYS)
            q, v, h = honest_value(rng, world.stock[(place, pop)])
            rows.append(
                row(f"H{k}", source, metric, place, pop, None, end, q, v, h, measure="stock")
            )
            continue
        if rng.random() < 0.3:
            start = end = rng.randrange(DAYS)
        else:
            start = rng.choice(STARTS)
            end = rng.randrange(start, DAYS)
        q, v, h = honest_value(rng, world.count(metric, place, pop, start, end))
        assumed = start == 0 and rng.random() < 0.3
        rows.append(
            row(
                f"H{k}",
                source,
                metric,
                place,
                pop,
                None if assumed else start,
                end,
                q,
                v,
                h,
                episode="ep" if assumed else None,
            )
        )
        if rng.random() < 0.15:
            rows.append(rows[-1] | {"figure_id": f"H{k}b", "publisher": "copy"})
    return rows


def compute_rows(rows: list[dict]):
    return compute(frame(rows), CTX)


@SLOW
@given(st.integers(0, 10**6), st.integers(5, 80))
def test_honest_figures_raise_no_contradiction(seed, n):
    world = World(seed)
    result = compute_rows(honest_figures(world, seed, n))
    assert not set(result.flags["rule"]) & HARD_AND_SOFT, result.flags[["rule", "sentence_en"]]
    assert not result.bands["contested"].any()
    assert set(result.excluded["reason"]) <= {"echo", "stale"}


def plant(rule: str, world: World, k: int) -> tuple[list[dict], set[str]]:
    """Figures that break ``rule`` (sources p and q), and the ids a flag must mention."""
    t = world.count
    if rule == "containment":
        b = t("killed", "SY01", "civilians", 10, 20)
        return [
            row("PB", "q", "killed", "SY01", "civilians", 10, 20, "exact", b),
            row("PA", "p", "killed", "SY01", "civilians", 11, 19, "exact", b + 1 + k),
        ], {"PA", "PB"}
    if rule == "regression":
        late = t("killed", "C1", "all", 0, 20)
        return [
            row("PA", "p", "killed", "C1", "all", 0, 15, "at_least", late + 1 + k),
            row("PB", "p", "killed", "C1", "all", 0, 20, "exact", late),
        ], {"PA", "PB"}
    if rule == "hierarchy":
        whole = t("killed", "SY01", "all", 0, 20)
        return [
            row("PB", "q", "killed", "SY01", "all", 0, 20, "exact", whole),
            row("PA", "p", "killed", "C1", "all", 0, 20, "exact", whole + 1 + k),
        ], {"PA", "PB"}
    if rule == "hierarchy_sum":
        whole = t("killed", "SY010000", "civilians", 0, 20)
        part = math.floor(whole * 0.6) + 1
        return [
            row("PB", "q", "killed", "SY010000", "civilians", 0, 20, "exact", whole),
            row("PA", "p", "killed", "C1", "civilians", 0, 20, "at_least", part),
            row("PC", "p", "killed", "C2", "civilians", 0, 20, "at_least", part),
        ], {"PA", "PB", "PC"}
    if rule == "subgroup":
        civ = t("killed", "SY02", "civilians", 0, 20)
        return [
            row("PB", "q", "killed", "SY02", "civilians", 0, 20, "exact", civ),
            row("PA", "p", "killed", "SY02", "children", 0, 20, "exact", civ + 1 + k),
        ], {"PA", "PB"}
    if rule == "mixed":  # DESIGN §6: a subgroup in a child place over a narrower window
        whole = t("killed", "SY01", "all", 0, 20)
        return [
            row("PB", "q", "killed", "SY01", "all", 0, 20, "exact", whole),
            row("PA", "p", "killed", "C1", "children", 5, 15, "at_least", whole + 1 + k),
        ], {"PA", "PB"}
    if rule == "mixed_place_window":
        whole = t("killed", "SY", "civilians", 0, 20)
        return [
            row("PB", "q", "killed", "SY", "civilians", 0, 20, "exact", whole),
            row("PA", "p", "killed", "SY010000", "civilians", 10, 15, "exact", whole + 1 + k),
        ], {"PA", "PB"}
    if rule == "mixed_subgroup_window":
        whole = t("killed", "SY02", "all", 0, 20)
        return [
            row("PB", "q", "killed", "SY02", "all", 0, 20, "exact", whole),
            row("PA", "p", "killed", "SY02", "children", 10, 12, "more_than", whole + k),
        ], {"PA", "PB"}
    if rule == "divergence":
        x = t("killed", "SY02", "all", 5, 20)
        return [
            row("PB", "q", "killed", "SY02", "all", 5, 20, "exact", x),
            row("PA", "p", "killed", "SY02", "all", 3, 20, "exact", 10 * x + 10 + k),
        ], {"PA", "PB"}
    if rule == "staleness":
        s = world.stock[("SY02", "all")]
        return [
            row("PA", "p", "idps", "SY02", "all", None, 0, "exact", s, measure="stock"),
            row("PB", "q", "idps", "SY02", "all", None, 20, "exact", s, measure="stock"),
        ], {"PA"}
    if rule == "echo":
        v = 123457 + k
        return [
            row("PA", "p", "killed", "SY", "all", 0, 20, "at_least", v, reported=21),
            row("PB", "q", "killed", "C1", "all", None, 22, "more_than", v),
        ], {"PA", "PB"}
    raise ValueError(rule)


RULE_OF = {
    "hierarchy_sum": "hierarchy",
    "mixed": "hierarchy",
    "mixed_place_window": "hierarchy",
    "mixed_subgroup_window": "subgroup",
}


@SLOW
@given(
    st.sampled_from(
        [
            "containment",
            "regression",
            "hierarchy",
            "hierarchy_sum",
            "subgroup",
            "mixed",
            "mixed_place_window",
            "mixed_subgroup_window",
            "divergence",
            "staleness",
            "echo",
        ]
    ),
    st.integers(0, 10**6),
    st.integers(0, 60),
    st.integers(0, 50),
)
def test_a_planted_contradiction_is_always_found(rule, seed, n, k):
    world = World(seed)
    planted, ids = plant(rule, world, k)
    if rule == "hierarchy_sum":
        assume(planted[0]["value"] >= 3)
    result = compute_rows(honest_figures(world, seed, n) + planted)
    flags = result.flags[result.flags["rule"] == RULE_OF.get(rule, rule)]
    mentioned = {f for ids_ in flags["figure_ids"] for f in ids_.split(";")}
    assert mentioned & ids, (rule, result.flags[["rule", "figure_ids"]])
    if rule == "hierarchy_sum":
        assert any(set(x.split(";")) >= ids for x in flags["figure_ids"])


@SLOW
@given(st.integers(0, 10**6), st.integers(5, 60), st.randoms(use_true_random=False))
def test_flags_do_not_depend_on_input_order(seed, n, rnd):
    world = World(seed)
    rows = honest_figures(world, seed, n)
    rule = rnd.choice(["containment", "hierarchy", "divergence", "echo", "subgroup"])
    rows += plant(rule, world, 3)[0]
    first = compute_rows(rows)
    rnd.shuffle(rows)
    second = compute_rows(rows)
    pd.testing.assert_frame_equal(first.flags, second.flags)
    pd.testing.assert_frame_equal(first.excluded, second.excluded)
    pd.testing.assert_frame_equal(first.bands, second.bands)


@SLOW
@given(st.integers(0, 10**6), st.integers(5, 80), st.randoms(use_true_random=False))
def test_a_subset_of_components_gives_the_full_run_restricted_to_them(seed, n, rnd):
    world = World(seed)
    rows = honest_figures(world, seed, n)
    for rule in ("containment", "divergence", "echo", "staleness"):
        rows += [r | {"figure_id": f"{r['figure_id']}{rule}"} for r in plant(rule, world, 2)[0]]
    figures = frame(rows)
    full = compute(figures, CTX)
    from tracker.domain.reconcile import component_key

    components = component_key(figures, CTX)
    chosen = {c for c in components.unique() if rnd.random() < 0.5}
    part = compute(figures[components.isin(chosen).to_numpy()], CTX)
    expected = full.flags[full.flags["component"].isin(chosen)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part.flags, expected)


def test_honest_world_example_has_flags_only_of_info_rules():
    world = World(7)
    result = compute_rows(honest_figures(world, 7, 300))
    assert set(result.flags["rule"]) <= {"echo", "staleness"}
    assert len(result.bands) > 50
