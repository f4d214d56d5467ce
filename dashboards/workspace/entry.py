"""The entry form: one figure, validated by the one schema, stored as a proposal.

The form's fields are the canonical columns; a problem is shown beside its field with the
words the command line prints (the same :class:`tracker.domain.validation.Problem`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from flask import Blueprint, g, jsonify, render_template, request
from werkzeug.wrappers import Response

from dashboards.workspace import security
from dashboards.workspace.options import episode_starts, form_choices, search_places
from dashboards.workspace.said import say_problem
from dashboards.workspace.words import t
from tracker.domain.typed import typed_row
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.readers import FigureFile
from tracker.service.store import Store

#: The form's fields, in the canonical order (figure_id is made by the store).
FIELDS = tuple(c for c in CANONICAL_COLUMNS if c != "figure_id")
DATES = ("reported_on", "period_start", "period_end")
REQUIRED = ("reported_on", "source", "metric", "location", "value")


def row_from_form(form: dict[str, str]) -> dict[str, str]:
    """The canonical columns the form filled in (empty fields are left to the defaults), read
    as typed input (Arabic-Indic digits, "1,200": :func:`tracker.domain.typed.typed_row`)."""
    return typed_row({c: form[c].strip() for c in FIELDS if (form.get(c) or "").strip()})


def problems_by_field(problems: list, lang: str = "en") -> dict[str, list[str]]:
    """Each field's problems in the page language (:func:`say_problem`)."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        out.setdefault(problem.column, []).append(say_problem(problem.message, lang))
    return out


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/entry and /workspace/places (the place picker's search)."""

    def page(values: dict[str, str], errors: dict[str, list[str]], message: str = "") -> str:
        return render_template(
            "workspace/entry.html",
            title=t("entry", g.lang),
            fields=FIELDS,
            dates=DATES,
            required=REQUIRED,
            choices=form_choices(store.vocab),
            episodes=episode_starts(store.vocab),
            values=values,
            errors=errors,
            message=message,
        )

    @bp.route("/entry", methods=["GET"])
    @security.login_required
    def entry() -> str:
        return page({}, {})

    @bp.route("/entry", methods=["POST"])
    @security.login_required
    def entry_post() -> tuple[str, int] | str:
        row = row_from_form(request.form.to_dict())
        table = pd.DataFrame([row] if row else [{"value": None}]).astype("string")
        result = store.import_file(
            FigureFile(table, Path("entry form"), []), propose=True, actor=g.actor
        )
        if not result.plan.ok:
            errors = problems_by_field(result.plan.problems, g.lang)
            return page(row, errors, t("fix_fields", g.lang)), 422
        if not result.stored:
            return page(row, {}, t("already", g.lang))
        figure_id = str(result.plan.new["figure_id"].iloc[0])
        return page({}, {}, t("proposed", g.lang, id=figure_id))

    @bp.route("/places")
    @security.login_required
    def places() -> Response:
        return jsonify(search_places(store.vocab, request.args.get("q", "")))
