"""Small builders for figure files used across tests."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "figure_id,reported_on,source,publisher,url,metric,population,location,period_start,"
    "period_end,measure,episode,qualifier,value,value_high,unit,quote,quote_lang,notes\n"
)
SOURCES = ("sohr", "snhr", "un-ocha", "unhcr")
PLACES = ("SY12", "SY1200", "SY120000", "C5993", "SY13", "SY14")


def figure_rows(n: int, prefix: str) -> str:
    """n valid, varied figures with ids prefix-000001…"""
    lines = []
    for i in range(n):
        day = 1 + i % 28
        lines.append(
            f"{prefix}-{i:06d},2018-07-{day:02d},{SOURCES[i % 4]},Wire {i % 7},"
            f"https://example.org/{prefix}/{i},killed,civilians,{PLACES[i % 6]},2018-06-19,"
            f"2018-07-{day:02d},flow,daraa-2018,at_least,{10 + i % 500},,persons,,,row {i}\n"
        )
    return "".join(lines)


def write_figures(path: Path, n: int, prefix: str) -> Path:
    path.write_text(HEADER + figure_rows(n, prefix), encoding="utf-8")
    return path
