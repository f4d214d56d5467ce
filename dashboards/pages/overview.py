"""Overview `/`: a card per metric (see dashboards.components.overview)."""

import dash

from dashboards.components.overview import layout
from dashboards.components.pagecache import cached_page

dash.register_page(
    __name__,
    path="/",
    name="Overview",
    title="Tracker",
    order=0,
    layout=cached_page("overview", layout),
)
