"""A read-only PostgreSQL role for the public app (`tracker db grant-readonly ROLE`).

Domain rule, defence in depth: the public pages and downloads never write, and when they
connect as this role the database itself refuses any write. The role may log in, reads every
tracker table (also tables added later by the owner), and owns nothing.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

from tracker.service.store import Store

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class ReadOnlyRoleError(Exception):
    """The read-only role cannot be made as asked; the message says why."""


def grant_readonly(store: Store, role: str) -> bool:
    """Create ``role`` if it is missing and grant it read access; True when it was created.

    Running it again changes nothing but re-grants (idempotent).
    """
    if store.engine.dialect.name != "postgresql":
        raise ReadOnlyRoleError(
            "a read-only role is a PostgreSQL feature; an SQLite file is read-only for the "
            "public app when its process may only read the file (file permissions)"
        )
    if not ROLE_NAME.fullmatch(role):
        raise ReadOnlyRoleError(
            f"role {role!r}: use lowercase letters, digits and _ (at most 63, not a digit first)"
        )
    store.require_schema()
    with store.transaction() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).first()
        if not exists:  # a role name cannot be a bind parameter; it was checked above
            conn.execute(text(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE'))
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        quoted = database.replace('"', '""')
        for statement in (
            f'GRANT CONNECT ON DATABASE "{quoted}" TO "{role}"',
            f'GRANT USAGE ON SCHEMA public TO "{role}"',
            f'REVOKE {WRITES} ON ALL TABLES IN SCHEMA public FROM "{role}"',
            f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"',
            f'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO "{role}"',
            f'REVOKE CREATE ON SCHEMA public FROM "{role}"',
        ):
            conn.execute(text(statement))
        _require_read_only(conn, role)
    return not exists


WRITES = "INSERT, UPDATE, DELETE, TRUNCATE"


def _require_read_only(conn: Connection, role: str) -> None:
    """Refuse (and so undo everything) when the role can still write a tracker table: a
    superuser, the tables' owner, or a member of a role that writes is not read-only."""
    writable = [
        name
        for (name,) in conn.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND ("
                " has_table_privilege(:role, c.oid, 'INSERT')"
                " OR has_table_privilege(:role, c.oid, 'UPDATE')"
                " OR has_table_privilege(:role, c.oid, 'DELETE')"
                " OR has_table_privilege(:role, c.oid, 'TRUNCATE')) ORDER BY c.relname"
            ),
            {"role": role},
        )
    ]
    if writable:
        raise ReadOnlyRoleError(
            f"role {role} can still write ({', '.join(writable[:3])}"
            f"{', …' if len(writable) > 3 else ''}): it is a superuser, owns the tables or "
            "belongs to a role that writes; name a role of its own for the public app"
        )
