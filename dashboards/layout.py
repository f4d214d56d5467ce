"""The app's outer layout: Dash's page container, and nothing that depends on the page.

Each page draws its own header, filters and language direction (see
:mod:`dashboards.components.shell`), because a page is a function of its address and the
header's links, language switch and ``dir`` change with it (so does the "skip to content"
link, in the page's language).
"""

from __future__ import annotations

import dash
from dash import html


def build_layout() -> html.Div:
    """Called for every new browser visit (a function, so nothing is shared between visits)."""
    return html.Div([dash.page_container], id="app-root")
