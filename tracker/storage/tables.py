"""The database tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Figures are append-only: every revision is a row; the current one has current = true.
Nothing is ever deleted or updated in place except the ``current`` marker of a
superseded revision.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

SCHEMA_VERSION = 8

metadata = MetaData()

meta = Table(
    "tracker_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


def _labelled(name: str, *extra: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("id", String(64), primary_key=True),
        Column("label_en", Text, nullable=False),
        Column("label_ar", Text, nullable=False),
        *extra,
    )


sources = Table(
    "sources",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text, nullable=False),
    Column("short_en", Text),
    Column("short_ar", Text),
    Column("type", String(32), nullable=False),
    Column("reliability", String(16), nullable=False),
    Column("url", Text),
)

episodes = Table(
    "episodes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text, nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date),
    Column("location", String(16)),
)

#: Named areas (schema version 8, DESIGN §6): a set of places that is no admin unit; a
#: figure's location may be an area id. ``members``: the member P-codes, space-separated.
areas = Table(
    "areas",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text, nullable=False),
    Column("members", Text, nullable=False),
    Column("note", Text),
)

locations = Table(
    "locations",
    metadata,
    Column("pcode", String(16), primary_key=True),
    Column("level", Integer, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text, nullable=False),
    Column("parent", String(16), index=True),
    Column("latitude", Float),
    Column("longitude", Float),
)

figures = Table(
    "figures",
    metadata,
    Column(
        "row_id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("figure_id", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("status", String(16), nullable=False),  # active | retracted
    Column("reported_on", Date, nullable=False),
    Column("source", String(64), nullable=False),
    Column("publisher", Text),
    Column("url", Text),
    Column("metric", String(64), nullable=False),
    Column("population", String(64), nullable=False),
    Column("location", String(16), nullable=False),
    Column("period_start", Date),
    Column("period_end", Date, nullable=False),
    Column("measure", String(8), nullable=False),
    Column("episode", String(64)),
    Column("qualifier", String(16), nullable=False),
    Column("value", BigInteger, nullable=False),
    Column("value_high", BigInteger),
    Column("unit", String(16), nullable=False),
    Column("quote", Text),
    Column("quote_lang", String(8)),
    Column("notes", Text),
    Column("low", BigInteger, nullable=False),
    Column("high", BigInteger),  # NULL: no upper bound
    Column("tau", Float),
    Column("household_size", String(32)),
    Column("interval_rule", Text, nullable=False),
    Column("defaults_applied", Text),
    Column("adm0", String(16)),
    Column("adm1", String(16)),
    Column("adm2", String(16)),
    Column("adm3", String(16)),
    Column("entered_at", DateTime(timezone=True), nullable=False),
    Column("entered_by", Text, nullable=False),
    Column("why", Text),
    Column("batch", String(40)),
    # Review (schema version 4, DESIGN.md §6): proposed | accepted | rejected. Only accepted
    # revisions are ever current, so every public read of current figures holds accepted
    # ones alone; proposals and rejections are revisions with current = false.
    Column("review_status", String(16), nullable=False, server_default="accepted"),
    Column("reviewed_by", Text),
    Index("ux_figures_revision", "figure_id", "revision", unique=True),
    Index(
        "ux_figures_current",
        "figure_id",
        unique=True,
        sqlite_where=text("current"),
        postgresql_where=text("current"),
    ),
    Index("ix_figures_current_metric", "current", "metric", "population", "location"),
    Index("ix_figures_current_location", "current", "location"),
    Index("ix_figures_current_adm1", "current", "adm1"),
    Index("ix_figures_current_adm2", "current", "adm2"),
    Index("ix_figures_current_adm3", "current", "adm3"),
    Index("ix_figures_current_source", "current", "source"),
    Index("ix_figures_current_period_end", "current", "period_end"),
    Index("ix_figures_batch", "batch"),
    # The dashboard's page queries (overview cards, figure paging, per-source counts).
    Index(
        "ix_figures_series_reported",
        "current",
        "status",
        "metric",
        "population",
        "location",
        "measure",
        "reported_on",
    ),
    Index("ix_figures_current_reported", "current", "reported_on"),
    Index("ix_figures_current_value", "current", "value"),
    Index("ix_figures_source_reported", "current", "status", "source", "reported_on"),
    # A change's recomputation scope (tracker.storage.flagscope): the claims of one count
    # ending on one day (sums of parts), and those with one value (echoes).
    Index("ix_figures_count_end", "current", "metric", "population", "period_end"),
    Index("ix_figures_count_value", "current", "metric", "population", "value"),
    # The review queue: proposals awaiting review (schema version 4).
    Index("ix_figures_review", "review_status", "figure_id"),
)

#: The indexes schema version 3 adds (a database made by an older Tracker lacks them).
SCOPE_INDEXES = ("ix_figures_count_end", "ix_figures_count_value")

flags = Table(
    "flags",
    metadata,
    Column("flag_id", String(80), primary_key=True),
    Column("component", String(120), nullable=False, index=True),
    Column("rule", String(16), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("metric", String(64), nullable=False, index=True),
    Column("population", String(64)),
    Column("location", String(16), index=True),
    Column("figure_ids", Text, nullable=False),
    Column("sources", Text, nullable=False),
    Column("ratio", Float),
    Column("sentence_en", Text, nullable=False),
    Column("sentence_ar", Text, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
)

flag_figures = Table(
    "flag_figures",
    metadata,
    Column("flag_id", String(80), nullable=False, index=True),
    Column("figure_id", String(64), nullable=False, index=True),
    Column("component", String(120), nullable=False, index=True),
)

flag_notes = Table(
    "flag_notes",
    metadata,
    Column(
        "row_id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("flag_id", String(80), nullable=False, index=True),
    Column("status", String(16), nullable=False),  # explained | open
    Column("note", Text, nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
    Column("entered_by", Text, nullable=False),
)

bands = Table(
    "bands",
    metadata,
    Column("component", String(120), nullable=False, index=True),
    Column("metric", String(64), nullable=False),
    Column("population", String(64), nullable=False),
    Column("location", String(16), nullable=False),
    Column("measure", String(8), nullable=False),
    Column("window_start", Date),
    Column("window_start_assumed", Boolean, nullable=False),
    Column("date", Date, nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("headline", Float),
    Column("n_claims", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("headline_qualifier", String(16)),
    Column("contested", Boolean),
    Column("headline_sources", Text),  # ';'-joined ids of the sources stating the headline
    Index("ix_bands_series", "metric", "population", "location"),
)

# One row per series (metric, population, place, measure) and source with active current
# figures: what the overview, trends and sources pages count, kept in the transaction that
# changes figures (tracker.storage.summaries) so a page never groups a million figures.
series_sources = Table(
    "series_sources",
    metadata,
    Column("metric", String(64), primary_key=True),
    Column("population", String(64), primary_key=True),
    Column("location", String(16), primary_key=True),
    Column("measure", String(8), primary_key=True),
    Column("source", String(64), primary_key=True),
    Column("adm0", String(16)),
    Column("adm1", String(16)),
    Column("adm2", String(16)),
    Column("adm3", String(16)),
    Column("n_claims", Integer, nullable=False),
    Column("newest_report", Date, nullable=False),
    # stored in key order on SQLite: grouping by series reads the table front to back
    sqlite_with_rowid=False,
)

band_exclusions = Table(
    "band_exclusions",
    metadata,
    Column("component", String(120), nullable=False, index=True),
    Column("figure_id", String(64), nullable=False, index=True),
    Column("reason", String(16), nullable=False),
    Column("flag_id", String(80)),
)

# Columns of a figure row that come from the canonical CSV.
FIGURE_VALUE_COLUMNS = [
    c.name
    for c in figures.columns
    if c.name
    not in (
        "row_id",
        "revision",
        "current",
        "status",
        "entered_at",
        "entered_by",
        "why",
        "batch",
        "review_status",
        "reviewed_by",
    )
]

# -- accounts (schema version 4) ---------------------------------------------------------------
users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # analyst | reviewer | admin
    Column("password_hash", Text, nullable=False),  # argon2id, never the password
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Text, nullable=False),
)

# Failed logins per account ("user:NAME") and per address ("addr:IP"), shared by every web
# worker: ten within the window lock the key until the window ends.
login_failures = Table(
    "login_failures",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_at", DateTime(timezone=True), nullable=False),
)

#: The tables schema version 4 adds.
ACCOUNT_TABLES = (users, login_failures)

# -- registry change log (schema version 7) ---------------------------------------------------
# Every add or edit of a source or an episode, field by field: who, when, old -> new. The
# registry rows are updated in place; this log keeps what they said before.
registry_changes = Table(
    "registry_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("registry", String(16), nullable=False),  # sources | episodes | areas
    Column("key", String(64), nullable=False, index=True),
    Column("field", String(32), nullable=False),
    Column("old", Text),
    Column("new", Text),
    Column("changed_by", Text, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)
