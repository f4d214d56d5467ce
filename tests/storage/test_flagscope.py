"""A change recomputes only what it can alter, and the stored flags and bands stay exactly what
a full recomputation stores: same flag ids, figures, sentences, exclusions and bands."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from tracker.domain.revisions import RevisionError
from tracker.ingest.readers import FigureFile
from tracker.service.store import Store
from tracker.storage import flagscope, flagstore, tables
from tracker.synth import register_synthetic_sources, synthesise

#: What is compared of each stored table (computed_at is the time of writing).
STORED = {
    "flags": [c.name for c in tables.flags.columns if c.name != "computed_at"],
    "flag_figures": [c.name for c in tables.flag_figures.columns],
    "bands": [c.name for c in tables.bands.columns],
    "band_exclusions": [c.name for c in tables.band_exclusions.columns],
}


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    """Every stored flag, link, band and exclusion, in a canonical order."""
    with store.engine.connect() as conn:
        return _read(conn)


def _read(conn) -> dict[str, pd.DataFrame]:
    out = {}
    for name, columns in STORED.items():
        table = tables.metadata.tables[name]
        rows = conn.execute(select(*[table.c[c] for c in columns])).fetchall()
        frame = pd.DataFrame(rows, columns=columns).astype(str)
        out[name] = frame.sort_values(columns).reset_index(drop=True)
    return out


def full_snapshot(store: Store) -> dict[str, pd.DataFrame]:
    """What a recomputation of everything stores (rolled back afterwards)."""
    with store.engine.connect() as conn:
        tx = conn.begin()
        try:
            flagstore.clear_all(conn)
            flagstore.recompute(conn, store.vocab, store.settings, None)
            return _read(conn)
        finally:
            tx.rollback()


def assert_stored_is_full(store: Store, step: str) -> None:
    stored, full = snapshot(store), full_snapshot(store)
    for name in STORED:
        pd.testing.assert_frame_equal(stored[name], full[name], obj=f"{name} after {step}")


def import_rows(store: Store, rows: pd.DataFrame, name: str) -> None:
    result = store.import_file(FigureFile(rows.reset_index(drop=True), Path(f"{name}.csv")))
    assert result.stored == len(rows), result.plan.problems[:3]


@pytest.fixture
def synthetic_store(store: Store) -> Iterator[Store]:
    """A store that knows the synthetic sources."""
    register_synthetic_sources(store)
    store.__dict__.pop("vocab", None)
    yield store


def _revision(rng: np.random.Generator, row: pd.Series, figures: pd.DataFrame) -> dict[str, str]:
    """A change that moves a figure across its neighbours' counts, places or groups."""
    kind = rng.integers(5)
    if kind == 0:
        return {"value": str(int(row["value"]) * int(rng.choice([10, 50])) + 1)}
    if kind == 1:
        return {"value": str(max(int(row["value"]) // 20, 0))}
    if kind == 2:
        same = figures.loc[
            (figures["metric"] == row["metric"]) & (figures["value"] >= 100), "value"
        ]
        if len(same):
            return {"value": str(int(same.iloc[int(rng.integers(len(same)))]))}
    if kind == 3 and row["population"] != "all":
        return {"population": "all"}
    return {"qualifier": str(rng.choice(["at_least", "approx", "at_most", "exact"]))}


@pytest.mark.slow
def test_single_changes_on_synthetic_figures_store_what_a_full_run_stores(
    synthetic_store: Store,
) -> None:
    store = synthetic_store
    figures = synthesise(1500, 3, store.vocab).figures.replace("", pd.NA)
    base, later = figures.iloc[:1380], figures.iloc[1380:]
    import_rows(store, base, "base")
    assert_stored_is_full(store, "the first import")
    rng = np.random.default_rng(7)
    for k, (_, row) in enumerate(later.iloc[:12].iterrows()):
        import_rows(store, row.to_frame().T, f"one-{k}")
        assert_stored_is_full(store, f"adding {row['figure_id']}")
    stored = store.figures()
    stored = stored[~stored["qualifier"].isin(["range", "magnitude"])]
    for k in range(14):
        row = stored.iloc[int(rng.integers(len(stored)))]
        try:
            if k % 4 == 3:
                store.retract(row["figure_id"], why="test")
                step = f"retracting {row['figure_id']}"
            else:
                changes = _revision(rng, row, stored)
                store.revise(row["figure_id"], changes, why="test")
                step = f"revising {row['figure_id']} {changes}"
        except RevisionError:
            continue
        assert_stored_is_full(store, step)
    assert len(snapshot(store)["flags"]) > 5


# -- hand-made neighbourhoods: each step moves a claim across a rule's extreme counterpart ----


def figure(fid: str, location: str, start: str | None, end: str, qualifier: str, value: int,
           source: str = "sohr", population: str = "civilians", metric: str = "killed",
           measure: str = "flow", reported: str | None = None, publisher: str = "Wire",
           episode: str | None = None) -> dict[str, object]:  # fmt: skip
    """One canonical row (June/July 2018 dates given as MM-DD)."""
    return {
        "figure_id": fid, "reported_on": f"2018-{reported or end}", "source": source,
        "publisher": publisher, "metric": metric, "population": population,
        "location": location, "period_start": f"2018-{start}" if start else pd.NA,
        "period_end": f"2018-{end}", "measure": measure, "episode": episode or pd.NA,
        "qualifier": qualifier, "value": str(value),
    }  # fmt: skip


def run(store: Store, steps: list[tuple]) -> set[str]:
    """Apply each step (add rows, revise, retract), checking the stored state after each; the
    rules of the flags finally stored."""
    for k, step in enumerate(steps):
        if step[0] == "add":
            rows = pd.DataFrame(step[1:], dtype="string")
            import_rows(store, rows, f"step-{k}")
        elif step[0] == "revise":
            store.revise(step[1], step[2], why="test")
        else:
            store.retract(step[1], why="test")
        assert_stored_is_full(store, f"step {k}: {step[0]} {step[1]}")
    return set(snapshot(store)["flags"]["rule"])


def test_a_new_largest_part_takes_over_the_hierarchy_flag(store: Store) -> None:
    rules = run(store, [
        ("add", figure("G", "SY12", "06-01", "06-10", "approx", 100, source="un-ocha")),
        ("add", figure("A", "C5993", "06-01", "06-05", "at_least", 150)),
        ("add", figure("B", "C5994", "06-02", "06-06", "at_least", 200, source="snhr")),
        ("add", figure("A2", "C5993", "06-01", "06-05", "at_least", 150, publisher="Other")),
        ("retract", "B"),
        ("revise", "A", {"value": "50"}),
        ("retract", "G"),
    ])  # fmt: skip
    assert rules <= {"hierarchy", "divergence", "containment"}


def test_losing_the_smallest_container_moves_the_flag_to_the_next(store: Store) -> None:
    steps = [
        ("add", figure("G1", "SY12", "06-01", "06-08", "approx", 100, source="un-ocha"),
                figure("G2", "SY12", "06-01", "06-10", "exact", 120, source="unhcr")),
        ("add", figure("A", "C5993", "06-02", "06-05", "at_least", 150)),
        ("retract", "G1"),
    ]  # fmt: skip
    assert "hierarchy" in run(store, steps)


def test_a_retracted_largest_part_uncovers_the_next_part(store: Store) -> None:
    steps = [
        ("add", figure("B", "SY1200", "06-01", "06-20", "exact", 100, source="un-ocha"),
                figure("B2", "SY1200", "06-05", "06-10", "exact", 80, source="unhcr")),
        ("add", figure("A2", "C5994", "06-02", "06-04", "at_least", 120, source="snhr")),
        ("add", figure("F", "C5993", "06-06", "06-09", "at_least", 150)),
        ("retract", "F"),
        ("revise", "B2", {"value": "200"}),
    ]  # fmt: skip
    assert "hierarchy" in run(store, steps)


def test_sums_of_parts_follow_each_part(store: Store) -> None:
    steps = [
        ("add", figure("W", "SY12", "06-01", "06-10", "exact", 100, source="un-ocha")),
        ("add", figure("P1", "C5993", "06-01", "06-10", "at_least", 60)),
        ("add", figure("P2", "C5994", "06-01", "06-10", "at_least", 60, source="snhr")),
        ("add", figure("P3", "SY1202", "06-01", "06-10", "at_least", 10, source="unhcr")),
        ("retract", "P1"),
        ("revise", "P2", {"value": "95"}),
    ]  # fmt: skip
    assert "hierarchy" in run(store, steps)


def test_subgroups_and_their_supersets(store: Store) -> None:
    steps = [
        ("add", figure("CIV", "C5993", "06-01", "06-10", "approx", 50, source="un-ocha"),
                figure("ALL", "C5993", "06-01", "06-10", "exact", 60, source="unhcr",
                       population="all")),
        ("add", figure("CH1", "C5993", "06-02", "06-05", "at_least", 80, population="children")),
        ("add", figure("CH2", "C5993", "06-03", "06-04", "at_least", 90, source="snhr",
                       population="children")),
        ("retract", "CH2"),
        ("revise", "CIV", {"value": "500"}),
    ]  # fmt: skip
    assert "subgroup" in run(store, steps)


def test_subgroups_in_child_places_over_wider_windows(store: Store) -> None:
    """DESIGN §6: the product order's mixed cases, added, revised and retracted one by one."""
    steps = [
        ("add", figure("ALL", "SY12", "06-01", "06-20", "exact", 100, source="un-ocha",
                       population="all")),
        ("add", figure("CH", "C5993", "06-02", "06-10", "at_least", 150, population="children")),
        ("add", figure("CIV", "SY1200", "06-01", "06-12", "exact", 120, source="unhcr")),
        ("add", figure("CH2", "C5994", "06-03", "06-09", "at_least", 200, source="snhr",
                       population="children")),
        ("retract", "CH2"),
        ("revise", "ALL", {"value": "90"}),
        ("retract", "ALL"),
        ("revise", "CIV", {"value": "500"}),
        ("revise", "CIV", {"value": "130"}),
    ]  # fmt: skip
    assert "hierarchy" in run(store, steps)


def test_an_echo_elsewhere_changes_that_places_band(store: Store) -> None:
    steps = [
        ("add", figure("E1", "C5993", "06-01", "06-10", "exact", 1000, source="unattributed",
                       reported="06-11")),
        ("add", figure("E0", "SY12", "06-01", "06-10", "exact", 1000, source="un-ocha")),
        ("retract", "E0"),
        ("add", figure("E2", "SY1200", "06-02", "06-10", "exact", 1000, source="unhcr")),
        ("revise", "E2", {"value": "1001"}),
    ]  # fmt: skip
    run(store, steps)


def test_assumed_starts_and_stocks(store: Store) -> None:
    steps = [
        ("add", figure("G", "SY12", None, "06-25", "approx", 100, source="un-ocha",
                       episode="daraa-2018")),
        ("add", figure("A", "C5993", "06-20", "06-22", "at_least", 150)),
        ("add", figure("S1", "SY12", None, "06-10", "exact", 1000, metric="idps",
                       population="all", measure="stock", source="un-ocha")),
        ("add", figure("S2", "C5993", None, "06-10", "at_least", 1500, metric="idps",
                       population="all", measure="stock")),
        ("add", figure("S3", "C5994", None, "06-10", "at_least", 2000, metric="idps",
                       population="all", measure="stock", source="snhr")),
        ("retract", "S3"),
        ("retract", "G"),
    ]  # fmt: skip
    assert "hierarchy" in run(store, steps)


def test_flows_between_a_stock_divergence_follow_every_change(store: Store) -> None:
    """Issue #16: a return reported between two stock dates joins (and lowers) the stock's
    divergence whether the flow, a stock or a place below them changes; each step stores what a
    full run stores."""
    border = {"metric": "at_border", "population": "all", "measure": "stock"}
    steps = [
        ("add", figure("S1", "SY12", None, "07-05", "approx", 60000, source="unhcr", **border)),
        ("add", figure("S2", "SY12", None, "07-08", "range", 150, source="un", **border)
                | {"value_high": "200"}),
        ("add", figure("R1", "C5993", "06-19", "07-07", "more_than", 20000, metric="returned",
                       population="all", reported="07-12")),
        ("add", figure("R2", "SY12", "06-19", "07-08", "more_than", 28000, metric="returned",
                       population="all", source="snhr")),
        ("revise", "R1", {"period_end": "2018-07-10"}),
        ("retract", "R2"),
        ("add", figure("S3", "SY12", None, "07-07", "approx", 59000, source="un-ocha",
                       **border)),
        ("revise", "R1", {"period_end": "2018-07-06"}),
    ]  # fmt: skip
    assert "divergence" in run(store, steps)
    flags = snapshot(store)["flags"]
    border = flags[flags["rule"] == "divergence"]
    assert list(zip(border["figure_ids"], border["severity"], strict=True)) == [
        ("S1;S2", "moderate")
    ]
    assert (
        "more than 20,000 people returned home in Dar'a (community)" in border["sentence_en"].iat[0]
    )


def test_an_owned_part_is_checked_against_its_containers_largest_part(store: Store) -> None:
    steps = [
        ("add", figure("G", "SY12", "06-01", "06-20", "exact", 120, source="un-ocha"),
                figure("D", "SY1202", "06-02", "06-03", "at_least", 300, source="snhr"),
                figure("C", "C5993", "06-05", "06-06", "at_least", 150)),
        ("add", figure("W", "SY1200", "06-01", "06-10", "exact", 100, source="unhcr")),
        ("retract", "W"),
    ]  # fmt: skip
    assert "hierarchy" in run(store, steps)


def test_an_owned_whole_is_checked_against_its_parts_smallest_container(store: Store) -> None:
    steps = [
        ("add", figure("B2", "SY12", "06-01", "06-08", "exact", 90, source="un-ocha"),
                figure("B", "SY12", "06-01", "06-10", "exact", 100, source="unhcr"),
                figure("C", "C5994", "06-02", "06-04", "at_least", 150, source="snhr")),
        ("add", figure("F", "C5993", "06-06", "06-09", "at_least", 120)),
        ("retract", "F"),
    ]  # fmt: skip
    assert "hierarchy" in run(store, steps)


def test_a_scope_too_large_recomputes_the_components(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flagscope, "MAX_ROWS", 1)
    steps = [
        ("add", figure("G", "SY12", "06-01", "06-10", "approx", 100, source="un-ocha")),
        ("add", figure("A", "C5993", "06-01", "06-05", "at_least", 150)),
        ("retract", "G"),
    ]  # fmt: skip
    run(store, steps)


ONE_BY_ONE = """
import sys
from pathlib import Path
from tracker.ingest.readers import FigureFile, read_figure_file
from tracker.service.store import Store
store = Store(sys.argv[1])
table = read_figure_file(sys.argv[2]).table
for i in range(len(table)):
    store.import_file(FigureFile(table.iloc[[i]].reset_index(drop=True), Path("one.csv")))
"""


def _crowded_rows(prefix: str, n: int) -> pd.DataFrame:
    """Figures of one count crowding the same places, values and days: echoes, parts above
    their wholes, disagreeing sources."""
    places = ("SY12", "SY1200", "C5993", "C5994", "SY120000")
    sources = ("sohr", "snhr", "un-ocha", "unhcr")
    qualifiers = ("exact", "at_least", "approx")
    rows = [
        figure(
            f"{prefix}{i}", places[i % 5], "06-01", f"06-{10 + i % 3}", qualifiers[i % 3],
            100 + (i * 7) % 5, source=sources[(i + len(prefix)) % 4], reported=f"06-{12 + i % 2}",
        )
        for i in range(n)
    ]  # fmt: skip
    return pd.DataFrame(rows, dtype="string")


@pytest.mark.slow
def test_two_processes_adding_figures_one_by_one(store: Store, db_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "TRACKER_NO_PROGRESS": "1"}
    files = []
    for prefix in ("A", "BB"):
        path = tmp_path / f"{prefix}.csv"
        _crowded_rows(prefix, 12).to_csv(path, index=False)
        files.append(path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ONE_BY_ONE, db_url, str(path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    outcomes = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outcomes
    assert store.count() == 24
    assert_stored_is_full(store, "two processes adding figures one by one")
    assert {"echo", "hierarchy"} <= set(snapshot(store)["flags"]["rule"])
