"""Where and when synthetic stories happen: one story is one crisis in one area, told by
several sources, with a hidden true count behind everything they say.

Layout rules (so that honest claims never contradict each other by accident):

- a flow story takes a (metric, governorate) slot for its whole span, and the next story in
  that slot starts at least ``GAP_DAYS`` after it ends, so no two flow stories of one metric
  ever cover the same place at the same time (the hierarchy rule compares every place with
  every place containing it);
- a stock story takes a (metric, sub-district) for good: stock series are compared across all
  time (staleness), so a place's stock series belongs to one story and one set of sources;
- every story has a parent place and up to three of its children from the gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker.domain.vocabularies import Vocabularies

FIRST_DAY = int(np.datetime64("2011-03-15", "D").astype(np.int64))
LAST_DAY = int(np.datetime64("2024-12-31", "D").astype(np.int64))
FLOW_DAYS = (30, 91)
STOCK_DAYS = (63, 246)
STOCK_STEP = 7
GAP_DAYS = 45
STOCK_SHARE = 0.35
CASUALTIES = frozenset({"killed", "injured", "missing", "detained"})
#: Typical daily count (flows) or standing count (stocks) per place, before a story's own factor.
SCALE: dict[str, float] = {
    "killed": 8,
    "injured": 15,
    "missing": 3,
    "detained": 10,
    "displaced": 600,
    "returned": 200,
    "people_assisted": 2000,
    "airstrikes": 6,
    "barrel_bombs": 4,
    "shelling_incidents": 10,
    "localities_struck": 1.5,
    "localities_reconciled": 0.3,
    "idps": 20000,
    "at_border": 5000,
    "people_in_need": 60000,
    "refugees": 15000,
    "health_facilities_out_of_service": 6,
}


@dataclass(frozen=True)
class Story:
    """One crisis in one area: what is counted, where, when, for whom and by whom."""

    index: int
    metric: str
    measure: str
    start: int  # first day, as days since 1970-01-01
    days: int
    places: tuple[str, ...]  # the parent first, then its children
    populations: tuple[str, ...]  # supersets before their subsets
    sources: tuple[str, ...]
    daily_source: str | None
    scale: float

    @property
    def end(self) -> int:
        return self.start + self.days - 1


class Planner:
    """Hands out stories that never overlap in a way the rules would compare."""

    def __init__(self, vocab: Vocabularies, sources: list[str], rng: np.random.Generator) -> None:
        self.rng = rng
        self.sources = sources
        gaz = vocab.gazetteer
        self.children = gaz.groupby("parent")["pcode"].apply(list).to_dict()
        self.level = gaz["level"].astype(int).to_dict()
        self.adm1 = sorted(gaz.index[gaz["level"] == 1])
        self.adm3 = sorted(c for c in gaz.index[gaz["level"] == 3] if self.children.get(c))
        measure = vocab.metrics["measure"]
        self.flow_metrics = sorted(measure.index[measure == "flow"])
        self.stock_metrics = sorted(measure.index[measure == "stock"])
        self.units = vocab.metrics["unit"].to_dict()
        self.free_day: dict[tuple[str, str], int] = {}
        self.stock_free = [(m, c) for m in self.stock_metrics for c in self.adm3]
        self.rng.shuffle(self.stock_free)

    def stories(self) -> Iterator[Story]:
        """An endless supply of stories (the caller stops when it has enough figures)."""
        index = 0
        while True:
            stock = self.rng.random() < STOCK_SHARE and self.stock_free
            story = self._stock(index) if stock else self._flow(index)
            if story is None:
                raise RuntimeError("the synthetic timeline is full: ask for fewer figures")
            yield story
            index += 1

    def _flow(self, index: int) -> Story | None:
        rng = self.rng
        days = int(rng.integers(*FLOW_DAYS))
        for _ in range(200):
            metric = str(rng.choice(self.flow_metrics))
            adm1 = str(rng.choice(self.adm1))
            slot = (metric, adm1)
            start = self.free_day.get(slot, FIRST_DAY + int(rng.integers(0, 400)))
            start += int(rng.integers(0, 90))
            if start + days - 1 <= LAST_DAY:
                self.free_day[slot] = start + days + GAP_DAYS
                return self._story(index, metric, "flow", start, days, self._area(adm1))
        return None

    def _stock(self, index: int) -> Story:
        metric, parent = self.stock_free.pop()
        days = int(self.rng.integers(*STOCK_DAYS))
        start = int(self.rng.integers(FIRST_DAY, LAST_DAY - days))
        return self._story(index, metric, "stock", start, days, self._with_children(parent))

    def _area(self, adm1: str) -> tuple[str, ...]:
        """A parent inside the governorate (itself, a district or a sub-district)."""
        parent = adm1
        for _ in range(int(self.rng.choice([0, 1, 2], p=[0.2, 0.4, 0.4]))):
            below = self.children.get(parent)
            if not below:
                break
            parent = str(self.rng.choice(below))
        return self._with_children(parent)

    def _with_children(self, parent: str) -> tuple[str, ...]:
        below = self.children.get(parent, [])
        k = min(len(below), int(self.rng.integers(1, 4)))
        picked: list[str] = list(self.rng.choice(below, size=k, replace=False)) if k else []
        return (parent, *sorted(str(c) for c in picked))

    def _story(
        self, index: int, metric: str, measure: str, start: int, days: int, places: tuple
    ) -> Story:
        rng = self.rng
        k = int(rng.integers(2, 5))
        sources = tuple(str(s) for s in rng.choice(self.sources, size=k, replace=False))
        daily = sources[0] if measure == "flow" and rng.random() < 0.4 else None
        return Story(
            index=index,
            metric=metric,
            measure=measure,
            start=start,
            days=days,
            places=places,
            populations=self._populations(metric, measure),
            sources=sources,
            daily_source=daily,
            scale=SCALE.get(metric, 10.0) * float(rng.lognormal(0.0, 0.7)),
        )

    def _populations(self, metric: str, measure: str) -> tuple[str, ...]:
        rng = self.rng
        if self.units.get(metric) != "persons":
            return ("all",)
        if metric in CASUALTIES:
            pops = ["all"]
            if rng.random() < 0.6:
                pops.append("civilians")
                if rng.random() < 0.5:
                    pops.append("children")
            return tuple(pops)
        share = 0.2 if measure == "stock" else 0.15
        return ("all", "palestinian_refugees") if rng.random() < share else ("all",)


def day_text(days: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 as YYYY-MM-DD strings."""
    return (
        pd.Series(np.asarray(days, dtype="int64").astype("datetime64[D]"))
        .dt.strftime("%Y-%m-%d")
        .to_numpy()
    )
