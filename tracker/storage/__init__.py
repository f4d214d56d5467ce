"""Storage of figures, flags and the registry: SQLite by default, PostgreSQL by URL."""
