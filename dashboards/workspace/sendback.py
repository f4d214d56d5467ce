"""Send back, resubmit, withdraw (:mod:`tracker.service.review`): a reviewer returns a
proposal to its author with a comment; the author sees it at /workspace/returned with the
comment, fixes its value and resubmits it, or withdraws it. Every step is a revision; the
service checks the roles whatever the browser sends."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from dashboards.workspace import security
from dashboards.workspace.words import page_words
from tracker.domain.revisions import RevisionError
from tracker.service import review
from tracker.service.store import Store
from tracker.views.format import claim_words, shown_text, source_name

#: This page's words (data/workspace/sendback_words.csv), else the workspace's.
t = page_words("sendback")


def _page_t(key: str, **values: object) -> str:
    return t(key, g.lang, **values)


def _refused(message: str) -> tuple[str, int]:
    return render_template(
        "workspace/error.html", title=t("bad_request", g.lang), message=message
    ), 400


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/returned and the send-back, resubmit and withdraw actions."""

    @bp.route("/returned")
    @security.login_required
    def returned() -> str:
        back = review.returned(store, author=g.actor.name)
        rows = [
            {
                "figure_id": r["figure_id"],
                "claim": claim_words(store.vocab, r["qualifier"], r["value"], None, g.lang),
                "source": source_name(store.vocab, r["source"], g.lang),
                "value": r["value"],
                "by": shown_text(r["reviewed_by"]),
                "comment": shown_text(r["why"]),
                "retraction": r.get("status") == "retracted",
            }
            for r in back.to_dict("records")
        ]
        return render_template(
            "workspace/returned.html",
            title=t("returned", g.lang),
            rows=rows,
            message=request.args.get("done", ""),
            t=_page_t,
        )

    def done(page: str, key: str, figure_id: str) -> Response:
        return redirect(url_for(page, lang=g.lang, done=t(key, g.lang, id=figure_id)))

    @bp.route("/review/<figure_id>/send-back", methods=["POST"])
    @security.login_required
    def send_back(figure_id: str) -> Response | tuple[str, int]:
        try:
            review.send_back(store, g.actor, figure_id, request.form.get("comment", ""))
        except RevisionError as exc:
            return _refused(str(exc))
        return done("workspace.review_queue", "sent_back", figure_id)

    @bp.route("/returned/<figure_id>/resubmit", methods=["POST"])
    @security.login_required
    def resubmit(figure_id: str) -> Response | tuple[str, int]:
        changes = {"value": request.form.get("value", "").strip()}
        try:
            review.resubmit(store, g.actor, figure_id, changes, request.form.get("why", ""))
        except (RevisionError, ValueError) as exc:
            return _refused(str(exc))
        return done("workspace.returned", "resubmitted", figure_id)

    @bp.route("/returned/<figure_id>/withdraw", methods=["POST"])
    @security.login_required
    def withdraw(figure_id: str) -> Response | tuple[str, int]:
        why = request.form.get("why", "").strip() or "withdrawn"
        try:
            review.withdraw(store, g.actor, figure_id, why)
        except RevisionError as exc:
            return _refused(str(exc))
        return done("workspace.returned", "withdrawn", figure_id)
