"""Synthetic figures for benchmarks and engine tests: ``tracker synth``.

:func:`synthesise` makes a realistic file in the canonical format (DESIGN §4): stories of
crises in gazetteer places told by several synthetic sources (``data/synthetic_sources.csv``,
every name marked "not real"), with running totals, daily counts and stocks whose wording is
honest about a hidden true count; then contradictions are planted at a known rate, one kind
per consistency rule, and listed in a sidecar so a test can check the engine finds them all.
The same seed gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.domain.intervals import interval_bounds
from tracker.domain.vocabularies import Vocabularies
from tracker.progress import progress
from tracker.synth import output
from tracker.synth.echoes import break_echoes
from tracker.synth.plant import KINDS, RULES, World, plant_all
from tracker.synth.registry import register_synthetic_sources, synthetic_sources
from tracker.synth.stories import Planner, Story
from tracker.synth.truth import story_claims
from tracker.synth.values import TAU, choose_qualifiers, word

DEFAULT_RATE = 0.001
PUBS_P = (0.85, 0.12, 0.03)  # one, two or three publications per claim
TICK = 1000

__all__ = [
    "DEFAULT_RATE",
    "KINDS",
    "RULES",
    "Synthetic",
    "register_synthetic_sources",
    "synthesise",
    "synthetic_sources",
]


@dataclass
class Synthetic:
    """A synthetic figures table (canonical text columns) and its planted contradictions."""

    figures: pd.DataFrame
    planted: pd.DataFrame  # rule, figure_ids (planted first, ';'-separated)

    def write(self, path: Path) -> Path:
        """Write FILE and FILE.planted.csv; returns the sidecar's path."""
        return output.write(self.figures, self.planted, Path(path))


def _generate(planner: Planner, rng: np.random.Generator, target: int, out: list) -> Iterator[None]:
    """Make stories until their claims carry ``target`` publications; ticks per TICK rows."""
    rows = 0
    for story in planner.stories():
        claims = story_claims(story, rng)
        claims["n_pub"] = rng.choice([1, 2, 3], size=len(claims["story"]), p=PUBS_P)
        out.append((story, claims))
        before, rows = rows, rows + int(claims["n_pub"].sum())
        for _ in range(rows // TICK - before // TICK):
            yield None
        if rows >= target:
            return


def _honest_claims(parts: list, rng: np.random.Generator) -> pd.DataFrame:
    claims = pd.DataFrame({k: np.concatenate([c[k] for _, c in parts]) for k in parts[0][1]})
    types = synthetic_sources()["type"]
    q = choose_qualifiers(claims["kind"].to_numpy(), claims["source"].map(types).to_numpy(), rng)
    value, value_high, qualifier = word(q, claims["truth"].to_numpy(), rng)
    claims["qualifier"], claims["value"], claims["value_high"] = qualifier, value, value_high
    low, high = interval_bounds(claims["qualifier"], claims["value"], claims["value_high"], TAU)
    claims["low"], claims["high"] = low.to_numpy(), high.to_numpy()
    claims["locked"] = False
    claims["claim_no"] = np.arange(len(claims), dtype=np.int64)
    return claims


def _plantable(stories: list[Story], claims: pd.DataFrame, n: int, count: int) -> list[Story]:
    """Stories that end, publications counted, well before row n (the cut never reaches them)."""
    rows = claims.groupby("story")["n_pub"].sum().sort_index().cumsum()
    safe = set(rows.index[rows + 2 * count + 10 <= n])
    return [s for s in stories if s.index in safe]


def synthesise(n: int, seed: int, vocab: Vocabularies, rate: float = DEFAULT_RATE) -> Synthetic:
    """n synthetic figures with max(9, rate·n) planted contradictions (the kinds of
    :data:`tracker.synth.plant.KINDS` in turn: the seven rules and the two mixed nestings)."""
    rng = np.random.default_rng(seed)
    registry = synthetic_sources()
    planner = Planner(vocab, list(registry.index), rng)
    count = max(len(KINDS), round(rate * n))
    parts: list = []
    target = int(n * 1.02) + 2 * count + 400
    for _ in progress(
        _generate(planner, rng, target, parts), total=target // TICK, desc="synth", unit="k figures"
    ):
        pass
    claims = _honest_claims(parts, rng)
    stories = [s for s, _ in parts]
    world = World(
        sources=list(registry.index),
        children=planner.children,
        units=planner.units,
        rng=rng,
        next_claim=len(claims),
    )
    claims, record = plant_all(claims, _plantable(stories, claims, n, count), count, world)
    break_echoes(claims, rng)
    rows = output.publications(claims, n, rng)
    figures = output.canonical(rows, seed, rng)
    planted = output.planted_table(record, rows, figures["figure_id"].to_numpy())
    return Synthetic(figures, planted)
