"""#18 findings 1–3 on both databases: counts at the maximum are stored, banded, exported and
put in sentences exactly; one past it (and 2^63, 2^64 − 1) is refused by the import, through
--partial (only that row), and through `tracker revise`."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tracker.domain.revisions import RevisionError
from tracker.domain.schema import MAX_COUNT
from tracker.ingest.readers import read_figure_file
from tracker.publish import DownloadOptions, download_pieces
from tracker.service.store import Store

from ..helpers import HEADER

BIG = MAX_COUNT
NEAR = MAX_COUNT - 2


def row(fid: str, source: str, qualifier: str, value: int | str, start: str = "2018-06-19") -> str:
    return (
        f"{fid},2018-07-01,{source},,,killed,civilians,SY12,{start},2018-06-30,flow,,"
        f"{qualifier},{value},,persons,,,\n"
    )


def write(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def export(store: Store, name: str) -> pd.DataFrame:
    text = b"".join(download_pieces(store, name, DownloadOptions())).decode()
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_counts_at_the_maximum_are_exact_everywhere(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path / "big.csv",
        row("BIG1", "snhr", "exact", BIG),
        row("BIG2", "sohr", "exact", NEAR, start="2018-06-20"),
        row("BIG3", "un-ocha", "approx", BIG - 1, start="2018-06-01"),
    )
    result = store.import_file(read_figure_file(path))
    assert result.plan.ok and result.stored == 3, result.plan.problems
    figures = store.figures().set_index("figure_id")
    assert int(figures.loc["BIG1", "value"]) == BIG
    big3 = (figures.loc["BIG3", "low"], figures.loc["BIG3", "high"])
    assert big3 == (8_999_999_999, 10_999_999_999)
    exported = export(store, "figures.csv").set_index("figure_id")
    assert exported.loc["BIG1", ["value", "low", "high"]].tolist() == [str(BIG)] * 3
    assert exported.loc["BIG2", "value"] == str(NEAR)
    assert exported.loc["BIG3", ["low", "high"]].tolist() == ["8999999999", "10999999999"]
    flags = store.flags()
    divergence = flags[flags["rule"] == "divergence"]
    assert len(divergence) == 1
    sentence = divergence["sentence_en"].iloc[0]
    assert "10,000,000,000" in sentence and "9,999,999,998" in sentence, sentence
    bands = export(store, "series.csv")
    numbers = pd.to_numeric(bands[["low", "high"]].stack(), errors="coerce").dropna()
    assert (numbers >= 0).all() and numbers.max() <= 11 * 10**9


@pytest.mark.parametrize("value", [MAX_COUNT + 1, 2**63 - 1, 2**64 - 1, 2**64])
def test_past_the_maximum_is_refused_and_partial_isolates_it(
    store: Store, tmp_path: Path, value: int
) -> None:
    path = write(
        tmp_path / "huge.csv", row("OK1", "sohr", "exact", 5), row("HUGE", "sohr", "exact", value)
    )
    result = store.import_file(read_figure_file(path))
    assert result.stored == 0 and store.count() == 0
    [problem] = result.plan.problems
    assert (problem.line, problem.column, problem.value) == (3, "value", str(value))
    partial = store.import_file(read_figure_file(path), partial=True)
    assert partial.stored == 1 and list(store.figures()["figure_id"]) == ["OK1"]


def test_revise_past_the_maximum_is_refused(store: Store, tmp_path: Path) -> None:
    store.import_file(read_figure_file(write(tmp_path / "one.csv", row("R1", "sohr", "exact", 5))))
    with pytest.raises(RevisionError, match="10,000,000,000"):
        store.revise("R1", {"value": str(2**64 - 1)}, why="typo")
    store.revise("R1", {"value": str(MAX_COUNT)}, why="at the bound")
    assert int(store.figures()["value"].iloc[0]) == MAX_COUNT
