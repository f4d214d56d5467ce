"""A figure store whose cells are as awkward as a CSV writer meets: formula starts, commas,
quotes, line breaks, Arabic, empty optional cells, ranges, revisions and a retraction."""

from __future__ import annotations

import csv
import io

from sqlalchemy import update

from tests.dashboards.test_downloads import build_store
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store
from tracker.storage import tables

F = tables.figures
COLUMNS = [
    "figure_id", "reported_on", "source", "publisher", "url", "metric", "population",
    "location", "period_start", "period_end", "qualifier", "value", "value_high", "quote",
    "quote_lang", "notes",
]  # fmt: skip
ROWS = [
    ["A010", "2018-07-03", "sohr", "+972 Magazine", "", "killed", "children", "SY12",
     "2018-06-19", "2018-07-02", "at_least", "12", "", "قتل ما لا يقل عن 12 طفلاً", "ar",
     "=1+1"],
    ["A011", "2018-07-03", "snhr", "@reuters, Amman", "https://example.org/x?a=1,2", "injured",
     "all", "SY1200", "", "2018-07-03", "range", "50", "75", 'he said "about 60"', "en",
     "line one\nline two"],
    ["A012", "2018-07-04", "un-ocha", "Al-Hayat ＠", "", "displaced", "all", "SY",
     "2018-06-17", "2018-07-04", "approx", "270000", "", "", "", "-10% on last week"],
    ["A013", "2018-07-04", "sohr", "", "", "airstrikes", "all", "SY120000", "", "2018-07-04",
     "exact", "0", "", "", "", ""],
    ["A014", "2018-07-05", "unhcr", "UNHCR", "", "at_border", "all", "SY1200", "",
     "2018-07-05", "magnitude", "10000", "", "عشرات الآلاف، على الحدود", "ar", "'quoted'"],
]  # fmt: skip
RAW_CELLS = {  # stored as another writer might have stored them, past the importer
    "A012": {"notes": "\tindented, with a tab", "publisher": "\rcarriage return"},
    "A013": {"quote": "-٥٠ شخصاً", "notes": "\"=cmd|' /C calc'!A0\""},
}


def figure_file() -> io.StringIO:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(ROWS)
    buffer.seek(0)
    return buffer


def awkward_store(url: str, tmp_path) -> Store:
    """The download fixture (D001–D007) plus A010–A014; A014 is then retracted, A011 revised."""
    store = build_store(url)
    path = tmp_path / "awkward.csv"
    path.write_text(figure_file().getvalue(), encoding="utf-8")
    result = store.import_file(read_figure_file(path))
    assert result.plan.ok and result.stored == len(ROWS), result.plan
    with store.engine.begin() as conn:
        for figure_id, values in RAW_CELLS.items():
            conn.execute(update(F).where(F.c.figure_id == figure_id).values(**values))
    store.retract("A014", "withdrawn by the source")
    store.revise("A011", {"notes": 'revised, "twice"\r\nأخيراً'}, "typo")
    return store
