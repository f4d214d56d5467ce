"""The HXL hashtag row a download carries under its header when asked (``hxl=1``).

Every column has a tag. The columns that hold counts take their tag from the
vocabularies when the file is about one metric (``metric=killed`` gives
``#affected+killed``; with ``population=civilians``, ``#affected+killed+civilians``;
the unit adds ``+ind`` for persons): an HXL tool can then chart the file without
knowing this project. A file of several metrics is long-format HXL: the metric is a
``#indicator+code`` column and the counts are ``#indicator+num``.
"""

from __future__ import annotations

import pandas as pd

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies

COLUMN_TAGS: dict[str, str] = {
    "figure_id": "#meta+id",
    "reported_on": "#date+reported",
    "source": "#org+source+code",
    "publisher": "#org+publisher+name",
    "url": "#meta+url",
    "metric": "#indicator+code",
    "population": "#indicator+population+code",
    "location": "#loc+code",
    "period_start": "#date+start",
    "period_end": "#date+end",
    "measure": "#meta+measure",
    "episode": "#event+code",
    "qualifier": "#meta+qualifier",
    "unit": "#meta+unit",
    "quote": "#description+quote",
    "quote_lang": "#meta+lang",
    "notes": "#description+notes",
    "source_name": "#org+source+name",
    "location_name": "#loc+name",
    "location_level": "#meta+level",
    "adm1_pcode": "#adm1+code",
    "revision": "#meta+revision",
    "status": "#status",
    "entered_at": "#date+entered",
    "entered_by": "#meta+entered_by",
    "flag_ids": "#meta+flags",
    "source_name_ar": "#org+source+name+i_ar",
    "location_name_ar": "#loc+name+i_ar",
    # flags.csv
    "flag_id": "#meta+id",
    "rule": "#meta+rule",
    "severity": "#severity",
    "figure_ids": "#meta+figures",
    "sources": "#org+source+code+list",
    "source_names_ar": "#org+source+name+list+i_ar",
    "ratio": "#meta+ratio+num",
    "sentence_en": "#description+i_en",
    "sentence_ar": "#description+i_ar",
    "note": "#description+note",
    # series.csv
    "window_start": "#date+start",
    "window_start_assumed": "#meta+assumed",
    "date": "#date",
    "n_claims": "#meta+claims+num",
    "n_sources": "#meta+sources+num",
    "headline_qualifier": "#meta+headline+qualifier",
    "headline_sources": "#meta+headline+sources",
    # sources.csv
    "name_en": "#org+name+i_en",
    "name_ar": "#org+name+i_ar",
    "short_en": "#org+acronym+i_en",
    "short_ar": "#org+acronym+i_ar",
    "type": "#org+type",
    "reliability": "#meta+reliability",
    "type_ar": "#org+type+i_ar",
    "reliability_ar": "#meta+reliability+i_ar",
}
# Count columns: a suffix added to the base tag of the file's metric.
COUNT_SUFFIX: dict[str, str] = {
    "value": "",
    "value_high": "+upper",
    "low": "+min",
    "high": "+max",
    "headline": "+headline",
}
GENERIC_COUNT = "#indicator+num"


def _attribute(frame: pd.DataFrame, key: str) -> str:
    tag = frame.at[key, "hxl"] if key in frame.index and "hxl" in frame else ""
    return "" if pd.isna(tag) else str(tag).strip()


def count_tag(filters: Filters, vocab: Vocabularies, interval: bool) -> str:
    """The tag of a count column: the metric's own when the file holds one metric.

    ``interval`` columns (low, high, headline) are in the metric's default unit, so they
    carry its unit attribute; the stated value may be in another unit (households), so it
    carries one only when the metric allows a single unit.
    """
    if len(filters.metric) != 1:
        return GENERIC_COUNT
    metric = filters.metric[0]
    tag = _attribute(vocab.metrics, metric) or GENERIC_COUNT
    if len(filters.population) == 1:
        tag += _attribute(vocab.populations, filters.population[0])
    allowed = vocab.allowed_units.get(metric, frozenset())
    unit = str(vocab.metrics.at[metric, "unit"]) if interval or len(allowed) == 1 else ""
    unit_attr = _attribute(vocab.units, unit) if unit else ""
    if unit_attr and unit_attr.lstrip("+") not in tag.split("+"):
        tag += unit_attr
    return tag


def tag_for(column: str, filters: Filters, vocab: Vocabularies) -> str:
    """The HXL hashtag (with attributes) of one column."""
    if column in COUNT_SUFFIX:
        interval = column in ("low", "high", "headline")
        return count_tag(filters, vocab, interval) + COUNT_SUFFIX[column]
    return COLUMN_TAGS.get(column, "#meta+" + column.replace("_", ""))


def hxl_row(columns: list[str], filters: Filters, vocab: Vocabularies) -> list[str]:
    """The hashtag row, one tag per column, in the columns' order."""
    return [tag_for(column, filters, vocab) for column in columns]
