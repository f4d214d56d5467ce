"""#18 finding 4: control characters in text cells are refused on both databases.

A NUL byte was stored on SQLite and crashed the import on PostgreSQL with a driver traceback,
and --partial could not reject just that row. Tab and line breaks stay allowed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tracker.domain.revisions import RevisionError
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store

from ..helpers import HEADER

COLUMNS = HEADER.strip().split(",")


def figure(fid: str, **cells: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(figure_id=fid, reported_on="2018-07-01", source="sohr", metric="killed",
               location="SY12", value="40")  # fmt: skip
    row.update(cells)
    return row


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


BAD = [
    ("quote", "about 100\x00 killed", "U+0000 at character 10"),
    ("publisher", "\x1b[31mReuters", "U+001B at character 1"),
    ("notes", "lone\rCR", "U+000D at character 5"),
    ("source", "sohr\x07", "U+0007 at character 5"),
]


def test_control_characters_are_refused_and_partial_isolates_them(
    store: Store, tmp_path: Path
) -> None:
    good = figure("OK1", notes="tab\there and\nnew lines,\r\nWindows ones too")
    rows = [good] + [figure(f"C{i}", **{column: text}) for i, (column, text, _) in enumerate(BAD)]
    path = write(tmp_path / "control.csv", rows)
    result = store.import_file(read_figure_file(path))
    assert result.stored == 0 and store.count() == 0
    found = [str(p) for p in result.plan.problems]
    for line, (column, text, where) in enumerate(BAD, start=3):
        expected = (
            f"line {line}, column {column}, value {text!r}: contains a control character ({where})"
        )
        assert any(message.startswith(expected) for message in found), (expected, found)
    partial = store.import_file(read_figure_file(path), partial=True)
    assert partial.stored == 1
    assert store.figures()["notes"].iloc[0] == good["notes"]


def test_a_revision_with_a_control_character_is_refused(store: Store, tmp_path: Path) -> None:
    store.import_file(read_figure_file(write(tmp_path / "one.csv", [figure("R1")])))
    with pytest.raises(RevisionError, match="U\\+0000"):
        store.revise("R1", {"quote": "a\x00b"}, why="typo")


def test_a_reason_with_a_control_character_is_refused(store: Store, tmp_path: Path) -> None:
    """--why is stored with the revision (and the import batch): a NUL crashed PostgreSQL."""
    path = write(tmp_path / "one.csv", [figure("R1")])
    with pytest.raises(RevisionError, match="U\\+0000"):
        store.import_file(read_figure_file(path), why="batch\x00")
    store.import_file(read_figure_file(path))
    with pytest.raises(RevisionError, match="--why 'fix\\\\x00': contains a control"):
        store.revise("R1", {"value": "41"}, why="fix\x00")
    assert store.history("R1")["revision"].tolist() == [1]
