"""Planted contradictions: one kind per consistency rule of DESIGN §2, each in its own story.

Each plant adds (or, for staleness, removes) claims so that one rule must fire on a known
claim, and records ``rule, planted claim, related claims``. One plant per story keeps plants
from hiding one another (the engine flags each wrong claim against its most extreme
counterpart). Planted and related claims are single publications and are locked: the echo
breaker never rewords them.

- containment: another source claims, for a window strictly inside a running total's window,
  more than twice that total's high.
- regression: a source's own running total, one day later, falls below half its earlier low.
- hierarchy: another source claims, for a child place with the parent's window, more than
  twice the parent's high.
- subgroup: another source claims, for a subgroup (civilians of all, children of civilians),
  more than twice the group's high.
- hierarchy, mixed (DESIGN §6, kind ``hierarchy_subgroup``): another source claims, for a
  subgroup in a child place over a window strictly inside the parent's, more than twice the
  parent's high for the broader group. Flagged as hierarchy (the mixed case crosses places).
- subgroup over a wider window (kind ``subgroup_window``): another source claims, for a subgroup
  over a window strictly inside the group's, more than twice the group's high.
- divergence: another source claims a stock on the same date at under a third of its low.
- echo: another source's name carries a running total's exact value a day later.
- staleness: one source of a stock series stops three weekly reports before the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tracker.synth.stories import STOCK_STEP, Story

RULES: tuple[str, ...] = (
    "containment",
    "regression",
    "hierarchy",
    "subgroup",
    "divergence",
    "echo",
    "staleness",
)
#: The kinds planted in turn: one per rule, then the mixed cases of DESIGN §6 nesting (each
#: recorded under the rule whose flag finds it).
KINDS: tuple[str, ...] = (*RULES, "hierarchy_subgroup", "subgroup_window")
SUBGROUP = {"all": "civilians", "civilians": "children"}
STALE_STEPS = 3


@dataclass
class World:
    """What plants need besides the claims: the sources, the gazetteer, the units."""

    sources: list[str]
    children: dict[str, list[str]]
    units: dict[str, str]
    rng: np.random.Generator
    next_claim: int


@dataclass
class Plant:
    """One planted contradiction and the changes it makes to the claims."""

    rule: str
    planted: int  # claim_no
    related: list[int]
    added: list[dict] = field(default_factory=list)
    dropped: list[object] = field(default_factory=list)  # index labels
    locked: list[object] = field(default_factory=list)  # index labels


def _pick(frame: pd.DataFrame, rng: np.random.Generator) -> pd.Series | None:
    return None if frame.empty else frame.iloc[int(rng.integers(len(frame)))]


def _other_source(world: World, *not_these: str) -> str:
    return str(world.rng.choice([s for s in world.sources if s not in not_these]))


def _new(world: World, base: pd.Series, value: int, **changes: object) -> dict:
    """A planted claim: a copy of ``base`` with an exact value and the given changes."""
    row = base.to_dict()
    row.update(qualifier="exact", value=int(value), value_high=np.nan, truth=-1, n_pub=1)
    row.update(locked=True, claim_no=world.next_claim, **changes)
    world.next_claim += 1
    return row


def _single(sc: pd.DataFrame, kind: str) -> pd.DataFrame:
    return sc[(sc["kind"] == kind) & (sc["n_pub"] == 1)]


def containment(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    cands = _single(sc, "cum")
    b = _pick(
        cands[np.isfinite(cands["high"]) & (cands["end_day"] - cands["start_day"] >= 9)], world.rng
    )
    if b is None:
        return None
    start, end = int(b["start_day"]) + 2, int(b["end_day"]) - 3
    row = _new(
        world,
        b,
        2 * b["high"] + 10,
        source=_other_source(world, b["source"]),
        start_day=start,
        end_day=end,
        reported_day=end + 1,
    )
    return Plant("containment", row["claim_no"], [b["claim_no"]], [row], locked=[b.name])


def regression(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    cum = sc[sc["kind"] == "cum"]
    taken = set(zip(cum["source"], cum["location"], cum["population"], cum["end_day"], strict=True))
    cands = _single(cum, "cum")
    cands = cands[cands["low"] >= 20]
    free = [
        (s, loc, pop, d + 1) not in taken
        for s, loc, pop, d in zip(
            cands["source"], cands["location"], cands["population"], cands["end_day"], strict=True
        )
    ]
    e = _pick(cands[np.array(free, dtype=bool)], world.rng)
    if e is None:
        return None
    end = int(e["end_day"]) + 1
    row = _new(world, e, int(e["low"]) // 2 - 1, end_day=end, reported_day=end + 1)
    return Plant("regression", row["claim_no"], [e["claim_no"]], [row], locked=[e.name])


def hierarchy(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    below = world.children.get(story.places[0], [])
    if not below:
        return None
    cands = _single(sc, "cum")
    p = _pick(cands[(cands["place_rank"] == 0) & np.isfinite(cands["high"])], world.rng)
    if p is None:
        return None
    unlisted = [c for c in below if c not in story.places] or below
    child = str(world.rng.choice(unlisted))
    row = _new(
        world,
        p,
        2 * p["high"] + 10,
        source=_other_source(world, p["source"]),
        location=child,
        place_rank=-1,
    )
    return Plant("hierarchy", row["claim_no"], [p["claim_no"]], [row], locked=[p.name])


def subgroup(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    if world.units.get(story.metric) != "persons":
        return None
    cands = _single(sc, "cum")
    b = _pick(
        cands[cands["population"].isin(list(SUBGROUP)) & np.isfinite(cands["high"])], world.rng
    )
    if b is None:
        return None
    row = _new(
        world,
        b,
        2 * b["high"] + 10,
        source=_other_source(world, b["source"]),
        population=SUBGROUP[b["population"]],
    )
    return Plant("subgroup", row["claim_no"], [b["claim_no"]], [row], locked=[b.name])


def _narrower(sc: pd.DataFrame, world: World) -> pd.Series | None:
    """A running total of a group with a subgroup, a finite high and ten days or more."""
    cands = _single(sc, "cum")
    long = cands["end_day"] - cands["start_day"] >= 9
    group = cands["population"].isin(list(SUBGROUP)) & np.isfinite(cands["high"])
    return _pick(cands[long & group], world.rng)


def _inside(world: World, b: pd.Series, **changes: object) -> dict:
    """Another source's subgroup claim over a window strictly inside b's, above twice b's high."""
    start, end = int(b["start_day"]) + 2, int(b["end_day"]) - 3
    return _new(
        world,
        b,
        2 * b["high"] + 10,
        source=_other_source(world, b["source"]),
        population=SUBGROUP[b["population"]],
        start_day=start,
        end_day=end,
        reported_day=end + 1,
        **changes,
    )


def hierarchy_subgroup(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    if world.units.get(story.metric) != "persons":
        return None
    below = world.children.get(story.places[0], [])
    b = _narrower(sc[sc["place_rank"] == 0], world) if below else None
    if b is None:
        return None
    unlisted = [c for c in below if c not in story.places] or below
    row = _inside(world, b, location=str(world.rng.choice(unlisted)), place_rank=-1)
    return Plant("hierarchy", row["claim_no"], [b["claim_no"]], [row], locked=[b.name])


def subgroup_window(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    if world.units.get(story.metric) != "persons":
        return None
    b = _narrower(sc, world)
    if b is None:
        return None
    row = _inside(world, b)
    return Plant("subgroup", row["claim_no"], [b["claim_no"]], [row], locked=[b.name])


def _leaf_populations(story: Story) -> set[str]:
    groups = {SUBGROUP_OF.get(p) for p in story.populations}
    return {p for p in story.populations if p not in groups}


SUBGROUP_OF = {"civilians": "all", "children": "civilians", "palestinian_refugees": "all"}


def divergence(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    cands = _single(sc, "stock")
    leaf_place = cands["place_rank"] >= (1 if len(story.places) > 1 else 0)
    last = cands["end_day"] == sc["end_day"].max()
    leaf_pop = cands["population"].isin(list(_leaf_populations(story)))
    b = _pick(cands[leaf_place & last & leaf_pop & (cands["low"] >= 40)], world.rng)
    if b is None:
        return None
    row = _new(world, b, int(b["low"]) // 3 - 1, source=_other_source(world, b["source"]))
    return Plant("divergence", row["claim_no"], [b["claim_no"]], [row], locked=[b.name])


def echo(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    cands = _single(sc, "cum")
    x = _pick(cands[cands["value"] >= 200], world.rng)
    if x is None:
        return None
    row = x.to_dict()
    row.update(
        source=_other_source(world, *story.sources),
        reported_day=x["reported_day"] + 1,
        locked=True,
        claim_no=world.next_claim,
    )
    world.next_claim += 1
    return Plant("echo", row["claim_no"], [x["claim_no"]], [row], locked=[x.name])


def staleness(sc: pd.DataFrame, story: Story, world: World) -> Plant | None:
    stock = sc[sc["kind"] == "stock"]
    last = int(sc["end_day"].max()) if len(sc) else 0
    cutoff = last - STALE_STEPS * STOCK_STEP
    n_src = stock.groupby(["location", "population"])["source"].transform("nunique")
    cands = stock[(n_src >= 2) & (stock["end_day"] == cutoff)]
    y = _pick(cands, world.rng)
    if y is None:
        return None
    series = (stock["location"] == y["location"]) & (stock["population"] == y["population"])
    gone = stock[series & (stock["source"] == y["source"]) & (stock["end_day"] > cutoff)]
    other = stock[series & (stock["source"] != y["source"]) & (stock["end_day"] == last)]
    if other.empty:
        return None
    plant = Plant("staleness", int(y["claim_no"]), [int(other.iloc[0]["claim_no"])])
    plant.dropped = list(gone.index)
    plant.locked = [y.name, other.index[0]]
    return plant


PLANTERS: dict[str, Callable[[pd.DataFrame, Story, World], Plant | None]] = {
    "containment": containment,
    "regression": regression,
    "hierarchy": hierarchy,
    "subgroup": subgroup,
    "divergence": divergence,
    "echo": echo,
    "staleness": staleness,
    "hierarchy_subgroup": hierarchy_subgroup,
    "subgroup_window": subgroup_window,
}


def plant_all(
    claims: pd.DataFrame, stories: list[Story], count: int, world: World
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Plant ``count`` contradictions, the kinds in turn, one per story; returns the changed
    claims and the record of plants (rule, planted claim_no, related claim_nos)."""
    by_story = {k: frame for k, frame in claims.groupby("story", sort=False)}
    free = [s for s in stories if s.index in by_story]
    world.rng.shuffle(free)
    plants: list[Plant] = []
    for k in range(count):
        plant = _plant_one(KINDS[k % len(KINDS)], claims, by_story, free, world)
        if plant is not None:
            plants.append(plant)
    return _apply(claims, plants), _record(plants)


def _plant_one(kind, claims, by_story: dict, free: list[Story], world: World) -> Plant | None:
    """Try the free stories in turn; the first that can take the kind is used up."""
    planter = PLANTERS[kind]
    for i, story in enumerate(free):
        if (kind in ("divergence", "staleness")) != (story.measure == "stock"):
            continue
        plant = planter(by_story[story.index], story, world)
        if plant is not None:
            free.pop(i)
            return plant
    return None


def _apply(claims: pd.DataFrame, plants: list[Plant]) -> pd.DataFrame:
    dropped = [label for p in plants for label in p.dropped]
    locked = [label for p in plants for label in p.locked]
    out = claims.copy()
    out.loc[locked, "locked"] = True
    out.loc[locked, "n_pub"] = 1
    out = out.drop(index=dropped)
    added = [row for p in plants for row in p.added]
    if added:
        out = pd.concat([out, pd.DataFrame(added)], ignore_index=True)
    return out


def _record(plants: list[Plant]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rule": [p.rule for p in plants],
            "planted": [int(p.planted) for p in plants],
            "related": [[int(r) for r in p.related] for p in plants],
        }
    )
