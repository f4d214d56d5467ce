"""Discrepancies `/discrepancies`: flags by severity (see dashboards.components.discrepancies)."""

import dash

from dashboards.components.discrepancies import layout

dash.register_page(
    __name__,
    path="/discrepancies",
    name="Discrepancies",
    title="Tracker · Discrepancies",
    order=2,
    layout=layout,
)
