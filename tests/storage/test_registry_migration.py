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
    assert upgrade(engine) == (5, 7)
    with engine.connect() as conn:
        assert inspect(conn).has_table("registry_changes")
        assert schema_version(conn) == 7
    engine.dispose()
