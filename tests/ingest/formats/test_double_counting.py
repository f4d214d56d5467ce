"""The VDC's daily deaths by cause and by province count the same deaths twice: the by-cause
file has its own format, and importing one when the other's figures are stored warns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import main
from tracker.ingest.formats.registry import detect_format

from .conftest import FIXTURES
from .test_formats import rows

BY_CAUSE = str(FIXTURES / "wide_daily_by_cause.csv")
BY_PLACE = str(FIXTURES / "wide_daily.csv")
WARNING = "count the same events as this"


def test_the_header_picks_the_more_specific_by_cause_format() -> None:
    header = (FIXTURES / "wide_daily_by_cause.csv").read_text().splitlines()[0].split(",")
    spec, why = detect_format(header, set())
    assert spec.name == "wide-daily-by-cause" and "Shelling" in why
    assert detect_format(["day", "Daraa"], set())[0].name == "wide-daily"


def test_by_cause_one_figure_per_cause_and_day_in_syria(mapped) -> None:
    figures = rows(mapped("wide_daily_by_cause.csv", sets={"source": "vdc"}))
    assert len(figures) == 16  # 18 cells, two empty: no figure, never zero
    shelling = figures[5]
    assert shelling["figure_id"] == "wide-daily-by-cause:vdc:killed:all:shelling:2018-06-19"
    assert (shelling["value"], shelling["location"]) == ("3", "SY")
    assert shelling["qualifier"] == "at_least"  # a cause is part of the day's deaths
    assert shelling["notes"] == "cause: Shelling"
    longest = max(len(f["figure_id"]) for f in figures)
    assert longest <= 64


@pytest.mark.parametrize("first, second", [(BY_PLACE, BY_CAUSE), (BY_CAUSE, BY_PLACE)])
def test_importing_both_daily_files_warns_of_double_counting(
    db: str, first: str, second: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", first, "--set", "source=vdc"]) == 0
    assert WARNING not in capsys.readouterr().err
    assert main(["import", second, "--set", "source=vdc"]) == 0  # stored, and said
    err = capsys.readouterr().err
    assert err.count(WARNING) == 1
    assert "from vdc are already stored for 2018-06-19…2018-06-2" in err
    assert "never sum them" in err


def test_no_warning_for_another_source_or_other_days(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", BY_PLACE, "--set", "source=vdc"]) == 0
    assert main(["import", BY_CAUSE, "--set", "source=sohr", "--dry-run"]) == 0
    later = tmp_path / "later.csv"
    later.write_text(
        (FIXTURES / "wide_daily_by_cause.csv").read_text().replace("2018-06-", "2018-07-")
    )
    assert main(["import", str(later), "--set", "source=vdc", "--dry-run"]) == 0
    assert WARNING not in capsys.readouterr().err


def test_formats_show_says_which_formats_count_the_same_events(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["formats", "--show", "wide-daily"]) == 0
    assert "counts the same events as: wide-daily-by-cause" in capsys.readouterr().out
