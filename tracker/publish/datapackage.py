"""datapackage.json: a Frictionless Data Package describing every CSV download.

Generated, never written by hand: the figure file's fields come from the one pandera
schema (through :mod:`tracker.publish.fields`), the others from the same field lists
the CSVs are written with, so the description cannot drift from the files. Resource
paths are relative to the package (``figures.csv``) and carry the same query string
as the package was asked with, so a filtered package describes the filtered files.
When the files carry the HXL row (``hxl=1``) it is declared as a comment row.
"""

from __future__ import annotations

import json
from dataclasses import replace

from tracker.domain.vocabularies import Vocabularies
from tracker.publish.citation import CITATION_EN, LICENCE
from tracker.publish.fields import Field
from tracker.publish.files import DOWNLOADS, Download
from tracker.publish.options import DownloadOptions

DEFAULTS = DownloadOptions()
HXL_NOTE = "Row 2 holds HXL hashtags (https://hxlstandard.org); tools that do not read HXL skip it."


def field_descriptor(field: Field) -> dict[str, object]:
    """A Table Schema field: name, type, description and its constraints."""
    out: dict[str, object] = {
        "name": field.name,
        "type": field.kind,
        "description": field.description,
    }
    constraints = field.constraints()
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(download: Download, vocab: Vocabularies, lang: str) -> dict[str, object]:
    """The schema of one CSV: fields in file order, keys, and the source foreign key."""
    schema: dict[str, object] = {
        "fields": [field_descriptor(f) for f in download.fields(vocab, lang)],
        "missingValues": [""],
    }
    if download.primary_key:
        schema["primaryKey"] = list(download.primary_key)
    if download.name == "figures":
        schema["foreignKeys"] = [
            {"fields": ["source"], "reference": {"resource": "sources", "fields": ["source"]}}
        ]
    return schema


def resource(
    download: Download, vocab: Vocabularies, options: DownloadOptions, query_paths: bool = True
) -> dict:
    """One CSV as a tabular data resource (its path with the options' query string or not)."""
    dialect: dict[str, object] = {"delimiter": ",", "quoteChar": '"', "header": True}
    description = download.description_en
    if options.hxl:
        dialect["commentRows"] = [2]
        description += " " + HXL_NOTE
    own = options if download.selectors else replace(options, flag_rows=())
    return {
        "name": download.name,
        "path": download.filename + (own.query_string() if query_paths else ""),
        "profile": "tabular-data-resource",
        "title": download.title_en,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": dialect,
        "schema": table_schema(download, vocab, options.lang),
    }


def datapackage(
    vocab: Vocabularies,
    options: DownloadOptions = DEFAULTS,
    query_paths: bool = True,
    as_of: dict | None = None,
    terms: list[dict[str, str]] | None = None,
) -> dict:
    """The Data Package descriptor of every CSV download, with licence and citation.

    ``query_paths``: resource paths carry the options as a query string (the URL form);
    False names plain files, for a package written to a folder. ``as_of``: when the data last
    changed and the newest report they hold (``data_as_of``, see tracker.publish.asof).
    ``terms``: the ``sources`` entries of restricted sources in scope (tracker.publish.terms).
    """
    descriptor: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": "tracker",
        "title": "Tracker: source-attributed displacement and casualty figures",
        "description": (
            "Figures that named sources reported on people displaced, killed, injured and on "
            "attacks, each kept as a claim with its source, period and the interval its "
            "wording allows; the series reconciled across sources; and the flags where "
            "sources cannot all be right. Text cells that would start a spreadsheet formula "
            "carry a leading apostrophe (see the docs)."
        ),
        "licenses": [LICENCE],
        "citation": CITATION_EN.format(file="datapackage.json", date="<date>", url="<url>"),
        "keywords": ["humanitarian", "displacement", "casualties", "Syria", "HXL"],
        "resources": [resource(d, vocab, options, query_paths) for d in DOWNLOADS.values()],
    }
    if terms:
        descriptor["sources"] = terms
    if as_of is not None:
        descriptor["data_as_of"] = as_of
    return descriptor


def datapackage_json(
    vocab: Vocabularies,
    options: DownloadOptions = DEFAULTS,
    query_paths: bool = True,
    as_of: dict | None = None,
    terms: list[dict[str, str]] | None = None,
) -> str:
    """datapackage.json as text: UTF-8, 2-space indent, keys in a fixed order."""
    descriptor = datapackage(vocab, options, query_paths, as_of, terms)
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
