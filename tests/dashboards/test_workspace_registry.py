"""The registry pages (/workspace/sources, /workspace/episodes) over real HTTP: admins only,
CSRF, every change logged, user text shown as text; and the column labels of the forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from tests.dashboards.serving import logged_in, served, token
from tracker.domain.roles import Actor, Role
from tracker.service import accounts, registry
from tracker.service.store import Store
from tracker.storage import tables

ADMIN = Actor("operator", Role.ADMIN)
PASSWORDS = {"ada": "ada's long passphrase", "alice": "alice's long passphrase"}
HOSTILE = "<script>alert('x')</script>"
MSF = {
    "id": "msf",
    "name_en": "Médecins Sans Frontières",
    "name_ar": "أطباء بلا حدود",
    "type": "ngo_monitor",
    "reliability": "high",
    "url": "https://www.msf.org",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('registry') / 'tracker.db'}")
    s.upgrade()
    accounts.add_user(s, ADMIN, "ada", "admin", PASSWORDS["ada"])
    accounts.add_user(s, ADMIN, "alice", "analyst", PASSWORDS["alice"])
    yield s
    s.close()


@pytest.fixture(scope="module")
def base(store: Store) -> Iterator[str]:
    with served(store) as address:
        yield address


def login(base: str, name: str) -> requests.Session:
    return logged_in(base, name, PASSWORDS[name])


def counts(store: Store) -> tuple[int, int]:
    with store.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (tables.sources, tables.registry_changes)
        )


def test_an_admin_adds_and_edits_a_source_with_its_change_log(base: str, store: Store) -> None:
    ada = login(base, "ada")
    page = ada.get(f"{base}/workspace/sources")
    assert page.status_code == 200 and "Syrian Observatory for Human Rights" in page.text
    answer = ada.post(f"{base}/workspace/sources", data={**MSF, "csrf_token": token(page)})
    assert answer.status_code == 200 and "msf added" in answer.text
    assert "أطباء بلا حدود" in answer.text
    edit = ada.get(f"{base}/workspace/sources/msf?lang=ar")
    assert "تعديل المصدر msf" in edit.text and 'dir="rtl"' in edit.text
    answer = ada.post(
        f"{base}/workspace/sources/msf",
        data={**MSF, "reliability": "medium", "csrf_token": token(edit)},
    )
    assert answer.status_code == 200 and "the changes are saved" in answer.text
    log = answer.text.split('id="registry-log"')[1]
    assert "ada" in log and "high" in log and "medium" in log
    bad = ada.post(
        f"{base}/workspace/sources/msf", data={"url": "ftp://x", "csrf_token": token(edit)}
    )
    assert bad.status_code == 422 and "url &#39;ftp://x&#39; is not an http" in bad.text
    assert store.vocab.sources.loc["msf", "reliability"] == "medium"


def test_an_episode_is_added_in_arabic(base: str, store: Store) -> None:
    ada = login(base, "ada")
    page = ada.get(f"{base}/workspace/episodes?lang=ar")
    assert "إضافة حدث" in page.text
    data = {"id": "idlib-2019", "name_en": "Idlib 2019", "name_ar": "إدلب 2019"}
    bad = ada.post(
        f"{base}/workspace/episodes",
        data={**data, "start": "2019-04-30", "end": "2019-04-01", "csrf_token": token(page)},
    )
    assert bad.status_code == 422 and "is before start" in bad.text
    good = ada.post(
        f"{base}/workspace/episodes",
        data={**data, "start": "2019-04-30", "location": "SY07", "csrf_token": token(page)},
    )
    assert good.status_code == 200 and "إدلب 2019" in good.text


def test_without_a_session_or_a_token_nothing_is_stored(base: str, store: Store) -> None:
    before = counts(store)
    anonymous = requests.Session()
    page = anonymous.get(f"{base}/workspace/sources", allow_redirects=False)
    assert page.status_code == 302 and "/workspace/login" in page.headers["Location"]
    answer = anonymous.post(f"{base}/workspace/sources", data={**MSF, "id": "nosession"})
    assert answer.status_code == 403
    ada = login(base, "ada")
    answer = ada.post(f"{base}/workspace/sources", data={**MSF, "id": "notoken"})
    assert answer.status_code == 400
    answer = ada.post(
        f"{base}/workspace/sources/sohr", data={"reliability": "low", "csrf_token": "forged"}
    )
    assert answer.status_code == 400
    assert counts(store) == before


def test_an_analyst_is_refused_the_pages_and_the_writes(base: str, store: Store) -> None:
    before = counts(store)
    alice = login(base, "alice")
    assert alice.get(f"{base}/workspace/sources").status_code == 403
    assert alice.get(f"{base}/workspace/episodes/daraa-2018").status_code == 403
    entry = alice.get(f"{base}/workspace/entry")
    assert "nav-sources" not in entry.text
    answer = alice.post(
        f"{base}/workspace/sources", data={**MSF, "id": "byanalyst", "csrf_token": token(entry)}
    )
    assert answer.status_code == 403 and "may not manage registry" in answer.text
    answer = alice.post(
        f"{base}/workspace/sources/sohr", data={"reliability": "low", "csrf_token": token(entry)}
    )
    assert answer.status_code == 403
    assert counts(store) == before


def test_a_script_in_a_source_name_is_shown_as_text(base: str, store: Store) -> None:
    registry.add(store, ADMIN, "sources", {**MSF, "id": "hostile", "name_en": HOSTILE})
    ada = login(base, "ada")
    for path in ("/workspace/sources", "/workspace/sources/hostile", "/workspace/entry"):
        page = ada.get(f"{base}{path}")
        assert HOSTILE not in page.text, path
        assert "&lt;script&gt;" in page.text, path


def test_the_forms_label_every_column_in_both_languages(base: str) -> None:
    ada = login(base, "ada")
    english = ada.get(f"{base}/workspace/entry").text
    arabic = ada.get(f"{base}/workspace/entry?lang=ar").text
    assert "What is counted" in english and "Window start" in english
    assert "ما يُعدّ" in arabic and "بداية الفترة" in arabic and "المصدر" in arabic
    article = ada.get(f"{base}/workspace/article?lang=ar").text
    assert "تاريخ النشر" in article


INGEST = Path(__file__).parents[1] / "ingest" / "fixtures"


def upload(session: requests.Session, base: str, path: Path, **form: str) -> requests.Response:
    page = session.get(f"{base}/workspace/upload")
    with path.open("rb") as handle:
        return session.post(
            f"{base}/workspace/upload",
            data={"csrf_token": token(page), **form},
            files={"file": (path.name, handle)},
        )


def figures(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.figures)).scalar_one())


def test_the_upload_lists_every_format_of_data_formats(base: str) -> None:
    from tracker.ingest.formats.registry import builtin_formats

    page = login(base, "alice").get(f"{base}/workspace/upload?lang=ar")
    for name in builtin_formats():
        assert f'<option value="{name}"' in page.text
    assert "تُعرف من سطر العناوين" in page.text and "ما يُعدّ" in page.text


def test_a_wide_daily_upload_needs_its_source_then_is_proposed(base: str, store: Store) -> None:
    alice = login(base, "alice")
    before = figures(store)
    path = INGEST / "wide_daily.csv"
    refused = upload(alice, base, path, format="wide-daily")
    assert refused.status_code == 400 and "needs --set source=" in refused.text
    answer = upload(alice, base, path, sets="source=vdc\n")
    assert answer.status_code == 200, answer.text[-2000:]
    assert "format wide-daily chosen by the header" in answer.text
    after = figures(store)
    assert after > before
    again = upload(alice, base, path, sets="source=vdc")  # the natural keys: nothing new
    assert again.status_code == 200 and figures(store) == after


def test_a_bad_wide_daily_upload_names_every_line_and_stores_nothing(
    base: str, store: Store
) -> None:
    alice = login(base, "alice")
    before = figures(store)
    answer = upload(alice, base, INGEST / "wide_daily_bad.csv", sets="source=vdc")
    assert answer.status_code == 422
    assert "line 2, column value, value &#39;3.5&#39;: is not a whole number" in answer.text
    assert "the cell under &#39;Daraa&#39;" in answer.text and "Atlantis" in answer.text
    assert 'download="wide_daily_bad.rejects.csv"' in answer.text
    assert figures(store) == before


def test_an_idmc_idu_json_upload_is_recognised(base: str, store: Store) -> None:
    answer = upload(login(base, "alice"), base, INGEST / "idmc_idu.json", mode="partial")
    assert "format idmc-idu chosen by the header" in answer.text


def test_a_canonical_file_with_an_hxl_row_and_an_xlsx_are_uploaded(
    base: str, store: Store, tmp_path: Path
) -> None:
    import pandas as pd

    header = "figure_id,reported_on,source,metric,location,value"
    tags = "#meta+id,#date+reported,#meta+source,#indicator+metric,#adm1+code,#affected"
    hxl = tmp_path / "tagged.csv"
    hxl.write_text(f"{header}\n{tags}\nH1,2018-06-30,sohr,killed,SY12,7\n", encoding="utf-8")
    alice = login(base, "alice")
    answer = upload(alice, base, hxl)
    assert answer.status_code == 200, answer.text[-1500:]
    assert "HXL hashtag row" in answer.text and "1 figure" in answer.text
    book = tmp_path / "book.xlsx"
    pd.DataFrame(
        [["X1", "2018-06-30", "sohr", "killed", "SY12", "9"]], columns=header.split(",")
    ).to_excel(book, index=False)
    answer = upload(alice, base, book)
    assert answer.status_code == 200, answer.text[-1500:]
    assert "format canonical" in answer.text


def test_an_upload_says_when_it_counts_the_same_deaths_as_a_published_file(
    base: str, store: Store
) -> None:
    """The by-cause and by-province daily files count the same deaths: the upload warns as
    `tracker import` does (the figures are still proposed)."""
    from tracker.cli import main

    by_place, by_cause = INGEST / "wide_daily.csv", INGEST / "wide_daily_by_cause.csv"
    db = str(store.engine.url)
    assert main(["--db", db, "import", str(by_place), "--set", "source=sohr"]) == 0
    answer = upload(login(base, "alice"), base, by_cause, sets="source=sohr")
    assert answer.status_code == 200, answer.text[-1500:]
    assert "warning:" in answer.text and "count the same events as this" in answer.text
    assert "never sum them" in answer.text
