"""The acceptance points of issue #14 on the real files in ../shared (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import main
from tracker.service.store import Store

REAL = Path(__file__).resolve().parents[3].parent / "shared" / "real-data" / "datasets"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-data is not here")

DAILY = REAL / "romansul__syrian-civil-war" / "casualties_by_province_by_day.csv"
BY_CAUSE = REAL / "romansul__syrian-civil-war" / "casualties_by_cause_of_death_by_day.csv"
GRID = REAL / "OCHA-DAP__hdx-python-scraper" / "idps_download-displacement-data.csv"
IDU_CSV = REAL / "OCHA-DAP__hdx-scraper-idmc-idu" / "ind_idmc_idu_events.csv"
IDU_JSON = REAL / "OCHA-DAP__hdx-scraper-idmc-idu" / "idmc_idu.json"
UCDP_BGD = REAL / "mcarans__hdx-scraper-ucdp" / "conflict_data_BGD.csv"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_daily_deaths_by_governorate_every_cell_accounted_for(db: str, capsys) -> None:
    code, out, err = run(["import", str(DAILY), "--set", "source=vdc"], capsys)
    assert code == 0, err
    assert "37618 figure(s) stored" in out
    assert "'Damascus Suburbs' → SY03, 'Daraa' → SY12, 'Deir Ezzor' → SY09" in err
    code, out, _ = run(["import", str(DAILY), "--set", "source=vdc"], capsys)
    assert "0 figure(s) stored, 37618 already stored" in out


def test_daily_deaths_unknown_source_is_one_line(db: str, capsys) -> None:
    code, _, err = run(["validate", str(DAILY), "--set", "source=vdc-sy"], capsys)
    assert code == 1
    assert err.count("unknown source 'vdc-sy'") == 1
    assert "on 37,618 figures of 2,687 rows (lines 2–2688)" in err


def test_both_daily_files_warn_that_they_count_the_same_deaths(db: str, capsys) -> None:
    code, out, err = run(["import", str(BY_CAUSE), "--set", "source=vdc"], capsys)
    assert code == 0, err
    assert "format wide-daily-by-cause chosen by the header" in err
    assert "24183 figure(s) stored" in out  # 2,687 days × 9 causes, every cell accounted for
    assert "count the same events" not in err
    code, out, err = run(["import", str(DAILY), "--set", "source=vdc"], capsys)
    assert code == 0, err
    assert "37618 figure(s) stored" in out
    assert err.count("count the same events") == 1
    assert "24,183 figure(s) of format wide-daily-by-cause from vdc" in err
    code, out, _ = run(["import", str(BY_CAUSE), "--set", "source=vdc"], capsys)
    assert "0 figure(s) stored, 24183 already stored" in out


def test_idmc_grid_syria(db: str, capsys) -> None:
    code, out, err = run(["import", str(GRID), "--only-country", "SY"], capsys)
    assert code == 0, err
    assert "22 figure(s) stored" in out
    figures = Store(db).figures()
    figures = figures[figures["source"] == "idmc"]
    assert (figures["measure"] == "stock").sum() == 12
    assert (figures["measure"] == "flow").sum() == 10
    stock_2018 = figures[figures["figure_id"] == "idmc-grid:SYR:2018:stock"]
    assert int(stock_2018["value"].iloc[0]) == 6_119_000
    code, out, _ = run(["import", str(GRID), "--only-country", "SY"], capsys)
    assert "0 figure(s) stored, 22 already stored" in out


def test_idmc_grid_without_a_country_reports_places_grouped(db: str, capsys) -> None:
    code, _, err = run(["validate", str(GRID)], capsys)
    assert code == 1 and "Traceback" not in err
    assert err.count("value 'YEM'") == 1


def test_idmc_idu_csv_and_json_give_the_same_113_figures(db: str, capsys) -> None:
    code, out, err = run(["import", str(IDU_CSV)], capsys)
    assert code == 0, err
    assert "113 figure(s) stored" in out
    code, out, err = run(["import", str(IDU_JSON)], capsys)
    assert code == 0, err
    assert "0 figure(s) stored, 113 already stored" in out
    figures = Store(db).figures()
    one = figures[figures["figure_id"] == "idmc-idu:126716"]
    assert f"{one['period_end'].iloc[0]:%Y-%m-%d}" == "2023-11-07"  # "07 November"


def test_ucdp_bangladesh_reports_unmapped_places_then_imports_at_country_level(
    db: str, capsys
) -> None:
    code, _, err = run(["validate", str(UCDP_BGD)], capsys)
    assert code == 1 and "Traceback" not in err
    assert err.count("'Chittagong Division'") == 1 and "on 194 rows" in err
    args = ["import", str(UCDP_BGD), "--set", "location=BD", "--partial"]
    code, out, err = run(args, capsys)
    assert "low ≤ best ≤ high does not hold" in err and "line 64" in err
    assert "211 figure(s) stored" in out
    code, out, _ = run(args, capsys)
    assert "0 figure(s) stored, 211 already stored" in out


def test_idmc_grid_read_as_generic_hxl_names_what_the_tags_cannot_settle(db: str, capsys) -> None:
    code, _, err = run(["validate", str(GRID), "--format", "hxl", "--set", "source=idmc"], capsys)
    assert code != 0 and "Traceback" not in err
    assert "'Conflict Stock Displacement', 'Disaster Stock Displacement' all read as idps" in err
