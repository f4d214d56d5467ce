"""A small table (one ``tracker add``) is normalised in one pass over its text columns; a
large one a column at a time. Both must give the same figures, blanks and places included."""

from __future__ import annotations

import pandas as pd

from tracker.domain import normalise as norm
from tracker.domain.normalise import normalise


def figures(n: int) -> pd.DataFrame:
    rows = [
        {
            "figure_id": f"F{i}",
            "reported_on": "2018-07-02",
            "source": "sohr",
            "metric": "killed",
            "population": "" if i % 2 else "all",  # blank: the default fills it
            "location": ["SY12", "SY", "SY1200"][i % 3],
            "notes": "" if i % 3 else "said twice",
            "value": str(40 + i),
        }
        for i in range(n)
    ]
    return pd.DataFrame(rows).astype("string")


def test_small_and_large_paths_give_the_same_figures(vocab, monkeypatch) -> None:
    table = figures(7)
    small = normalise(table, vocab)
    monkeypatch.setattr(norm, "STACKED_ROWS", 0)  # force the column-at-a-time path
    large = normalise(table, vocab)
    pd.testing.assert_frame_equal(small, large, check_exact=True)
    assert small["population"].tolist()[:2] == ["all", "all"]
    assert small["notes"].isna().tolist()[:3] == [False, True, True]
    assert small["adm1"].isna().tolist()[:3] == [False, True, False]  # a country has no adm1
    assert small["adm1"].iloc[0] == small["adm1"].iloc[2] == "SY12"
    assert small["adm0"].tolist()[:3] == ["SY", "SY", "SY"]
