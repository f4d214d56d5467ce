"""Settings of the domain rules, with the defaults DESIGN.md §1–2 fixes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Tunable parameters of intervals and consistency rules.

    tau: relative half-width of an "about" claim (approx: [v·(1−τ), v·(1+τ)]).
    """

    tau: float = 0.10
    divergence_start_days: int = 7
    stock_days: int = 3
    staleness_days: int = 14
    echo_days: int = 2


DEFAULT_SETTINGS = Settings()
