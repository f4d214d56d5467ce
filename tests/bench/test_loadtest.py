"""`make loadtest --quick`: the load driver end to end on a tiny database, loopback only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import data, loaddata, loaddriver, loadtest, readme
from bench.record import measured, read_json, read_loadtest, write_json


def test_the_driver_refuses_any_target_but_the_loopback() -> None:
    loaddriver.check_loopback("http://127.0.0.1:8050")
    for base in ("http://example.org", "http://0.0.0.0:8050", "http://localhost:1"):
        with pytest.raises(ValueError, match="127.0.0.1"):
            loaddriver.check_loopback(base)


def test_quick_load_records_every_kind_without_errors_and_keeps_benchmarks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "WORK", tmp_path / "work")
    out, target = tmp_path / "results.json", tmp_path / "README.md"
    write_json([measured("import_sqlite", 10, 2.0, "s", 1.0, 4.0)], out)
    target.write_text("# T\n\n## Benchmarks\n\ntable\n\n### Notes\n\nmore\n", encoding="utf-8")
    backends = "sqlite,postgresql" if data.pg_available() else "sqlite"
    started: list[str] = []
    serve = loadtest.gunicorn
    monkeypatch.setattr(loadtest, "gunicorn", lambda url, w: started.append(url) or serve(url, w))
    loadtest.main(
        [
            "--quick",
            "--duration",
            "3",
            "--backends",
            backends,
            "--out",
            str(out),
            "--readme",
            str(target),
            "--drop-base",
        ]
    )
    assert [r.name for r in read_json(out)] == ["import_sqlite"]  # kept
    runs = read_loadtest(out)
    assert [r["backend"] for r in runs] == backends.split(",")
    for run in runs:
        assert run["errors"] == 0, run
        assert run["import"]["exit"] == 0, run["import"]
        assert {"page", "callback"} <= set(run["kinds"])
        assert any(k.startswith("callback:router:") for k in run["kinds"])
        for kind in ("page", "callback"):
            stats = run["kinds"][kind]
            assert stats["requests"] > 0
            assert 0 < stats["p50_ms"] <= stats["p95_ms"] <= stats["p99_ms"]
    assert json.loads(out.read_text())["benchmarks"][0]["name"] == "import_sqlite"
    text = target.read_text(encoding="utf-8")
    assert text.index("### Load test") < text.index("### Notes")
    assert "| sqlite | 300 | 4 × 3 | callback |" in text
    loadtest.main(
        [
            "--quick",
            "--duration",
            "1",
            "--backends",
            "sqlite",
            "--out",
            str(out),
            "--readme",
            str(target),
        ]
    )
    assert target.read_text(encoding="utf-8").count("### Load test\n") == 1
    assert {r["backend"] for r in read_loadtest(out)} == set(backends.split(","))


def test_a_bench_run_keeps_the_load_table(tmp_path: Path) -> None:
    runs = [{"backend": "sqlite", "n": 5, "note": "no server"}]
    target = tmp_path / "README.md"
    target.write_text("# T\n", encoding="utf-8")
    readme.update(target, [measured("import_sqlite", 5, 1.0, "s", 1.0)], 1.0, runs)
    readme.update(target, [measured("import_sqlite", 5, 1.0, "s", 1.0)], 1.0, runs)
    text = target.read_text(encoding="utf-8")
    assert text.count("### Load test\n") == 1
    assert "| sqlite | 5 | — | not run |" in text


@pytest.mark.skipif(not data.pg_available(), reason="no PostgreSQL server")
def test_a_created_database_is_dropped_by_its_url() -> None:
    url = data.pg_create("droptest")
    name = url.split("?")[0].rsplit("/", 1)[1]
    data.pg_drop(url)
    assert not loaddata._exists(name)
