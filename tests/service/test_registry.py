"""The sources and episodes registries: admins add and edit, every change logged, data/ does
not undo an edit; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tracker.domain.registry import RegistryError
from tracker.domain.roles import Actor, PermissionDenied, Role
from tracker.service import registry
from tracker.service.store import Store

ADMIN = Actor("ada", Role.ADMIN)
MSF = {
    "id": "msf",
    "name_en": "Médecins Sans Frontières",
    "name_ar": "أطباء بلا حدود",
    "type": "ngo_monitor",
    "reliability": "high",
    "url": "https://www.msf.org",
}


def test_an_admin_adds_a_source_that_the_vocabularies_then_know(store: Store) -> None:
    assert "msf" not in store.vocab.source_ids
    registry.add(store, ADMIN, "sources", MSF)
    assert "msf" in store.vocab.source_ids
    listed = {r["id"]: r for r in registry.listing(store, "sources")}
    assert listed["msf"]["name_ar"] == "أطباء بلا حدود"
    with pytest.raises(RegistryError, match="exists already"):
        registry.add(store, ADMIN, "sources", MSF)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.REVIEWER])
def test_only_an_admin_changes_the_registry(store: Store, role: Role) -> None:
    with pytest.raises(PermissionDenied, match="may not manage registry"):
        registry.add(store, Actor("someone", role), "sources", MSF)
    with pytest.raises(PermissionDenied):
        registry.edit(store, Actor("someone", role), "sources", "sohr", {"reliability": "low"})
    assert "msf" not in {r["id"] for r in registry.listing(store, "sources")}


def test_a_bad_source_is_refused_naming_every_field(store: Store) -> None:
    bad = {**MSF, "id": "Bad Id", "name_ar": " ", "type": "blog", "url": "javascript:x"}
    with pytest.raises(RegistryError) as caught:
        registry.add(store, ADMIN, "sources", bad)
    message = str(caught.value)
    for words in ("name_ar is required", "id 'Bad Id'", "type 'blog'", "url 'javascript:x'"):
        assert words in message
    assert len(registry.listing(store, "sources")) == len(store.vocab.sources)


def test_an_edit_is_logged_and_survives_a_reload_of_data(store: Store) -> None:
    changed = registry.edit(store, ADMIN, "sources", "sohr", {"reliability": "low"})
    assert changed == [("reliability", "medium", "low")]
    assert registry.edit(store, ADMIN, "sources", "sohr", {"reliability": "low"}) == []
    log = registry.changes(store, "sources", "sohr")
    assert [(c["field"], c["old"], c["new"], c["changed_by"]) for c in log] == [
        ("reliability", "medium", "low", "ada")
    ]
    store.upgrade()  # `tracker init` again: data/sources.csv says medium
    assert store.vocab.sources.loc["sohr", "reliability"] == "low"
    with pytest.raises(RegistryError, match="an id never changes"):
        registry.edit(store, ADMIN, "sources", "sohr", {"id": "x"})
    with pytest.raises(RegistryError, match="no source 'nobody'"):
        registry.edit(store, ADMIN, "sources", "nobody", {"url": "https://x.org"})


def test_episodes_are_added_and_edited_with_their_area_and_dates(store: Store) -> None:
    episode = {"id": "idlib-2019", "name_en": "Idlib offensive 2019", "name_ar": "هجوم إدلب 2019"}
    with pytest.raises(RegistryError, match="end 2019-04-01 is before start 2019-04-30"):
        registry.add(
            store, ADMIN, "episodes", {**episode, "start": "2019-04-30", "end": "2019-04-01"}
        )
    with pytest.raises(RegistryError, match="location 'SY99' is not a P-code"):
        registry.add(
            store, ADMIN, "episodes", {**episode, "start": "2019-04-30", "location": "SY99"}
        )
    registry.add(store, ADMIN, "episodes", {**episode, "start": "2019-04-30", "location": "SY07"})
    assert "idlib-2019" in store.vocab.episode_ids
    changed = registry.edit(store, ADMIN, "episodes", "idlib-2019", {"end": "2020-03-05"})
    assert [(f, o, str(n)) for f, o, n in changed] == [("end", None, "2020-03-05")]
    assert store.vocab.episodes.loc["idlib-2019", "end"] == "2020-03-05"


def test_another_process_sees_a_new_source_once_it_refreshes(store: Store) -> None:
    other = Store(str(store.engine.url.render_as_string(hide_password=False)))
    registry.refresh(other)
    assert "msf" not in other.vocab.source_ids
    registry.add(store, ADMIN, "sources", MSF)
    registry.refresh(other)  # the workspace does this on every logged-in request
    assert "msf" in other.vocab.source_ids
    other.engine.dispose()
