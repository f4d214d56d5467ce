"""A figure in the workspace: its published values and revisions, and the forms that propose
a revision (prefilled with the published values) or a retraction with a reason
(:mod:`tracker.service.proposals`). Both are proposals another reviewer accepts in the review
queue; the service checks the roles and the one schema validates the revision."""

from __future__ import annotations

import pandas as pd
from flask import Blueprint, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from dashboards.workspace import security
from dashboards.workspace.entry import DATES, FIELDS, problems_by_field
from dashboards.workspace.options import episode_starts, form_choices
from dashboards.workspace.words import page_words
from tracker.domain.compare import as_text
from tracker.domain.revisions import RevisionError
from tracker.service import proposals
from tracker.service.store import Store
from tracker.views.format import (
    claim_words,
    fmt_window,
    label,
    place_name,
    shown_text,
    source_name,
)

#: This page's words (data/workspace/figure_words.csv), else the workspace's.
t = page_words("figure")
HISTORY_COLUMNS = [
    "revision",
    "review_status",
    "status",
    "entered_by",
    "entered_at",
    "value",
    "why",
]


def _page_t(key: str, **values: object) -> str:
    return t(key, g.lang, **values)


def published_values(current: pd.DataFrame) -> dict[str, str]:
    """The published revision's canonical values as the form shows them."""
    return {c: str(v) for c, v in as_text(current).iloc[0].items()}


def changes_from(form: dict[str, str], published: dict[str, str]) -> dict[str, str]:
    """The fields the analyst changed (an emptied field clears its column, as `--set C=`)."""
    return {
        c: (form.get(c) or "").strip()
        for c in FIELDS
        if c in form and (form.get(c) or "").strip() != published.get(c, "")
    }


def _summary(store: Store, row: dict, lang: str) -> dict[str, str]:
    vocab = store.vocab
    return {
        "claim": claim_words(vocab, row["qualifier"], row["value"], row["value_high"], lang),
        "source": source_name(vocab, row["source"], lang),
        "what": t("list_sep", lang).join(
            (
                label(vocab.metrics, row["metric"], lang),
                label(vocab.populations, row["population"], lang),
            )
        ),
        "place": f"{place_name(vocab, row['location'], lang)} ({row['location']})",
        "window": fmt_window(row["period_start"], row["period_end"], row["measure"], lang),
    }


def _history(store: Store, figure_id: str) -> list[dict]:
    revisions = store.history(figure_id)
    rows = revisions[[c for c in HISTORY_COLUMNS if c in revisions]].to_dict("records")
    for row in rows:
        row["entered_at"] = pd.Timestamp(row["entered_at"]).strftime("%Y-%m-%d %H:%M")
        row["why"] = shown_text(row["why"])
    return rows


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/figures, /workspace/figures/<id> and its two proposal actions."""

    @bp.context_processor
    def _words() -> dict:
        return {"figure_t": lambda key, **values: t(key, g.get("lang", "en"), **values)}

    @bp.route("/figures")
    @security.login_required
    def figures() -> Response | str:
        wanted = (request.args.get("figure") or "").strip()
        if wanted:
            return redirect(url_for("workspace.figure", figure_id=wanted, lang=g.lang))
        return render_template("workspace/figures.html", title=t("figures", g.lang), t=_page_t)

    def page(
        figure_id: str,
        values: dict[str, str] | None = None,
        errors: dict[str, list[str]] | None = None,
        message: str = "",
        status: int = 200,
    ) -> tuple[str, int]:
        current = store.current(figure_id)
        if current.empty:
            return _error(404, t("no_figure", g.lang, id=figure_id))
        published = published_values(current)
        state = proposals.open_state(store, figure_id)
        html = render_template(
            "workspace/figure.html",
            title=t("figure_title", g.lang, id=figure_id),
            figure_id=figure_id,
            summary=_summary(store, current.iloc[0].to_dict(), g.lang),
            retracted=str(current["status"].iloc[0]) == "retracted",
            open_state=state and t(state, g.lang),
            fields=FIELDS,
            dates=DATES,
            required=(),
            choices=form_choices(store.vocab),
            episodes=episode_starts(store.vocab),
            values=values or published,
            errors=errors or {},
            history=_history(store, figure_id),
            message=message or request.args.get("done", ""),
            t=_page_t,
        )
        return html, status

    @bp.route("/figures/<figure_id>")
    @security.login_required
    def figure(figure_id: str) -> tuple[str, int]:
        return page(figure_id)

    @bp.route("/figures/<figure_id>/revise", methods=["POST"])
    @security.login_required
    def propose_revision(figure_id: str) -> Response | tuple[str, int]:
        current = store.current(figure_id)
        if current.empty:
            return _error(404, t("no_figure", g.lang, id=figure_id))
        form = request.form.to_dict()
        changes = changes_from(form, published_values(current))
        try:
            proposals.propose_revision(store, g.actor, figure_id, changes, form.get("why", ""))
        except RevisionError as exc:
            if exc.problems:
                errors = problems_by_field(exc.problems, g.lang)
                return page(figure_id, form, errors, t("fix_fields", g.lang), 422)
            return _error(400, str(exc))
        return _done(figure_id, "revision_proposed")

    @bp.route("/figures/<figure_id>/retract", methods=["POST"])
    @security.login_required
    def propose_retraction(figure_id: str) -> Response | tuple[str, int]:
        try:
            proposals.propose_retraction(store, g.actor, figure_id, request.form.get("why", ""))
        except RevisionError as exc:
            return _error(400, str(exc))
        return _done(figure_id, "retraction_proposed")


def _done(figure_id: str, key: str) -> Response:
    done = t(key, g.lang, id=figure_id)
    return redirect(url_for("workspace.figure", figure_id=figure_id, lang=g.lang, done=done))


def _error(status: int, message: str) -> tuple[str, int]:
    title = t("bad_request", g.lang)
    return render_template("workspace/error.html", title=title, message=message), status
