"""Rule 6, staleness (stocks, info): a source's newest figure for a series is stale when other
sources have reported the same series more than ``staleness_days`` later. The clock is the
newest figure of the series, never the wall clock, so an archive never goes stale by itself.
"""

from __future__ import annotations

import pandas as pd

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.raw import RawFlag
from tracker.domain.reconcile.sweep import codes

RULE = "staleness"


def find(claims: pd.DataFrame, ctx: ReconcileContext) -> list[RawFlag]:
    """One info flag per (series, source) whose newest stock figure has fallen behind."""
    cols = ["metric_c", "pop_c", "loc_c", "source_c", "end_d"]
    stocks = claims.loc[~claims["flow"], cols].reset_index(names="claim")
    if stocks.empty:
        return []
    stocks["g"] = codes(*(stocks[c].to_numpy() for c in ("metric_c", "pop_c", "loc_c")))
    ordered = stocks.sort_values(["g", "end_d", "claim"], ascending=[True, False, True])
    newest = ordered.drop_duplicates("g").set_index("g")
    latest = ordered.drop_duplicates(["g", "source_c"])
    clock = latest["g"].map(newest["end_d"])
    gap = clock - latest["end_d"]
    stale = latest[gap > ctx.settings.staleness_days]
    head = stale["g"].map(newest["claim"]).to_numpy()
    head_end = stale["g"].map(newest["end_d"]).to_numpy()
    return [
        RawFlag(
            rule=RULE,
            severity="info",
            members=(int(claim), int(h)),
            anchor=int(claim),
            id_members=(int(claim),),
            exclude=(int(claim),),
            reason="stale",
            detail={"gap_days": int(he - end)},
        )
        for claim, end, h, he in zip(
            stale["claim"].to_numpy(), stale["end_d"].to_numpy(), head, head_end, strict=True
        )
    ]
