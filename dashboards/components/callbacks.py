"""The callbacks every page shares: plain functions, registered by :func:`register`.

All of them read; none writes. Pages themselves are functions of their address (see
:mod:`dashboards.components.query`), so these only

* turn the filter controls into a new address (``controls_to_search``), which re-renders
  the page through Dash's page router;
* offer places matching what a person types in the area control (``place_search``).

A page's own callbacks live with its layout (``dashboards/pages/``).
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, no_update

from dashboards.components.query import LOCATION, build_search, parse_search
from dashboards.components.shell import DATES_ID, place_options
from tracker.domain.vocabularies import Vocabularies
from tracker.service.store import Store
from tracker.views.format import lang_of

RESET_ON_CHANGE = ("page", "flag", "figure")
#: What the area search reads of the typed text: no place name or P-code is longer, and
#: the text is echoed into every option (so that the control keeps showing them).
MAX_TYPED = 64


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value if v not in (None, ""))
    return str(value)


def _name(control_id: object) -> str:
    """The query parameter a control stands for ('' for an id no page gives)."""
    name = control_id.get("name") if isinstance(control_id, dict) else None
    return name if isinstance(name, str) else ""


def controls_to_search(values, checks, starts, ends, ids, check_ids, search):
    """The address the filter controls ask for, or no_update when it is the current one.

    ``values``/``ids``: the controls whose value is a query parameter; ``checks``/
    ``check_ids``: checkboxes (``daily``: on by default, so only ``daily=0`` is written);
    ``starts``/``ends``: the date range. Changing anything leaves the page, the figure and
    the flag being followed, which belonged to the previous view.
    """
    current = parse_search(search)
    params = dict(current)
    for control_id, value in zip(ids or [], values or [], strict=False):
        if _name(control_id):
            params[_name(control_id)] = _text(value)
    for control_id, value in zip(check_ids or [], checks or [], strict=False):
        if not _name(control_id):
            continue
        on = isinstance(value, list) and "1" in value
        params[_name(control_id)] = "" if on else "0"
    if starts:
        params["from"] = _text(starts[0])[:10]
    if ends:
        params["to"] = _text(ends[0])[:10]
    params = {k: v for k, v in params.items() if v}
    if {k: v for k, v in params.items()} == {k: v for k, v in current.items() if v}:
        return no_update
    changed = {k for k in set(params) | set(current) if params.get(k) != current.get(k)}
    if changed - set(RESET_ON_CHANGE):
        for name in RESET_ON_CHANGE:
            if name not in changed:
                params.pop(name, None)
    return build_search(params)


def place_search(vocab: Vocabularies, search_value, value, search):
    """Options for the area control: places whose name or P-code contains what was typed."""
    if not search_value:
        return no_update
    lang = lang_of(parse_search(search).get("lang"))
    selected = [value] if isinstance(value, str) and value else []
    return place_options(vocab, lang, selected, typed=str(search_value)[:MAX_TYPED])


def register(app: Dash, store: Store) -> None:
    """Register the shared (read-only) callbacks on ``app``, reading ``store``."""

    def area_options(search_value, value, search):
        return place_search(store.vocab, search_value, value, search)

    app.callback(
        Output(LOCATION, "search"),
        Input({"type": "qp", "name": ALL}, "value"),
        Input({"type": "qpcheck", "name": ALL}, "value"),
        Input({"type": DATES_ID["type"], "name": ALL}, "start_date"),
        Input({"type": DATES_ID["type"], "name": ALL}, "end_date"),
        State({"type": "qp", "name": ALL}, "id"),
        State({"type": "qpcheck", "name": ALL}, "id"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(controls_to_search)
    app.callback(
        Output({"type": "qp", "name": "location"}, "options"),
        Input({"type": "qp", "name": "location"}, "search_value"),
        State({"type": "qp", "name": "location"}, "value"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(area_options)


__all__ = ["controls_to_search", "place_search", "register"]
