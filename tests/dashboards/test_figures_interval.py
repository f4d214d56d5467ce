"""An interval in the figures table is one unbroken run (newcomer walk, finding 7): the Arabic
table at 1280 showed "113–" over "139", a browser breaking the line after the dash."""

from __future__ import annotations

from dash import html

from dashboards.pages import figures
from tests.dashboards.test_pages import walk


def test_every_interval_is_kept_on_one_line(dash_store):
    for lang in ("en", "ar"):
        cells = [
            c
            for c in walk(figures.layout(dash_store, lang=lang))
            if isinstance(c, html.Td) and getattr(c, "className", "") == "interval"
        ]
        assert cells
        for cell in cells:
            value = cell.children[0]
            assert isinstance(value, html.Span) and "nowrap" in value.className.split()
