"""/workspace/sources, /workspace/episodes and /workspace/areas: the registries in the browser
(admins only).

The same service as `tracker sources|episodes|areas` (:mod:`tracker.service.registry`): it checks
the role and every field and logs each change (who, when, old → new); the page shows the log.
The words of these pages are a data file, ``data/workspace/words.csv``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from dashboards.workspace import security
from dashboards.workspace.options import Choice
from dashboards.workspace.words import t
from tracker.domain.registry import FIELDS, RegistryError
from tracker.domain.roles import Action
from tracker.service import registry
from tracker.service.store import Store

REGISTRIES = ("sources", "episodes", "areas")
DATES = ("start", "end")


def _choices(store: Store) -> dict[str, list[Choice]]:
    vocab = store.vocab
    return {
        field: [Choice(str(i), f"{r['label_en']} — {r['label_ar']} ({i})") for i, r in f.iterrows()]
        for field, f in (("type", vocab.source_types), ("reliability", vocab.reliability))
    }


def _labels(store: Store, lang: str) -> dict[str, dict[str, str]]:
    """The words of a source's type and reliability in the page language, by id."""
    vocab, column = store.vocab, f"label_{'ar' if lang == 'ar' else 'en'}"
    return {
        "type": vocab.source_types[column].to_dict(),
        "reliability": vocab.reliability[column].to_dict(),
    }


def _admin() -> None:
    """The pages themselves are for admins; the service refuses anyone else's write too."""
    if not g.actor.may(Action.MANAGE_REGISTRY):
        abort(403, description=t("admin_only", g.lang))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def register(bp: Blueprint, store: Store) -> None:
    """GET/POST /workspace/sources, /workspace/episodes, /workspace/areas and …/<id> (edit)."""

    def page(kind: str, status: int = 200, **context: Any) -> tuple[str, int]:
        lang = g.lang
        return render_template(
            "workspace/registry.html",
            kind=kind,
            title=t(kind, lang),
            fields=FIELDS[kind],
            dates=DATES,
            choices=_choices(store),
            labels=_labels(store, lang) if kind == "sources" else {},
            rows=registry.listing(store, kind),
            text=_text,
            **{"values": {}, "errors": "", "editing": None, "log": None, **context},
        ), status

    def listing(kind: str) -> tuple[str, int]:
        _admin()
        return page(kind, message=request.args.get("done", ""))

    def add(kind: str) -> tuple[str, int] | Response:
        values = {f: request.form.get(f, "") for f in FIELDS[kind]}
        try:
            row = registry.add(store, g.actor, kind, values)
        except RegistryError as exc:
            return page(kind, 422, values=values, errors=str(exc))
        done = t("added", g.lang, id=row["id"])
        return redirect(url_for(f"workspace.{kind}", lang=g.lang, done=done))

    def edit_page(kind: str, key: str, status: int = 200, **context: Any) -> tuple[str, int]:
        current = {r["id"]: r for r in registry.listing(store, kind)}.get(key)
        if current is None:
            abort(404, description=t("not_found", g.lang, id=key))
        values = context.pop("values", None) or {f: _text(current[f]) for f in FIELDS[kind]}
        log = registry.changes(store, kind, key)
        return page(kind, status, editing=key, values=values, log=log, **context)

    def edit(kind: str, key: str) -> tuple[str, int]:
        _admin()
        if request.method == "GET":
            return edit_page(kind, key)
        values = {f: request.form.get(f, "") for f in FIELDS[kind][1:] if f in request.form}
        try:
            changed = registry.edit(store, g.actor, kind, key, values)
        except RegistryError as exc:
            return edit_page(kind, key, 422, values={"id": key, **values}, errors=str(exc))
        word = "saved" if changed else "unchanged"
        return edit_page(kind, key, message=t(word, g.lang, id=key))

    for kind in REGISTRIES:
        bp.add_url_rule(f"/{kind}", kind, security.login_required(lambda kind=kind: listing(kind)))
        bp.add_url_rule(
            f"/{kind}",
            f"{kind}_add",
            security.login_required(lambda kind=kind: add(kind)),
            methods=["POST"],
        )
        bp.add_url_rule(
            f"/{kind}/<key>",
            f"{kind}_edit",
            security.login_required(lambda key, kind=kind: edit(kind, key)),
            methods=["GET", "POST"],
        )
