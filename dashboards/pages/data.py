"""Data `/data`: the downloads with copyable addresses (see dashboards.components.sources)."""

import dash

from dashboards.components.pagecache import cached_page
from dashboards.components.sources import data_layout

dash.register_page(
    __name__,
    path="/data",
    name="Data",
    title="Tracker · Data",
    order=5,
    layout=cached_page("data", data_layout),
)
