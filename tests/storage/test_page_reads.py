"""The pages' narrow reads answer what the wide reads they replace answered: the map's newest
bands per place, and the flags of a place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tracker.domain.filters import Filters
from tracker.ingest.readers import read_figure_file
from tracker.service.pages.map import newest_per_place
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"
SHOWN = ["location", "date", "headline", "headline_qualifier", "measure", "component"]


@pytest.fixture
def demo(store: Store) -> Store:
    store.import_file(read_figure_file(DATA / "seed" / "figures.csv"))
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    return store


def scopes(store: Store) -> list[Filters]:
    bands = store.bands()
    out = [Filters()]
    for metric in sorted(set(bands["metric"])):
        out.append(Filters(metric=(metric,), population=("all",)))
        out.append(Filters(metric=(metric,), date_to=date(2018, 7, 1)))
    place = sorted(set(bands["location"]))[0]
    out.append(Filters(metric=(bands["metric"].iloc[0],), location=(place,)))
    return out


def shown(bands: pd.DataFrame) -> list[dict]:
    rows = newest_per_place(bands)
    return rows[SHOWN].astype(str).to_dict("records") if not rows.empty else []


def test_the_map_picks_each_places_newest_headline_from_the_narrow_read(demo: Store) -> None:
    checked = 0
    for filters in scopes(demo):
        assert shown(demo.newest_bands(filters)) == shown(demo.bands(filters)), filters
        checked += bool(shown(demo.bands(filters)))
    assert checked > 3


def test_the_flags_of_a_place_are_those_with_a_figure_there_or_below(demo: Store) -> None:
    flags = demo.flags()
    assert not flags.empty
    places = {code for code in demo.figures()["location"].dropna()}
    governorates = {
        demo.vocab.ancestors.at[c, "adm1"] for c in places if c in demo.vocab.ancestors.index
    }
    governorates.discard(None)
    tested = 0
    for code in sorted(c for c in governorates if isinstance(c, str)):
        there = set(demo.figures(Filters(location=(code,)))["figure_id"])
        expected = sorted(
            fid
            for fid, ids in zip(flags["flag_id"], flags["figure_ids"], strict=True)
            if set(ids.split(";")) & there
        )
        assert sorted(demo.flags(Filters(location=(code,)))["flag_id"]) == expected, code
        tested += bool(expected)
    assert tested >= 1


def flag_pairs(flags: pd.DataFrame, ids: set[str]) -> set[tuple[str, str]]:
    return {
        (fid, flag)
        for flag, joined in zip(flags["flag_id"], flags["figure_ids"], strict=True)
        for fid in str(joined).split(";")
        if fid in ids
    }


@pytest.mark.parametrize("chunk", [7, 900])
def test_the_flags_of_many_figures_are_found_whatever_the_chunks(
    demo: Store, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.storage.pages import overview, shared

    monkeypatch.setattr(shared, "CHUNK", chunk)
    ids = demo.figures()["figure_id"].astype(str).tolist()
    with demo.connect() as conn:
        found = shared.flags_of_figures(conn, ids)
        echoes = overview.echoes_of_figures(conn, ids)
    flags = demo.flags()
    assert set(zip(found["figure_id"], found["flag_id"], strict=True)) == flag_pairs(
        flags, set(ids)
    )
    assert len(found) == len(flag_pairs(flags, set(ids)))
    echo_flags = flags[flags["rule"] == "echo"]
    assert sorted(echoes["flag_id"]) == sorted(
        {flag for _, flag in flag_pairs(echo_flags, set(ids))}
    )
    assert not echoes.empty
