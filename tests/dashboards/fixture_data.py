# ruff: noqa: E501  -- a table of sentences: long lines read better than split ones
"""A dashboard fixture database: the seed and demo figures, one revision, one hostile figure,
and hand-written flags and bands (ids starting "T-") so that every page has something to
show whether or not the reconciliation engine has run.

Run as a script to build one for a manual look: ``python -m tests.dashboards.fixture_data PATH``.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path

from tracker.ingest.readers import read_figure_file
from tracker.ingest.reference import DATA_DIR
from tracker.service.store import Store
from tracker.storage import tables

HOSTILE = (
    "figure_id,reported_on,source,publisher,url,metric,population,location,period_start,"
    "period_end,measure,episode,qualifier,value,value_high,unit,quote,quote_lang,notes\n"
    "X001,2018-07-02,snhr,<img src=x onerror=alert(1)>,https://example.org/x001,killed,"
    "civilians,C6044,2018-07-01,2018-07-01,flow,daraa-2018,exact,3,,persons,,,"
    "\"<script>alert('notes')</script>\"\n"
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

FLAGS = [
    {
        "flag_id": "T-div-killed",
        "rule": "divergence",
        "severity": "moderate",
        "metric": "killed",
        "population": "civilians",
        "location": "SY12",
        "figure_ids": "R120;R046",
        "sources": "snhr;sohr",
        "ratio": 1.54,
        "sentence_en": "SNHR: at least 214 civilians killed in Dar'a, 15–30 June. SOHR: about 126, "
        "19–30 June. The windows nearly match, yet SNHR's lowest count is 1.5 times SOHR's "
        "highest (139).",
        "sentence_ar": "الشبكة السورية: 214 قتيلاً مدنياً على الأقل في درعا، 15–30 حزيران. المرصد "
        "السوري: نحو 126، 19–30 حزيران. الفترتان متطابقتان تقريباً، لكن أدنى عدد لدى الشبكة "
        "السورية يساوي 1.5 ضعف أعلى عدد لدى المرصد السوري (139).",
    },
    {
        "flag_id": "T-div-border",
        "rule": "divergence",
        "severity": "major",
        "metric": "at_border",
        "population": "all",
        "location": "SY12",
        "figure_ids": "R072;R065",
        "sources": "un;unhcr",
        "ratio": 270.0,
        "sentence_en": "UN: between 150 and 200 displaced at the border in Dar'a, as of 8 July. "
        "UNHCR: about 60,000, as of 5 July. The dates are 3 days apart, yet UNHCR's lowest count "
        "is 270 times the UN's highest (200).",
        "sentence_ar": "الأمم المتحدة: بين 150 و200 نازح عند الحدود في درعا، كما في 8 تموز. "
        "المفوضية: نحو 60,000، كما في 5 تموز. يفصل بين التاريخين 3 أيام، لكن أدنى عدد لدى "
        "المفوضية يساوي 270 ضعف أعلى عدد لدى الأمم المتحدة (200).",
    },
    {
        "flag_id": "T-echo-displaced",
        "rule": "echo",
        "severity": "info",
        "metric": "displaced",
        "population": "all",
        "location": "SY12",
        "figure_ids": "R077;R066",
        "sources": "un;unattributed",
        "ratio": None,
        "sentence_en": "The same figure, more than 320,000 displaced in Dar'a, appears under the UN "
        "(8 July) and an unattributed report (7 July): probably one claim carried twice.",
        "sentence_ar": "الرقم نفسه، أكثر من 320,000 نازح في درعا، منسوب إلى الأمم المتحدة (8 تموز) "
        "وإلى تقرير غير منسوب (7 تموز): الأرجح أنه تصريح واحد جرى تناقله.",
    },
    {
        "flag_id": "T-cont-killed",
        "rule": "containment",
        "severity": "minor",
        "metric": "killed",
        "population": "all",
        "location": "SY12",
        "figure_ids": "R035;R036",
        "sources": "sohr",
        "ratio": None,
        "sentence_en": "SOHR: at least 46 killed in Dar'a since 27 June, and exactly 46 for 27–28 "
        "June: consistent only if nobody was killed after 28 June.",
        "sentence_ar": "المرصد السوري: 46 قتيلاً على الأقل في درعا منذ 27 حزيران، و46 تماماً "
        "خلال 27–28 حزيران: لا يتسقان إلا إذا لم يُقتل أحد بعد 28 حزيران.",
    },
]

NOTES = [
    {
        "flag_id": "T-cont-killed",
        "status": "explained",
        "note": "Both from the same SOHR statement; the 'since' figure is the same count.",
    }
]


def _band(metric, population, location, start, rows, assumed=False):
    return [
        {
            "component": f"{metric}|{population}|{location}",
            "metric": metric,
            "population": population,
            "location": location,
            "measure": "flow",
            "window_start": start,
            "window_start_assumed": assumed,
            "date": d,
            "low": low,
            "high": high,
            "headline": head,
            "n_claims": n,
            "n_sources": k,
        }
        for d, low, high, head, n, k in rows
    ]


BANDS = _band(
    "displaced",
    "all",
    "SY",
    date(2018, 6, 17),
    [
        (date(2018, 6, 28), 62000, 66000, 64000, 1, 1),
        (date(2018, 6, 29), 144000, 176000, 160000, 3, 1),
        (date(2018, 7, 4), 285000, 320000, 302500, 4, 2),
        (date(2018, 7, 5), 288000, 320000, 304000, 5, 2),
    ],
) + _band(
    "killed",
    "civilians",
    "SY12",
    date(2018, 6, 19),
    [
        (date(2018, 6, 27), 40, 110, 40, 1, 1),
        (date(2018, 6, 29), 90, 110, 100, 2, 1),
        (date(2018, 6, 30), 113, 139, 126, 3, 1),
    ],
)


def build(path: Path) -> str:
    """Create the fixture database at ``path`` (SQLite) and return its URL."""
    url = f"sqlite:///{path}"
    build_url(url, path.with_suffix(".hostile.csv"))
    return url


def build_url(url: str, scratch: Path) -> None:
    """Fill the empty database at ``url`` (SQLite or PostgreSQL) with the fixture data;
    ``scratch`` is a file path for the hostile figure's CSV."""
    store = Store(url)
    store.upgrade()
    for name in ("seed/figures.csv", "demo/daraa-2018.csv"):
        result = store.import_file(read_figure_file(DATA_DIR / name), why="dashboard fixture")
        assert result.plan.ok, result.plan.problems
    hostile = scratch
    hostile.write_text(HOSTILE, encoding="utf-8")
    result = store.import_file(read_figure_file(hostile), why="dashboard fixture: hostile text")
    assert result.plan.ok, result.plan.problems
    store.revise(
        "R046",
        {"publisher": "naaju.com (machine translation of Reuters/EFE)"},
        why="publisher named more precisely",
    )
    with store.engine.begin() as conn:
        for flag in FLAGS:
            conn.execute(
                tables.flags.insert().values(
                    **flag,
                    component=f"{flag['metric']}|{flag['population']}|{flag['location']}",
                    computed_at=NOW,
                )
            )
            for figure_id in flag["figure_ids"].split(";"):
                conn.execute(
                    tables.flag_figures.insert().values(
                        flag_id=flag["flag_id"],
                        figure_id=figure_id,
                        component=f"{flag['metric']}|{flag['population']}|{flag['location']}",
                    )
                )
        for note in NOTES:
            conn.execute(
                tables.flag_notes.insert().values(**note, entered_at=NOW, entered_by="fixture")
            )
        conn.execute(tables.bands.insert(), BANDS)
    store.engine.dispose()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dash-fixture.db")
    target.unlink(missing_ok=True)
    print(build(target))
