"""Flag triage: explain a flag with a note, or open it again (analysts and up); the note is
kept with the account name and time and survives recomputation."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from dashboards.workspace import security
from dashboards.workspace.words import t
from tracker.domain.revisions import RevisionError
from tracker.service.store import Store
from tracker.views.format import shown_text

SHOWN = 200
STATES = ("open", "explained", "all")


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/flags and /workspace/flags/<id>/explain."""

    @bp.route("/flags")
    @security.login_required
    def flags() -> str:
        status = request.args.get("status", "open")
        status = status if status in STATES else "open"
        frame = store.flags()
        if status != "all":
            frame = frame[frame["status"] == status]
        sentence = "sentence_ar" if g.lang == "ar" else "sentence_en"
        rows = [
            {
                "flag_id": r["flag_id"],
                "rule": r["rule"],
                "severity": r["severity"],
                "status": r["status"],
                "sentence": r[sentence],
                "note": shown_text(r.get("note")),
            }
            for r in frame.head(SHOWN).to_dict("records")
        ]
        return render_template(
            "workspace/flags.html",
            title=t("flags", g.lang),
            flags=rows,
            status=status,
            states=STATES,
            message=request.args.get("done", ""),
        )

    @bp.route("/flags/<flag_id>/explain", methods=["POST"])
    @security.login_required
    def explain(flag_id: str) -> Response | tuple[str, int]:
        reopen = request.form.get("action") == "reopen"
        note = request.form.get("note", "").strip()
        status = "open" if reopen else "explained"
        try:
            if not note:
                raise RevisionError("a note is required: say why")
            store.explain_flag(flag_id, note, status=status, actor=g.actor)
        except RevisionError as exc:
            page = render_template(
                "workspace/error.html", title=t("bad_request", g.lang), message=str(exc)
            )
            return page, 400
        done = t("flag_saved", g.lang, id=flag_id, status=t(status, g.lang))
        return redirect(url_for("workspace.flags", lang=g.lang, done=done))
