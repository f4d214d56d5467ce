"""The benchmark harness end to end at a tiny size: every benchmark runs and is recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import readme, run
from bench.record import read_json

NAMES = {
    "import_sqlite",
    "import_postgres",
    "flags_full",
    "flags_incremental",
    "server_rss",
    "export_csv",
    "export_csv_cold",
    "export_csv_after_change",
    "export_csv_after_import",
    "export_memory",
    "import_wide_daily",
    "cli_add",
    "cli_revise",
    "cli_retract",
}
NAMES_SHELL = ("cli_add", "cli_revise", "cli_retract")  # at 1500 and at the demo's size


@pytest.mark.slow
def test_bench_runs_at_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    assert run.main(["--sizes", "1500", "--out", str(out), "--readme", "-", "--quick"]) == 0
    records = read_json(out)
    names = {r.name for r in records}
    assert names >= NAMES
    assert any(n.startswith("callback_p95:") for n in names)
    assert any(n.startswith("view_bytes:") for n in names)
    demo = {r.n for r in records if r.n != 1500 and r.name != "import_wide_daily"}
    assert len(demo) == 1 and {r.name for r in records if r.n in demo} == set(NAMES_SHELL)
    for record in records:
        sizes = {37_618} if record.name == "import_wide_daily" else {1500, *demo}
        assert record.n in sizes, record
        assert set(json.loads(out.read_text())["benchmarks"][0]) >= {
            "name",
            "n",
            "value",
            "unit",
            "baseline",
            "ratio",
            "goal",
            "met",
        }
        assert not record.note.startswith("failed"), record
        if record.met is not None:
            assert record.value is not None and record.value >= 0
            if record.baseline:
                assert record.ratio == pytest.approx(record.value / record.baseline, rel=1e-2)
    # the shell alone: its records replace their namesakes, the others stay
    assert (
        run.main(
            ["--sizes", "1500", "--out", str(out), "--readme", "-", "--quick", "--only", "shell"]
        )
        == 0
    )
    again = read_json(out)
    assert sorted((r.name, r.n) for r in again) == sorted((r.name, r.n) for r in records)
    assert [r for r in again if r.name not in NAMES_SHELL] == [
        r for r in records if r.name not in NAMES_SHELL
    ]


def test_readme_section_matches_the_records(tmp_path: Path) -> None:
    from bench.record import measured, not_run

    records = [
        measured("import_sqlite", 100, 2.0, "s", 1.0, 4.0),
        not_run("flags_incremental", 100, "ms", 50.0, "engine missing"),
    ]
    target = tmp_path / "README.md"
    target.write_text("# T\n\nintro\n", encoding="utf-8")
    readme.update(target, records, 1.0)
    readme.update(target, records, 1.0)  # replaces, never appends twice
    text = target.read_text(encoding="utf-8")
    assert text.count(readme.HEADING) == 1
    assert text.startswith("# T\n\nintro\n")
    assert "| import_sqlite | 100 | 2.00 s | 4.00 s | 0.50 | ratio ≤ 1 | yes |" in text
    assert "| flags_incremental | 100 | — | — | — | ≤ 50 ms | not run | engine missing |" in text


def test_only_replaces_its_own_row_and_keeps_the_rest_of_the_readme(tmp_path: Path) -> None:
    from bench.record import measured, write_json

    kept = measured("import_sqlite", 100, 2.0, "s", 1.0, 4.0)
    old = measured("import_wide_daily", 37_618, 9.0, "s", 1.5, 3.0)
    path, out = tmp_path / "README.md", tmp_path / "results.json"
    path.write_text("# T\n\n" + readme.section([kept, old], 8) + "\nhand-written\n")
    new = measured("import_wide_daily", 37_618, 3.0, "s", 1.5, 2.5)
    write_json([kept, new], out)
    readme.update_table(path, read_json(out))
    text = path.read_text()
    assert "| import_wide_daily | 37,618 | 3.00 s | 2.50 s | 1.20 | ratio ≤ 1.5 | yes |" in text
    assert "9.00 s" not in text and "its run took 8 minutes" in text and "hand-written" in text
