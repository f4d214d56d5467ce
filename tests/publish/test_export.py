"""How download cells, options, HXL tags and streaming behave, without a server."""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

from tracker.domain.filters import FilterError, Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.publish import DownloadOptions, ParameterError, download_pieces, parse_options
from tracker.publish.cells import (
    FORMULA_STARTS,
    csv_rows,
    date_cells,
    datetime_cells,
    integer_cells,
    neutralise,
    number_cells,
    text_cells,
)
from tracker.publish.hxl import hxl_row, tag_for


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "＝1", "＋1", "－1", "＠x", "﹦1", "⁼1"],
)
def test_a_text_cell_that_starts_a_formula_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert text_cells(pd.Series([text, "ok"])).to_pylist() == ["'" + text, "ok"]


@pytest.mark.parametrize("text", ["", "SOHR", "'=already", " =x", "a=b", "Dar'a", "نحو 126"])
def test_other_text_is_left_as_it_is(text: str) -> None:
    assert neutralise(text) == text


def test_every_character_that_folds_to_a_formula_sign_is_covered() -> None:
    folding = {
        chr(c)
        for c in range(0x10000)
        if unicodedata.normalize("NFKC", chr(c))[:1] in ("=", "+", "-", "@")
    }
    assert folding <= set(FORMULA_STARTS)


def test_numbers_and_dates_are_never_neutralised() -> None:
    def text(array) -> list[str]:
        return array.to_pylist()

    assert text(integer_cells(pd.Series([0, 5, 160000], dtype="int64"))) == ["0", "5", "160000"]
    assert text(integer_cells(pd.Series([1.0, np.inf, np.nan]))) == ["1", "", ""]
    assert text(integer_cells(pd.Series([7, None], dtype="Int64"))) == ["7", ""]
    assert text(number_cells(pd.Series([1.5395683, 2.0, np.nan]))) == ["1.5396", "2", ""]
    dates = pd.Series(pd.to_datetime(["2018-06-30", None]))
    assert text(date_cells(dates)) == ["2018-06-30", ""]
    east = timezone(timedelta(hours=2))
    stamps = pd.Series(
        [datetime(2026, 1, 2, 3, 4, 5, 900000), datetime(2026, 1, 2, 5, 4, 5, tzinfo=east), None]
    )
    assert text(datetime_cells(stamps)) == ["2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z", ""]


@pytest.mark.parametrize(
    "rows",
    [
        [["x", "y,z"], ['say "hi"', "two\nlines"]],
        [["", "a;b"], ["=1", "plain"]],
        [["ünïcode, نحو", '"'], [",", "\n"]],
    ],
)
def test_csv_rows_are_written_as_pythons_csv_module_writes_them(rows: list[list[str]]) -> None:
    columns = [text_cells(pd.Series(column)) for column in rows]
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(zip(*[c.to_pylist() for c in columns], strict=True))
    assert csv_rows(columns) == expected.getvalue().encode("utf-8")


def test_a_carriage_return_is_always_quoted() -> None:
    """Python 3.11's csv leaves a bare CR unquoted with LF line ends; readers split on it."""
    columns = [text_cells(pd.Series(["a\rb", "x"])), text_cells(pd.Series(["1", "2"]))]
    assert csv_rows(columns) == b'"a\rb",1\nx,2\n'


def test_options_accept_the_command_line_filters(vocab: Vocabularies) -> None:
    options = parse_options(
        {"metric": ["killed", "injured"], "location": "SY12", "from": "2018-06-19",
         "hxl": "1", "excel": "true", "lang": "ar"},
        vocab,
    )  # fmt: skip
    assert options.filters.metric == ("killed", "injured")
    assert (options.hxl, options.excel, options.lang) == (True, True, "ar")
    assert options.query_string() == (
        "?metric=killed,injured&location=SY12&from=2018-06-19&hxl=1&excel=1&lang=ar"
    )
    assert parse_options({}, vocab) == DownloadOptions()
    assert parse_options({"hxl": "0", "lang": ""}, vocab) == DownloadOptions()


@pytest.mark.parametrize(
    ("raw", "parameter", "hint"),
    [
        ({"metric": "kiled"}, "metric", "'killed'"),
        ({"metrics": "killed"}, "metrics", "'metric'"),
        ({"lang": "arabic"}, "lang", "'ar'"),
        ({"hxl": "on"}, "hxl", "hxl=1"),
        ({"to": "2018-02-30"}, "to", "YYYY-MM-DD"),
        ({"from": ["2018-01-01", "2018-02-01"]}, "from", "once"),
    ],
)
def test_bad_options_name_the_parameter(
    vocab: Vocabularies, raw: dict, parameter: str, hint: str
) -> None:
    with pytest.raises(FilterError) as caught:
        parse_options(raw, vocab)
    assert caught.value.parameter == parameter and hint in str(caught.value)


def test_unknown_parameter_names_raise_parameter_error(vocab: Vocabularies) -> None:
    with pytest.raises(ParameterError, match="unknown parameter 'foo'.*valid: metric"):
        parse_options({"foo": "1"}, vocab)


def test_count_columns_take_the_metric_tag_from_the_vocabularies(vocab: Vocabularies) -> None:
    one = Filters(metric=("killed",), population=("children",))
    assert tag_for("value", one, vocab) == "#affected+killed+children"
    assert tag_for("low", one, vocab) == "#affected+killed+children+ind+min"
    strikes = Filters(metric=("airstrikes",))
    assert tag_for("value", strikes, vocab) == "#indicator+airstrikes+num+events"
    assert tag_for("high", Filters(), vocab) == "#indicator+num+max"
    assert hxl_row(["figure_id", "location", "mystery_col"], Filters(), vocab) == [
        "#meta+id", "#loc+code", "#meta+mysterycol",
    ]  # fmt: skip


class EndlessStore:
    """A store whose figures never end: only a streaming writer can give a first piece."""

    def __init__(self, store) -> None:
        self.vocab = store.vocab
        self.flag_ids_between = store.flag_ids_between
        self.sample = store.figures()

    def iter_figures(self, filters: Filters, chunk_rows: int = 50_000) -> Iterator[pd.DataFrame]:
        for n in itertools.count():
            yield self.sample.assign(figure_id=self.sample["figure_id"] + f"-{n:06d}")


def test_figures_stream_chunk_by_chunk(sqlite_store, tmp_path) -> None:
    from tests.helpers import write_figures
    from tracker.ingest.readers import read_figure_file

    stored = sqlite_store.import_file(read_figure_file(write_figures(tmp_path / "f.csv", 3, "S")))
    assert stored.stored == 3
    pieces = download_pieces(EndlessStore(sqlite_store), "figures.csv", DownloadOptions())
    header, first, second = next(pieces), next(pieces), next(pieces)
    assert header.startswith(b"figure_id,") and first.count(b"\n") == 3
    assert b"S-000000-000001," in second
    pieces.close()
