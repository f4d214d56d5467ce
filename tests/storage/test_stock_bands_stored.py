"""series.csv holds a stock's band only at the dates its claims give, on SQLite and PostgreSQL
(issue #16, build item 4): no rows between dates, and an "up to" claim beside another claim
keeps that claim's floor."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.helpers import HEADER
from tracker.ingest.readers import read_figure_file
from tracker.publish import download_pieces, parse_options
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"
QUNEITRA = (
    "Q1,2018-07-05,unhcr,Wire,https://example.org/q1,at_border,all,SY14,,2018-07-05,stock,"
    "daraa-2018,approx,60000,,persons,,,\n"
    "Q2,2018-07-08,un-ocha,Wire,https://example.org/q2,at_border,all,SY14,,2018-07-08,stock,"
    "daraa-2018,approx,58000,,persons,,,\n"
    "Q3,2018-07-08,wfp,Wire,https://example.org/q3,at_border,all,SY14,,2018-07-08,stock,"
    "daraa-2018,at_most,70000,,persons,,,\n"
)


def series_rows(store: Store, **query: str) -> list[dict[str, str]]:
    options = parse_options(query, store.vocab)
    body = b"".join(download_pieces(store, "series.csv", options)).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_series_csv_has_no_stock_rows_between_dates(store: Store, tmp_path: Path) -> None:
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    path = tmp_path / "quneitra.csv"
    path.write_text(HEADER + QUNEITRA, encoding="utf-8")
    store.import_file(read_figure_file(path))

    rows = series_rows(store, metric="at_border", location="SY14")
    assert [r["date"] for r in rows] == ["2018-07-05", "2018-07-08"]
    # WFP's "up to 70,000" on 8 July leaves OCHA's floor (about 58,000: 52,200) standing
    assert [r["low"] for r in rows] == ["54000", "52200"]
    assert rows[-1]["headline_qualifier"] == "approx"

    figures = store.figures()
    stock = figures[figures["measure"] == "stock"]
    dated = {
        (m, p, loc, d.strftime("%Y-%m-%d"))
        for m, p, loc, d in zip(
            stock["metric"], stock["population"], stock["location"], stock["period_end"],
            strict=True,
        )
    }  # fmt: skip
    bands = [r for r in series_rows(store) if r["measure"] == "stock"]
    assert bands
    for r in bands:
        assert (r["metric"], r["population"], r["location"], r["date"]) in dated, r
