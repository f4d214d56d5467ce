"""A figure for a named area (issue #16) on the pages and downloads: the area's name in the
page language, the area as a filter, and offered in the place pickers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from dashboards.pages import figures
from dashboards.workspace.options import search_places
from tests.dashboards.serving import served
from tests.dashboards.test_pages import text
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store
from tracker.views.data import search_places as filter_places

ROW = "2018-03-01,sohr,killed,civilians,eastern-ghouta,2018-02-18,2018-02-28,at_least,500\n"


@pytest.fixture
def area_store(sqlite_url: str, tmp_path: Path) -> Iterator[Store]:
    store = Store(sqlite_url)
    store.upgrade()
    path = tmp_path / "ghouta.csv"
    path.write_text(
        "reported_on,source,metric,population,location,period_start,period_end,qualifier,value\n"
        + ROW,
        encoding="utf-8",
    )
    assert store.import_file(read_figure_file(path)).stored == 1
    yield store
    store.close()


@pytest.mark.parametrize(("lang", "name"), [("en", "Eastern Ghouta"), ("ar", "الغوطة الشرقية")])
def test_the_figures_page_names_the_area_in_the_page_language(
    area_store: Store, lang: str, name: str
) -> None:
    words = text(figures.layout(area_store, lang=lang, location="eastern-ghouta"))
    assert name in words and "unknown location" not in words


def test_a_download_filtered_by_the_area_names_it_in_both_languages(area_store: Store) -> None:
    with served(area_store) as base:
        answer = requests.get(f"{base}/download/figures.csv?location=eastern-ghouta&lang=ar")
    assert answer.status_code == 200
    assert "Eastern Ghouta" in answer.text and "الغوطة الشرقية" in answer.text


def test_the_place_pickers_offer_the_areas(area_store: Store) -> None:
    assert filter_places(area_store.vocab, "ghouta") == ["eastern-ghouta"]
    assert "south-west-syria" in filter_places(area_store.vocab, "")
    (found,) = search_places(area_store.vocab, "الغوطة الشرقية")
    assert found["pcode"] == "eastern-ghouta" and "الغوطة الشرقية" in found["label"]


def test_an_admin_adds_an_area_in_the_workspace_and_an_analyst_may_not(
    area_store: Store,
) -> None:
    from tests.dashboards.serving import token
    from tracker.domain.roles import Actor, Role
    from tracker.service import accounts

    operator = Actor("operator", Role.ADMIN)
    accounts.add_user(area_store, operator, "ada", "admin", "ada's long passphrase")
    accounts.add_user(area_store, operator, "alice", "analyst", "alice's long passphrase")
    with served(area_store) as base:

        def login(name: str) -> requests.Session:
            session = requests.Session()
            form = session.get(f"{base}/workspace/login")
            password = f"{name}'s long passphrase"
            data = {"name": name, "password": password, "csrf_token": token(form)}
            session.post(f"{base}/workspace/login", data=data, allow_redirects=False)
            return session

        ada = login("ada")
        page = ada.get(f"{base}/workspace/areas?lang=ar")
        assert page.status_code == 200 and "إضافة منطقة" in page.text
        assert "الغوطة الشرقية" in page.text and 'id="nav-areas"' in page.text
        form = {"id": "hawran", "name_en": "Hawran", "name_ar": "حوران", "csrf_token": token(page)}
        bad = ada.post(f"{base}/workspace/areas", data={**form, "members": "SY1200"})
        assert bad.status_code == 422 and "at least two different members" in bad.text
        good = ada.post(f"{base}/workspace/areas", data={**form, "members": "SY1200 SY1203"})
        assert good.status_code == 200 and "حوران" in good.text
        edit = ada.get(f"{base}/workspace/areas/hawran")
        assert "Edit the area hawran" in edit.text and "registry-log" in edit.text
        alice = login("alice")
        assert alice.get(f"{base}/workspace/areas").status_code == 403
    assert "hawran" in area_store.vocab.location_ids
