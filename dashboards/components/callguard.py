"""Callback requests are checked before Dash runs them: a malformed one answers 400.

Dash's ``/_dash-update-component`` trusts its JSON body; a script that sends another shape,
names a callback that does not exist, or gives an input a value of a type no control of the
public pages produces (a number for an address, a dictionary for a filter, a list of ten
thousand places) made Dash or the callback raise, and the server answer 500. Here the body
must be an object naming a registered callback, with its inputs and states as lists of
``{id, property, value}``; every value is text, a number, a boolean, null or a list of at
most :data:`MAX_VALUES` of those (an id may be a dictionary), and text is at most
:data:`MAX_TEXT` characters.
"""

from __future__ import annotations

from dash import Dash
from dash.exceptions import DependencyException
from flask import Response, request

ROUTE = "_dash-update-component"
MAX_VALUES = 100
MAX_TEXT = 4096
#: Properties the public pages' controls give as text (or null) only.
TEXT_PROPERTIES = {"search", "pathname", "hash", "href", "search_value", "start_date", "end_date"}
#: Properties whose value is an object a chart or a store gives: read defensively by the
#: callbacks (:func:`clicked_data`), bounded by the request size.
DATA_PROPERTIES = {"clickData", "hoverData", "relayoutData", "data"}
SCALARS = (str, int, float, bool)


def clicked_data(click_data: object) -> object:
    """The ``customdata`` of the first clicked point of a chart's ``clickData``, or None when
    the value is not the shape Plotly gives (whatever a script sent instead)."""
    points = click_data.get("points") if isinstance(click_data, dict) else None
    if not isinstance(points, list):
        return None
    first = next((p for p in points if isinstance(p, dict) and p.get("customdata")), None)
    data = first.get("customdata") if first else None
    if isinstance(data, list):
        data = data[0] if data else None
    return data if isinstance(data, (str, int)) and not isinstance(data, bool) else None


def _scalar(value: object) -> bool:
    return value is None or (isinstance(value, SCALARS) and len(str(value)) <= MAX_TEXT)


def value_problem(prop: str, value: object) -> str | None:
    """What is wrong with ``value`` for the property ``prop``, or None."""
    if prop == "id":
        return None if isinstance(value, (str, dict)) else "an id must be text or an object"
    if prop in DATA_PROPERTIES:
        return None
    if prop in TEXT_PROPERTIES:
        ok = value is None or (isinstance(value, str) and len(value) <= MAX_TEXT)
        return None if ok else f"{prop} must be text of at most {MAX_TEXT} characters"
    if isinstance(value, list):
        if len(value) > MAX_VALUES:
            return f"{prop} takes at most {MAX_VALUES} values"
        return None if all(_scalar(v) for v in value) else f"{prop} has a value of a wrong type"
    return None if _scalar(value) else f"{prop} has a value of a wrong type"


def _item_problem(item: object) -> str | None:
    if isinstance(item, list):  # a pattern-matching (ALL) input: one entry per control
        if len(item) > MAX_VALUES:
            return f"at most {MAX_VALUES} controls per input"
        return next((p for p in map(_item_problem, item) if p), None)
    if not isinstance(item, dict) or not isinstance(item.get("property"), str):
        return "each input is an object with an id and a property"
    if value_problem("id", item.get("id")):
        return value_problem("id", item.get("id"))
    return value_problem(item["property"], item.get("value"))


def payload_problem(body: object, callbacks: dict) -> str | None:
    """What makes ``body`` no callback request of this app, or None when it is one."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callbacks:
        return "no such callback output"
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list):
            return f"{key} must be a list"
        problem = next((p for p in map(_item_problem, items) if p), None)
        if problem:
            return problem
    if not isinstance(body.get("outputs", {}), (dict, list)):
        return "outputs must be an object or a list"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds must be a list of text"
    return None


def install_callguard(app: Dash) -> None:
    """Answer 400, saying why, to a callback request that is not one of ``app``'s; and 404
    to a request for a script Dash does not serve (Dash raised, and the server answered 500)."""

    @app.server.before_request
    def _guard() -> Response | None:
        if request.method != "POST" or not request.path.endswith(ROUTE):
            return None
        body = request.get_json(silent=True)
        problem = payload_problem(body, app.callback_map)
        if problem is None:
            return None
        return Response(f"bad callback request: {problem}\n", 400, mimetype="text/plain")

    @app.server.errorhandler(DependencyException)
    def _no_such_script(exc: DependencyException) -> Response:
        """A script path under /_dash-component-suites/ that no package serves: 404."""
        return Response("no such script\n", 404, mimetype="text/plain")
