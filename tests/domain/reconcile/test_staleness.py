"""Rule 6, staleness: a small hand-made case, with whole sentences in both languages."""

from __future__ import annotations

import pandas as pd
from reconcile_helpers import fig, frame, make_ctx, only

from tracker.domain.reconcile import compute, flag_id

CTX = make_ctx()


def test_staleness_sentence_and_clock():
    rows = [
        fig("F1", "a", 1000, metric="idps", population="all", end="2018-06-01", qualifier="approx"),
        fig("F2", "b", 1200, metric="idps", population="all", end="2018-06-20", qualifier="approx"),
    ]
    result = compute(frame(rows), CTX)
    row = only(result.flags, "staleness")
    assert row["severity"] == "info"
    assert row["flag_id"] == flag_id("staleness", ["F1"])
    assert row["sentence_en"] == (
        "A: about 1,000 people internally displaced in Damascus, as of 1 June 2018. B: about "
        "1,200, as of 20 June 2018. Other sources have reported this series up to 20 June 2018, "
        "19 days later; A has given no newer figure, so its figure is left out of the band."
    )
    assert result.excluded.to_dict("records") == [
        {"figure_id": "F1", "reason": "stale", "flag_id": row["flag_id"]}
    ]
    fresh = [
        r | {"period_end": pd.Timestamp("2018-06-10")} if r["figure_id"] == "F1" else r
        for r in rows
    ]
    assert compute(frame(fresh), CTX).flags.empty
