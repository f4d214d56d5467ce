"""Trends `/trends`: one series by source with its band (see dashboards.components.trends)."""

import dash

from dashboards.components.pagecache import cached_page
from dashboards.components.trends import layout

dash.register_page(
    __name__,
    path="/trends",
    name="Trends",
    title="Tracker · Trends",
    order=1,
    layout=cached_page("trends", layout),
)
