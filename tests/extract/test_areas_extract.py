"""`tracker extract` and the importers propose an area's id for its name (issue #16): the area
registry's names and the shared alias table (data/gazetteer/aliases.csv), English and Arabic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tracker.cli import main
from tracker.extract import extract
from tracker.extract.tables import ExtractTables


def _locations(text: str, tables: ExtractTables, lang: str | None = None) -> list[str]:
    found = extract(text, tables, reported_on=date(2018, 3, 1), lang=lang)
    return list(found["location"])


@pytest.mark.parametrize(
    ("text", "lang", "area"),
    [
        ("SOHR said at least 500 civilians were killed in Eastern Ghouta since 18 February.",
         None, "eastern-ghouta"),
        ("SOHR said at least 500 civilians were killed in East Ghouta since 18 February.",
         None, "eastern-ghouta"),
        ("قال المرصد السوري إن 300 مدني قتلوا في الغوطة الشرقية منذ 18 شباط.", "ar",
         "eastern-ghouta"),
        ("The UN said 270,000 people were displaced in southwestern Syria since 19 June.",
         None, "south-west-syria"),
        ("The UN said 270,000 people were displaced in south-west Syria since 19 June.",
         None, "south-west-syria"),
        ("قالت الأمم المتحدة إن 270 ألف شخص نزحوا في جنوب غرب سوريا منذ 19 حزيران.", "ar",
         "south-west-syria"),
    ],
)  # fmt: skip
def test_extract_proposes_the_area_for_its_name(
    tables: ExtractTables, text: str, lang: str | None, area: str
) -> None:
    assert _locations(text, tables, lang) == [area]


def test_southern_syria_is_not_taken_for_south_west_syria(tables: ExtractTables) -> None:
    """'southern Syria' often includes As-Sweida: it is not the area of Dar'a and Quneitra."""
    text = "UNHCR said 60,000 people were at the border in southern Syria."
    assert "south-west-syria" not in _locations(text, tables)


def test_an_importer_maps_an_area_column_to_the_area(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    path = tmp_path / "daily.csv"
    path.write_text("day,Daraa,East Ghouta,southwestern Syria\n2018-06-19,3.0,4.0,5.0\n")
    assert main(["import", str(path), "--set", "source=vdc", "--only-country", "SY"]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", "-o", str(out)]) == 0
    stored = pd.read_csv(out, dtype=str).set_index("location")
    assert stored.loc["eastern-ghouta", "value"] == "4"
    assert stored.loc["south-west-syria", "location_name"] == "south-west Syria"
