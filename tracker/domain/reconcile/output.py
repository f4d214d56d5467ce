"""The annotated series table compute() returns, and the derived daily-sum claims in it.

One row per figure (in the caller's order) with its component, series key, effective window
start (``start_assumed`` when taken from the episode), date, claim number and, when it was left
out of the band, why. Derived claims follow, marked ``derived``: a source's daily counts summed
over the newest window of a series, kept only when that sum narrows the window's claim (so the
table stays about the size of the figures). Text columns are categoricals built from the codes,
so a million rows cost no string work.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.series import Prepared
from tracker.domain.reconcile.sweep import codes, order_by
from tracker.domain.windows import from_days


def derived_claims(derived: pd.DataFrame, claims: pd.DataFrame, left_out: set[int]) -> pd.DataFrame:
    """Per (series, day source): the sum over the series' newest window, when it narrows that
    window's claim and the claim is kept in the band. Shaped like the claims table."""
    if derived.empty:
        return claims.iloc[:0]
    d = derived[~derived["target"].isin(list(left_out))]
    d = d[(d["sum_low"] > d["low"]) | (d["sum_high"] < d["high"])]
    d = d.iloc[
        order_by(*(d[c].to_numpy() for c in ("g", "day_source", "start_d", "end_d", "target")))
    ]
    d = d.drop_duplicates(["g", "day_source", "start_d"], keep="last")
    out = claims.iloc[d["target"].to_numpy()].reset_index(drop=True)
    return out.assign(
        low=d["sum_low"].to_numpy(), high=d["sum_high"].to_numpy(),
        source_c=d["day_source"].to_numpy(), n_days=d["n_days"].to_numpy(), derived=True,
    )  # fmt: skip


def _keys(prep: Prepared, claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Series code per claim row and the readable key of each code."""
    cols = ("metric_c", "pop_c", "loc_c", "measure_c", "start_d")
    s = codes(*(claims[c].to_numpy() for c in cols))
    first = pd.Series(np.arange(len(s))).groupby(s).first().to_numpy()
    rows = claims.iloc[first]
    start = pd.Series(from_days(rows["start_d"].to_numpy())).dt.strftime("%Y-%m-%d").fillna("-")
    names = prep.labels.names
    parts = zip(
        names["metric"][rows["metric_c"].to_numpy()],
        names["population"][rows["pop_c"].to_numpy()],
        prep.labels.location[rows["loc_c"].to_numpy()],
        names["measure"][rows["measure_c"].to_numpy()],
        start.tolist(),
        strict=True,
    )
    return s, np.array(["|".join(p) for p in parts], dtype=object)


def series_frame(
    figures: pd.DataFrame, prep: Prepared, excluded: pd.DataFrame, derived: pd.DataFrame
) -> pd.DataFrame:
    """The figures annotated with their series, then the derived claims."""
    claims = prep.claims
    both = pd.concat([claims, derived], ignore_index=True) if len(derived) else claims
    key_code, key_names = _keys(prep, both)
    comp = prep.labels.component_names(claims)
    rc = prep.row_claim
    reasons = excluded.drop_duplicates("figure_id").set_index("figure_id")["reason"]
    series_key = pd.Categorical.from_codes(key_code[rc], key_names)
    out = figures.assign(
        component=pd.Categorical.from_codes(claims["comp_c"].to_numpy()[rc], comp),
        series_key=series_key,
        window_start=from_days(prep.start_d),
        start_assumed=prep.start_assumed,
        date=from_days(claims["end_d"].to_numpy()[rc]),
        claim=rc,
        derived=False,
        n_days=pd.array([pd.NA] * len(figures), dtype="Int64"),
        excluded=figures["figure_id"].map(reasons).astype("string"),
    )  # fmt: skip
    if derived.empty:
        return out
    return pd.concat(
        [out, _derived_rows(figures, prep, derived, key_code[len(claims) :], key_names, comp)],
        ignore_index=True,
    )


def _derived_rows(
    figures: pd.DataFrame,
    prep: Prepared,
    derived: pd.DataFrame,
    key_code: np.ndarray,
    key_names: np.ndarray,
    comp: np.ndarray,
) -> pd.DataFrame:
    """Derived sums as series rows, with the figures' dtypes."""
    names, k = prep.labels.names, len(derived)

    def text(values: np.ndarray, like: str) -> pd.Series:
        return pd.Series(values, dtype=figures[like].dtype)

    start, end = derived["start_d"].to_numpy(), derived["end_d"].to_numpy()
    source = names["source"][derived["source_c"].to_numpy()]
    dates = pd.Series(from_days(end)).dt.strftime("%Y-%m-%d").tolist()
    ids = [
        f"SUM:{s}:{key}:{d}" for s, key, d in zip(source, key_names[key_code], dates, strict=True)
    ]
    missing = pd.array([pd.NA] * k, dtype="Int64")
    return pd.DataFrame({
        "figure_id": text(np.asarray(ids, dtype=object), "figure_id"),
        "source": text(source, "source"),
        "metric": text(names["metric"][derived["metric_c"].to_numpy()], "metric"),
        "population": text(names["population"][derived["pop_c"].to_numpy()], "population"),
        "location": text(prep.labels.location[derived["loc_c"].to_numpy()], "location"),
        "measure": text(names["measure"][derived["measure_c"].to_numpy()], "measure"),
        "period_start": from_days(start), "period_end": from_days(end),
        "value": missing, "low": derived["low"].to_numpy(), "high": derived["high"].to_numpy(),
        "component": pd.Categorical.from_codes(derived["comp_c"].to_numpy(), comp),
        "series_key": pd.Categorical.from_codes(key_code, key_names),
        "window_start": from_days(start), "start_assumed": derived["start_assumed"].to_numpy(bool),
        "date": from_days(end), "claim": missing, "derived": np.ones(k, dtype=bool),
        "n_days": pd.array(derived["n_days"].to_numpy(), dtype="Int64"),
    })  # fmt: skip
