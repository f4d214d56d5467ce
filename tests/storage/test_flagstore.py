"""Stored flags always equal a full recomputation; explanations survive recomputation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tracker.domain.reconcile import compute
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store
from tracker.storage import flagstore
from tracker.storage.flagstore import context_for, recompute

DATA = Path(__file__).parents[2] / "data"
FIXTURES = Path(__file__).parents[1] / "fixtures"
COMPARED = ["flag_id", "rule", "severity", "figure_ids", "sources", "sentence_en", "sentence_ar"]


def full_flags(store: Store) -> pd.DataFrame:
    result = compute(store.figures(), context_for(store.vocab, store.settings))
    return result.flags[COMPARED].astype(str).reset_index(drop=True)


def stored_flags(store: Store) -> pd.DataFrame:
    return store.flags()[COMPARED].astype(str).reset_index(drop=True)


def test_incremental_equals_full_through_imports_revisions_and_retractions(store: Store) -> None:
    store.import_file(read_figure_file(DATA / "seed" / "figures.csv"))
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    pd.testing.assert_frame_equal(stored_flags(store), full_flags(store))
    assert len(stored_flags(store)) > 0
    store.revise("R120", {"value": "100"}, why="test: SNHR's toll within SOHR's")
    store.retract("R011", why="test: informal reports withdrawn")
    pd.testing.assert_frame_equal(stored_flags(store), full_flags(store))
    ids = set(stored_flags(store)["flag_id"])
    assert not any("R011" in f for f in stored_flags(store)["figure_ids"])
    assert "FL-divergence-268a41a6ef94" not in ids


def test_explained_flag_survives_recomputation_and_reimport(store: Store) -> None:
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    flag = "FL-divergence-268a41a6ef94"
    store.explain_flag(flag, "SNHR counts from 15 June, before the offensive began")
    with store.engine.begin() as conn:
        recompute(conn, store.vocab, store.settings, None)
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    row = store.flags().set_index("flag_id").loc[flag]
    assert row["status"] == "explained"
    assert row["note"] == "SNHR counts from 15 June, before the offensive began"


def test_demo_flags_read_as_an_analyst_would(store: Store) -> None:
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    flags = store.flags().set_index("flag_id")
    ocha_series = {"R037", "R038", "R039", "R058"}
    contradictions = flags[
        flags["rule"].isin(["containment", "regression", "hierarchy", "subgroup"])
    ]
    for figure_ids in contradictions["figure_ids"]:
        assert len(ocha_series & set(figure_ids.split(";"))) < 2, figure_ids
    tolls = flags.loc["FL-divergence-268a41a6ef94"]
    assert tolls["sentence_en"] == (
        "SNHR: at least 214 civilians killed in Dar'a (governorate), 15–30 June 2018. "
        "SOHR: about 126, "
        "19–30 June 2018. The windows nearly match, yet SNHR's lowest count is 1.5 times "
        "SOHR's highest (139)."
    )
    border = flags[(flags["rule"] == "divergence") & (flags["metric"] == "at_border")]
    assert set(border["sources"]) == {"unhcr;un"}
    # the returns SOHR reported between 5 and 8 July are named, and lower it (issue #16)
    assert set(border["severity"]) == {"moderate"}
    assert all("more than 28,000" in s for s in border["sentence_en"])


def test_an_import_recomputed_a_family_at_a_time_stores_the_flags_of_a_whole_run(
    store: Store, monkeypatch
) -> None:
    """A large import reconciles its components in batches of families, reading figures in
    small blocks, to bound its memory: what it stores is what one run over all gives."""
    monkeypatch.setattr(flagstore, "INCREMENTAL_LIMIT", 0)
    monkeypatch.setattr(flagstore, "BATCH_FIGURES", 1)
    monkeypatch.setattr(flagstore, "READ_ROWS", 7)
    batches: list[list[str]] = []
    whole = flagstore.recompute

    def counted(conn, vocab, settings, components):  # type: ignore[no-untyped-def]
        batches.append(components)
        return whole(conn, vocab, settings, components)

    monkeypatch.setattr(flagstore, "recompute", counted)
    store.import_file(read_figure_file(DATA / "seed" / "figures.csv"))
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    assert max(len(b) for b in batches) > 1  # a family of several components stays whole
    assert len(batches) > 2
    pd.testing.assert_frame_equal(stored_flags(store), full_flags(store))
    assert len(stored_flags(store)) > 0
