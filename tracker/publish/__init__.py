"""Downloads a data desk can trust (DESIGN.md §4): the CSV files, datapackage.json, HXL.

``download_pieces(store, name, options)`` is the one code path ``tracker export`` and the
``/download/...`` routes share; :func:`catalogue` lists the downloads for the Data page.
"""

from tracker.publish.catalogue import (
    CACHING_AR,
    CACHING_EN,
    ERRORS_AR,
    ERRORS_EN,
    PARAMETERS,
    CatalogueEntry,
    catalogue,
)
from tracker.publish.cells import (
    FORMULA_STARTS,
    NEUTRALISATION_RULE_AR,
    NEUTRALISATION_RULE_EN,
    neutralise,
)
from tracker.publish.files import DATAPACKAGE, DOWNLOADS, Download
from tracker.publish.options import DownloadOptions, ParameterError, parse_options
from tracker.publish.stream import csv_pieces, download_csv, download_pieces, known_names
from tracker.publish.version import DataVersion, data_version, etag

__all__ = [
    "CACHING_AR",
    "CACHING_EN",
    "ERRORS_AR",
    "ERRORS_EN",
    "DATAPACKAGE",
    "DOWNLOADS",
    "FORMULA_STARTS",
    "NEUTRALISATION_RULE_AR",
    "NEUTRALISATION_RULE_EN",
    "PARAMETERS",
    "CatalogueEntry",
    "DataVersion",
    "Download",
    "DownloadOptions",
    "ParameterError",
    "catalogue",
    "csv_pieces",
    "data_version",
    "download_csv",
    "download_pieces",
    "etag",
    "known_names",
    "neutralise",
    "parse_options",
]
