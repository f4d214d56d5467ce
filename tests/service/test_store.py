"""The store on SQLite and on a real PostgreSQL server: round trip, idempotence, revisions."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tracker.domain.revisions import RevisionError
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.readers import read_figure_file
from tracker.publish import DownloadOptions, download_pieces
from tracker.service.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"


def export_frame(store: Store) -> pd.DataFrame:
    text = b"".join(download_pieces(store, "figures.csv", DownloadOptions())).decode()
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_import_then_export_gives_back_every_given_column(store: Store) -> None:
    given = pd.read_csv(FIXTURES / "good_figures.csv", dtype=str, keep_default_na=False)
    result = store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    assert result.plan.ok and result.stored == 5
    exported = export_frame(store).set_index("figure_id")
    for _, row in given.iterrows():
        for column in CANONICAL_COLUMNS:
            if row[column] != "" and column != "figure_id":
                assert exported.at[row["figure_id"], column] == row[column], column


def test_defaults_are_visible_and_intervals_derived(store: Store) -> None:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    figures = store.figures().set_index("figure_id")
    t3 = figures.loc["T003"]
    assert t3["population"] == "all" and t3["measure"] == "flow" and t3["unit"] == "persons"
    assert t3["defaults_applied"] == "population;measure;unit"
    assert (figures.loc["T001", "low"], figures.loc["T001", "high"]) == (113, 139)
    assert figures.loc["T002", "high"] == float("inf")
    assert (figures.loc["T005", "low"], figures.loc["T005", "high"]) == (2000, 9999)
    # 768 households × 5 persons, about: [691, 845] households → [3455, 4225] persons
    assert (figures.loc["T004", "low"], figures.loc["T004", "high"]) == (3455, 4225)
    assert "households → persons × 5" in figures.loc["T004", "interval_rule"]


def test_reimport_is_idempotent_and_conflicts_point_to_revise(store: Store, tmp_path: Path) -> None:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    again = store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    assert again.stored == 0 and again.plan.unchanged == 5
    changed = tmp_path / "changed.csv"
    changed.write_text(
        (FIXTURES / "good_figures.csv").read_text().replace(",approx,126,", ",approx,130,")
    )
    result = store.import_file(read_figure_file(changed))
    assert result.stored == 0
    assert [str(p) for p in result.plan.problems] == [
        "line 2, column figure_id, value 'T001': figure T001 is already stored with other "
        "values (value: 126 → 130); a stored figure is never overwritten: use `tracker revise "
        "T001 --set COLUMN=VALUE --why TEXT` to change it"
    ]
    assert store.count() == 5


def test_all_or_nothing_and_partial(store: Store) -> None:
    bad = read_figure_file(FIXTURES / "bad_figures.csv")
    assert store.import_file(bad).stored == 0
    assert store.count() == 0
    result = store.import_file(bad, partial=True)
    assert result.stored == 2
    assert sorted(store.figures()["figure_id"]) == ["B01", "B15"]


def test_revise_retract_history(store: Store) -> None:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    store.revise("T001", {"value": "130"}, why="SOHR corrected its toll")
    store.retract("T002", why="duplicate of another report")
    current = store.figures().set_index("figure_id")
    assert current.loc["T001", "value"] == 130 and current.loc["T001", "revision"] == 2
    assert (current.loc["T001", "low"], current.loc["T001", "high"]) == (117, 143)
    assert "T002" not in current.index
    history = store.history("T001")
    assert history["revision"].tolist() == [1, 2]
    assert history["value"].tolist() == [126, 130]
    assert history["current"].tolist() == [False, True]
    assert history["why"].iloc[1] == "SOHR corrected its toll"
    assert store.history("T002")["status"].tolist() == ["active", "retracted"]
    with_retracted = store.figures(include_retracted=True).set_index("figure_id")
    assert with_retracted.loc["T002", "status"] == "retracted"


def test_revision_is_validated_like_any_figure(store: Store) -> None:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    with pytest.raises(RevisionError, match="period_end is after reported_on"):
        store.revise("T001", {"period_end": "2018-07-05"}, why="x")
    with pytest.raises(RevisionError, match="changes nothing"):
        store.revise("T001", {"value": "126"}, why="x")
    with pytest.raises(RevisionError, match="no figure with id 'NOPE'"):
        store.revise("NOPE", {"value": "1"}, why="x")
    assert store.history("T001")["revision"].tolist() == [1]


def test_revising_reported_on_moves_a_defaulted_period_end(store: Store) -> None:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    store.revise("T005", {"reported_on": "2018-06-30"}, why="article dated a day later")
    t5 = store.figures().set_index("figure_id").loc["T005"]
    assert str(t5["period_end"].date()) == "2018-06-30"


def test_location_filter_includes_children(store: Store) -> None:
    from tracker.domain.filters import parse_filters

    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    in_daraa = store.figures(parse_filters({"location": "SY12"}, store.vocab))
    assert sorted(in_daraa["figure_id"]) == ["T001", "T002", "T004", "T005"]
