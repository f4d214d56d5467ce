"""The options of a download: the command line's filters plus hxl, excel and lang.

Query parameters are checked strictly, because a data desk's script that misspells a
parameter must fail loudly rather than silently download everything: an unknown
parameter name, or a value no vocabulary knows, is refused with a message that names
the parameter and suggests the closest valid one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from tracker.domain.filters import FILTER_NAMES, FilterError, Filters, parse_filters
from tracker.domain.vocabularies import Vocabularies, closest

LANGUAGES = ("en", "ar")
LIST_FILTERS = ("metric", "population", "location", "source")
SWITCHES = ("hxl", "excel")
# Parameters that select flags by their own properties (DESIGN.md §6); only files that
# hold flags take them (flags.csv, and the packages that contain it).
FLAG_SELECTORS = ("rule", "severity", "status")
FLAG_STATUSES = ("open", "explained")
PARAMETERS: tuple[str, ...] = (*FILTER_NAMES, *FLAG_SELECTORS, *SWITCHES, "lang")
TRUE = ("1", "true", "yes", "")
UNKNOWN_PARAMETER = "unknown parameter"
FALSE = ("0", "false", "no")


class ParameterError(FilterError):
    """A query parameter is unknown or has a bad value; the message says which and why."""


@dataclass(frozen=True)
class DownloadOptions:
    """What a download holds (filters) and how it is written (hxl, excel, lang)."""

    filters: Filters = field(default_factory=Filters)
    hxl: bool = False
    excel: bool = False
    lang: str = "en"
    # (selector, chosen values) for rule, severity and status, in FLAG_SELECTORS order.
    flag_rows: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def as_params(self) -> dict[str, str]:
        """The options as query parameters, in a fixed order, defaults left out."""
        params = self.filters.as_params()
        params.update({name: ",".join(values) for name, values in self.flag_rows})
        if self.hxl:
            params["hxl"] = "1"
        if self.excel:
            params["excel"] = "1"
        if self.lang != "en":
            params["lang"] = self.lang
        return params

    def query_string(self) -> str:
        """``?metric=killed&hxl=1`` (or empty): the same options always give the same text."""
        params = self.as_params()
        return "?" + urlencode(params, safe=",") if params else ""


def _suggest(parameter: str, value: str, valid: Sequence[str], what: str) -> ParameterError:
    """The error for an unknown name or value, with the closest valid one (by spelling or
    by prefix: 'arabic' suggests 'ar')."""
    lowered = value.strip().lower()
    prefixed = [v for v in valid if lowered.startswith(v) or v.startswith(lowered or "\0")]
    guess = closest(value, list(valid)) or (prefixed[0] if len(prefixed) == 1 else None)
    hint = f"; did you mean {guess!r}?" if guess else ""
    message = f"{what} {value!r}{hint} (valid: {', '.join(valid)})"
    details = {"parameter": parameter, "value": repr(value), "valid": ", ".join(valid)}
    if guess:
        details["guess"] = repr(guess)
    problem = "unknown_parameter" if what == UNKNOWN_PARAMETER else "unknown_value"
    return ParameterError(parameter, value, message, problem, details)


def _switch(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ParameterError(
        name,
        raw,
        f"{name} {raw!r} is not a switch: give {name}=1 or {name}=0",
        "not_a_switch",
        {"parameter": name, "value": repr(raw)},
    )


def _lang(raw: str) -> str:
    value = raw.strip().lower() or "en"
    if value not in LANGUAGES:
        raise _suggest("lang", raw, LANGUAGES, "unknown lang")
    return value


def _single(name: str, values: Sequence[str]) -> str:
    distinct = list(dict.fromkeys(values))
    if len(distinct) > 1:
        raise ParameterError(
            name,
            ",".join(distinct),
            f"{name} is given {len(distinct)} times: give it once",
            "given_twice",
            {"parameter": name, "n": str(len(distinct))},
        )
    return distinct[0] if distinct else ""


def unknown_parameter(name: str, known: Sequence[str]) -> ParameterError:
    """The refusal of a parameter name that is not ``known``, with the closest known one:
    the one rule a download's address and a page's address are read by."""
    return _suggest(name, name, known, UNKNOWN_PARAMETER)


def check_flag_value(name: str, value: str, vocab: Vocabularies) -> None:
    """Refuse a rule, severity or status no :func:`flag_vocabulary` holds (with the closest
    valid one), for a download and a page alike."""
    valid = flag_vocabulary(name, vocab)
    if value not in valid:
        raise _suggest(name, value, valid, f"unknown {name}")


def _flag_values(name: str, values: Sequence[str], vocab: Vocabularies) -> tuple[str, ...]:
    """The chosen rules, severities or statuses, each checked against its vocabulary."""
    chosen = [v.strip() for raw in values for v in raw.split(",") if v.strip()]
    for value in chosen:
        check_flag_value(name, value, vocab)
    return tuple(dict.fromkeys(chosen))


def flag_vocabulary(name: str, vocab: Vocabularies) -> tuple[str, ...]:
    """The values a flag selector may take: the engine's rules and severities, two statuses."""
    if name == "status":
        return FLAG_STATUSES
    table = vocab.extra["rules" if name == "rule" else "severities"]
    return tuple(str(i) for i in table.index)


def parse_flag_selectors(
    raw: Mapping[str, Sequence[str] | None], vocab: Vocabularies
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The rules, severities and statuses chosen (``flag_rows``), each value checked against
    :func:`flag_vocabulary`: the one check of ``flags.csv?rule=…`` and ``tracker flags
    --rule …``. An unknown value raises :class:`ParameterError` naming the valid ones."""
    return tuple(
        (name, chosen)
        for name in FLAG_SELECTORS
        if raw.get(name) and (chosen := _flag_values(name, raw[name] or (), vocab))
    )


def parse_options(raw: Mapping[str, str | Sequence[str]], vocab: Vocabularies) -> DownloadOptions:
    """Check query parameters; a repeated filter (metric=a&metric=b) means metric=a,b.

    Raises :class:`ParameterError` (or :class:`FilterError` for a bad filter value) with a
    message that names the parameter and the closest valid name or value.
    """
    values = {k: [v] if isinstance(v, str) else list(v) for k, v in raw.items()}
    for name in values:
        if name not in PARAMETERS:
            raise unknown_parameter(name, PARAMETERS)
    raw_filters: dict[str, str | None] = {
        name: ",".join(values[name]) if name in LIST_FILTERS else _single(name, values[name])
        for name in FILTER_NAMES
        if name in values
    }
    filters = parse_filters(raw_filters, vocab)
    flag_rows = parse_flag_selectors(values, vocab)
    return DownloadOptions(
        flag_rows=flag_rows,
        filters=filters,
        hxl=_switch("hxl", _single("hxl", values["hxl"])) if "hxl" in values else False,
        excel=_switch("excel", _single("excel", values["excel"])) if "excel" in values else False,
        lang=_lang(_single("lang", values["lang"])) if "lang" in values else "en",
    )
