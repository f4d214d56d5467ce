"""Each format on a small fixture in the real file's layout, with its traps."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tracker.cli import main
from tracker.domain.estimates import broken_estimates, estimate_claims
from tracker.ingest.formats.apply import MapOptions, map_file
from tracker.ingest.formats.places import read_countries
from tracker.ingest.formats.registry import builtin_formats, detect_format
from tracker.ingest.formats.spec import FormatError, load_spec

from .conftest import FIXTURES


def rows(mapped) -> list[dict]:
    table = mapped.file.table
    return table.astype(object).where(table.notna(), None).to_dict("records")


# -------------------------------------------------------------------- registry and detection


def test_every_builtin_mapping_loads_and_is_described(capsys: pytest.CaptureFixture[str]) -> None:
    names = set(builtin_formats())
    assert {"canonical", "wide-daily", "idmc-grid", "idmc-idu", "ucdp-ged"} <= names
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in names)
    for name in names:
        assert main(["formats", "--show", name]) == 0
        assert "traps handled" in capsys.readouterr().out


def test_header_picks_the_format_and_two_matches_are_refused() -> None:
    spec, why = detect_format(["day", "Daraa"], set())
    assert spec.name == "wide-daily" and "chosen by the header" in why
    spec, _ = detect_format(["foo"], set())
    assert spec.name == "canonical"
    with pytest.raises(FormatError, match="several formats"):
        detect_format(["day", "reported_on", "source", "metric", "location", "value"], set())


def test_a_mapping_file_with_a_typo_is_refused_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\nsummary = "x"\n[columns]\nvalue = { form = "n" }\n')
    with pytest.raises(FormatError, match="unknown key.*form"):
        load_spec(path)


# ----------------------------------------------------------------------------------- wide-daily


def test_wide_daily_one_figure_per_filled_cell(mapped) -> None:
    m = mapped("wide_daily.csv", sets={"source": "vdc"})
    figures = rows(m)
    assert len(figures) == 8  # 9 cells, one empty: no figure, never zero
    first = figures[0]
    assert first["figure_id"] == "wide-daily:vdc:killed:all:SY02:2018-06-19"
    assert first["value"] == "1" and first["qualifier"] == "at_least"
    assert {f["location"] for f in figures} == {"SY02", "SY03", "SY12"}
    assert any("1 empty cell" in n for n in m.file.notices)
    assert any("'Damascus Suburbs' → SY03" in n for n in m.file.notices)


def test_wide_daily_needs_a_source_and_set_overrides(mapped) -> None:
    with pytest.raises(FormatError, match="--set source"):
        mapped("wide_daily.csv")
    m = mapped("wide_daily.csv", sets={"source": "vdc", "qualifier": "exact"}, as_of="2018-08-13")
    assert {f["qualifier"] for f in rows(m)} == {"exact"}
    assert {f["reported_on"] for f in rows(m)} == {"2018-08-13"}


def test_wide_daily_problems_name_the_cell_and_group_unknown_places(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / "wide_daily_bad.csv"
    assert main(["validate", str(path), "--set", "source=vdc"]) == 1
    err = capsys.readouterr().err
    assert "line 2, column value, value '3.5': is not a whole number" in err
    assert "[the cell under 'Daraa']" in err
    assert err.count("'Atlantis'") == 1
    assert "place not found at level 1 within SY" in err and "on 3 rows (lines 2–4)" in err
    fill_in = pd.read_csv(Path.cwd() / "wide_daily_bad.places.csv", dtype=str)
    assert fill_in.to_dict("records")[0]["alias"] == "Atlantis"
    assert fill_in["rows"].tolist() == ["3"]


def test_wide_daily_user_aliases_and_reimport_store_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aliases = tmp_path / "mine.csv"
    aliases.write_text("alias,pcode\nAtlantis,SY14\n")
    path = tmp_path / "w.csv"
    path.write_text("day,Daraa,Atlantis\n2018-06-19,3.0,1.0\n2018-06-20,2.0,0.0\n")
    args = ["import", str(path), "--set", "source=vdc", "--places", str(aliases)]
    assert main(args) == 0
    assert "4 figure(s) stored, 0 already stored" in capsys.readouterr().out
    assert main(args) == 0
    assert "0 figure(s) stored, 4 already stored" in capsys.readouterr().out
    assert main([*args[:-2], "--dry-run"]) == 1  # without the alias: unmapped, nothing stored


# ------------------------------------------------------------------------------------ idmc-grid


def test_idmc_grid_stock_and_flow_share_a_row_and_empty_is_no_figure(mapped) -> None:
    m = mapped("idmc_grid.csv", only_country="SY")
    assert m.spec.name == "idmc-grid"  # chosen by the header, HXL row read as tags
    figures = {f["figure_id"]: f for f in rows(m)}
    assert sorted(figures) == [
        "idmc-grid:SYR:2010:stock",
        "idmc-grid:SYR:2017:new",
        "idmc-grid:SYR:2017:stock",
        "idmc-grid:SYR:2018:new",
        "idmc-grid:SYR:2018:stock",
    ]
    stock = figures["idmc-grid:SYR:2018:stock"]
    assert (stock["metric"], stock["value"], stock["period_start"], stock["period_end"]) == (
        "idps",
        "6119000",
        None,
        "2018-12-31",
    )
    flow = figures["idmc-grid:SYR:2018:new"]
    assert (flow["metric"], flow["period_start"], flow["value"]) == (
        "displaced",
        "2018-01-01",
        "1649000",
    )
    assert any("of other countries left out" in n and "YEM 2" in n for n in m.file.notices)
    assert any("Disaster New Displacements" in n for n in m.file.notices)


def test_idmc_grid_unknown_countries_are_reported_once_each(mapped) -> None:
    m = mapped("idmc_grid.csv")
    unplaced = {(u.value, u.rows) for u in m.unplaced}
    assert unplaced == {("AB9", 1), ("YEM", 2)}


# ------------------------------------------------------------------------------------- idmc-idu


def test_idmc_idu_dates_are_local_midnight_and_match_the_descriptions(mapped) -> None:
    m = mapped("idmc_idu.csv")
    assert m.spec.name == "idmc-idu" and not m.problems
    by_id = {f["figure_id"]: f for f in rows(m)}
    source = pd.read_csv(FIXTURES / "idmc_idu.csv", dtype=str)
    for record in source.to_dict("records"):
        figure = by_id[f"idmc-idu:{record['id']}"]
        said = re.search(r", (\d{2}) (\w+) +- +(\d{2}) (\w+)\.", record["description"])
        start = pd.Timestamp(f"{said[1]} {said[2]} {record['year']}")
        end = pd.Timestamp(f"{said[3]} {said[4]} {record['year']}")
        assert figure["period_start"] == f"{start:%Y-%m-%d}"
        assert figure["period_end"] == f"{end:%Y-%m-%d}"
    assert by_id["idmc-idu:126716"]["period_end"] == "2023-11-07"  # 11:00Z in NZ summer time


def test_idmc_idu_qualifiers_and_households_never_converted_twice(mapped) -> None:
    by_id = {f["figure_id"]: f for f in rows(mapped("idmc_idu.csv"))}
    assert by_id["idmc-idu:126716"]["qualifier"] == "exact"
    assert by_id["idmc-idu:118814"]["qualifier"] == "approx"
    assert by_id["idmc-idu:119537"]["qualifier"] == "more_than"
    households = by_id["idmc-idu:118814"]  # "approximately 100 households" → 457 persons
    assert (households["value"], households["unit"]) == ("457", "persons")
    assert households["location"] == "IN"


def test_idmc_idu_csv_and_json_give_the_same_figures(
    mapped, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from_csv = mapped("idmc_idu.csv").file.table.reset_index(drop=True)
    from_json = mapped("idmc_idu.json").file.table.reset_index(drop=True)
    pd.testing.assert_frame_equal(from_csv, from_json)
    assert main(["import", str(FIXTURES / "idmc_idu.csv")]) == 0
    assert main(["import", str(FIXTURES / "idmc_idu.json")]) == 0
    assert "0 figure(s) stored, 3 already stored" in capsys.readouterr().out


def test_idmc_idu_a_timestamp_not_at_local_midnight_is_reported(index, tmp_path: Path) -> None:
    text = (FIXTURES / "idmc_idu.csv").read_text()
    moved = text.replace("2023-11-06T11:00:00.000Z", "2023-11-06T15:30:00.000Z")
    (tmp_path / "idu.csv").write_text(moved)
    m = map_file(tmp_path / "idu.csv", None, MapOptions(), index, read_countries())
    assert m.problems and all(p.line == 2 for p in m.problems)
    assert "not local midnight in Pacific/Auckland" in m.problems[0].message
    assert len(m.file.table) == 2


# ------------------------------------------------------------------------------------- ucdp-ged


def test_estimates_rule() -> None:
    low, best, high = (pd.Series(v, dtype="float64") for v in ([2, 4, 0], [3, 4, 3], [5, 4, 0]))
    assert broken_estimates(low, best, high).tolist() == [False, False, True]
    claims = estimate_claims(low[:2], best[:2], high[:2])
    assert claims["qualifier"].tolist() == ["range", "exact"]
    assert claims["value"].tolist() == ["2", "4"] and claims["best"].tolist() == ["3", "4"]
    assert claims["value_high"].isna().tolist() == [False, True]


def test_ucdp_events_summed_per_place_and_month(mapped) -> None:
    m = mapped("ucdp_ged.csv")
    assert m.spec.name == "ucdp-ged"
    figures = {f["figure_id"]: f for f in rows(m)}
    june = figures["ucdp-ged:SY12:2018-06-01:2018-06-30"]
    # events 1, 2 and 4 (found by its coordinates); 5 is broken, 6 is unmapped
    assert (june["qualifier"], june["value"], june["value_high"]) == ("range", "5", "8")
    assert "3 event(s) summed, best estimate 6" in june["notes"]
    assert figures["ucdp-ged:SY12:2018-07-01:2018-07-31"]["qualifier"] == "exact"
    spanning = figures["ucdp-ged:SY12:2018-06-01:2018-07-31"]  # event 7: June into July
    assert (spanning["value"], spanning["value_high"]) == ("8", "15")
    assert len(figures) == 3


def test_ucdp_broken_estimates_and_unmapped_places_are_reported(mapped) -> None:
    m = mapped("ucdp_ged.csv")
    broken = [p for p in m.problems if p.column == "low/best/high"]
    assert [(p.line, p.value) for p in broken] == [(7, "0/3/0")]
    assert [(u.value, u.rows) for u in m.unplaced] == [("Atlantis Province", 1)]


def test_ucdp_import_twice_stores_nothing_the_second_time(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(FIXTURES / "ucdp_ged.csv")
    assert main(["import", path]) == 1
    assert "nothing stored" in capsys.readouterr().err
    assert main(["import", path, "--partial"]) == 1
    assert "3 figure(s) stored" in capsys.readouterr().out
    assert (Path.cwd() / "ucdp_ged.rejects.csv").exists()
    assert main(["import", path, "--partial"]) == 1
    assert "0 figure(s) stored, 3 already stored" in capsys.readouterr().out
