"""Storage: tables, migrations and queries, with SQLAlchemy Core only (SQLite or PostgreSQL).

Functions here take a ``Connection`` from the service layer and return rows or DataFrames;
they never open an engine of their own. It may import :mod:`tracker.domain`; it may not import
ingest, service, views, publish, the CLI or ``dashboards``.
"""
