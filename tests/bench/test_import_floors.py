"""The import benchmarks measure against the honest floors and keep the old one beside."""

from __future__ import annotations

import pytest

from bench import data, imports


def _check(records: list, name: str) -> None:
    timing, memory = records
    assert (timing.name, memory.name) == (name, f"{name}_memory")
    assert timing.value > 0 and timing.baseline > 0 and timing.old_floor > 0
    assert timing.ratio == pytest.approx(timing.value / timing.baseline, rel=1e-2)
    assert timing.goal == imports.GOAL == 2.0
    assert memory.unit == "bytes" and 50e6 < memory.value < imports.MEMORY_GOAL
    assert memory.met is True


@pytest.mark.slow
def test_sqlite_import_is_measured_against_to_sql_through_sqlite3() -> None:
    _check(imports.import_sqlite(400, data.synthetic_file(400)), "import_sqlite")


@pytest.mark.slow
@pytest.mark.postgres
def test_postgres_import_is_measured_against_copy() -> None:
    if not data.pg_available():
        pytest.skip("no PostgreSQL server")
    _check(imports.import_postgres(400, data.synthetic_file(400)), "import_postgres")
