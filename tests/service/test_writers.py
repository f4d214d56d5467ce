"""Writers racing each other: the loser is told what happened in one line, nothing is lost."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import and_, insert, literal, select, update
from sqlalchemy.exc import OperationalError

from tests.helpers import write_figures
from tests.service.test_concurrency import tracker
from tracker.domain.revisions import RevisionError
from tracker.ingest.readers import read_figure_file
from tracker.service import writing
from tracker.service.store import Store
from tracker.storage import tables

F = tables.figures


def _import(url: str, path: Path) -> tuple[int, int]:
    store = Store(url)
    try:
        result = store.import_file(read_figure_file(path))
        return result.stored, result.plan.unchanged
    finally:
        store.engine.dispose()


@pytest.fixture
def impatient_cli(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """An initialised SQLite store whose writers wait 0.1 s for the lock, twice, no pause."""
    from tracker.cli import main
    from tracker.storage import database

    def quick_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=100")

    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_NO_PROGRESS", "1")
    assert main(["init"]) == 0
    monkeypatch.setattr(database, "_sqlite_pragmas", quick_pragmas)
    monkeypatch.setattr(writing, "ATTEMPTS", 2)
    monkeypatch.setattr(writing, "FIRST_WAIT", 0.0)
    return sqlite_url


@contextmanager
def locked(sqlite_url: str) -> Iterator[None]:
    """Another writer holding the SQLite write lock throughout."""
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


@pytest.mark.slow
def test_the_same_file_imported_twice_at_once_is_stored_once(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    path = write_figures(tmp_path / "same.csv", 400, "S")
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: _import(db_url, path), range(2)))
    assert sorted(outcomes) == [(0, 400), (400, 0)]
    assert store.count() == 400


@pytest.mark.slow
def test_several_sqlite_imports_at_once_all_land(sqlite_url: str, tmp_path: Path) -> None:
    store = Store(sqlite_url)
    store.upgrade()
    paths = [write_figures(tmp_path / f"{p}.csv", 500, p) for p in "ABCD"]
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(lambda p: _import(sqlite_url, p), paths))
    assert outcomes == [(500, 0)] * 4
    assert store.count() == 2000


def _revise_by_hand_while_locked(store: Store, figure_id: str, started: threading.Event) -> None:
    """Another user's revision, committed while the CLI's revise waits on the row lock."""
    names = [c.name for c in F.columns if c.name != "row_id"]
    replaced = {"revision": F.c.revision + 1, "current": literal(True)}
    replaced["entered_by"] = literal("other analyst")
    values = [replaced.get(n, F.c[n]) for n in names]
    with store.engine.begin() as conn:
        mine = and_(F.c.figure_id == figure_id, F.c.current)
        conn.execute(select(F.c.row_id).where(mine).with_for_update())
        started.set()
        time.sleep(1.0)  # the other revise is now blocked on this row
        row = conn.execute(select(F.c.revision).where(mine)).scalar_one()
        conn.execute(update(F).where(mine).values(current=False))
        conn.execute(
            insert(F).from_select(
                names, select(*values).where(and_(F.c.figure_id == figure_id, F.c.revision == row))
            )
        )


@pytest.mark.postgres
def test_two_revisions_of_one_figure_at_once_tell_the_loser_on_postgres(
    pg_url: str, tmp_path: Path
) -> None:
    store = Store(pg_url)
    store.upgrade()
    store.import_file(read_figure_file(write_figures(tmp_path / "r.csv", 3, "R")))
    figure_id = str(store.figures()["figure_id"].iloc[0])
    started = threading.Event()
    other = threading.Thread(target=_revise_by_hand_while_locked, args=(store, figure_id, started))
    other.start()
    started.wait(10)
    with pytest.raises(RevisionError) as caught:
        store.revise(figure_id, {"notes": "mine"}, why="a correction")
    other.join()
    message = str(caught.value)
    assert f"figure {figure_id} was revised by another user at" in message
    assert "other analyst" in message and "re-run to revise the new revision" in message
    assert len(store.history(figure_id)) == 2  # the winner's revision only
    store.engine.dispose()


def test_a_store_kept_busy_ends_in_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "FIRST_WAIT", 0.0)
    tries = []

    def locked() -> None:
        tries.append(1)
        raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))

    with pytest.raises(writing.StoreBusy, match="^store busy: .*nothing was stored"):
        writing.retrying(locked, "import a.csv")
    assert len(tries) == writing.ATTEMPTS


def test_other_database_errors_are_not_retried() -> None:
    tries = []

    def broken() -> None:
        tries.append(1)
        raise OperationalError("SELECT", {}, Exception("no such table: figures"))

    with pytest.raises(OperationalError):
        writing.retrying(broken)
    assert tries == [1]


def test_import_into_a_locked_sqlite_store_says_store_busy_in_one_line(
    impatient_cli: str, tmp_path: Path, capsys
) -> None:
    from tracker.cli import main

    capsys.readouterr()
    with locked(impatient_cli):
        code = main(["import", str(write_figures(tmp_path / "b.csv", 5, "B"))])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith("tracker import: store busy:") and "\n" not in err
    assert Store(impatient_cli).count() == 7  # the founding article only


def _revise(url: str, figure_id: str, note: str, start: threading.Barrier) -> str:
    """One user's `revise`; what the user is told ("" when the revision was stored)."""
    store = Store(url)
    try:
        start.wait(30)
        store.revise(figure_id, {"notes": note}, why="a correction")
        return ""
    except RevisionError as exc:
        return str(exc)
    finally:
        store.engine.dispose()


@pytest.mark.slow
def test_revisions_of_one_figure_at_once_never_fail_or_lose_a_revision(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    store.import_file(read_figure_file(write_figures(tmp_path / "r.csv", 3, "R")))
    figure_id = str(store.figures()["figure_id"].iloc[0])
    users = 4
    start = threading.Barrier(users)
    with ThreadPoolExecutor(users) as pool:
        told = list(
            pool.map(lambda i: _revise(db_url, figure_id, f"note {i}", start), range(users))
        )
    losers = [m for m in told if m]
    for message in losers:
        assert f"figure {figure_id} was revised by another user at" in message
        assert message.endswith("re-run to revise the new revision")
    history = store.history(figure_id)
    assert list(history["revision"]) == list(range(1, 2 + users - len(losers)))
    notes = list(history["notes"].iloc[1:])
    assert len(set(notes)) == len(notes) and set(notes) <= {f"note {i}" for i in range(users)}
    if store.engine.dialect.name == "sqlite":
        assert losers == []  # SQLite writers queue for the lock and each revises the newest


@pytest.mark.slow
def test_two_processes_importing_the_same_file_at_once_say_so_without_a_traceback(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    path = write_figures(tmp_path / "same.csv", 3000, "P")
    procs = [tracker("import", str(path), db=db_url) for _ in range(2)]
    outcomes = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outcomes
    assert not any("Traceback" in err for _, err in outcomes)
    said = sorted(  # each import's summary line (the winner also prints what it moved)
        next(line for line in out.splitlines() if line.startswith(str(path))) for out, _ in outcomes
    )
    assert said == [
        f"{path}: 0 figure(s) stored, 3000 already stored",
        f"{path}: 3000 figure(s) stored, 0 already stored",
    ]
    assert store.count() == 3000


def test_any_write_kept_waiting_beyond_the_busy_timeout_is_one_store_busy_line(
    impatient_cli: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import io

    from tracker.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    capsys.readouterr()
    with locked(impatient_cli):
        code = main(["users", "add", "nadia", "--role", "analyst"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith("tracker users: store busy:") and "\n" not in err


def _add_account(url: str, start: threading.Barrier) -> str:
    from tracker.service import accounts

    store = Store(url)
    try:
        start.wait(30)
        accounts.add_user(store, store.shell_actor(), "nadia", "analyst", "long enough password")
        return "added"
    except accounts.AccountError as exc:
        return str(exc)
    finally:
        store.engine.dispose()


@pytest.mark.slow
def test_one_account_added_twice_at_once_is_refused_once_by_name(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check and the write it allows are one transaction: the second of two users adding
    the same account is told it exists (on SQLite the write lock is held from the check)."""
    monkeypatch.setenv("TRACKER_USER", "root")
    Store(db_url).upgrade()
    start = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        told = sorted(pool.map(lambda _: _add_account(db_url, start), range(2)))
    assert told == ["added", "an account named 'nadia' exists already"]


def test_a_blocked_write_outside_the_retries_is_said_as_store_busy() -> None:
    locked = OperationalError("INSERT", {}, Exception("database is locked"))
    said = writing.busy(locked)
    assert isinstance(said, writing.StoreBusy) and str(said).startswith("store busy: ")
    assert writing.busy(OperationalError("SELECT", {}, Exception("no such table"))) is None


def _accept(url: str, reviewer: str, figure_id: str, start: threading.Barrier) -> str:
    from tracker.domain.roles import Actor, Role
    from tracker.service import review

    store = Store(url)
    try:
        start.wait(30)
        review.accept(store, Actor(reviewer, Role.REVIEWER), figure_id, why="checked")
        return "accepted"
    except RevisionError as exc:
        return str(exc)
    finally:
        store.engine.dispose()


@pytest.mark.slow
def test_two_reviewers_accepting_one_proposal_at_once_publish_it_once(
    store: Store, db_url: str
) -> None:
    from tests.storage.test_review import ALICE, CONTRADICTING, one_figure

    store.import_file(one_figure(CONTRADICTING), actor=ALICE, propose=True)
    start = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        told = sorted(pool.map(lambda r: _accept(db_url, r, "P001", start), ["bob", "carol"]))
    assert told == ["accepted", "no proposal of figure 'P001' awaits review"]
    history = store.history("P001")
    assert list(history["review_status"]) == ["proposed", "accepted"]


def test_an_import_kept_waiting_past_the_busy_timeout_lands_on_a_later_try(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four large imports at once used to end in "database is locked" after the busy timeout
    (finding 6); now a writer tries again, so waiting longer than the timeout still lands."""
    from tracker.storage import database

    def quick_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA busy_timeout=300")

    monkeypatch.setattr(database, "_sqlite_pragmas", quick_pragmas)
    store = Store(sqlite_url)
    store.upgrade()
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # a long import of someone else's
    release = threading.Timer(1.5, holder.rollback)
    release.start()
    started = time.monotonic()
    result = store.import_file(read_figure_file(write_figures(tmp_path / "w.csv", 5, "W")))
    waited = time.monotonic() - started
    release.join()
    holder.close()
    assert result.stored == 5 and store.count() == 5
    assert waited >= 1.4  # it did wait for the other writer, past its 0.3 s timeout
    store.engine.dispose()
