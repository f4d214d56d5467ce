"""The filters shared by every command and download URL, and their checking.

--metric, --population, --location (includes the places below it), --source,
--from and --to (on period_end), --episode. Each may hold several values separated by commas;
a date is written YYYY-MM-DD and nothing else (not 20180101, not 2018-W26-1).

An episode (DESIGN §6) selects its own figures (those naming it as their episode) and, among
figures naming no episode, those in its area and dates. The narrowing happens once, here: its
place (unless a place is chosen) and its start (and end, when it has one) become location and
from/to, which is all that series, bands and flags (which name no episode) are filtered by; the
place and dates chosen by the user are kept apart (``chosen_*``) for the figures naming the
episode, which only they narrow. Every page, download and command reads the same filters, so
the semantics are the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from tracker.domain.vocabularies import Vocabularies, closest

DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")
FILTER_NAMES = ("metric", "population", "location", "source", "from", "to", "episode")


class FilterError(ValueError):
    """A filter value is not known; the message names the parameter and the closest value.

    The message is the English sentence the command line prints. ``problem`` names the same
    sentence in the files of words (``problem_<problem>``) and ``details`` fill it, so the
    pages and downloads can say it in the reader's language (``dashboards.i18n.say_problem``).
    """

    def __init__(
        self,
        parameter: str,
        value: str,
        message: str,
        problem: str = "",
        details: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.value = value
        self.problem = problem
        self.details = details or {}


@dataclass(frozen=True)
class Filters:
    metric: tuple[str, ...] = field(default_factory=tuple)
    population: tuple[str, ...] = field(default_factory=tuple)
    location: tuple[str, ...] = field(default_factory=tuple)
    source: tuple[str, ...] = field(default_factory=tuple)
    date_from: date | None = None
    date_to: date | None = None
    episode: tuple[str, ...] = field(default_factory=tuple)
    # with an episode: the place and dates the user chose themselves (the figures that name the
    # episode are narrowed by these only; location/date_from/date_to hold the episode's area)
    chosen_location: tuple[str, ...] = field(default_factory=tuple)
    chosen_from: date | None = None
    chosen_to: date | None = None

    def as_params(self) -> dict[str, str]:
        """The filters as URL query parameters (for links that download a view): with an
        episode, the episode and the place and dates chosen besides it (parsing them again
        gives the same filters, the episode's area and dates included)."""
        location, date_from, date_to = (
            (self.chosen_location, self.chosen_from, self.chosen_to)
            if self.episode
            else (self.location, self.date_from, self.date_to)
        )
        params = {
            name: ",".join(getattr(self, name))
            for name in ("metric", "population")
            if getattr(self, name)
        }
        if location:
            params["location"] = ",".join(location)
        if self.source:
            params["source"] = ",".join(self.source)
        if date_from:
            params["from"] = date_from.isoformat()
        if date_to:
            params["to"] = date_to.isoformat()
        if self.episode:
            params["episode"] = ",".join(self.episode)
        return params


def _ids(parameter: str, raw: str | None, known: frozenset[str]) -> tuple[str, ...]:
    if raw is None or str(raw).strip() == "":
        return ()
    values = tuple(v.strip() for v in str(raw).split(",") if v.strip())
    for value in values:
        if value not in known:
            guess = closest(value, known)
            hint = f"; did you mean {guess!r}?" if guess else ""
            details = {"parameter": parameter, "value": repr(value)}
            if guess:
                details["guess"] = repr(guess)
            raise FilterError(
                parameter, value, f"unknown {parameter} {value!r}{hint}", "unknown_value", details
            )
    return values


def _date(parameter: str, raw: str | None) -> date | None:
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    try:
        if not DATE_FORM.fullmatch(text):  # fromisoformat also takes 20180101, 2018-W26-1
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise FilterError(
            parameter,
            str(raw),
            f"{parameter} {raw!r} is not a date in the form YYYY-MM-DD",
            "not_a_date",
            {"parameter": parameter, "value": repr(raw)},
        ) from None


def parse_filters(raw: dict[str, str | None], vocab: Vocabularies) -> Filters:
    """Check raw filter values against the vocabularies; raise FilterError on the first bad one."""
    episodes = _ids("episode", raw.get("episode"), vocab.episode_ids)
    filters = Filters(
        metric=_ids("metric", raw.get("metric"), vocab.metric_ids),
        population=_ids("population", raw.get("population"), vocab.population_ids),
        location=_ids("location", raw.get("location"), vocab.location_ids),
        source=_ids("source", raw.get("source"), vocab.source_ids),
        date_from=_date("from", raw.get("from")),
        date_to=_date("to", raw.get("to")),
    )
    if episodes:
        filters = narrowed_to_episodes(filters, episodes, vocab)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise FilterError(
            "from", str(filters.date_from), "from is after to: the range is empty", "empty_range"
        )
    return filters


def narrowed_to_episodes(
    filters: Filters, episodes: tuple[str, ...], vocab: Vocabularies
) -> Filters:
    """``filters`` narrowed to the episodes' area (unless a place is chosen) and dates: from
    the earliest start (or the later of it and the chosen from), to the latest end when every
    episode has one (or the earlier of it and the chosen to)."""
    rows = vocab.episodes.loc[list(episodes)]
    places = tuple(
        dict.fromkeys(str(p) for p in rows["location"].dropna() if str(p) in vocab.pcodes)
    )
    starts = [date.fromisoformat(str(s)[:10]) for s in rows["start"].dropna()]
    ends = [str(e)[:10] for e in rows["end"]]
    start = min(starts) if starts else None
    end = max(date.fromisoformat(e) for e in ends) if all(_is_day(e) for e in ends) else None
    return replace(
        filters,
        episode=episodes,
        chosen_location=filters.location,
        chosen_from=filters.date_from,
        chosen_to=filters.date_to,
        location=filters.location or places,
        date_from=max(d for d in (filters.date_from, start) if d)
        if start or filters.date_from
        else None,
        date_to=min(d for d in (filters.date_to, end) if d) if end or filters.date_to else None,
    )


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
