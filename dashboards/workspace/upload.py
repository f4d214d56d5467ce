"""Upload: a CSV or XLSX file checked and stored as proposals, as `tracker import --propose`.

All or nothing by default; "partial" stores the valid rows. Either way every problem is
listed in the page (line, column, value, what is wrong, as the command line prints it), and
the rejected rows with their reasons are offered as a CSV file carried in the page itself
(a data: address), so any web worker can answer the next request.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from flask import Blueprint, g, render_template, request

from dashboards.workspace import security
from dashboards.workspace.texts import t
from tracker.ingest.readers import InputFileError, read_figure_file
from tracker.service.importer import write_rejects
from tracker.service.store import Store

SUFFIXES = (".csv", ".xlsx")
MAX_BYTES = 20 * 1024 * 1024


def rejects_address(file, plan) -> str:  # type: ignore[no-untyped-def]
    """The rejected rows (with line and reasons) as a data: address of a CSV file."""
    data = write_rejects(file, plan).read_bytes()
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode()


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/upload."""

    def page(status: int = 200, **report: object) -> tuple[str, int]:
        return render_template("workspace/upload.html", title=t("upload", g.lang), **report), status

    @bp.route("/upload", methods=["GET"])
    @security.login_required
    def upload() -> tuple[str, int]:
        return page()

    @bp.route("/upload", methods=["POST"])
    @security.login_required
    def upload_post() -> tuple[str, int]:
        given = request.files.get("file")
        name = Path(given.filename or "").name if given else ""
        if given is None or Path(name).suffix.lower() not in SUFFIXES:
            return page(400, error=f"{name or '(no file)'}: {t('file', g.lang)}")
        partial = request.form.get("mode") == "partial"
        with tempfile.TemporaryDirectory(prefix="tracker-upload-") as folder:
            path = Path(folder) / name
            given.save(path)
            if path.stat().st_size > MAX_BYTES:
                return page(413, error=f"{name}: more than {MAX_BYTES // 2**20} MB")
            try:
                file = read_figure_file(path)
            except InputFileError as exc:
                return page(400, error=str(exc))
            result = store.import_file(file, partial=partial, propose=True, actor=g.actor)
            plan = result.plan
            rejects = rejects_address(file, plan) if not plan.ok else None
        if plan.ok:
            summary = t("upload_stored", g.lang, file=name, n=result.stored, same=plan.unchanged)
        elif partial:
            summary = t("upload_partial", g.lang, file=name, n=len(plan.rejected_rows))
            summary += " " + t(
                "upload_stored", g.lang, file=name, n=result.stored, same=plan.unchanged
            )
        else:
            summary = t("upload_refused", g.lang, file=name, n=len(plan.problems))
        return page(
            200 if plan.ok else 422,
            summary=summary,
            problems=[str(p) for p in plan.problems],
            notices=plan.notices,
            rejects=rejects,
            rejects_name=f"{Path(name).stem}.rejects.csv",
        )
