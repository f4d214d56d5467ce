"""The store: one object the CLI, the dashboard and the downloads talk to."""

from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd
from sqlalchemy import and_, select
from sqlalchemy.engine import Connection, Engine

from tracker.domain.filters import Filters
from tracker.domain.revisions import RevisionError, check_reason, revised_figure
from tracker.domain.settings import DEFAULT_SETTINGS, Settings
from tracker.domain.vocabularies import Vocabularies
from tracker.ingest.readers import FigureFile
from tracker.progress import IMPORT_STEPS, Steps
from tracker.service.importer import ImportPlan, plan_import, store_plan
from tracker.storage import figures as figure_rows
from tracker.storage import summaries, tables
from tracker.storage.database import (
    STATISTICS_AFTER,
    open_engine,
    refresh_statistics,
    require_schema,
    upgrade,
)
from tracker.storage.reference import load_registry, read_vocabularies

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


class Store:
    """Figures, flags and registry in one database (SQLite file or PostgreSQL)."""

    def __init__(self, url: str | None = None, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.engine: Engine = open_engine(url)
        self.settings = settings

    # -- schema and registry -------------------------------------------------------------
    def upgrade(self) -> tuple[int, int]:
        """Create or upgrade the schema and refresh the registry from data/."""
        versions = upgrade(self.engine)
        from tracker.ingest.reference import read_reference

        with self.engine.begin() as conn:
            load_registry(conn, read_reference())
        self.__dict__.pop("vocab", None)
        return versions

    def require_schema(self) -> None:
        require_schema(self.engine)

    @cached_property
    def vocab(self) -> Vocabularies:
        with self.engine.connect() as conn:
            return read_vocabularies(conn)

    @cached_property
    def location_levels(self) -> dict[str, int]:
        return self.vocab.gazetteer["level"].astype(int).to_dict()

    # -- figures ---------------------------------------------------------------------------
    def plan(self, file: FigureFile, today: date | None = None) -> ImportPlan:
        with self.engine.connect() as conn:
            return plan_import(conn, file, self.vocab, today or date.today(), self.settings.tau)

    def import_file(
        self,
        file: FigureFile,
        partial: bool = False,
        why: str | None = None,
        today: date | None = None,
        before_commit: Callable[[ImportPlan], object] | None = None,
    ) -> ImportResult:
        """Store a file's figures in one transaction (all or nothing unless partial).

        ``before_commit(plan)`` runs inside the transaction once the figures are stored (the
        CLI writes the rejects file there): when it raises, nothing is stored."""
        check_reason(why)
        batch = uuid.uuid4().hex
        steps = Steps(IMPORT_STEPS, f"importing {file.path.name}")
        try:
            with self.engine.begin() as conn:
                steps.advance("checking")
                plan = plan_import(conn, file, self.vocab, today or date.today(), self.settings.tau)
                if not plan.ok and not partial:
                    return ImportResult(plan, 0, None)
                steps.advance("storing")
                stored = store_plan(conn, plan, current_user(), why, batch)
                steps.advance("recomputing flags")
                self._after_change(conn, plan.new)
                if stored >= STATISTICS_AFTER:
                    refresh_statistics(conn)
                if before_commit is not None:
                    before_commit(plan)
        finally:
            steps.close()
        return ImportResult(plan, stored, batch)

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
        self, figure_id: str, changes: dict[str, str], why: str, today: date | None = None
    ) -> pd.DataFrame:
        """Write the next revision of a figure; the old one stays, marked superseded."""
        with self.engine.begin() as conn:
            current = self._lock_current(conn, figure_id)
            if current["status"].iloc[0] == "retracted":
                raise RevisionError(f"figure {figure_id} is retracted; it cannot be revised")
            revised = revised_figure(
                current, changes, self.vocab, today or date.today(), self.settings.tau
            )
            self._write_revision(conn, current, revised, why, "active")
            self._after_change(conn, pd.concat([current, revised], ignore_index=True))
        return revised

    def retract(self, figure_id: str, why: str) -> None:
        """Withdraw a figure with a revision whose status is retracted."""
        with self.engine.begin() as conn:
            current = self._lock_current(conn, figure_id)
            if current["status"].iloc[0] == "retracted":
                raise RevisionError(f"figure {figure_id} is already retracted")
            self._write_revision(conn, current, current.copy(), why, "retracted")
            self._after_change(conn, current)

    def _lock_current(self, conn: Connection, figure_id: str) -> pd.DataFrame:
        query = select(F).where(and_(F.c.figure_id == figure_id, F.c.current))
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        current = figure_rows.read_frame(conn, query)
        if current.empty:
            raise RevisionError(f"no figure with id {figure_id!r} is stored")
        return current

    def _write_revision(
        self, conn: Connection, current: pd.DataFrame, revised: pd.DataFrame, why: str, status: str
    ) -> None:
        if not why or not why.strip():
            raise RevisionError("--why is required: say why the figure changes")
        check_reason(why)
        figure_rows.retire(conn, [current["figure_id"].iloc[0]])
        figure_rows.insert_revisions(
            conn,
            revised,
            who=current_user(),
            why=why,
            batch=None,
            revision=int(current["revision"].iloc[0]) + 1,
            status=status,
        )

    def history(self, figure_id: str) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return figure_rows.revisions_of(conn, [figure_id])

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

    def explain_flag(self, flag_id: str, note: str, status: str = "explained") -> None:
        """Mark a flag explained (or open again) with a note that survives recomputation."""
        from tracker.storage.flagstore import explain_flag

        check_reason(note, "--note")
        with self.engine.begin() as conn:
            known = conn.execute(
                select(tables.flags.c.flag_id).where(tables.flags.c.flag_id == flag_id)
            ).first()
            if known is None:
                raise RevisionError(f"no flag with id {flag_id!r} is stored")
            explain_flag(conn, flag_id, note, current_user(), status)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return figure_rows.count_current(conn)
