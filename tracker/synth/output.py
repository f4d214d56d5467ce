"""From claims to the canonical CSV: publications, the exact number of rows, ids, text.

A claim is carried by one to three publishers (one claim, several publications: DESIGN §1).
Rows are cut to exactly the number asked for at the end of the last story, which no plant
touches. Figure ids are ``syn<seed>-<row>``, in the order of the file (by report date).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.synth.stories import day_text

PUBLISHERS = 8


def publications(claims: pd.DataFrame, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """One row per publication, cut to the first n in story order (planted claims are early)."""
    ordered = claims.sort_values(["story", "end_day", "place_rank", "population", "source"])
    rows = ordered.loc[ordered.index.repeat(ordered["n_pub"].to_numpy())]
    rows = rows.iloc[:n].reset_index(drop=True)
    rows["pub"] = rows.groupby("claim_no").cumcount()
    later = (rows["pub"] > 0).to_numpy() & (rng.random(len(rows)) < 0.5)
    rows["reported_day"] = rows["reported_day"] + later.astype(np.int64)
    rows["publisher_no"] = (rows["claim_no"] + rows["pub"]) % PUBLISHERS + 1
    return rows.sort_values(["reported_day", "story", "claim_no", "pub"]).reset_index(drop=True)


def _blank_where(values: np.ndarray, blank: np.ndarray) -> np.ndarray:
    return np.where(blank, "", values)


def canonical(rows: pd.DataFrame, seed: int, rng: np.random.Generator) -> pd.DataFrame:
    """The canonical columns as text, some left empty where the default says the same."""
    n = len(rows)
    ids = pd.Series(np.arange(1, n + 1)).map(lambda i: f"syn{seed}-{i:07d}").to_numpy()
    end_is_report = (rows["end_day"] == rows["reported_day"]).to_numpy()
    out = pd.DataFrame(index=rows.index)
    out["figure_id"] = ids
    out["reported_on"] = day_text(rows["reported_day"])
    out["source"] = rows["source"].to_numpy()
    out["publisher"] = "Synthetic wire " + rows["publisher_no"].astype(str)
    with_url = rng.random(n) < 0.5
    out["url"] = _blank_where("https://example.org/synthetic/" + ids.astype(object), ~with_url)
    out["metric"] = rows["metric"].to_numpy()
    out["population"] = _blank_where(
        rows["population"].to_numpy(), (rows["population"] == "all").to_numpy() & with_url
    )
    out["location"] = rows["location"].to_numpy()
    start = rows["start_day"].to_numpy()
    out["period_start"] = _blank_where(day_text(np.maximum(start, 0)), start < 0)
    out["period_end"] = _blank_where(day_text(rows["end_day"]), end_is_report & ~with_url)
    out["measure"] = _blank_where(rows["measure"].to_numpy(), rng.random(n) < 0.8)
    out["episode"] = ""
    out["qualifier"] = rows["qualifier"].to_numpy()
    out["value"] = rows["value"].astype(np.int64).astype(str).to_numpy()
    high = rows["value_high"].to_numpy(dtype=float)
    out["value_high"] = _blank_where(
        np.nan_to_num(high).astype(np.int64).astype(str), np.isnan(high)
    )
    out["unit"] = ""
    out["quote"] = ""
    out["quote_lang"] = ""
    out["notes"] = "synthetic"
    return out[list(CANONICAL_COLUMNS)]


def planted_table(record: pd.DataFrame, rows: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """rule, figure_ids (the planted figure first, then the claims it contradicts)."""
    first = rows.assign(figure_id=ids).drop_duplicates("claim_no").set_index("claim_no")
    first_id = first["figure_id"]
    figure_ids = [
        ";".join(str(first_id[c]) for c in [p, *rel])
        for p, rel in zip(record["planted"], record["related"], strict=True)
    ]
    return pd.DataFrame({"rule": record["rule"].to_numpy(), "figure_ids": figure_ids})


def planted_path(path: Path) -> Path:
    """Where the sidecar goes: FILE.planted.csv beside FILE.csv."""
    return path.with_name(f"{path.stem}.planted.csv")


def write(figures: pd.DataFrame, planted: pd.DataFrame, path: Path) -> Path:
    """Write the figures CSV and its sidecar; returns the sidecar's path."""
    figures.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    sidecar = planted_path(path)
    planted.to_csv(sidecar, index=False, encoding="utf-8", lineterminator="\n")
    return sidecar
