"""The review queue: each proposal in words, the flags it would raise or clear and the
headlines it would move (:func:`tracker.service.review.preview`); accept or reject.

The buttons are shown to reviewers and admins for other people's proposals; the service
refuses the rest whatever the browser sends (403 here).
"""

from __future__ import annotations

import pandas as pd
from flask import Blueprint, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from dashboards.workspace import security
from dashboards.workspace.words import t
from tracker.domain.revisions import RevisionError
from tracker.domain.roles import Action
from tracker.service import review
from tracker.service.store import Store
from tracker.views.format import (
    claim_words,
    distinct_place_name,
    fmt_window,
    label,
    place_name,
    shown_text,
    source_name,
)
from tracker.views.headline import headline_words

SHOWN = 20


def headline_text(store: Store, value: tuple[float, str | None] | None, lang: str) -> str:
    """A headline in the overview's words ("about 126"), or "none"."""
    if value is None:
        return t("none", lang)
    number, qualifier = value
    return headline_words(store.vocab, qualifier, number, None, lang)


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def proposal_view(store: Store, row: dict, lang: str) -> dict:
    """One proposal for the page: its claim in words and what accepting it would change."""
    vocab = store.vocab
    preview = review.preview(store, str(row["figure_id"]))

    def rule_word(rule: str) -> str:
        return label(vocab.extra.get("rules", pd.DataFrame()), rule, lang)

    def severity_word(severity: str) -> str:
        return label(vocab.extra.get("severities", pd.DataFrame()), severity, lang)

    sentence = "sentence_ar" if lang == "ar" else "sentence_en"
    moves = [
        {
            "series": t("list_sep", lang).join(
                (
                    label(vocab.metrics, m.metric, lang),
                    label(vocab.populations, m.population, lang),
                    distinct_place_name(vocab, m.location, lang),
                )
            ),
            "before": headline_text(store, m.before, lang),
            "after": headline_text(store, m.after, lang),
        }
        for m in preview.moves
    ]
    return {
        "figure_id": row["figure_id"],
        "author": row["entered_by"],
        "when": pd.Timestamp(row["entered_at"]).strftime("%Y-%m-%d %H:%M"),
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
        "notes": shown_text(row.get("notes")),
        "raised": [
            (rule_word(r["rule"]), severity_word(r["severity"]), r[sentence])
            for r in preview.raised.to_dict("records")
        ],
        "cleared": [
            (rule_word(r["rule"]), r[sentence]) for r in preview.cleared.to_dict("records")
        ],
        "moves": moves,
        "change": preview.change,
        "was": _published_claim(store, str(row["figure_id"]), lang)
        if preview.change != "new"
        else "",
        "may_decide": g.actor.may(Action.REVIEW) and g.actor.name != row["entered_by"],
    }


def _published_claim(store: Store, figure_id: str, lang: str) -> str:
    """The published claim a revision or retraction proposal would replace, in words."""
    current = store.current(figure_id)
    if current.empty:
        return ""
    r = current.iloc[0]
    claim = claim_words(store.vocab, r["qualifier"], r["value"], r["value_high"], lang)
    return f"{source_name(store.vocab, r['source'], lang)} — {claim}"


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/review and its accept and reject actions."""

    @bp.route("/review")
    @security.login_required
    def review_queue() -> str:
        pending = review.pending(store, SHOWN)
        views = [proposal_view(store, row, g.lang) for row in pending.to_dict("records")]
        return render_template(
            "workspace/review.html",
            title=t("review", g.lang),
            proposals=views,
            message=request.args.get("done", ""),
        )

    def decided(key: str, figure_id: str) -> Response:
        done = t(key, g.lang, id=figure_id)
        return redirect(url_for("workspace.review_queue", lang=g.lang, done=done))

    @bp.route("/review/<figure_id>/accept", methods=["POST"])
    @security.login_required
    def accept(figure_id: str) -> Response | tuple[str, int]:
        why = request.form.get("why", "").strip() or "accepted"
        try:
            review.accept(store, g.actor, figure_id, why)
        except RevisionError as exc:
            return _refused(str(exc))
        return decided("accepted", figure_id)

    @bp.route("/review/<figure_id>/reject", methods=["POST"])
    @security.login_required
    def reject(figure_id: str) -> Response | tuple[str, int]:
        try:
            review.reject(store, g.actor, figure_id, request.form.get("why", ""))
        except RevisionError as exc:
            return _refused(str(exc))
        return decided("rejected", figure_id)


def _refused(message: str) -> tuple[str, int]:
    page = render_template("workspace/error.html", title=t("bad_request", g.lang), message=message)
    return page, 400
