"""Discrepancies `/discrepancies`: flags by severity (see dashboards.components.discrepancies)."""

import dash

from dashboards.components.discrepancies import layout
from dashboards.components.pagecache import cached_page

dash.register_page(
    __name__,
    path="/discrepancies",
    name="Discrepancies",
    title="Tracker · Discrepancies",
    order=2,
    layout=cached_page("discrepancies", layout),
)
