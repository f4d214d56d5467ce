"""Figures `/figures`: paged figures with provenance and history (dashboards.components.figures)."""

import dash

from dashboards.components.figures import layout

dash.register_page(
    __name__, path="/figures", name="Figures", title="Tracker · Figures", order=3, layout=layout
)
