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

from tracker.domain.settings import Settings
from tracker.synth.values import nudge

MAX_ROUNDS = 200


def _codes(column: pd.Series) -> np.ndarray:
    return pd.factorize(column)[0].astype(np.int64)


def _chains(keys: list[np.ndarray], day: np.ndarray, gap: int) -> tuple[np.ndarray, np.ndarray]:
    """Sort order and chain number (in that order) of equal keys reported close together."""
    order = np.lexsort([day, *reversed(keys)])
    new = np.zeros(len(order), dtype=bool)
    new[:1] = True
    for key in keys:
        k = key[order]
        new[1:] |= k[1:] != k[:-1]
    d = day[order]
    new[1:] |= d[1:] - d[:-1] > gap
    return order, np.cumsum(new)


def _to_reword(claims: pd.DataFrame, group: list[np.ndarray], settings: Settings):
    """Positions of the unlocked claims that share a chain with another source's claim."""
    value = claims["value"].to_numpy()
    high = np.nan_to_num(claims["value_high"].to_numpy(dtype=float), nan=-1).astype(np.int64)
    big = np.flatnonzero(value >= settings.echo_min_value)
    keys = [g[big] for g in group[:2]] + [value[big], high[big]]
    order, chain = _chains(keys, claims["reported_day"].to_numpy()[big], settings.echo_days + 1)
    pos = big[order]
    source = group[2][pos]
    frame = pd.DataFrame(
        {"chain": chain, "source": source, "locked": claims["locked"].to_numpy()[pos], "pos": pos}
    )
    mixed = frame.groupby("chain")["source"].transform("nunique") > 1
    frame = frame[mixed.to_numpy()]
    if frame.empty:
        return np.array([], dtype=np.int64)
    first_locked = frame[frame["locked"]].groupby("chain")["source"].first()
    first_any = frame.groupby("chain")["source"].first()
    keeper = frame["chain"].map(first_locked.combine_first(first_any))
    reword = (frame["source"] != keeper) & ~frame["locked"]
    return frame.loc[reword, "pos"].to_numpy()


def break_echoes(
    claims: pd.DataFrame, rng: np.random.Generator, settings: Settings | None = None
) -> int:
    """Reword claims in place until no accidental echo is left; returns how many were."""
    settings = settings or Settings()
    group = [_codes(claims[c]) for c in ("metric", "population", "source")]
    total = 0
    for round_no in range(MAX_ROUNDS):
        pos = _to_reword(claims, group, settings)
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
            spread=3 + 2 * round_no,  # wider each round, so crowded values spread out
        )
        claims.loc[rows, "qualifier"] = q
        claims.loc[rows, "value"] = v
        claims.loc[rows, "value_high"] = vh
    raise RuntimeError("could not break every accidental echo")
