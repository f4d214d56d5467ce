"""The frame of every page: header, navigation, language switch, filter bar, download link.

Every page is a pure function of its query parameters; the frame gives it the same
header and filters everywhere, lays Arabic out right to left, and keeps the filters and
the language in every link so that a view can be shared by its address.
"""

from __future__ import annotations

import json

from dash import dcc, html

from dashboards.components.query import Query, href, shared
from dashboards.i18n import t
from tracker.domain.vocabularies import Vocabularies
from tracker.views.calendar import calendar_words
from tracker.views.data import search_places, spreadsheet_url
from tracker.views.format import (
    column_dict,
    isolate,
    label,
    place_label,
    place_name,
    source_name,
)

PAGES = (
    ("overview", "/"),
    ("trends", "/trends"),
    ("discrepancies", "/discrepancies"),
    ("figures", "/figures"),
    ("sources", "/sources"),
    ("data", "/data"),
    ("map", "/map"),  # issue #12
    ("methodology", "/methodology"),  # issue #12
)
PATHS = dict(PAGES)


def opening_month(vocab: Vocabularies, query: Query) -> str | None:
    """The month the date picker opens on: the chosen dates', else the newest episode's start
    (the data's dates, never the current month of an archive from 2018)."""
    f = query.filters
    chosen = f.date_from or f.date_to
    if chosen:
        return chosen.isoformat()
    starts = vocab.episodes["start"].dropna().astype(str) if "start" in vocab.episodes else []
    return max(starts) if len(starts) else None


#: The words Dash's dropdown shows itself (its search box, select-all, counts), by i18n key.
DROPDOWN_WORDS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def dropdown_labels(lang: str) -> dict[str, str]:
    """Dash's own dropdown words in the page's language (its defaults are English)."""
    return {word: t(f"dropdown_{word}", lang) for word in DROPDOWN_WORDS}


def qp_id(name: str) -> dict[str, str]:
    """The id of a control whose value is the query parameter ``name``."""
    return {"type": "qp", "name": name}


DATES_ID = {"type": "qpdates", "name": "period"}


def _options(frame, lang: str, ids=None) -> list[dict]:
    ids = list(frame.index) if ids is None else ids
    return [{"label": label(frame, i, lang), "value": str(i)} for i in ids]


def place_option(vocab: Vocabularies, pcode: str, lang: str, typed: str = "") -> dict:
    gaz = vocab.places
    search = (
        f"{pcode} {_place_cell(gaz, pcode, 'name_en')} {_place_cell(gaz, pcode, 'name_ar')} "
        f"{typed}".strip()
        if pcode in gaz.index
        else pcode
    )
    return {"label": place_label(vocab, pcode, lang), "value": pcode, "search": search}


def _place_cell(gaz, pcode: str, column: str) -> object:
    """``gaz.at[pcode, column]``, from the cached column dict when the cell is filled."""
    found = column_dict(gaz, column).get(pcode)
    return gaz.at[pcode, column] if found is None else found


def place_options(
    vocab: Vocabularies, lang: str, selected=(), typed: str = "", prefer=()
) -> list[dict]:
    """Options of the area control: matches for what was typed (or a short start list),
    and the selected place always."""
    codes = search_places(vocab, typed, lang, prefer=list(prefer))
    codes = list(dict.fromkeys([*[c for c in selected if c in vocab.places.index], *codes]))
    return [place_option(vocab, c, lang, typed) for c in codes]


def control(label_text: str, component, name: str) -> html.Div:
    """A labelled control: the visible label names the group the control sits in."""
    return html.Div(
        [html.Label(label_text, className="control-label", id=f"label-{name}"), component],
        className=f"control control-{name}",
        role="group",
        **{"aria-labelledby": f"label-{name}"},
    )


def filter_bar(
    vocab: Vocabularies,
    query: Query,
    path: str,
    places_in_use=(),
    single_metric: bool = False,
    extra: list | None = None,
    flag_selectors: bool = False,
    opened: bool | None = None,
) -> html.Section:
    """The filters every page shares (and the page's own, in ``extra``); ``flag_selectors``
    on the one page that selects flags by rule, severity and status. The filters are unfolded
    when any is in force, or as ``opened`` says."""
    lang, f = query.lang, query.filters
    metrics = dcc.Dropdown(
        labels=dropdown_labels(lang),
        id=qp_id("metric"),
        options=_options(vocab.metrics, lang),
        value=(f.metric[0] if f.metric else None) if single_metric else list(f.metric),
        multi=not single_metric,
        placeholder=t("any", lang),
        clearable=True,
    )
    area = dcc.Dropdown(
        labels=dropdown_labels(lang),
        id=qp_id("location"),
        options=place_options(vocab, lang, f.location, prefer=places_in_use),
        value=f.location[0] if f.location else None,
        placeholder=t("filter_area_placeholder", lang),
        clearable=True,
        searchable=True,
        search_order="original",
    )
    population = dcc.Dropdown(
        labels=dropdown_labels(lang),
        id=qp_id("population"),
        options=_options(vocab.populations, lang),
        value=list(f.population),
        multi=True,
        placeholder=t("any", lang),
    )
    sources = dcc.Dropdown(
        labels=dropdown_labels(lang),
        id=qp_id("source"),
        options=[
            {"label": source_name(vocab, s, lang), "value": str(s)} for s in vocab.sources.index
        ],
        value=list(f.source),
        multi=True,
        placeholder=t("any", lang),
    )
    dates = dcc.DatePickerRange(
        id=DATES_ID,
        start_date=f.date_from.isoformat() if f.date_from else None,
        end_date=f.date_to.isoformat() if f.date_to else None,
        display_format="YYYY-MM-DD",
        start_date_placeholder_text=t("filter_from", lang),
        end_date_placeholder_text=t("filter_to", lang),
        clearable=True,
        updatemode="bothdates",
        is_RTL=lang == "ar",
        first_day_of_week=6 if lang == "ar" else 1,
        number_of_months_shown=1,
        start_date_id="filter-from",
        end_date_id="filter-to",
        initial_visible_month=opening_month(vocab, query),
    )
    controls = [
        control(t("filter_area", lang), area, "location"),
        control(
            t("filter_metric_one" if single_metric else "filter_metric", lang), metrics, "metric"
        ),
        control(t("filter_population", lang), population, "population"),
        control(t("filter_source", lang), sources, "source"),
        control(t("filter_dates", lang), dates, "dates"),
        *(extra or []),
    ]
    clear = dcc.Link(
        t("clear_filters", lang), href=href(path, {"lang": lang}), className="clear-filters"
    )
    active = active_filters(vocab, query, flag_selectors)
    summary = html.Summary(
        [
            html.Span(t("filters", lang), className="filters-title"),
            html.Span(
                ": " + (" · ".join(active) if active else t("no_filters", lang)),
                className="filters-active",
            ),
        ]
    )
    return html.Section(
        html.Details(
            [summary, html.Div(controls, className="filter-grid"), clear],
            open=bool(active) if opened is None else opened,
            className="filters-details",
        ),
        className="filters",
        **{"aria-label": t("filters", lang)},
    )


def active_filters(vocab: Vocabularies, query: Query, flag_selectors: bool = False) -> list[str]:
    """The filters in force, in the reader's words (the summary a phone shows while they are
    folded): rules, severities and statuses only where the page applies them."""
    lang, f = query.lang, query.filters
    out = [place_name(vocab, p, lang) for p in f.location]
    out += [label(vocab.metrics, m, lang) for m in f.metric]
    out += [label(vocab.populations, p, lang) for p in f.population]
    out += [source_name(vocab, s, lang) for s in f.source]
    if f.date_from or f.date_to:
        ends = [isolate(d.isoformat() if d else "…", lang) for d in (f.date_from, f.date_to)]
        out.append(f"{ends[0]} {t('arrow_forward', lang)} {ends[1]}")
    if flag_selectors:
        out += flag_selector_labels(vocab, query)
    return out


def flag_selector_labels(vocab: Vocabularies, query: Query) -> list[str]:
    """The chosen rules, severities and statuses by their labels in the query's language."""
    lang = query.lang
    out = [label(vocab.extra["rules"], r, lang) for r in query.values("rule")]
    out += [label(vocab.extra["severities"], s, lang) for s in query.values("severity")]
    return out + [t(f"status_{s}", lang) for s in query.values("status")]


def header(active: str, query: Query) -> html.Header:
    lang = query.lang
    keep = shared(query.params)
    other = "en" if lang == "ar" else "ar"
    switch_params = dict(query.params)
    switch_params["lang"] = other
    nav = html.Nav(
        html.Ul(
            [
                html.Li(
                    dcc.Link(
                        t(f"nav_{name}", lang),
                        href=href(path, keep),
                        className="nav-link active" if name == active else "nav-link",
                        id=f"nav-{name}",
                    ),
                    **({"aria-current": "page"} if name == active else {}),
                )
                for name, path in PAGES
            ]
        ),
        className="nav",
        **{"aria-label": t("nav_label", lang)},
    )
    return html.Header(
        [
            html.Div(
                [
                    dcc.Link(t("app_name", lang), href=href("/", keep), className="brand"),
                    html.Span(t("tagline", lang), className="tagline"),
                    html.A(
                        t("switch_language", lang),
                        href=href(PATHS[active], switch_params),
                        className="lang-switch",
                        lang=other,
                        hrefLang=other,
                        title=t("switch_language_label", lang),
                        id="lang-switch",
                    ),
                ],
                className="topbar",
            ),
            nav,
        ],
        className="site-header",
    )


def page_shell(
    active: str,
    query: Query,
    title: str,
    intro: str | None,
    body: list,
    filters: html.Section | None = None,
    downloads: list | None = None,
) -> html.Div:
    """A whole page in the query's language and direction."""
    lang = query.lang
    errors = [
        html.P(t("filter_error", lang, message=e), className="notice error", role="alert")
        for e in query.errors
    ]
    download_links = html.Div(downloads, className="downloads") if downloads else None
    main = html.Main(
        [
            html.H1(title),
            html.P(intro, className="intro") if intro else None,
            *errors,
            filters,
            download_links,
            *body,
        ],
        id="main",
    )
    return html.Div(
        [
            html.A(t("skip_to_content", lang), href="#main", className="skip-link"),
            header(active, query),
            main,
            html.Footer(html.P(t("footer", lang)), className="site-footer"),
        ],
        className=f"page page-{active} lang-{lang}",
        dir="rtl" if lang == "ar" else "ltr",
        lang=lang,
        id="page",
        # the date picker's month and weekday names (assets/calendar_locale.js reads them)
        **{"data-calendar": json.dumps(calendar_data(lang), ensure_ascii=False)},
    )


#: The date picker's English button names (Dash's own), by the i18n key that translates them.
PICKER_BUTTONS = {
    "Previous month": "picker_previous_month",
    "Next month": "picker_next_month",
    "Clear Dates": "picker_clear_dates",
    "Close calendar": "picker_close",
    "Decrease value": "picker_decrease",
    "Increase value": "picker_increase",
}


def calendar_data(lang: str) -> dict:
    """What assets/calendar_locale.js gives the date picker: CLDR month and weekday names,
    and its buttons' names in the page's language."""
    buttons = {english: t(key, lang) for english, key in PICKER_BUTTONS.items()}
    return {**calendar_words(lang), "buttons": buttons}


def download_link(text: str, url: str, name: str = "view") -> html.A:
    return html.A(text, href=url, className="download-link", id=f"download-{name}", download="")


def table_downloads(text: str, csv_url: str, lang: str, name: str = "view") -> list[html.A]:
    """A table's download as CSV and, beside it, the same rows as an XLSX workbook."""
    return [
        download_link(text, csv_url, name),
        html.A(
            t("download_xlsx", lang),
            href=spreadsheet_url(csv_url),
            className="download-link download-xlsx",
            id=f"download-{name}-xlsx",
            download="",
        ),
    ]


def pager(
    path: str, params: dict[str, str], page: int, pages: int, lang: str, text: str
) -> html.Nav:
    """Previous / page n of N / next, as links (the page number lives in the address)."""

    def link(label_key: str, target: int, enabled: bool, name: str):
        arrow = t("arrow_back" if label_key == "previous" else "arrow_forward", lang)
        words = t(label_key, lang, arrow=arrow)  # the arrow points the way the page reads
        if not enabled:
            return html.Span(words, className="pager-disabled", **{"aria-disabled": "true"})
        return dcc.Link(
            words,
            href=href(path, {**params, "page": str(target)}),
            className="pager-link",
            id=f"pager-{name}",
        )

    return html.Nav(
        [
            link("previous", page - 1, page > 1, "prev"),
            html.Span(text, className="pager-status"),
            link("next", page + 1, page < pages, "next"),
        ],
        className="pager",
        **{"aria-label": text},
    )


def labelled_row(cells: list, labels: list[str], **kwargs) -> html.Tr:
    """A table row whose cells carry their column's name (``data-label``), so that a phone
    can show each row as a card of labelled lines instead of a table to scroll sideways."""
    for cell, text in zip(cells, labels, strict=True):
        setattr(cell, "data-label", text)
    return html.Tr(cells, **kwargs)
