"""What a change moved, from the series whose bands it rewrote, equals what comparing its
whole components before and after says (tracker/storage/bandjournal.py), on both databases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from tests.helpers import write_figures
from tracker.cli.commands_figures import DEMO_FILE, SEED_FILE
from tracker.ingest.readers import FigureFile, read_figure_file
from tracker.service import consequences
from tracker.service.store import Store

NEW = {
    "figure_id": "P1", "metric": "killed", "population": "civilians", "value": "100",
    "qualifier": "approx", "source": "sohr", "location": "SY12",
    "reported_on": "2018-06-30", "period_start": "2018-06-19",
}  # fmt: skip


def _whole_and_noted(
    store: Store, figures: pd.DataFrame, change: Callable[[], object]
) -> tuple[consequences.Consequences, consequences.Consequences]:
    keys = consequences.components(store, figures)
    with store.connect() as conn:
        before = consequences.snapshot(conn, keys)
    with consequences.watching(store, figures) as found:
        change()
    with store.connect() as conn:
        whole = consequences.compare(before, consequences.snapshot(conn, keys))
    return whole, found[0]


def _same(whole: consequences.Consequences, noted: consequences.Consequences) -> None:
    assert noted.moves == whole.moves
    assert list(noted.raised["flag_id"]) == list(whole.raised["flag_id"])
    assert list(noted.cleared["flag_id"]) == list(whole.cleared["flag_id"])


def test_noted_headlines_equal_whole_components(store: Store, tmp_path: Path) -> None:
    for path in (SEED_FILE, DEMO_FILE):
        store.import_file(read_figure_file(path), why="demo")
    new = pd.DataFrame([NEW], dtype="string")
    file = read_figure_file(write_figures(tmp_path / "many.csv", 60, "M"))
    changes: list[tuple[Callable[[], pd.DataFrame], Callable[[], object]]] = [
        (lambda: new, lambda: store.import_file(FigureFile(new, Path("one.csv"), []))),
        (lambda: store.current("P1"), lambda: store.revise("P1", {"value": "126"}, "misread")),
        (lambda: store.current("R084"), lambda: store.revise("R084", {"value": "100000"}, "typo")),
        (lambda: store.current("R060"), lambda: store.retract("R060", "not OCHA's")),
        (lambda: file.table, lambda: store.import_file(file)),  # whole components rewritten
    ]
    moved = 0
    for figures, change in changes:
        whole, noted = _whole_and_noted(store, figures(), change)
        _same(whole, noted)
        moved += len(whole.moves)
    assert moved >= 4  # the changes did move headlines, stocks among them
