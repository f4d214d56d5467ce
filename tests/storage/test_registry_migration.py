"""Schema version 7 adds the registry change log to a database made by an older Tracker."""

from __future__ import annotations

from sqlalchemy import inspect

from tracker.storage import tables
from tracker.storage.database import _set_version, open_engine, schema_version, upgrade


def test_a_version_5_database_gains_the_change_log(db_url: str) -> None:
    engine = open_engine(db_url)
    upgrade(engine)
    with engine.begin() as conn:  # as a Tracker of schema version 5 left it
        tables.registry_changes.drop(conn)
        _set_version(conn, 5)
    assert upgrade(engine) == (5, tables.SCHEMA_VERSION)
    with engine.connect() as conn:
        assert inspect(conn).has_table("registry_changes")
        assert schema_version(conn) == tables.SCHEMA_VERSION
    engine.dispose()


def test_a_version_7_database_gains_the_areas_registry(db_url: str) -> None:
    """Schema version 8 adds the areas table; `tracker init` then loads data/areas.csv."""
    engine = open_engine(db_url)
    upgrade(engine)
    with engine.begin() as conn:  # as a Tracker of schema version 7 left it
        tables.areas.drop(conn)
        _set_version(conn, 7)
    assert upgrade(engine) == (7, 8)
    with engine.connect() as conn:
        assert inspect(conn).has_table("areas")
    engine.dispose()
