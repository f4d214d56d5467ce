"""Rows given without a figure_id (what `tracker extract` writes): a second import of the same
rows stores nothing new, on SQLite and PostgreSQL, published or proposed; a row that says
something else is stored."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tracker.domain.roles import Actor, Role
from tracker.ingest.readers import read_figure_file
from tracker.service.review import accept
from tracker.service.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
#: good_figures.csv's rows named by their claims (tracker.domain.identity)
EXPECTED_IDS = [
    "F4E5986ECED84E73F",
    "FEAAF9456B2799A32",
    "FA36B06D7DB8D48F2",
    "FA82BD48521ACD6A4",
    "FE8EABC2AE37EBB3C",
]


def without_ids(tmp_path: Path, name: str = "proposals.csv", **edits: str) -> Path:
    """good_figures.csv with its figure_id column left empty (and ``edits`` as
    'column=line:value' replacements, line 0 the first figure)."""
    table = pd.read_csv(FIXTURES / "good_figures.csv", dtype=str, keep_default_na=False)
    table["figure_id"] = ""
    for column, change in edits.items():
        line, value = change.split(":", 1)
        table.loc[int(line), column] = value
    path = tmp_path / name
    table.to_csv(path, index=False)
    return path


def stored_rows(store: Store) -> int:
    """Every revision stored, proposals included."""
    from sqlalchemy import func, select

    from tracker.storage.tables import figures

    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(figures)).scalar_one())


@pytest.mark.parametrize("propose", [False, True], ids=["published", "proposed"])
def test_second_import_without_ids_stores_nothing_new(
    store: Store, tmp_path: Path, propose: bool
) -> None:
    file = without_ids(tmp_path)
    first = store.import_file(read_figure_file(file), propose=propose)
    assert first.plan.ok and first.stored == 5
    again = store.import_file(read_figure_file(file), propose=propose)
    assert again.plan.ok and again.stored == 0 and again.plan.unchanged == 5
    assert stored_rows(store) == 5
    assert sorted(again.plan.unchanged_ids) == sorted(first.plan.new["figure_id"])


def test_a_row_that_differs_is_stored_and_the_rest_are_already_stored(
    store: Store, tmp_path: Path
) -> None:
    store.import_file(read_figure_file(without_ids(tmp_path)), propose=True)
    edited = without_ids(tmp_path, "edited.csv", value="0:127", publisher="1:Other Wire")
    result = store.import_file(read_figure_file(edited), propose=True)
    assert result.plan.ok and result.stored == 2 and result.plan.unchanged == 3
    assert stored_rows(store) == 7


def test_empty_optional_cells_and_their_defaults_are_the_same_claim(
    store: Store, tmp_path: Path
) -> None:
    """good_figures.csv line 2 leaves measure and unit to the metric's defaults."""
    store.import_file(read_figure_file(without_ids(tmp_path)))
    spelt = without_ids(tmp_path, "spelt.csv", measure="1:flow", unit="1:persons")
    result = store.import_file(read_figure_file(spelt))
    assert result.stored == 0 and result.plan.unchanged == 5


def test_other_words_for_the_same_claim_are_refused_with_a_pointer_to_revise(
    store: Store, tmp_path: Path
) -> None:
    first = store.import_file(read_figure_file(without_ids(tmp_path)))
    fid = first.plan.new["figure_id"].iloc[0]
    noted = without_ids(tmp_path, "noted.csv", notes="0:checked against the SOHR site")
    result = store.import_file(read_figure_file(noted))
    assert result.stored == 0 and result.plan.unchanged == 4
    [problem] = result.plan.problems
    assert problem.line == 2 and problem.column == "figure_id" and problem.value == ""
    assert f"is figure {fid} (the same claim, already stored)" in problem.message
    assert "notes: fixture → checked against the SOHR site" in problem.message
    assert f"tracker revise {fid}" in problem.message


def test_a_file_saying_the_same_twice_keeps_both_rows_once(store: Store, tmp_path: Path) -> None:
    table = pd.read_csv(FIXTURES / "good_figures.csv", dtype=str, keep_default_na=False)
    table["figure_id"] = ""
    path = tmp_path / "twice.csv"
    pd.concat([table, table.iloc[[0]]]).to_csv(path, index=False)
    first = store.import_file(read_figure_file(path))
    assert first.stored == 6 and first.plan.new["figure_id"].is_unique
    again = store.import_file(read_figure_file(path))
    assert again.stored == 0 and again.plan.unchanged == 6


def test_an_accepted_proposal_imported_again_is_already_stored(
    store: Store, tmp_path: Path
) -> None:
    file = without_ids(tmp_path)
    analyst = Actor("analyst", Role.ANALYST)
    first = store.import_file(read_figure_file(file), propose=True, actor=analyst)
    accept(store, Actor("reviewer", Role.REVIEWER), str(first.plan.new["figure_id"].iloc[0]))
    again = store.import_file(read_figure_file(file), propose=True, actor=analyst)
    assert again.stored == 0 and again.plan.unchanged == 5
    assert len(store.figures()) == 1


def test_the_id_of_a_claim_does_not_change_between_databases_or_releases(
    store: Store, tmp_path: Path
) -> None:
    """The id comes from the row alone, not from the database, the clock or the machine: a
    release that named the same row otherwise would store every such figure again."""
    result = store.import_file(read_figure_file(without_ids(tmp_path)))
    assert list(result.plan.new["figure_id"]) == EXPECTED_IDS
