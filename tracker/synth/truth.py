"""The hidden truth of a story and the claims its sources make about it.

Flows: every place gets a daily number of new events; the story's parent place is the sum of
its listed children and of a remainder (the places no one reports separately), so no child
ever outnumbers its parent. Subgroups are drawn from their group day by day (civilians from
all people, children from civilians), so no subgroup ever outnumbers its group. A cumulative
claim's truth is the running total from the story's start; a daily count's truth is one day's.

Stocks: every place holds a slowly drifting number of people; the parent again holds the sum
of its children and the remainder. Every source of a stock series reports on the same weekly
dates to the story's end, so none falls behind (staleness) by accident.

Each claim row carries its ``truth``; :mod:`tracker.synth.values` then words it honestly.
"""

from __future__ import annotations

import numpy as np

from tracker.synth.stories import STOCK_STEP, Story

#: Share of a group that a subgroup takes (low, high), drawn once per story and place.
SUBGROUP_SHARE: dict[str, tuple[str, float, float]] = {
    "civilians": ("all", 0.5, 0.9),
    "children": ("civilians", 0.15, 0.35),
    "palestinian_refugees": ("all", 0.03, 0.15),
}
CADENCES = np.array([1, 2, 3, 4, 7])
CADENCE_P = np.array([0.1, 0.3, 0.3, 0.15, 0.15])
LAGS = np.array([0, 0, 0, 1, 1, 2])


def _bump(days: int, rng: np.random.Generator) -> np.ndarray:
    """A crisis's intensity over its days: a background with one or two peaks."""
    t = np.arange(days)
    shape = np.full(days, 0.3)
    for _ in range(int(rng.integers(1, 3))):
        peak, width = rng.uniform(0, days), rng.uniform(3, max(4, days / 3))
        shape += rng.uniform(0.8, 2.0) * np.exp(-(((t - peak) / width) ** 2))
    return shape


def _leaf_shares(story: Story, rng: np.random.Generator) -> np.ndarray:
    """How the parent's count divides between its listed children and the remainder."""
    leaves = len(story.places)  # listed children + the remainder
    return rng.dirichlet(np.full(leaves, 2.0)) * leaves


def _subgroups(all_counts: np.ndarray, story: Story, rng: np.random.Generator, thin) -> dict:
    """Counts per population, each subgroup drawn from its group."""
    counts = {"all": all_counts}
    for pop in story.populations[1:]:
        group, low, high = SUBGROUP_SHARE[pop]
        share = rng.uniform(low, high, size=(all_counts.shape[0], 1))
        counts[pop] = thin(counts[group], share)
    return counts


def _by_place(leaf_counts: np.ndarray) -> np.ndarray:
    """Rows: the parent (sum of all leaves), then each listed child (leaf 1..)."""
    return np.vstack([leaf_counts.sum(axis=0, keepdims=True), leaf_counts[1:]])


def flow_truth(story: Story, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """population → daily new counts, shape (places, days)."""
    rate = story.scale * _leaf_shares(story, rng)[:, None] * _bump(story.days, rng)[None, :]
    leaves = _subgroups(rng.poisson(rate), story, rng, lambda n, p: rng.binomial(n, p))
    return {pop: _by_place(counts) for pop, counts in leaves.items()}


def stock_truth(story: Story, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """population → standing count per day, shape (places, days)."""
    base = story.scale * _leaf_shares(story, rng)[:, None]
    drift = np.cumsum(rng.normal(0.0, 0.03, size=(len(story.places), story.days)), axis=1)
    leaves = _subgroups(
        np.floor(base * np.exp(drift)).astype(np.int64),
        story,
        rng,
        lambda n, p: np.floor(n * p).astype(np.int64),
    )
    return {pop: _by_place(counts) for pop, counts in leaves.items()}


def _coverage(story: Story, rng: np.random.Generator) -> dict[int, tuple[str, ...]]:
    """place → the sources reporting it: all for the parent, a non-empty subset for children."""
    out = {0: story.sources}
    for p in range(1, len(story.places)):
        picked = tuple(s for s in story.sources if rng.random() < 0.5)
        out[p] = picked or (str(rng.choice(story.sources)),)
    return out


def _rows(story: Story, p: int, pop: str, source: str, kind: str, t: np.ndarray, truth, start):
    """Claim rows of one source on one series at the day offsets t."""
    n = len(t)
    return {
        "story": np.full(n, story.index),
        "kind": np.full(n, kind),
        "source": np.full(n, source),
        "place_rank": np.full(n, p),
        "location": np.full(n, story.places[p]),
        "population": np.full(n, pop),
        "start_day": start,
        "end_day": story.start + t,
        "truth": truth,
    }


def _flow_claims(story: Story, rng: np.random.Generator) -> list[dict]:
    daily = flow_truth(story, rng)
    running = {pop: np.cumsum(counts, axis=1) for pop, counts in daily.items()}
    out = []
    for p, sources in _coverage(story, rng).items():
        for pop in story.populations:
            for source in sources:
                cadence = int(rng.choice(CADENCES, p=CADENCE_P))
                t = np.arange(int(rng.integers(0, cadence)), story.days, cadence)
                start = np.full(len(t), story.start)
                out.append(_rows(story, p, pop, source, "cum", t, running[pop][p, t], start))
    if story.daily_source is not None:
        t = np.flatnonzero(rng.random(story.days) > 0.05)
        counts = daily["all"][0, t]
        out.append(_rows(story, 0, "all", story.daily_source, "daily", t, counts, story.start + t))
    return out


def _stock_claims(story: Story, rng: np.random.Generator) -> list[dict]:
    standing = stock_truth(story, rng)
    t = np.arange(0, story.days, STOCK_STEP)
    none = np.full(len(t), -1)
    out = []
    for p, sources in _coverage(story, rng).items():
        for pop in story.populations:
            for source in sources:
                out.append(_rows(story, p, pop, source, "stock", t, standing[pop][p, t], none))
    return out


def story_claims(story: Story, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Every claim of a story (not yet worded), as columns: one row per claim, with its truth."""
    parts = _flow_claims(story, rng) if story.measure == "flow" else _stock_claims(story, rng)
    cols = {k: np.concatenate([part[k] for part in parts]) for k in parts[0]}
    n = len(cols["story"])
    cols["metric"] = np.full(n, story.metric)
    cols["measure"] = np.full(n, story.measure)
    cols["reported_day"] = cols["end_day"] + rng.choice(LAGS, size=n)
    return cols
