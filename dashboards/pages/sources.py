"""Sources `/sources`: the registry with counts (see dashboards.components.sources)."""

import dash

from dashboards.components.pagecache import cached_page
from dashboards.components.sources import sources_layout

dash.register_page(
    __name__,
    path="/sources",
    name="Sources",
    title="Tracker · Sources",
    order=4,
    layout=cached_page("sources", sources_layout),
)
