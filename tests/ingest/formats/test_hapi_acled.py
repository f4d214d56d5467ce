"""HDX HAPI (conflict events, IDPs, humanitarian needs) and ACLED on small fixtures in the
layouts of their public column documentation, with their traps."""

from __future__ import annotations

import pytest

from tracker.cli import main

from .conftest import FIXTURES


def rows(mapped) -> list[dict]:
    """Mapped figures, every cell as text (as the schema then reads them)."""
    table = mapped.file.table.astype("string")
    return table.astype(object).where(table.notna(), None).to_dict("records")


def test_hapi_idps_one_figure_per_population_and_empty_is_no_figure(mapped) -> None:
    m = mapped("hapi_idps.csv")
    assert m.spec.name == "hapi-idps"
    figures = {f["figure_id"]: f for f in rows(m)}
    assert sorted(figures) == [
        "hapi-idps:SY07:Syria:12:2024-01-01",
        "hapi-idps:SY12:Syria:12:2024-01-01",
    ]  # Aleppo's empty population is no figure, never zero
    idleb = figures["hapi-idps:SY07:Syria:12:2024-01-01"]
    assert (idleb["source"], idleb["metric"], idleb["location"], idleb["value"]) == (
        "iom",
        "idps",
        "SY07",
        "2900000",
    )
    assert (idleb["period_start"], idleb["period_end"]) == ("2024-01-01", "2024-03-31")


def test_hapi_conflict_events_types_never_summed_and_demonstrations_empty(mapped) -> None:
    m = mapped("hapi_conflict_events.csv")
    assert m.spec.name == "hapi-conflict-events"
    figures = {f["figure_id"]: f for f in rows(m)}
    idleb = {k: f["value"] for k, f in figures.items() if ":SY07:" in k}
    assert idleb == {  # two overlapping types, each its own figure; no demonstration figure
        "hapi-conflict-events:SY07:political_violence:2024-01-01": "25",
        "hapi-conflict-events:SY07:civilian_targeting:2024-01-01": "9",
    }
    daraa = figures["hapi-conflict-events:SY12:political_violence:2024-01-01"]
    assert (daraa["value"], daraa["source"], daraa["metric"]) == ("0", "acled", "killed")
    assert all(f["period_end"] == "2024-01-31" for f in figures.values())


def test_hapi_needs_people_in_need_only_and_sectors_kept_apart(mapped) -> None:
    m = mapped("hapi_humanitarian_needs.csv")
    assert m.spec.name == "hapi-humanitarian-needs"
    by_id = {f["figure_id"]: f for f in rows(m)}
    assert by_id["hapi-hno:SY07:Intersectoral:total:PIN:2024-01-01"]["value"] == ("3400000")
    assert by_id["hapi-hno:SY07:FSC:total:PIN:2024-01-01"]["metric"] == ("people_in_need")


def test_hapi_needs_other_statuses_are_reported_not_stored(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(FIXTURES / "hapi_humanitarian_needs.csv")
    assert main(["import", path]) == 1
    err = capsys.readouterr().err
    assert "TGT" in err and "nothing stored" in err
    assert main(["import", path, "--partial"]) == 1
    assert "2 figure(s) stored" in capsys.readouterr().out


def test_acled_events_summed_per_place_and_month_never_by_event_id(mapped) -> None:
    m = mapped("acled.csv")
    assert m.spec.name == "acled"
    figures = {f["figure_id"]: f for f in rows(m)}
    assert {k: f["value"] for k, f in figures.items()} == {
        "acled:SY07:2024-01-01:2024-01-31": "6",
        "acled:SY07:2024-02-01:2024-02-29": "0",
        "acled:SY12:2024-01-01:2024-01-31": "3",
    }
    assert not any("SYR1000" in k for k in figures)  # event ids change yearly
    assert {f["qualifier"] for f in figures.values()} == {"at_least"}
    assert all("restrict redistribution" in f["notes"] for f in figures.values())


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("hapi_idps.csv", 2),
        ("hapi_conflict_events.csv", 3),
        ("acled.csv", 3),
    ],
)
def test_importing_twice_stores_nothing_the_second_time(
    db: str, capsys: pytest.CaptureFixture[str], name: str, count: int
) -> None:
    path = str(FIXTURES / name)
    assert main(["import", path]) == 0
    assert f"{count} figure(s) stored" in capsys.readouterr().out
    assert main(["import", path]) == 0
    assert f"0 figure(s) stored, {count} already stored" in capsys.readouterr().out


def test_hapi_conflict_events_real_layout_admin2_and_country_rows(mapped) -> None:
    """The 2025 layout (HXL row, plain dates): admin-2 rows at their district, never lumped
    into the governorate; a country-level row at its country; other countries said."""
    m = mapped("hapi_conflict_events_2025.csv", only_country="SY")
    figures = {f["figure_id"]: f for f in rows(m)}
    assert sorted(figures) == [
        "hapi-conflict-events:SY0200:civilian_targeting:2025-01-01",
        "hapi-conflict-events:SY0200:political_violence:2025-01-01",
        "hapi-conflict-events:SY0700:civilian_targeting:2025-01-01",
    ]  # demonstration fatalities are empty: no figure
    jebel = figures["hapi-conflict-events:SY0200:political_violence:2025-01-01"]
    assert (jebel["location"], jebel["value"], jebel["qualifier"]) == ("SY0200", "21", "at_least")
    assert (jebel["period_start"], jebel["period_end"]) == ("2025-01-01", "2025-01-31")
    assert any("left out (--only-country): ALB 1, BGD 1" in n for n in m.file.notices)
    everywhere = mapped("hapi_conflict_events_2025.csv")
    placed = {f["location"] for f in rows(everywhere)}
    assert placed == {"BD", "SY0200", "SY0700"}  # Bangladesh's country-level row: BD
    (albania,) = everywhere.problems
    assert "country AL is not in the gazetteer" in albania.message and albania.line == 3


def test_acled_dates_in_each_way_acled_writes_them(mapped, tmp_path) -> None:
    """The API writes 2024-01-03, the export tool 03 January 2024, the codebook 03-01-2024:
    the same sums; a date in none of these is reported, never guessed."""
    text = (FIXTURES / "acled.csv").read_text()
    text = text.replace("2024-01-03", "03 January 2024").replace("2024-01-20", "20-01-2024")
    path = tmp_path / "acled_export.csv"
    path.write_text(text.replace("2024-01-11", "Jan 11th 2024"))
    m = mapped(str(path), "acled")
    values = {f["figure_id"]: f["value"] for f in rows(m)}
    assert values["acled:SY07:2024-01-01:2024-01-31"] == "6"
    (bad,) = {p.value: p for p in m.problems}.values()
    assert bad.value == "Jan 11th 2024" and bad.line == 5 and "not a date" in bad.message
