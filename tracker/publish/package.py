"""A Data Package on disk (``tracker export --package DIR``): datapackage.json and every CSV."""

from __future__ import annotations

from pathlib import Path

from tracker.publish.asof import data_as_of
from tracker.publish.datapackage import datapackage_json
from tracker.publish.files import DATAPACKAGE, DOWNLOADS
from tracker.publish.options import DownloadOptions
from tracker.publish.stream import download_pieces
from tracker.publish.terms import package_terms
from tracker.service.store import Store


def write_package(store: Store, options: DownloadOptions, folder: Path) -> list[Path]:
    """datapackage.json and every CSV in ``folder``, each written by the same code path as
    its download URL (only the resource paths lose their query string)."""
    folder.mkdir(parents=True, exist_ok=True)
    package = folder / DATAPACKAGE
    package.write_text(
        datapackage_json(
            store.vocab,
            options,
            query_paths=False,
            as_of=data_as_of(store).as_json(),
            terms=package_terms(store, options),
        ),
        "utf-8",
    )
    written = [package]
    for download in DOWNLOADS.values():
        path = folder / download.filename
        with path.open("wb") as out:
            for piece in download_pieces(store, download.filename, options):
                out.write(piece)
        written.append(path)
    return written
