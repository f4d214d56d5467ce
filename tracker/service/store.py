"""The store: one object the CLI, the dashboard and the downloads talk to.

It owns the engine. Callers ask it for frames, row streams and answers; the layers that
hand a connection to storage functions (the service's page loaders) take one from
:meth:`Store.connect` or :meth:`Store.transaction`, never from the engine.
"""

from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd
from sqlalchemy import and_, select
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain.filters import Filters
from tracker.domain.revisions import RevisionError, check_reason, revised_figure
from tracker.domain.roles import PROPOSED, Action, Actor, PermissionDenied, Role, require
from tracker.domain.settings import DEFAULT_SETTINGS, Settings
from tracker.domain.vocabularies import Vocabularies
from tracker.ingest.readers import FigureFile
from tracker.ingest.reference import read_reference
from tracker.progress import IMPORT_STEPS, Steps, progress
from tracker.service import refcache
from tracker.service.importer import ImportPlan, plan_import, store_plan
from tracker.service.rows import FigureRows, figure_rows_of, figure_rows_of_ids
from tracker.service.writing import retrying, write_transaction
from tracker.storage import accounts, changes, summaries, tables, versions
from tracker.storage import figures as figure_rows
from tracker.storage import review as review_rows
from tracker.storage.database import (
    STATISTICS_AFTER,
    open_engine,
    refresh_statistics,
    require_schema,
    schema_version,
    upgrade,
)
from tracker.storage.flagquery import flag_ids_between, flag_ids_of_all
from tracker.storage.reference import add_sources, load_registry, read_vocabularies

F = tables.figures


def current_user() -> str:
    """Who is entering data: $TRACKER_USER, else the login name."""
    try:
        return os.environ.get("TRACKER_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


@dataclass
class ImportResult:
    plan: ImportPlan
    stored: int
    batch: str | None


class StoreUnavailable(Exception):
    """The database cannot be reached just now (the driver's error is the cause)."""


class Store:
    """Figures, flags and registry in one database (SQLite file or PostgreSQL).

    ``engine`` is the store's own; tests and benchmarks that set data up by hand may use it,
    the library's other layers go through the methods below.
    """

    def __init__(self, url: str | None = None, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.engine: Engine = open_engine(url)
        self.settings = settings

    # -- connections ---------------------------------------------------------------------
    @property
    def url(self) -> URL:
        """Where the data live (``str()`` of it hides the password)."""
        return self.engine.url

    def connect(self) -> AbstractContextManager[Connection]:
        """A connection for reading (``with store.connect() as conn``)."""
        return self.engine.connect()

    def transaction(self) -> AbstractContextManager[Connection]:
        """A connection in a write transaction, committed when the block ends without an
        error; on SQLite it holds the write lock from the start (``tracker/service/writing.py``),
        so that a writer waits for the others instead of failing half-way."""
        return write_transaction(self.engine)

    def close(self) -> None:
        """Close the pooled connections (the store can still be used; it reconnects)."""
        self.engine.dispose()

    @contextmanager
    def reachable(self) -> Iterator[None]:
        """Within the block, a database that cannot be reached (or answers with a driver
        error) raises :class:`StoreUnavailable`, the driver's error as its cause."""
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreUnavailable(str(exc)) from exc

    def schema_version(self) -> int:
        """The schema version of the database (0 before ``tracker init``)."""
        with self.engine.connect() as conn:
            conn.execute(select(1))
            return schema_version(conn)

    def data_version(self) -> tuple[str, ...]:
        """Changes whenever figures, flags or notes change (one indexed query)."""
        with self.engine.connect() as conn:
            return versions.data_version(conn)

    def change_stamps(self) -> versions.ChangeStamps:
        """What a download's version is made of (a handful of indexed queries)."""
        with self.engine.connect() as conn:
            return versions.change_stamps(conn)

    # -- schema and registry -------------------------------------------------------------
    def upgrade(self) -> tuple[int, int]:
        """Create or upgrade the schema and refresh the registry from data/."""
        versions = upgrade(self.engine)
        with write_transaction(self.engine) as conn:
            load_registry(conn, read_reference())
        self.__dict__.pop("vocab", None)
        return versions

    def add_sources(self, sources: pd.DataFrame) -> int:
        """Add the sources (registry rows) missing from the database; returns how many."""
        with write_transaction(self.engine) as conn:
            added = add_sources(conn, sources)
        self.__dict__.pop("vocab", None)
        return added

    def require_schema(self) -> None:
        require_schema(self.engine)

    @cached_property
    def vocab(self) -> Vocabularies:
        """data/'s vocabularies with the database's registry; kept between commands in a
        cache file named by their contents (:mod:`tracker.service.refcache`)."""
        with self.engine.connect() as conn:
            return refcache.vocabularies(conn, lambda: read_vocabularies(conn, read_reference()))

    @cached_property
    def location_levels(self) -> dict[str, int]:
        return self.vocab.gazetteer["level"].astype(int).to_dict()

    # -- figures ---------------------------------------------------------------------------
    def double_counting(self, name: str, overlaps: Sequence[str], file: FigureFile) -> list[str]:
        """Warnings that stored figures of formats counting the same events (``overlaps``)
        meet this file's sources and days (see :mod:`tracker.service.overlaps`)."""
        from tracker.service.overlaps import double_counting

        with self.engine.connect() as conn:
            return double_counting(conn, name, overlaps, file.table)

    def plan(
        self,
        file: FigureFile,
        today: date | None = None,
        vocab: Vocabularies | None = None,
        revise_changed: bool = False,
        stored: bool = True,
    ) -> ImportPlan:
        """Validate a file and compare it with what is stored; store nothing. ``vocab``
        checks against other vocabularies than the stored ones (data/'s, before init);
        ``stored=False`` compares with nothing (a database not initialised yet)."""
        vocab = self.vocab if vocab is None else vocab
        today = today or date.today()
        if not stored:
            return plan_import(None, file, vocab, today, DEFAULT_SETTINGS.tau, revise_changed)
        with self.engine.connect() as conn:
            return plan_import(conn, file, vocab, today, self.settings.tau, revise_changed)

    # -- who acts ------------------------------------------------------------------------------
    def actor_named(self, name: str) -> Actor | None:
        """The account of this name as an actor; None when there is none or it is disabled."""
        with self.engine.connect() as conn:
            account = accounts.user(conn, name)
        if account is None or account["disabled"]:
            return None
        return Actor(name, Role(account["role"]))

    def shell_actor(self) -> Actor:
        """Who acts from the shell: $TRACKER_USER, else the login name. A name with an
        account acts with its role (a disabled one not at all); any other name is the
        database's operator, who can reach every table anyway, and acts as an admin."""
        name = current_user()
        with self.engine.connect() as conn:
            account = accounts.user(conn, name)
        if account is None:
            return Actor(name, Role.ADMIN)
        if account["disabled"]:
            raise PermissionDenied(f"the account {name} is disabled")
        return Actor(name, Role(account["role"]))

    def import_file(
        self,
        file: FigureFile,
        partial: bool = False,
        why: str | None = None,
        today: date | None = None,
        propose: bool = False,
        actor: Actor | None = None,
        before_commit: Callable[[ImportPlan], object] | None = None,
        revise_changed: bool = False,
    ) -> ImportResult:
        """Store a file's figures in one transaction (all or nothing unless partial).

        ``propose`` stores them as proposals awaiting review (never public, no flag or band
        changes); otherwise they are published at once, which only a reviewer or admin may do.
        ``before_commit(plan)`` runs inside the transaction once the figures are stored (the
        CLI writes the rejects file there): when it raises, nothing is stored.
        ``revise_changed`` stores a stored figure given with other values as its next
        revision (``why`` required), instead of refusing it as a conflict.
        """
        check_reason(why)
        if revise_changed and not (why and why.strip()):
            raise RevisionError("--why is required with --revise-changed: say why figures change")
        actor = actor or self.shell_actor()
        require(actor, Action.PROPOSE if propose else Action.PUBLISH)
        return retrying(
            lambda: self._import_once(
                file, partial, why, today, propose, actor, before_commit, revise_changed
            ),
            f"import {file.path.name}",
        )

    def _import_once(
        self,
        file: FigureFile,
        partial: bool,
        why: str | None,
        today: date | None,
        propose: bool,
        actor: Actor,
        before_commit: Callable[[ImportPlan], object] | None,
        revise_changed: bool,
    ) -> ImportResult:
        """One attempt at an import, planned against what is stored now."""
        batch = uuid.uuid4().hex
        steps = Steps(IMPORT_STEPS, f"importing {file.path.name}")
        try:
            with write_transaction(self.engine) as conn:
                steps.advance("checking")
                plan = plan_import(
                    conn,
                    file,
                    self.vocab,
                    today or date.today(),
                    self.settings.tau,
                    revise_changed,
                )
                if not plan.ok and not partial:
                    return ImportResult(plan, 0, None)
                steps.advance("storing")
                review = PROPOSED if propose else "accepted"
                stored = store_plan(conn, plan, actor.name, why, batch, review)
                steps.advance("recomputing flags")
                if not propose:
                    self._after_change(conn, _touched(plan))
                if stored >= STATISTICS_AFTER:
                    refresh_statistics(conn)
                if before_commit is not None:
                    before_commit(plan)
        finally:
            steps.close()
        return ImportResult(plan, stored, batch)

    def after_change(self, conn: Connection, changed: pd.DataFrame) -> None:
        """Summaries, flags and bands brought up to date after these figures changed, in the
        caller's transaction (the review service calls it when a proposal is accepted)."""
        self._after_change(conn, changed)

    def _after_change(self, conn: Connection, changed: pd.DataFrame) -> None:
        """Refresh the summaries and recompute the flags of the series the changed figures
        belong to."""
        if changed.empty:
            return
        from tracker.storage.flagstore import recompute_for

        summaries.refresh(conn, changed)
        recompute_for(conn, self.vocab, self.settings, changed)

    def current(self, figure_id: str, conn: Connection | None = None) -> pd.DataFrame:
        query = select(F).where(and_(F.c.figure_id == figure_id, F.c.current))
        if conn is not None:
            return figure_rows.read_frame(conn, query)
        with self.engine.connect() as c:
            return figure_rows.read_frame(c, query)

    def revise(
        self,
        figure_id: str,
        changes: dict[str, str],
        why: str,
        today: date | None = None,
        actor: Actor | None = None,
    ) -> pd.DataFrame:
        """Write the next revision of a figure; the old one stays, marked superseded.
        A published figure changes without review: reviewers and admins only."""
        actor = actor or self.shell_actor()
        require(actor, Action.PUBLISH)
        return retrying(
            lambda: self._revise_once(figure_id, changes, why, today, actor), f"revise {figure_id}"
        )

    def _revise_once(
        self,
        figure_id: str,
        changes: dict[str, str],
        why: str,
        today: date | None,
        actor: Actor,
    ) -> pd.DataFrame:
        with write_transaction(self.engine) as conn:
            current = self._lock_current(conn, figure_id)
            if current["status"].iloc[0] == "retracted":
                raise RevisionError(f"figure {figure_id} is retracted; it cannot be revised")
            revised = revised_figure(
                current, changes, self.vocab, today or date.today(), self.settings.tau
            )
            self._write_revision(conn, current, revised, why, "active", actor.name)
            self._after_change(conn, pd.concat([current, revised], ignore_index=True))
        return revised

    def retract(self, figure_id: str, why: str, actor: Actor | None = None) -> None:
        """Withdraw a figure with a revision whose status is retracted (reviewers, admins)."""
        actor = actor or self.shell_actor()
        require(actor, Action.PUBLISH)
        retrying(lambda: self._retract_once(figure_id, why, actor), f"retract {figure_id}")

    def _retract_once(self, figure_id: str, why: str, actor: Actor) -> None:
        with write_transaction(self.engine) as conn:
            current = self._lock_current(conn, figure_id)
            if current["status"].iloc[0] == "retracted":
                raise RevisionError(f"figure {figure_id} is already retracted")
            self._write_revision(conn, current, current.copy(), why, "retracted", actor.name)
            self._after_change(conn, current)

    def lock_published(self, conn: Connection, figure_id: str) -> pd.DataFrame:
        """The figure's published revision, locked until the transaction ends (PostgreSQL);
        refused when there is none or a proposal of it is still open."""
        return self._lock_current(conn, figure_id)

    def _lock_current(self, conn: Connection, figure_id: str) -> pd.DataFrame:
        query = select(F).where(and_(F.c.figure_id == figure_id, F.c.current))
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        current = figure_rows.read_frame(conn, query)
        if current.empty:
            revised_at = self._revised_meanwhile(conn, figure_id)
            if revised_at is not None:
                raise RevisionError(
                    f"figure {figure_id} was revised by another user at {revised_at}; "
                    "re-run to revise the new revision"
                )
            raise RevisionError(
                f"no figure with id {figure_id!r} is stored as published (a proposal "
                "changes by its review: `tracker review`)"
            )
        open_state = review_rows.open_proposal(conn, figure_id)
        if open_state is not None:
            raise RevisionError(
                f"figure {figure_id} has a proposal {open_state} (`tracker review list "
                f"--status {open_state}`): it is decided before the figure changes again"
            )
        return current

    def _revised_meanwhile(self, conn: Connection, figure_id: str) -> str | None:
        """When the figure's current revision was written, if one is stored now: a writer that
        waited on the row lock finds the row it waited for superseded by another user's."""
        query = select(F.c.entered_at, F.c.entered_by).where(
            and_(F.c.figure_id == figure_id, F.c.current)
        )
        row = conn.execute(query).first()
        if row is None:
            return None
        return f"{row.entered_at:%Y-%m-%d %H:%M:%S} ({row.entered_by})"

    def _write_revision(
        self,
        conn: Connection,
        current: pd.DataFrame,
        revised: pd.DataFrame,
        why: str,
        status: str,
        who: str,
    ) -> None:
        if not why or not why.strip():
            raise RevisionError("--why is required: say why the figure changes")
        check_reason(why)
        figure_rows.retire(conn, [current["figure_id"].iloc[0]])
        figure_rows.insert_revisions(
            conn,
            revised,
            who=who,
            why=why,
            batch=None,
            revision=review_rows.newest_revision(conn, str(current["figure_id"].iloc[0])) + 1,
            status=status,
        )

    def history(self, figure_id: str, public: bool = False) -> pd.DataFrame:
        """Every revision of a figure, oldest first; ``public`` keeps the accepted ones only
        (the public pages never show a proposal or a rejection)."""
        with self.engine.connect() as conn:
            revisions = figure_rows.revisions_of(conn, [figure_id])
        if public:
            accepted = (revisions["review_status"] == "accepted").to_numpy(dtype=bool)
            revisions = revisions[accepted].reset_index(drop=True)
        return revisions

    def figures(
        self, filters: Filters = Filters(), include_retracted: bool = False
    ) -> pd.DataFrame:
        """Current figures matching the filters, in figure_id order."""
        chunks = list(self.iter_figures(filters, include_retracted))
        return pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame()

    def iter_figures(
        self,
        filters: Filters = Filters(),
        include_retracted: bool = False,
        chunk_rows: int = 50_000,
    ) -> Iterator[pd.DataFrame]:
        with self.engine.connect() as conn:
            yield from figure_rows.iter_current(
                conn, filters, self.location_levels, include_retracted, chunk_rows
            )

    def figure_rows(
        self, filters: Filters, columns: Sequence[str], chunk_rows: int = 50_000
    ) -> Iterator[FigureRows]:
        """Current, active figures matching the filters, a chunk at a time in figure_id order,
        as the database cursor gives them, with the flags each is in (the downloads' fast
        path). Only the ``columns`` the figures table has are read."""
        return figure_rows_of(self.engine, filters, self.location_levels, columns, chunk_rows)

    def figure_rows_of_ids(
        self, ids: Sequence[str], columns: Sequence[str], chunk_rows: int = 50_000
    ) -> Iterator[FigureRows]:
        """As :meth:`figure_rows`, only the figures ``ids`` (through the cursor)."""
        return figure_rows_of_ids(self.engine, ids, self.location_levels, columns, chunk_rows)

    def figures_changed_after(self, mark: int) -> list[str]:
        """The ids of figures with a revision written after figure row ``mark``."""
        with self.engine.connect() as conn:
            return changes.figure_ids_after(conn, mark)

    def figure_rows_up_to(self, mark: int) -> int:
        """How many figure rows are at or below row ``mark`` (grows only when a writer
        committed late below it)."""
        with self.engine.connect() as conn:
            return changes.rows_up_to(conn, mark)

    def figure_row_at(self, mark: int) -> str:
        """Which figure row is row ``mark`` ("" when none): the same answer for as long
        as the database is the same one (not restored from a backup nor made anew)."""
        with self.engine.connect() as conn:
            return changes.row_at(conn, mark)

    def flag_ids_of_all(self) -> dict[str, str]:
        """figure_id → its flags' ids, sorted and ';'-joined, as figures.csv writes them."""
        with self.engine.connect() as conn:
            return flag_ids_of_all(conn)

    def flag_ids_between(self, first: str, last: str) -> dict[str, str]:
        """figure_id → its flags' ids (sorted, ';'-joined), for ids from first to last."""
        with self.engine.connect() as conn:
            return flag_ids_between(conn, first, last)

    def flag_ids_by_figure(self) -> dict[str, str]:
        """figure_id → the ids of the flags it is involved in, ';'-joined."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(tables.flag_figures.c.figure_id, tables.flag_figures.c.flag_id).order_by(
                    tables.flag_figures.c.figure_id, tables.flag_figures.c.flag_id
                )
            ).fetchall()
        out: dict[str, list[str]] = {}
        for figure_id, flag_id in rows:
            out.setdefault(figure_id, []).append(flag_id)
        return {k: ";".join(v) for k, v in out.items()}

    # -- flags and bands ------------------------------------------------------------------------
    def flags(self, filters: Filters = Filters()) -> pd.DataFrame:
        """Current flags (DESIGN.md §4 flags CSV columns) with their status and note."""
        from tracker.storage.flagstore import read_flags

        with self.engine.connect() as conn:
            return read_flags(conn, filters, self.location_levels)

    def bands(self, filters: Filters = Filters()) -> pd.DataFrame:
        """Reconciled bands per series and date."""
        from tracker.storage.flagstore import read_bands

        with self.engine.connect() as conn:
            return read_bands(conn, filters)

    def newest_bands(self, filters: Filters = Filters()) -> pd.DataFrame:
        """The band rows with a headline on each place's newest date with one."""
        from tracker.storage.flagstore import read_newest_bands

        with self.engine.connect() as conn:
            return read_newest_bands(conn, filters)

    def explain_flag(
        self, flag_id: str, note: str, status: str = "explained", actor: Actor | None = None
    ) -> None:
        """Mark a flag explained (or open again) with a note that survives recomputation."""
        from tracker.storage.flagstore import explain_flag

        actor = actor or self.shell_actor()
        require(actor, Action.EXPLAIN)
        check_reason(note, "--note")

        def once() -> None:
            with write_transaction(self.engine) as conn:
                known = conn.execute(
                    select(tables.flags.c.flag_id).where(tables.flags.c.flag_id == flag_id)
                ).first()
                if known is None:
                    raise RevisionError(f"no flag with id {flag_id!r} is stored")
                explain_flag(conn, flag_id, note, actor.name, status)

        retrying(once, f"explain {flag_id}")

    def recompute_flags(self) -> tuple[int, int]:
        """Recompute every component's flags and bands from scratch, in one transaction:
        (components, flags)."""
        from tracker.domain.reconcile.rules.flows_between import families
        from tracker.storage.flagstore import (
            clear_all,
            context_for,
            recompute,
            stored_components,
        )

        with write_transaction(self.engine) as conn:
            components = stored_components(conn)
            n = 0
            clear_all(conn)
            groups = families(components, context_for(self.vocab, self.settings))
            for family in progress(groups, desc="recomputing flags", unit="family"):
                n += recompute(conn, self.vocab, self.settings, family)
        return len(components), n

    def count(self) -> int:
        with self.engine.connect() as conn:
            return figure_rows.count_current(conn)

    def count_matching(self, filters: Filters) -> int:
        """How many current figures the filters select: what a filtered download reads."""
        with self.engine.connect() as conn:
            return figure_rows.count_matching(conn, filters, self.location_levels)


def _touched(plan: ImportPlan) -> pd.DataFrame:
    """The figures whose series change: the new ones, and for each revision both the new
    values and the superseded ones (a revision may move a figure to another series)."""
    if plan.revised.empty:
        return plan.new
    return pd.concat([plan.new, plan.revised, plan.superseded], ignore_index=True)
