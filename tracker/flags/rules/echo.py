"""Rule 7, echo (info): the same value for the same metric and population, reported within
``echo_days`` of each other under different sources' names, is probably one claim carried more
than once (the UN's 160,000 quoted as UNHCR's by one outlet and as OCHA's by another).

Claims are chained by report date per (metric, population, value, value_high, country): a gap of
more than ``echo_days`` starts a new chain. A chain naming two or more sources is one flag. Its
*original* is the claim of the most reliable source, then the earliest reported; claims of other
sources in the chain are echoes and are left out of the band, so an echo never corroborates.
Within one source identical claims are already one claim (see :mod:`tracker.series`).
Values below ``echo_min_value`` are left alone: small counts coincide by chance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.flags.raw import RawFlag
from tracker.flags.sweep import codes
from tracker.reconcile_context import ReconcileContext


def _chains(frame: pd.DataFrame, days: int) -> np.ndarray:
    """Chain number per claim (frame sorted by group, report day)."""
    g, d = frame["g"].to_numpy(), frame["reported_d"].to_numpy()
    new = np.ones(len(frame), dtype=bool)
    new[1:] = (g[1:] != g[:-1]) | (d[1:] - d[:-1] > days)
    return np.cumsum(new)


def find(claims: pd.DataFrame, source_names: np.ndarray, ctx: ReconcileContext) -> list[RawFlag]:
    """One info flag per chain of equal values under two or more sources' names."""
    st = ctx.settings
    frame = claims[claims["value"] >= st.echo_min_value].reset_index(names="claim")
    if frame.empty:
        return []
    high = frame["value_high"].fillna(-1).astype("int64")
    frame["g"] = codes(
        frame["metric_c"].to_numpy(),
        frame["pop_c"].to_numpy(),
        frame["value"].astype("int64").to_numpy(),
        high.to_numpy(),
        frame["country_c"].to_numpy(),
    )
    frame = frame.sort_values(["g", "reported_d", "claim"])
    frame["chain"] = _chains(frame, st.echo_days)
    n_sources = frame.groupby("chain")["source_c"].transform("nunique")
    frame = frame[n_sources >= 2]
    if frame.empty:
        return []
    reliability = np.array([ctx.source_reliability.get(str(s), 0) for s in source_names])
    frame["rank"] = -reliability[frame["source_c"].to_numpy()]
    originals = frame.sort_values(["chain", "rank", "reported_d", "claim"]).drop_duplicates("chain")
    original = frame["chain"].map(originals.set_index("chain")["claim"])
    original_source = frame["chain"].map(originals.set_index("chain")["source_c"])
    frame["echo"] = frame["source_c"] != original_source
    span = frame.groupby("chain")["reported_d"].agg(lambda d: int(d.max() - d.min()))
    sources = frame.groupby("chain")["source_c"].nunique()
    members = frame.groupby("chain")["claim"].agg(tuple)
    echoes = frame[frame["echo"]].groupby("chain")["claim"].agg(tuple)
    first = original.groupby(frame["chain"]).first()
    return [
        RawFlag(
            rule="echo",
            severity="info",
            members=tuple(int(c) for c in members[chain]),
            anchor=int(first[chain]),
            exclude=tuple(int(c) for c in echoes.get(chain, ())),
            reason="echo",
            detail={
                "original": int(first[chain]),
                "span_days": int(span[chain]),
                "n_sources": int(sources[chain]),
            },
        )
        for chain in members.index
    ]
