"""Page loaders: what each dashboard page reads, with one connection per call.

Each loader takes the :class:`~tracker.service.store.Store`, the page's filters and
options, runs the page's indexed queries (:mod:`tracker.storage.pages`) and hands back a
small frozen dataclass of DataFrames and plain values. The view-models are made from them
by the pure functions of :mod:`tracker.views`; where a loader must choose between two
queries (which series a page shows), the caller hands it the choosing rule.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies

#: The main series among a metric's series (population, location, n_claims, …), or None.
SeriesChoice = Callable[[pd.DataFrame, Filters, Vocabularies], "pd.Series | None"]
#: The main series of each metric (indexed by metric) among several metrics' series.
SeriesChoices = Callable[[pd.DataFrame, Filters, Vocabularies], pd.DataFrame]
