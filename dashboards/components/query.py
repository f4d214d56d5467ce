"""The address is the state: every view is a function of its path and query parameters.

Filters (metric, population, location, source, from, to) are shared by every page and by
the download URLs; pages add their own (rule, status, severity, sort, desc, page, figure,
flag, daily) and ``lang``. A bad value in a shared link is dropped with a message, never
a broken page; so is a parameter no page reads (``?sorce=sohr``), with the did-you-mean a
download's address gets (:mod:`tracker.publish.options`), so a typo never silently shows
everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from dashboards.i18n import say_refusal
from tracker.domain.filters import FILTER_NAMES, FilterError, Filters, parse_filters
from tracker.domain.vocabularies import Vocabularies
from tracker.publish.options import (
    FLAG_SELECTORS,
    ParameterError,
    check_flag_value,
    unknown_parameter,
)
from tracker.views.format import lang_of

#: Dash's page router's address component: its search is the page's query string.
LOCATION = "_pages_location"
PAGE_PARAMS = ("rule", "status", "severity", "sort", "desc", "page", "figure", "flag", "daily")
ORDER = (*FILTER_NAMES, *PAGE_PARAMS, "lang")
#: What mail tools and social sites add to a shared link: not the reader's, never a typo.
TRACKING = ("fbclid", "gclid", "msclkid", "mc_cid", "mc_eid")
TRACKING_PREFIX = "utm_"
#: The highest ``?page=`` read; a larger number shows the last page like any page past it.
MAX_PAGE = 1_000_000


@dataclass
class Query:
    filters: Filters
    lang: str
    params: dict[str, str]  # every parameter as given (joined with commas), bad filters dropped
    errors: list[str] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        return self.params.get(name, default)

    def values(self, name: str) -> list[str]:
        return [v for v in self.params.get(name, "").split(",") if v]


def page_number(text: str) -> int:
    """The page a ``?page=`` asks for: 1 unless a whole number, at most :data:`MAX_PAGE`."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(MAX_PAGE)):  # no int() of a million digits
        return MAX_PAGE
    return min(max(1, int(text)), MAX_PAGE)


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value if v not in (None, ""))
    return str(value)


def _unknown_names(params: dict[str, str], lang: str) -> list[str]:
    """Drop the parameters no page reads, each said in ``lang`` with the closest known name;
    those a shared link carries from elsewhere (``utm_source``, ``fbclid``) quietly."""
    unknown = [name for name in params if name not in ORDER]
    for name in unknown:
        params.pop(name)
    said = [n for n in unknown if n not in TRACKING and not n.startswith(TRACKING_PREFIX)]
    return [say_refusal(unknown_parameter(name, ORDER), lang) for name in said]


def _flag_selectors(params: dict[str, str], vocab: Vocabularies, lang: str) -> list[str]:
    """Keep the rules, severities and statuses the engine knows; say each other one."""
    errors: list[str] = []
    for name in FLAG_SELECTORS:
        kept = []
        for value in [v.strip() for v in params.get(name, "").split(",") if v.strip()]:
            try:
                check_flag_value(name, value, vocab)
                kept.append(value)
            except ParameterError as error:
                errors.append(say_refusal(error, lang))
        if kept:
            params[name] = ",".join(dict.fromkeys(kept))
        else:
            params.pop(name, None)
    return errors


def parse_query(raw: dict, vocab: Vocabularies) -> Query:
    """Read a page's query parameters: names a page does not read, and rules, severities,
    statuses and filters no vocabulary knows, are dropped, each with a notice."""
    params = {str(k): _flat(v).strip() for k, v in (raw or {}).items() if _flat(v).strip()}
    lang = lang_of(params.get("lang"))
    errors = _unknown_names(params, lang) + _flag_selectors(params, vocab, lang)
    candidate = {k: params.get(k) for k in FILTER_NAMES}
    filters = Filters()
    for _ in range(len(FILTER_NAMES) + 1):
        try:
            filters = parse_filters(candidate, vocab)
            break
        except FilterError as error:
            errors.append(say_refusal(error, lang))
            bad = "from" if error.problem == "empty_range" else error.parameter
            candidate[bad] = None
            params.pop(bad, None)
    return Query(filters=filters, lang=lang, params=params, errors=errors)


def parse_search(search: str | None) -> dict[str, str]:
    """'?a=1&b=2' → {'a': '1', 'b': '2'} (the last value of a repeated key wins)."""
    text = (search or "").lstrip("?")
    return {k: v for k, v in parse_qsl(text, keep_blank_values=False)}


def build_search(params: dict[str, str]) -> str:
    """Parameters → '?…' in a stable order (filters, page parameters, lang), empty ones left out."""
    known = [k for k in ORDER if params.get(k)]
    rest = sorted(k for k in params if k not in ORDER and params.get(k))
    pairs = [(k, str(params[k])) for k in [*known, *rest]]
    if ("lang", "en") in pairs:
        pairs.remove(("lang", "en"))
    query = urlencode(pairs, safe=",:")
    return f"?{query}" if query else ""


def href(path: str, params: dict[str, str]) -> str:
    return f"{path}{build_search(params)}"


def shared(params: dict[str, str]) -> dict[str, str]:
    """The parameters that travel from page to page: the filters and the language."""
    return {k: v for k, v in params.items() if k in (*FILTER_NAMES, "lang") and v}
