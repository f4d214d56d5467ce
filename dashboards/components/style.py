"""How a source looks on every chart: colour, marker shape and line dash, never colour alone.

The style follows the source's place in the registry, so SOHR looks the same on every
chart and page. Colours are the Okabe–Ito set (distinguishable with colour-blindness);
shapes and dashes repeat less often than colours, so two sources never look alike.
"""

from __future__ import annotations

from tracker.domain.vocabularies import Vocabularies

COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#332288",
)
# Not triangle-up nor arrows: those mean "open-ended" on the charts.
SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "x",
    "triangle-down",
    "cross",
    "pentagon",
    "hexagon",
    "star",
    "hourglass",
    "bowtie",
    "triangle-left",
    "octagon",
    "hexagram",
    "star-square",
    "star-diamond",
    "circle-cross",
    "square-x",
    "diamond-wide",
    "diamond-tall",
)
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
PATTERNS = ("", "/", "\\", "x", "-", "|", "+", ".")

BAND_FILL = "rgba(110, 110, 110, 0.18)"
BAND_LINE = "rgba(90, 90, 90, 0.55)"
FLAG_RING = "#C00000"
FOLLOWED_RING = "#111111"


def source_index(vocab: Vocabularies, source: str) -> int:
    ids = sorted(vocab.sources.index.astype(str))
    try:
        return ids.index(str(source))
    except ValueError:
        return len(ids) + sum(ord(c) for c in str(source))


def source_style(vocab: Vocabularies, source: str) -> dict[str, str]:
    i = source_index(vocab, source)
    return {
        "color": COLOURS[i % len(COLOURS)],
        "symbol": SYMBOLS[i % len(SYMBOLS)],
        "dash": DASHES[i % len(DASHES)],
        "pattern": PATTERNS[i % len(PATTERNS)],
    }
