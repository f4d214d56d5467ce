"""Every kind of bad input gets a message naming the line, the column, the value and the fault."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from tracker.domain import schema as schema_module
from tracker.domain.schema import figure_schema
from tracker.domain.validation import validate_figures
from tracker.ingest.readers import read_figure_file

FIXTURES = Path(__file__).parents[1] / "fixtures"
TODAY = date(2026, 11, 25)


def messages(path: Path, vocab) -> list[str]:
    table = read_figure_file(path).table
    return [str(p) for p in validate_figures(table, vocab, TODAY).problems]


def test_good_file_has_no_problem(vocab) -> None:
    assert messages(FIXTURES / "good_figures.csv", vocab) == []


EXPECTED = [
    "line 3, column source, value 'sohrr': unknown source 'sohrr' — did you mean 'sohr'?",
    "line 4, column metric, value 'kiled': unknown metric 'kiled' — did you mean 'killed'?",
    "line 5, column population, value 'civilian': unknown population 'civilian' — did you mean "
    "'civilians'?",
    "line 6, column location, value 'SY99': unknown location 'SY99': neither a P-code of the "
    "gazetteer nor an area id (`tracker areas list`) — did you mean 'SY09'?",
    "line 7, column reported_on, value '30/06/2018': not a date in the form YYYY-MM-DD",
    "line 8, column reported_on, value '2018-02-30': not a real calendar date",
    "line 9, column period_end, value '2018-07-02': period_end is after reported_on: a source "
    "cannot report a window that has not ended yet (2018-06-30)",
    "line 10, column value, value '-5': is negative: a count cannot be below 0",
    "line 11, column value, value '12.5': is not a whole number written with digits only (a "
    "count has no fraction, sign or thousands separator)",
    "line 12, column value_high, value empty: qualifier is range but value_high is empty: a "
    "range needs its upper end",
    "line 13, column value_high, value '30': value_high is below value: the upper end of a "
    "range must be ≥ value",
    "line 14, column url, value 'ftp://example.org/x': not an http(s) address",
    "line 15, column reported_on, value '2099-01-01': is in the future (today is 2026-11-25)",
]


def test_each_bad_line_is_named_with_its_fault(vocab) -> None:
    found = messages(FIXTURES / "bad_figures.csv", vocab)
    for expected in EXPECTED:
        assert expected in found
    lines = {int(m.split(",")[0].removeprefix("line ")) for m in found}
    assert lines == set(range(3, 16)), "only the bad lines are named (2 and 16 are valid)"


def test_missing_required_column_is_named(tmp_path: Path, vocab) -> None:
    path = tmp_path / "no_source.csv"
    path.write_text("reported_on,metric,location,value\n2018-06-30,killed,SY12,4\n")
    assert messages(path, vocab) == [
        "line 1, column source, value empty: required column is missing"
    ]


def test_empty_required_cell(tmp_path: Path, vocab) -> None:
    path = tmp_path / "empty_cell.csv"
    path.write_text("reported_on,source,metric,location,value\n2018-06-30,,killed,SY12,4\n")
    assert messages(path, vocab) == ["line 2, column source, value empty: required value is empty"]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            "metric=airstrikes,unit=persons",
            "unit is not allowed for metric 'airstrikes' (allowed: events)",
        ),
        ("qualifier=magnitude,value=500", "qualifier is magnitude, so value must be the unit word"),
        ("value_high=50", "value_high is given but the qualifier is not range"),
        ("period_start=2018-07-01,period_end=2018-06-20", "period_start is after period_end"),
        # no period_end: the window ends on reported_on (2018-07-02)
        ("period_start=2018-07-05", "period_start is after period_end"),
        ("qualifier=range", "qualifier is range but value_high is empty"),
        ("qualifier=range,value_high=30", "value_high is below value"),
        ("qualifier=less_than,value=0", "qualifier less_than with value 0 allows no count"),
        ("episode=daraa", "unknown episode 'daraa' — did you mean 'daraa-2018'?"),
    ],
)
def test_cross_field_rules(tmp_path: Path, vocab, cells: str, expected: str) -> None:
    row = {
        "reported_on": "2018-07-02",
        "source": "sohr",
        "metric": "killed",
        "location": "SY12",
        "value": "40",
    }
    row.update(dict(kv.split("=") for kv in cells.split(",")))
    path = tmp_path / "one.csv"
    path.write_text(",".join(row) + "\n" + ",".join(row.values()) + "\n")
    found = messages(path, vocab)
    assert len(found) == 1 and expected in found[0], found


def _table(**cells: str) -> pd.DataFrame:
    row = {
        "reported_on": "2018-07-02",
        "source": "sohr",
        "metric": "killed",
        "location": "SY12",
        "value": "40",
        "period_end": "2018-07-01",
    }
    row.update(cells)
    return pd.DataFrame([row]).astype("string")


def test_one_schema_checks_a_changed_table_afresh(vocab) -> None:
    """The checks share their parses of a column within a table, never across tables."""
    schema = figure_schema(vocab, date(2026, 1, 1))
    schema.validate(_table(), lazy=True)
    changed = _table(reported_on="2018-02-30")
    with pytest.raises(pa.errors.SchemaErrors) as caught:
        schema.validate(changed, lazy=True)
    assert set(caught.value.failure_cases["check"]) == {"not a real calendar date"}


def test_each_date_column_is_parsed_once_per_validation(vocab, monkeypatch) -> None:
    parsed: list[str] = []
    real = schema_module._parse_date

    def counting(series: pd.Series) -> pd.Series:
        parsed.append(str(series.name))
        return real(series)

    monkeypatch.setattr(schema_module, "_parse_date", counting)
    table = pd.concat([_table(period_start="2018-06-20")] * 3, ignore_index=True)
    assert validate_figures(table, vocab, date(2026, 1, 1)).ok
    assert sorted(parsed) == ["period_end", "period_start", "reported_on"]


def test_a_kept_schema_checks_each_table_and_day_afresh(vocab) -> None:
    """The schema is built once and kept (a one-row import does not pay for building it), yet
    each table and each day is checked on its own: nothing of one carries to the next."""
    day = date(2018, 7, 3)
    assert validate_figures(_table(), vocab, day).ok
    unknown = validate_figures(_table(location="SY99"), vocab, day)
    assert [(p.line, p.column, p.value) for p in unknown.problems] == [(2, "location", "SY99")]
    assert validate_figures(_table(), vocab, day).ok
    future = validate_figures(_table(reported_on="2018-07-04"), vocab, day)
    assert [p.message for p in future.problems] == ["is in the future (today is 2018-07-03)"]
    assert validate_figures(_table(reported_on="2018-07-04"), vocab, date(2018, 7, 4)).ok


def test_one_row_and_many_rows_are_told_the_same(vocab) -> None:
    """A few cells are looked up one by one, a long column at once: the same words either way."""
    bad = pd.concat(
        [_table(location="SY99", source="sohrr", value="-5"), _table(period_end="2018-07-05")],
        ignore_index=True,
    )
    alone = validate_figures(bad, vocab, TODAY).problems
    rows = pd.concat([_table()] * 150 + [bad] + [_table()] * 49, ignore_index=True)
    among = validate_figures(rows, vocab, TODAY).problems
    assert [(p.column, p.value, p.message) for p in alone] == [
        (p.column, p.value, p.message) for p in among
    ]
    assert [p.line for p in alone] == [2, 2, 2, 3] and [p.line for p in among] == [152] * 3 + [153]
    assert alone[-1].column == "period_end" and "after reported_on" in alone[-1].message


def test_control_characters_are_found_alike_in_a_few_cells_and_in_a_column() -> None:
    from tracker.domain.control import FEW_CELLS, has_control

    cells = pd.Series(["ok", "tab\there", "nul\x00", None, "crlf\r\n", "lone\rcr", "\x7f"])
    expected = [False, False, True, False, False, True, True]
    assert has_control(cells.astype("string")).tolist() == expected
    column = pd.concat([cells] * (FEW_CELLS // len(cells) + 1), ignore_index=True)
    assert has_control(column.astype("string")).tolist() == expected * (FEW_CELLS // 7 + 1)


def test_rules_between_cells_are_said_beside_a_broken_cell_of_the_same_row(vocab) -> None:
    """A row with a broken cell still gets every rule that does not read that cell, so the
    user fixes the whole row at once; a rule that reads the broken cell is not run there."""
    header = (FIXTURES / "good_figures.csv").read_text().splitlines()[0].split(",")
    rows = [
        # unknown source, and a window that ends after the report
        "X1,2018-06-30,sohrr,,,killed,civilians,SY12,2018-06-19,2018-07-02,,,,126,,,,,",
        # unknown metric, and a range without its upper end
        "X2,2018-06-30,sohr,,,killd,civilians,SY12,2018-06-19,2018-06-30,,,range,126,,,,,",
        # value not a number: value_high below value is not judged; the window is
        "X3,2018-06-30,sohr,,,killed,civilians,SY12,2018-07-19,2018-06-30,,,range,abc,100,,,,",
        # a misspelt unit: "unit not allowed for the metric" reads the unit, not run
        "X4,2018-06-30,sohr,,,airstrikes,all,SY12,,,,,,12,,peoplez,,,",
    ]
    table = pd.DataFrame([r.split(",") for r in rows], columns=header).astype("string")
    table = table.replace("", pd.NA)
    found = [str(p) for p in validate_figures(table, vocab, TODAY).problems]
    assert found == [
        "line 2, column period_end, value '2018-07-02': period_end is after reported_on: a "
        "source cannot report a window that has not ended yet (2018-06-30)",
        "line 2, column source, value 'sohrr': unknown source 'sohrr' — did you mean 'sohr'?",
        "line 3, column metric, value 'killd': unknown metric 'killd' — did you mean 'killed'?",
        "line 3, column value_high, value empty: qualifier is range but value_high is empty: "
        "a range needs its upper end",
        "line 4, column period_start, value '2018-07-19': period_start is after period_end: a "
        "window must start before it ends",
        "line 4, column value, value 'abc': not a number",
        "line 5, column unit, value 'peoplez': unknown unit 'peoplez'",
    ]
