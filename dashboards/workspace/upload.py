"""Upload: a file in any format `tracker import --format` reads, checked and stored as
proposals, as `tracker import FILE --propose [--format NAME] [--set COL=VALUE] [--as-of DATE]`.

The formats offered are those of ``data/formats/`` (listed, never written here); without a
choice the header picks one and the page says which. All or nothing by default; "partial"
stores the valid rows. Either way every problem is listed in the page (line of the given
file, column, value, what is wrong, as the command line prints it), and the rejected rows
with their reasons are offered as a CSV file carried in the page itself (a data: address),
so any web worker can answer the next request. One code path with the command line:
:mod:`tracker.service.formats_import`.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from flask import Blueprint, g, render_template, request

from dashboards.workspace import security
from dashboards.workspace.words import t
from tracker.domain.revisions import RevisionError
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.formats.apply import Mapped
from tracker.ingest.readers import InputFileError
from tracker.service import formats_import
from tracker.service.importer import ImportPlan, write_rejects
from tracker.service.store import Store

SUFFIXES = (".csv", ".xlsx", ".json")
MAX_BYTES = 20 * 1024 * 1024
SHOWN_GROUPS = 200  # as the command line: one line per distinct problem, then a count


def rejects_address(mapped: Mapped, plan: ImportPlan, problems: list) -> str:
    """The rejected rows with their reasons as a data: address of a CSV file: the canonical
    rows as given, or one row per problem for another format (as the command line writes)."""
    if mapped.origins is None:
        data = write_rejects(mapped.file, plan).read_bytes()
    else:
        data = formats_import.problem_rows(problems).to_csv(index=False).encode("utf-8")
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode()


def _sets(text: str) -> list[str]:
    """The "COLUMN=VALUE" lines of the form (empty lines left out)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/upload."""

    def page(status: int = 200, **report: object) -> tuple[str, int]:
        form = {k: request.form.get(k, "") for k in ("format", "sets", "as_of")}
        return render_template(
            "workspace/upload.html",
            title=t("upload", g.lang),
            formats=formats_import.formats(),
            columns=CANONICAL_COLUMNS,
            form=form,
            **report,
        ), status

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
                sets = formats_import.assignments(_sets(request.form.get("sets", "")))
                mapped, result, problems = formats_import.upload(
                    store,
                    path,
                    request.form.get("format") or None,
                    sets,
                    request.form.get("as_of") or None,
                    partial,
                    g.actor,
                )
            except (InputFileError, RevisionError) as exc:
                return page(400, error=str(exc).replace(folder + "/", ""))
            plan = result.plan
            rejects = rejects_address(mapped, plan, problems) if problems else None
            # published figures of a format counting the same events: said, as the CLI does
            overlaps = store.double_counting(mapped.spec.name, mapped.spec.overlaps, mapped.file)
        ok = not problems
        rejected = len({p.line for p in problems})
        if ok:
            summary = t("upload_stored", g.lang, file=name, n=result.stored, same=plan.unchanged)
        elif partial:
            summary = t("upload_partial", g.lang, file=name, n=rejected)
            summary += " " + t(
                "upload_stored", g.lang, file=name, n=result.stored, same=plan.unchanged
            )
        else:
            summary = t("upload_refused", g.lang, file=name, n=len(problems))
        return page(
            200 if ok else 422,
            summary=summary,
            problems=formats_import.grouped(problems, SHOWN_GROUPS),
            notices=list(
                dict.fromkeys(
                    [
                        *mapped.file.notices,
                        *plan.notices,
                        *formats_import.registry_hints(problems),
                        *[f"warning: {warning}" for warning in overlaps],
                    ]
                )
            ),
            rejects=rejects,
            rejects_name=f"{Path(name).stem}.rejects.csv",
        )
