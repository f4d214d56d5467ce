"""Opening the database (SQLite by default, PostgreSQL by URL); keeping its schema current."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import Connection, make_url

from tracker.storage import tables

DEFAULT_DB_PATH = (
    Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    / "tracker"
    / "tracker.db"
)


class DatabaseError(Exception):
    """The database cannot be used as asked; the message says why and what to do."""


def database_url(given: str | None = None) -> str:
    """The database to use: --db, else $TRACKER_DB, else the default SQLite file.

    A plain ``postgresql://`` URL is read as psycopg 3; a bare path means an SQLite file.
    """
    url = given or os.environ.get("TRACKER_DB") or f"sqlite:///{DEFAULT_DB_PATH}"
    if "://" not in url:
        url = f"sqlite:///{Path(url).resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_engine(url: str | None = None) -> Engine:
    """An engine for the database, creating the SQLite file's folder when needed."""
    resolved = database_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(resolved, pool_pre_ping=True)


def schema_version(conn: Connection) -> int:
    """0 for an empty database, else the version its schema was created or upgraded to."""
    if not inspect(conn).has_table(tables.meta.name):
        return 0
    row = conn.execute(
        select(tables.meta.c.value).where(tables.meta.c.key == "schema_version")
    ).first()
    return int(row[0]) if row else 0


def _set_version(conn: Connection, version: int) -> None:
    conn.execute(tables.meta.delete().where(tables.meta.c.key == "schema_version"))
    conn.execute(tables.meta.insert().values(key="schema_version", value=str(version)))


def _add_series_summaries(conn: Connection) -> None:
    from tracker.storage import summaries

    tables.series_sources.create(conn, checkfirst=True)
    summaries.rebuild(conn)


def _add_scope_indexes(conn: Connection) -> None:
    """Indexes for reading a change's recomputation scope (one count's day, one value)."""
    for index in tables.figures.indexes:
        if index.name in tables.SCOPE_INDEXES:
            index.create(conn, checkfirst=True)


def _add_review_and_accounts(conn: Connection) -> None:
    """Figures gain review_status (existing ones are accepted) and reviewed_by; the accounts
    and failed-login tables are created (DESIGN.md §6)."""
    present = {c["name"] for c in inspect(conn).get_columns(tables.figures.name)}
    if "review_status" not in present:
        conn.exec_driver_sql(
            "ALTER TABLE figures ADD COLUMN review_status VARCHAR(16) NOT NULL DEFAULT 'accepted'"
        )
    if "reviewed_by" not in present:
        conn.exec_driver_sql("ALTER TABLE figures ADD COLUMN reviewed_by TEXT")
    for index in tables.figures.indexes:
        if index.name == "ix_figures_review":
            index.create(conn, checkfirst=True)
    for table in tables.ACCOUNT_TABLES:
        table.create(conn, checkfirst=True)


def _add_headline_sources(conn: Connection) -> None:
    """bands.headline_sources: the headline now quotes a claim and names who said it
    (`tracker flags recompute` fills it for bands computed before)."""
    if "headline_sources" not in {c["name"] for c in inspect(conn).get_columns("bands")}:
        conn.exec_driver_sql("ALTER TABLE bands ADD COLUMN headline_sources TEXT")


def _add_registry_changes(conn: Connection) -> None:
    """registry_changes: the log of every add and edit of a source or an episode."""
    tables.registry_changes.create(conn, checkfirst=True)


def _add_areas(conn: Connection) -> None:
    """areas: the registry of named areas (DESIGN §6); `tracker init` loads data/areas.csv."""
    tables.areas.create(conn, checkfirst=True)


# Each migration takes a database at version N-1 to N. Version 1 creates everything.
MIGRATIONS = {
    1: lambda conn: tables.metadata.create_all(conn),
    2: _add_series_summaries,
    3: _add_scope_indexes,
    4: _add_review_and_accounts,
    5: _add_headline_sources,
    # 6 is reserved for the review branch's migration; a no-op here until the lead merges it.
    6: lambda conn: None,
    7: _add_registry_changes,
    8: _add_areas,
}


def upgrade(engine: Engine) -> tuple[int, int]:
    """Create or upgrade the schema in place; returns (version before, version after)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7301001)")
        before = schema_version(conn)
        if before > tables.SCHEMA_VERSION:
            raise DatabaseError(
                f"the database has schema version {before}, newer than this Tracker "
                f"({tables.SCHEMA_VERSION}); upgrade Tracker"
            )
        for version in range(before + 1, tables.SCHEMA_VERSION + 1):
            MIGRATIONS[version](conn)
            _set_version(conn, version)
        if 0 < before < tables.SCHEMA_VERSION:  # new tables and indexes: let the planner see them
            refresh_statistics(conn)
    return before, tables.SCHEMA_VERSION


#: An import storing at least this many figures refreshes the planner's statistics.
STATISTICS_AFTER = 1_000


def refresh_statistics(conn: Connection) -> None:
    """Let the query planner see the tables as they now are.

    Without statistics SQLite picks an index by its shape alone and can walk every current
    figure to answer for one series (seen at 1M figures: 0.9 s instead of 40 ms). ANALYZE on a
    sample (SQLite's analysis_limit) costs tens of milliseconds at any size; PostgreSQL's
    ANALYZE samples too. Called after large imports and full recomputations.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA analysis_limit=1000")
        conn.exec_driver_sql("ANALYZE")
    else:
        conn.exec_driver_sql("ANALYZE figures, flags, flag_figures, bands")


def _version(engine: Engine) -> int:
    with engine.connect() as conn:
        return schema_version(conn)


def require_schema(engine: Engine) -> None:
    """Refuse to work on a database that `tracker init` has not prepared; an SQLite file
    that does not exist is refused without being opened (opening it would leave an empty
    file behind)."""
    database = engine.url.database
    missing_file = (
        engine.url.get_backend_name() == "sqlite"
        and database not in (None, "", ":memory:")
        and not database.startswith("file:")
        and not Path(database).exists()
    )
    version = 0 if missing_file else _version(engine)
    if version == 0:
        raise DatabaseError(
            f"the database {engine.url.render_as_string(hide_password=True)} is not "
            "initialised: run `tracker init` (or `tracker init --demo`) first"
        )
    if version < tables.SCHEMA_VERSION:
        raise DatabaseError(
            f"the database has schema version {version}; run `tracker init` to upgrade it "
            f"to {tables.SCHEMA_VERSION}"
        )
