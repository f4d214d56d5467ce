"""Sources whose terms restrict republishing their data (``data/source_terms.csv``).

The downloads are CC BY 4.0, but a figure stays its source's claim, and some sources (ACLED)
restrict redistribution: wherever a download would republish figures of such a source —
the Data page, ``datapackage.json``, the workbook's ``about`` sheet, ``tracker export`` —
their terms are said beside it, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.filters import Filters
from tracker.publish.options import DownloadOptions
from tracker.service.pages.sources import present_sources
from tracker.service.store import Store


@dataclass(frozen=True)
class SourceTerms:
    """One restricted source in scope: its id, name, terms (in one language) and their url."""

    source: str
    name: str
    terms: str
    url: str

    def as_package_source(self) -> dict[str, str]:
        """A Data Package ``sources`` entry."""
        return {"title": f"{self.name}: {self.terms}", "path": self.url}


def terms_in_scope(store: Store, filters: Filters, lang: str = "en") -> list[SourceTerms]:
    """The terms of every restricted source that has a public figure within ``filters``."""
    table = store.vocab.extra.get("source_terms")
    if table is None or table.empty:
        return []
    present = present_sources(store, filters, sorted(table.index.astype(str)))
    column = "terms_ar" if lang == "ar" else "terms_en"
    return [
        SourceTerms(
            source,
            _name(store, source, lang),
            str(table.at[source, column]),
            str(table.at[source, "url"]),
        )
        for source in sorted(present)
    ]


def _name(store: Store, source: str, lang: str) -> str:
    names = store.vocab.sources
    if source in names.index and str(names.at[source, f"name_{lang}"]).strip():
        return str(names.at[source, f"name_{lang}"])
    return source


def package_terms(store: Store, options: DownloadOptions) -> list[dict[str, str]]:
    """The ``sources`` entries of datapackage.json for a download with these options."""
    return [t.as_package_source() for t in terms_in_scope(store, options.filters, options.lang)]
