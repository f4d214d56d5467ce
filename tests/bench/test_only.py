"""`python -m bench.run --only NAME`: the named benchmarks alone; the other records stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import run
from bench.record import measured, read_json, write_json


def test_only_re_measures_in_place_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "results.json"
    old = [
        measured("import_sqlite", 1500, 2.0, "s", 1.0, 1.0),
        measured("export_csv_cold", 1500, 9.0, "s", 3.0, 1.0),
        measured("export_csv", 1500, 1.0, "s", 2.0, 1.0),
    ]
    write_json(old, out)
    fresh = [measured("export_csv", 1500, 0.5, "s", 2.0, 1.0)]
    fresh.append(measured("export_csv_cold", 1500, 2.5, "s", 3.0, 1.0))
    monkeypatch.setitem(run.ONLY, "export_csv_cold", lambda n: fresh)
    argv = ["--sizes", "1500", "--only", "export_csv_cold", "--out", str(out), "--readme", "-"]
    assert run.main(argv) == 0
    records = read_json(out)
    assert [(r.name, r.value) for r in records] == [
        ("import_sqlite", 2.0),
        ("export_csv_cold", 2.5),
        ("export_csv", 0.5),
    ]
    assert records[1].met is True


def test_only_refuses_a_name_it_cannot_run_alone(tmp_path: Path) -> None:
    argv = ["--only", "flags_full", "--out", str(tmp_path / "r.json"), "--readme", "-"]
    assert run.main(argv) == 2
    assert not (tmp_path / "r.json").exists()
