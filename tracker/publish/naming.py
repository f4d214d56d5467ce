"""The name a download is saved under says what was filtered.

``flags.csv?rule=echo`` is saved as ``flags_rule-echo.csv``, ``figures.csv?metric=killed&
location=SY12`` as ``figures_metric-killed_location-SY12.csv``: a folder of downloads
then shows which view each file holds. Only filters and selectors name a file (hxl, excel
and lang change how it is written, not what it holds); characters a file system may
refuse become ``-``.
"""

from __future__ import annotations

import re

from tracker.publish.options import SWITCHES, DownloadOptions

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM = 150  # file systems cap names near 255 bytes


def attachment_name(name: str, options: DownloadOptions) -> str:
    """``<stem>_<param>-<value>…<suffix>`` for a filtered download, ``name`` otherwise."""
    stem, dot, suffix = name.partition(".")
    params = {k: v for k, v in options.as_params().items() if k not in (*SWITCHES, "lang")}
    parts = [UNSAFE.sub("-", f"{key}-{value}") for key, value in params.items()]
    if not parts:
        return name
    return "_".join([stem, *parts])[:MAX_STEM] + dot + suffix
