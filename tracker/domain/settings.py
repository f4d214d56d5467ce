"""The one set of tunable parameters of the domain rules, with the defaults DESIGN.md §1–2 fixes.

The Store, the reconciliation engine and the synthetic data all read the same frozen
:class:`Settings`; change one by ``dataclasses.replace(settings, name=value)``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Tunable parameters of intervals and of the seven consistency rules (DESIGN §1–2).

    tau: relative half-width of an "about" claim (approx: [v·(1−τ), v·(1+τ)]; nearly:
        [v·(1−τ), v]).
    divergence_start_days: flows with the same period_end whose starts differ by at most this
        many days count "nearly the same window".
    divergence_min_overlap: ...and the shorter window covers at least this share of the longer
        one (so a 6-day count is never compared with a 12-day count as "the same window").
    divergence_moderate_ratio / divergence_major_ratio: divergence severity by
        ratio = low(larger) / high(smaller): below the first minor, below the second moderate,
        else major.
    stock_days: stocks dated at most this many days apart are compared (divergence).
    staleness_days: a source's newest stock figure is stale when the series' newest figure is
        more than this many days later.
    echo_days: the same value reported within this many days under different sources' names is
        an echo.
    echo_min_value: values below this are not treated as echoes (small counts coincide by chance).
    """

    tau: float = 0.10
    divergence_start_days: int = 7
    divergence_min_overlap: float = 2 / 3
    divergence_moderate_ratio: float = 1.5
    divergence_major_ratio: float = 3.0
    stock_days: int = 3
    staleness_days: int = 14
    echo_days: int = 2
    echo_min_value: int = 100


DEFAULT_SETTINGS = Settings()
