"""Keeping honest claims from looking like echoes by coincidence.

The echo rule (DESIGN §2 rule 7) chains equal values of one metric and population in one
country reported within ``echo_days`` of each other; a chain naming two sources is a flag.
Independent sources that happen to give the same number would raise such flags in synthetic
data at a rate no one planted, so every such chain is broken by rewording the claims of all
but one source with another honest value. Locked claims (planted ones and their partners) are
never reworded; a planted echo stays the only echo of its chain.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.reconcile_context import RuleSettings
from tracker.synth.values import nudge

MAX_ROUNDS = 40


def _to_reword(claims: pd.DataFrame, settings: RuleSettings) -> np.ndarray:
    """Positions of the unlocked claims that share a chain with another source's claim."""
    big = claims["value"].to_numpy() >= settings.echo_min_value
    frame = claims.loc[big, ["metric", "population", "value", "value_high", "reported_day"]]
    frame = frame.assign(
        high=frame["value_high"].fillna(-1),
        source=claims.loc[big, "source"],
        locked=claims.loc[big, "locked"],
        pos=np.flatnonzero(big),
    ).sort_values(["metric", "population", "value", "high", "reported_day"])
    keys = [frame[c].to_numpy() for c in ("metric", "population", "value", "high")]
    day = frame["reported_day"].to_numpy()
    new = np.zeros(len(frame), dtype=bool)
    new[:1] = True
    for key in keys:
        new[1:] |= key[1:] != key[:-1]
    new[1:] |= day[1:] - day[:-1] > settings.echo_days + 1  # one day of margin
    frame["chain"] = np.cumsum(new)
    mixed = frame.groupby("chain")["source"].transform("nunique") > 1
    frame = frame[mixed]
    if frame.empty:
        return np.array([], dtype=np.int64)
    first_locked = frame[frame["locked"]].groupby("chain")["source"].first()
    first_any = frame.groupby("chain")["source"].first()
    keeper = frame["chain"].map(first_locked.combine_first(first_any))
    reword = (frame["source"] != keeper) & ~frame["locked"]
    return frame.loc[reword, "pos"].to_numpy()


def break_echoes(
    claims: pd.DataFrame, rng: np.random.Generator, settings: RuleSettings | None = None
) -> int:
    """Reword claims in place until no accidental echo is left; returns how many were."""
    settings = settings or RuleSettings()
    total = 0
    for _ in range(MAX_ROUNDS):
        pos = _to_reword(claims, settings)
        if len(pos) == 0:
            return total
        total += len(pos)
        rows = claims.index[pos]
        q, v, vh = nudge(
            claims.loc[rows, "qualifier"].to_numpy(),
            claims.loc[rows, "value"].to_numpy(),
            claims.loc[rows, "value_high"].to_numpy(dtype=float),
            claims.loc[rows, "truth"].to_numpy(),
            rng,
        )
        claims.loc[rows, "qualifier"] = q
        claims.loc[rows, "value"] = v
        claims.loc[rows, "value_high"] = vh
    raise RuntimeError("could not break every accidental echo")
