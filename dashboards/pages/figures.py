"""Figures `/figures`: paged figures with provenance and history (dashboards.components.figures)."""

import dash

from dashboards.components.figures import layout
from dashboards.components.pagecache import cached_page

dash.register_page(
    __name__,
    path="/figures",
    name="Figures",
    title="Tracker · Figures",
    order=3,
    layout=cached_page("figures", layout),
)
