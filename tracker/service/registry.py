"""Adding, listing and editing sources and episodes, with a change log (issue #13).

Rules: only an admin adds or edits a registry row (checked here, whatever the caller: shell or
workspace); every row is checked by :mod:`tracker.domain.registry`; an edit never silently
overwrites: each changed field is logged with who, when, old and new, and a row once edited
is no longer reset from data/ by `tracker init`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tracker.domain.registry import FIELDS, RegistryError, validated
from tracker.domain.roles import Action, Actor, require
from tracker.service.store import Store
from tracker.storage import registry as rows

__all__ = ["RegistryError", "add", "changes", "edit", "listing"]


def _now() -> datetime:
    return datetime.now(UTC)


def listing(store: Store, registry: str) -> list[dict[str, Any]]:
    """Every row of the registry (``sources`` or ``episodes``), by id."""
    with store.connect() as conn:
        return rows.rows(conn, registry)


def add(store: Store, by: Actor, registry: str, record: dict[str, Any]) -> dict[str, Any]:
    """Register a new source or episode (admins only); refused when the id exists."""
    require(by, Action.MANAGE_REGISTRY)
    row = validated(registry, record, store.vocab)
    with store.transaction() as conn:
        if rows.row(conn, registry, row["id"]) is not None:
            raise RegistryError(f"{registry[:-1]} {row['id']!r} exists already: edit it instead")
        rows.insert(conn, registry, row)
        rows.log(conn, registry, row["id"], [("added", None, row["id"])], by.name, _now())
    store.__dict__.pop("vocab", None)
    return row


def edit(
    store: Store, by: Actor, registry: str, key: str, values: dict[str, Any]
) -> list[tuple[str, Any, Any]]:
    """Change fields of a source or episode (admins only); returns each (field, old, new)
    changed, all logged. An unknown field or id is refused; an unchanged value is no change."""
    require(by, Action.MANAGE_REGISTRY)
    unknown = sorted(set(values) - set(FIELDS[registry]) | ({"id"} & set(values)))
    if unknown:
        raise RegistryError(
            f"cannot edit {', '.join(unknown)}: the fields are "
            f"{', '.join(FIELDS[registry][1:])} (an id never changes)"
        )
    with store.transaction() as conn:
        old = rows.row(conn, registry, key, lock=True)
        if old is None:
            raise RegistryError(f"no {registry[:-1]} {key!r}: `tracker {registry} list`")
        new = validated(registry, {**old, **values}, store.vocab)
        changed = [(f, old[f], new[f]) for f in FIELDS[registry] if _differs(old[f], new[f])]
        if changed:
            rows.update(conn, registry, key, {f: n for f, _, n in changed})
            rows.log(conn, registry, key, changed, by.name, _now())
    store.__dict__.pop("vocab", None)
    return changed


def _differs(old: object, new: object) -> bool:
    return str(old) != str(new) if old is not None and new is not None else old is not new


def changes(store: Store, registry: str, key: str | None = None) -> list[dict[str, Any]]:
    """The change log (who, when, field, old → new), oldest first."""
    with store.connect() as conn:
        return rows.changes(conn, registry, key)


def refresh(store: Store) -> None:
    """Forget the store's cached vocabularies when the registry changed since they were read
    (by another web worker or from the shell), so a new source is known everywhere at once."""
    with store.connect() as conn:
        stamp = rows.newest_change(conn)
    if store.__dict__.get("_registry_stamp") != stamp:
        store.__dict__.pop("vocab", None)
        store.__dict__["_registry_stamp"] = stamp
