"""When the data last changed and the newest report they hold: said on every page (a line
under the title) and in every download (Last-Modified and datapackage.json's ``data_as_of``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.publish.version import data_version
from tracker.service.asof import newest_report
from tracker.service.store import Store


@dataclass(frozen=True)
class DataAsOf:
    """``changed``: when the data last changed (the downloads' Last-Modified);
    ``newest_report``: the newest report date among the current figures."""

    changed: datetime | None
    newest_report: date | None

    def as_json(self) -> dict[str, str | None]:
        """The datapackage.json field."""
        return {
            "changed": self.changed.isoformat() if self.changed else None,
            "newest_report": self.newest_report.isoformat() if self.newest_report else None,
        }


def data_as_of(store: Store) -> DataAsOf:
    """Both, from a handful of indexed or small aggregate queries."""
    return DataAsOf(data_version(store).last_modified, newest_report(store))
