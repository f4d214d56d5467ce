"""``/download/tracker-data.zip``: the Data Package with its files inside, in one file.

The zip holds datapackage.json and every CSV side by side, written by the same code path
as the package on disk (:func:`tracker.publish.package.write_package`), so the resource
paths name files inside the zip (``flags.csv``, never ``flags.csv?rule=echo``) and the
package validates offline once unzipped into an empty folder.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from tracker.publish.options import DownloadOptions
from tracker.publish.package import write_package
from tracker.service.store import Store

BLOCK = 1 << 20  # bytes per piece read back from the finished zip


def zip_pieces(store: Store, options: DownloadOptions) -> Iterator[bytes]:
    """The zip as pieces: the package is written to a temporary folder, zipped to a
    temporary file (memory stays bounded), then read back block by block."""
    with tempfile.TemporaryDirectory(prefix="tracker-zip-") as tmp:
        folder = Path(tmp) / "package"
        written = write_package(store, options, folder)
        archive = Path(tmp) / "tracker-data.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
            for path in written:
                out.write(path, arcname=path.name)
        with archive.open("rb") as handle:
            while piece := handle.read(BLOCK):
                yield piece
