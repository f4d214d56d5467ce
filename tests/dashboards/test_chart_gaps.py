"""A source's claims are drawn as one trace: each window's points in date order, a gap
between windows, whatever the order the claims came in (dates shared, dates missing)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboards.components.chart import _none_gaps

COLUMNS = ["x", "y", "figure_id"]


def reference(frame: pd.DataFrame) -> dict[str, list]:
    out: dict[str, list] = {c: [] for c in COLUMNS}
    for _, group in frame.groupby("group", sort=True):
        group = group.sort_values("x")
        for c in COLUMNS:
            out[c].extend(group[c].tolist())
            out[c].append(None)
    return out


@pytest.mark.parametrize(("missing_share", "tz"), [(0.0, None), (0.1, None), (0.0, "UTC")])
def test_each_window_in_date_order_with_a_gap_between(missing_share: float, tz) -> None:
    rng = np.random.default_rng(7)
    n = 600
    dates = pd.Timestamp("2018-06-01", tz=tz) + pd.to_timedelta(rng.integers(0, 30, n), unit="D")
    frame = pd.DataFrame(
        {
            "group": [
                f"SRC{rng.integers(3)}|window|2018-0{rng.integers(1, 6)}-01" for _ in range(n)
            ],
            "x": pd.Series(dates).where(rng.random(n) >= missing_share),
            "y": rng.random(n),
            "figure_id": [f"R{i:04d}" for i in range(n)],
        },
        index=rng.permutation(n),
    )
    got = _none_gaps(frame, COLUMNS)
    assert got == reference(frame)
    assert got["x"].count(None) == frame["group"].nunique()


def test_no_claims_no_points() -> None:
    empty = pd.DataFrame(columns=["group", *COLUMNS])
    assert _none_gaps(empty, COLUMNS) == {c: [] for c in COLUMNS}
