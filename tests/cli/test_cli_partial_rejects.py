"""#18 finding 7: `import --partial` writes the rejects before it commits, or neither happens.

The rows were committed first; when the rejects file could not be written they stayed stored,
the rejects were lost and the command ended in a traceback. The rejects file kept formula
cells as given; now they are neutralised and read back without the apostrophe.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tracker.cli import main
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store

from ..helpers import HEADER

GOOD = "G1,2018-07-01,sohr,,,killed,,SY12,,,,,,40,,,,,\n"
HOSTILE = 'H1,2018-07-01,sohrr,=HYPERLINK("http://x"),,killed,,SY12,,,,,,-5,,,,,@SUM(A1)\n'


@pytest.fixture
def db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["init"]) == 0
    return sqlite_url


def stored(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM figures WHERE figure_id = 'G1'")).scalar()
    engine.dispose()
    return int(count or 0)


def test_unwritable_rejects_file_stores_nothing(db: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + GOOD + HOSTILE, encoding="utf-8")
    (tmp_path / "mixed.rejects.csv").mkdir()  # the rejects file cannot be written
    capsys.readouterr()
    assert main(["import", str(path), "--partial"]) == 1
    err = capsys.readouterr().err
    assert "cannot write the rejects file" in err and "nothing stored" in err
    assert "Traceback" not in err
    assert stored(db) == 0


def test_rejects_are_written_neutralised_and_read_back_as_given(db: str, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + GOOD + HOSTILE, encoding="utf-8")
    assert main(["import", str(path), "--partial"]) == 1
    assert stored(db) == 1
    raw = (tmp_path / "mixed.rejects.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'@SUM(A1)" in raw and ",'-5," in raw
    back = read_figure_file(tmp_path / "mixed.rejects.csv").table.iloc[0]
    assert back["publisher"] == '=HYPERLINK("http://x")'
    assert back["notes"] == "@SUM(A1)" and back["value"] == "-5"


def test_a_failed_commit_leaves_no_rejects_file(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + GOOD + HOSTILE, encoding="utf-8")
    real = Store.import_file

    def failing_commit(self, file, **kwargs):  # noqa: ANN001, ANN202
        def then_fail(plan):  # noqa: ANN001, ANN202
            kwargs["before_commit"](plan)
            raise RuntimeError("the commit failed")

        return real(self, file, **{**kwargs, "before_commit": then_fail})

    monkeypatch.setattr(Store, "import_file", failing_commit)
    with pytest.raises(RuntimeError):
        main(["import", str(path), "--partial"])
    assert not (tmp_path / "mixed.rejects.csv").exists()
    assert stored(db) == 0


def test_a_rejects_file_imported_again_writes_its_own_rejects(
    db: str, tmp_path: Path, capsys
) -> None:
    """The README's advice: fix the rows in NAME.rejects.csv and import it. Rows still wrong
    go to NAME.rejects.rejects.csv with their new line numbers and reasons, no traceback."""
    path = tmp_path / "june.csv"
    path.write_text(HEADER + GOOD + HOSTILE, encoding="utf-8")
    assert main(["import", str(path), "--partial"]) == 1
    rejects = tmp_path / "june.rejects.csv"
    assert rejects.exists() and stored(db) == 1
    capsys.readouterr()
    assert main(["import", str(rejects), "--partial"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "june.rejects.rejects.csv" in err
    again = read_figure_file(tmp_path / "june.rejects.rejects.csv").table
    assert list(again.columns[:2]) == ["line", "figure_id"] and list(again["line"]) == ["2"]
    assert list(again.columns).count("problems") == 1
    assert "unknown source 'sohrr'" in again["problems"].iloc[0]
