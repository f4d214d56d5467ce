"""The generic `hxl` format: columns read by their tags' full attribute sets, the most
specific rule winning, and what the tags do not settle reported, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import main
from tracker.ingest.formats.registry import detect_format
from tracker.ingest.formats.spec import FormatError

from .conftest import FIXTURES
from .test_formats import rows

GENERIC = FIXTURES / "hxl_generic.csv"


def test_any_tagged_table_no_other_format_matches_is_read_as_hxl() -> None:
    spec, why = detect_format(["Pcode", "Killed"], {"#adm1+code", "#affected+killed"})
    assert spec.name == "hxl" and "HXL tag row" in why
    canonical = ["reported_on", "source", "metric", "location", "value"]
    assert detect_format(canonical, {"#date+reported"})[0].name == "canonical"  # exports
    assert detect_format(["Pcode", "Killed"], set())[0].name == "canonical"  # untagged


def test_count_columns_by_their_most_specific_tag(mapped) -> None:
    m = mapped("hxl_generic.csv")
    figures = {f["figure_id"]: f for f in rows(m)}
    assert sorted(figures) == [
        "hxl:sohr:SY07:idps:2018-06-19:2018-06-19",
        "hxl:sohr:SY07:killed.civilians:2018-06-19:2018-06-19",
        "hxl:sohr:SY12:killed.civilians:2018-06-19:2018-06-19",
        "hxl:sohr:SY12:killed:2018-06-19:2018-06-19",
    ]  # two empty cells: no figure, never zero
    civilians = figures["hxl:sohr:SY12:killed.civilians:2018-06-19:2018-06-19"]
    assert (civilians["metric"], civilians["population"], civilians["value"]) == (
        "killed",
        "civilians",
        "9",
    )
    idps = figures["hxl:sohr:SY07:idps:2018-06-19:2018-06-19"]
    assert idps["value"] == "1500" and idps["source"] == "sohr"
    assert idps["reported_on"] == "2018-06-19"  # #date+entered is not the report date
    assert idps["notes"] == "HXL: column IDPs (#affected+idps+ind)"
    said = "\n".join(m.file.notices)
    assert "'Killed or injured' (#affected+killed+injured) fits #affected+killed" in said
    assert "equally: not read" in said
    assert "columns not read: Governorate (#adm1+name), Killed or injured" in said
    assert "Entered (#date+entered)" in said


def test_columns_the_tags_cannot_tell_apart_are_reported_and_not_read(mapped) -> None:
    m = mapped("hxl_ambiguous.csv", sets={"source": "idmc"})
    (figure,) = rows(m)
    assert figure["metric"] == "displaced"  # +newdisp is more specific than #affected+idps
    assert (figure["location"], figure["value"]) == ("SY", "1649000")
    assert figure["period_end"] == "2018-12-31" and figure["reported_on"] == "2018-12-31"
    said = "\n".join(m.file.notices)
    assert "'Conflict stock', 'Disaster stock' all read as idps (all)" in said
    assert "none is read" in said


def test_what_the_tags_cannot_settle_refuses_the_file(index, mapped, tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="--set source"):
        mapped("hxl_ambiguous.csv")
    two = tmp_path / "two.csv"
    two.write_text("A,B,N\n#date+end,#date+year,#affected+killed\n2018-06-19,2018,3\n")
    with pytest.raises(FormatError, match="'A' and 'B' both give period_end"):
        mapped(str(two), "hxl", sets={"source": "vdc", "location": "SY"})
    untagged = tmp_path / "untagged.csv"
    untagged.write_text("day,killed\n2018-06-19,3\n")
    with pytest.raises(FormatError, match="no tag row"):
        mapped(str(untagged), "hxl")
    place_less = tmp_path / "nowhere.csv"
    place_less.write_text("D,N\n#date,#affected+killed\n2018-06-19,3\n")
    with pytest.raises(FormatError, match="--set location"):
        mapped(str(place_less), "hxl", sets={"source": "vdc"})


def test_hxl_import_twice_stores_nothing_the_second_time(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(GENERIC)]) == 0
    assert "4 figure(s) stored, 0 already stored" in capsys.readouterr().out
    assert main(["import", str(GENERIC)]) == 0
    assert "0 figure(s) stored, 4 already stored" in capsys.readouterr().out


def test_dates_may_be_timestamps_read_as_their_utc_date(mapped, tmp_path: Path) -> None:
    path = tmp_path / "stamps.csv"
    path.write_text(
        "P,S,E,N\n#adm1+code,#date+start,#date+end,#affected+killed\n"
        "SY12,2024-01-01T00:00:00,2024-01-31T23:59:59,7\n"
    )
    (figure,) = rows(mapped(str(path), sets={"source": "vdc"}))
    assert (figure["period_start"], figure["period_end"]) == ("2024-01-01", "2024-01-31")
    assert figure["figure_id"] == "hxl:vdc:SY12:killed:2024-01-01:2024-01-31"


def test_a_year_in_a_day_column_is_reported_never_read_as_1_january(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "years.csv"
    path.write_text("P,D,N\n#adm1+code,#date,#affected+killed\nSY12,2018,7\n")
    assert main(["validate", str(path), "--set", "source=vdc"]) == 1
    assert "value '2018'" in capsys.readouterr().err


def test_a_tagged_tracker_file_missing_a_column_points_to_canonical(mapped, tmp_path: Path) -> None:
    path = tmp_path / "canon.csv"
    path.write_text(
        "reported_on,source,metric,location\n#date+reported,#org+source+code,#indicator+code,"
        "#loc+code\n2018-06-19,sohr,killed,SY12\n"
    )
    with pytest.raises(FormatError, match="--format canonical names it"):
        mapped(str(path))
