"""Cards, flag cards, source rows, a figure's history, the download catalogue, place search."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.filters import Filters
from tracker.publish import catalogue
from tracker.views.data import catalogue_entries, download_url, search_places
from tracker.views.overview import build_card, pick_band_row
from tracker.views.tables import flag_card, history_rows, pct, source_rows


def test_history_lists_what_changed_between_revisions():
    revisions = pd.DataFrame(
        [
            {
                "revision": 1,
                "current": False,
                "status": "active",
                "value": 126,
                "publisher": "a",
                "entered_at": pd.Timestamp("2026-01-01 10:00"),
                "entered_by": "amal",
                "why": "import",
            },
            {
                "revision": 2,
                "current": False,
                "status": "active",
                "value": 128,
                "publisher": "a",
                "entered_at": pd.Timestamp("2026-01-02 10:00"),
                "entered_by": "omar",
                "why": "typo",
            },
            {
                "revision": 3,
                "current": True,
                "status": "retracted",
                "value": 128,
                "publisher": "a",
                "entered_at": pd.Timestamp("2026-01-03 10:00"),
                "entered_by": "omar",
                "why": "dup",
            },
        ]
    )
    rows = history_rows(revisions)
    assert rows[0]["changes"] == []
    assert rows[1]["changes"] == [{"column": "value", "old": "126", "new": "128"}]
    assert rows[2]["changes"] == [{"column": "status", "old": "active", "new": "retracted"}]
    assert rows[2]["current"] and rows[1]["entered_by"] == "omar"


def test_flag_card_in_the_page_language(vocab):
    flag = {
        "flag_id": "F1",
        "rule": "divergence",
        "severity": "major",
        "status": "open",
        "note": "",
        "sentence_en": "English sentence",
        "sentence_ar": "جملة عربية",
        "metric": "killed",
        "population": "civilians",
        "location": "SY12",
        "figure_ids": "B;A;GONE",
        "ratio": 1.54,
    }
    figures = pd.DataFrame(
        [
            {
                "figure_id": fid,
                "revision": 1,
                "reported_on": pd.Timestamp("2018-07-01"),
                "source": src,
                "publisher": "p",
                "url": "https://x.org",
                "metric": "killed",
                "population": "civilians",
                "location": "SY12",
                "period_start": pd.Timestamp("2018-06-19"),
                "period_end": pd.Timestamp("2018-06-30"),
                "measure": "flow",
                "qualifier": "at_least",
                "value": v,
                "value_high": pd.NA,
                "unit": "persons",
                "low": v,
                "high": np.inf,
                "interval_rule": "at_least: [v, ∞)",
                "notes": None,
            }
            for fid, src, v in (("A", "sohr", 126), ("B", "snhr", 214))
        ]
    )
    card = flag_card(flag, figures, vocab, "en")
    assert card["sentence"] == "English sentence"
    assert [f["figure_id"] for f in card["figures"]] == ["B", "A"]  # the flag's order
    assert card["missing_figures"] == ["GONE"]
    assert card["trend_params"] == {
        "metric": "killed",
        "population": "civilians",
        "location": "SY12",
        "flag": "F1",
    }
    assert card["severity_label"] == "Major" and card["rule_label"] == "Divergence between sources"
    arabic = flag_card(flag, figures, vocab, "ar")
    assert arabic["sentence"] == "جملة عربية" and arabic["severity_label"] == "كبيرة"
    no_arabic = flag_card({**flag, "sentence_ar": ""}, figures, vocab, "ar")
    assert no_arabic["sentence"] == "English sentence"


def test_source_rows_cover_the_registry(vocab):
    stats = pd.DataFrame(
        {
            "source": ["sohr", "snhr"],
            "n_figures": [20, 4],
            "newest_report": pd.to_datetime(["2018-07-08", "2018-07-01"]),
            "n_flagged": [2, 1],
            "n_contradicted": [1, 1],
        }
    )
    rows = source_rows(stats, vocab, "en")
    assert [r["source"] for r in rows[:2]] == ["sohr", "snhr"]
    assert len(rows) == len(vocab.sources)
    assert rows[1]["share_flagged"] == 0.25 and pct(0.25, "en") == "25%"
    unused = rows[-1]
    assert unused["n_figures"] == 0 and unused["share_flagged"] is None
    assert pct(None, "en") == "—"


def test_card_from_series_claims_and_band(vocab):
    summary = pd.DataFrame(
        {
            "metric": ["killed", "killed"],
            "population": ["civilians", "all"],
            "location": ["SY12", "SY12"],
            "measure": ["flow", "flow"],
            "n_claims": [2, 1],
            "n_sources": [2, 1],
            "newest_report": pd.to_datetime(["2018-07-01", "2018-06-28"]),
            "last_end": pd.to_datetime(["2018-06-30", "2018-06-28"]),
        }
    )
    claims = pd.DataFrame(
        {
            "figure_id": ["A", "B"],
            "source": ["sohr", "snhr"],
            "qualifier": ["approx", "at_least"],
            "value": [126, 214],
            "value_high": pd.array([pd.NA, pd.NA], dtype="Int64"),
            "unit": ["persons", "persons"],
            "low": [113, 214],
            "high": [139, np.inf],
            "period_start": pd.to_datetime(["2018-06-19", "2018-06-19"]),
            "period_end": pd.to_datetime(["2018-06-30", "2018-06-30"]),
            "reported_on": pd.to_datetime(["2018-06-30", "2018-07-01"]),
            "measure": ["flow", "flow"],
            "episode": ["daraa-2018", "daraa-2018"],
            "household_size": [None, None],
        }
    )
    band = pd.DataFrame(
        {
            "window_start": pd.to_datetime(["2018-06-19"]),
            "window_start_assumed": [False],
            "measure": ["flow"],
            "date": pd.to_datetime(["2018-06-30"]),
            "low": [113.0],
            "high": [np.nan],
            "headline": [126.0],
            "n_claims": [2],
            "headline_qualifier": ["approx"],
            "contested": [True],
        }
    )
    flags = pd.DataFrame(
        {
            "metric": ["killed", "killed", "killed"],
            "severity": ["moderate", "info", "major"],
            "status": ["open", "open", "explained"],
            "n": [1, 2, 5],
        }
    )
    card = build_card(
        "killed",
        summary,
        claims,
        band,
        [["sohr", "snhr"]],
        flags,
        Filters(population=("civilians",)),
        vocab,
    )
    assert (card.population, card.location) == ("civilians", "SY12")
    assert card.headline == 126 and card.headline_high == np.inf and card.contested
    assert card.headline_qualifier == "approx"
    assert card.range == {"low": 126.0, "high": 214.0, "open_ended": True, "n_sources": 2}
    assert card.n_sources == 2 and card.n_independent == 1  # an echo joins them
    assert card.open_flags == 3 and card.open_by_severity == {"moderate": 1, "info": 2}
    assert card.trend_params == {"metric": "killed", "population": "civilians", "location": "SY12"}
    assert pick_band_row(band.iloc[0:0]) is None


#: The download URLs of DESIGN.md §4.
DESIGN_DOWNLOADS = {
    "/download/figures.csv",
    "/download/series.csv",
    "/download/flags.csv",
    "/download/sources.csv",
    "/download/datapackage.json",
}


def test_catalogue_entries_carry_only_the_parameters_a_download_accepts(vocab):
    entries = {
        e["path"]: e
        for e in catalogue_entries(
            Filters(metric=("killed",), source=("sohr",)),
            "ar",
            catalogue(vocab, base_url="http://h"),
            "http://h",
        )
    }
    assert (
        entries["/download/figures.csv"]["url"]
        == "http://h/download/figures.csv?metric=killed&source=sohr&lang=ar&excel=1"
    )
    assert "source=" not in entries["/download/series.csv"]["url"]  # series has no source
    assert entries["/download/figures.csv"]["example_hxl"].endswith("&hxl=1")
    # Arabic pages link downloads for Excel (issue #12): the byte-order mark shows the Arabic.
    assert (
        download_url("/download/flags.csv", Filters(), "ar", rule="echo")
        == "/download/flags.csv?rule=echo&lang=ar&excel=1"
    )
    assert all(e["title"] for e in entries.values())
    assert (
        download_url("/download/flags.csv", Filters(location=("SY12",)), "ar")
        == "/download/flags.csv?location=SY12&lang=ar&excel=1"
    )
    assert set(entries) >= DESIGN_DOWNLOADS


def test_place_search(vocab):
    assert search_places(vocab, "daraa")[0] == "SY12"
    assert search_places(vocab, "Dar'a")[0] == "SY12"
    assert search_places(vocab, "درعا")[0] == "SY12"
    assert search_places(vocab, "sy12")[0] == "SY12"
    assert search_places(vocab, "xqjw") == []
    start = search_places(vocab, "", prefer=["C6044"])
    assert start[0] == "SY" and "C6044" in start
