"""Figures `/figures`: every figure with its provenance, sorted, filtered and paged by the
database; ``?figure=ID`` opens that figure's history."""

from __future__ import annotations

import dash
from dash import Dash, dcc, html

from dashboards.components.index_page import heading_of, title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import href, page_number, parse_query
from dashboards.components.shell import (
    filter_bar,
    labelled_row,
    page_shell,
    pager,
    table_downloads,
)
from dashboards.i18n import t
from tracker.domain.filters import Filters
from tracker.service.pagecache import cached_view
from tracker.service.pages.figures import load_figures_page
from tracker.service.store import Store
from tracker.views.data import download_url
from tracker.views.format import fmt_count, fmt_date
from tracker.views.tables import FIGURES_PER_PAGE, figure_row, figures_table, history_rows

#: The words key of the page's heading (its ``<h1>`` and the browser tab's title).
HEADING = "figures_title"


@cached_view("figures_table")
def figures_of(
    store: Store,
    filters: Filters,
    lang: str,
    sort: str = "reported_on",
    descending: bool = True,
    page: int = 1,
    per_page: int = FIGURES_PER_PAGE,
) -> dict:
    """One page of figures, sorted and filtered in the database."""
    data = load_figures_page(store, filters, sort, descending, page, per_page)
    return figures_table(data, store.vocab, lang)


COLUMNS = (  # (i18n key, sort key or None)
    ("col_id", "figure_id"),
    ("col_reported", "reported_on"),
    ("col_source", "source"),
    ("col_metric", "metric"),
    ("col_population", "population"),
    ("col_location", "location"),
    ("col_window", "period_end"),
    ("col_claim", "value"),
    ("col_interval", None),
    ("col_publisher", "publisher"),
    ("col_flags", None),
)


def _sort_link(key: str, sort_key: str, params: dict, table: dict, lang: str, id_prefix: str):
    """A link sorting by ``sort_key``: the active key turns its order round; another starts
    newest or largest first for dates and counts. Returns the link and the aria-sort state."""
    active = table["sort"] == sort_key
    descending = (
        (not table["descending"]) if active else sort_key in ("reported_on", "period_end", "value")
    )
    target = {**params, "sort": sort_key, "desc": "1" if descending else "0"}
    target.pop("page", None)
    arrow = (" ▼" if table["descending"] else " ▲") if active else ""
    sort_state = ("descending" if table["descending"] else "ascending") if active else None
    link = dcc.Link(
        t(key, lang) + arrow,
        href=href("/figures", target),
        className="sort-link active" if active else "sort-link",
        id=f"{id_prefix}{sort_key}",
    )
    return link, sort_state


def _header(key: str, sort_key: str | None, params: dict, table: dict, lang: str) -> html.Th:
    if sort_key is None:
        return html.Th(t(key, lang), scope="col")
    link, sort_state = _sort_link(key, sort_key, params, table, lang, "sort-")
    return html.Th(link, scope="col", **({"aria-sort": sort_state} if sort_state else {}))


def phone_sort(params: dict, table: dict, lang: str) -> html.Nav:
    """The column titles that sort, as a row of links for a phone, where the table becomes
    one card per figure and its header row is hidden (shown only under 640 px)."""
    links = [
        _sort_link(key, sort_key, params, table, lang, "phone-sort-")[0]
        for key, sort_key in COLUMNS
        if sort_key is not None
    ]
    return html.Nav(
        [html.Span(t("sort_by", lang), className="phone-sort-label"), *links],
        className="phone-sort",
        id="phone-sort",
        **{"aria-label": t("sort_by", lang)},
    )


def _flags_cell(flags: list[dict], lang: str):
    """Each flag a figure is in, by its rule and severity in words (its id in the tooltip),
    leading to the flag on its trend."""
    if not flags:
        return ""
    return html.Ul(
        [
            html.Li(
                dcc.Link(
                    f"{f['rule_label']} · {f['severity_label']}",
                    href=href("/trends", {"flag": f["flag_id"], "lang": lang}),
                    className=f"badge severity-{f['severity']}",
                    title=f["flag_id"],
                )
            )
            for f in flags
        ],
        className="flag-list",
    )


def interval_cell(row: dict, lang: str) -> list:
    """The interval a figure allows; for a count of households, the conversion to people
    said beside it ("400 households × 5 ≈ 2,000 people"), never a bare 2,000. The interval
    is one unbroken run: a browser may break a line after its dash ("113–" over "139")."""
    interval = html.Span(row["interval"], className="nowrap interval-value")
    c = row["conversion"]
    if not c:
        return [interval]
    return [
        interval,
        html.Br(),
        html.Small(t("converted", lang, **c), className="conversion muted"),
    ]


def figure_table(table: dict, params: dict, lang: str) -> html.Div:
    """The page of figures as a table whose headers sort it and whose ids open a history."""
    head = html.Thead(html.Tr([_header(k, s, params, table, lang) for k, s in COLUMNS]))
    rows = []
    for r in table["rows"]:
        publisher = (
            html.A(
                r["publisher"] or r["url"],
                href=r["url"],
                target="_blank",
                rel="noopener noreferrer",
            )
            if r["url"]
            else r["publisher"]
        )
        rows.append(
            labelled_row(
                [
                    html.Td(
                        dcc.Link(
                            r["figure_id"],
                            href=href("/figures", {**params, "figure": r["figure_id"]}),
                            className="figure-link",
                        )
                    ),
                    html.Td(r["reported_on"], className="nowrap"),
                    html.Td(r["source_label"], title=r["source_full"]),
                    html.Td(r["metric"]),
                    html.Td(r["population"]),
                    html.Td(r["location"], title=r["location_full"]),
                    html.Td(r["window"]),
                    html.Td(r["claim"], className="claim"),
                    html.Td(interval_cell(r, lang), title=r["rule_words"], className="interval"),
                    html.Td(publisher),
                    html.Td(_flags_cell(r["flags"], lang)),
                ],
                [t(k, lang) for k, _ in COLUMNS],
            )
        )
    return html.Div(
        html.Table(
            [head, html.Tbody(rows)],
            className="table figures-table stack-on-phone",
            id="figures-table",
        ),
        className="table-wrap",
    )


def state_banner(current, superseded: int, lang: str) -> html.P | None:
    """What a reader must know first: the figure was retracted (when, by whom, why), or its
    earlier revisions are superseded by the one shown."""
    when = fmt_date(current.get("entered_at"), lang)
    if str(current.get("status")) == "retracted":
        return html.P(
            t(
                "retracted_banner",
                lang,
                date=when,
                who=str(current.get("entered_by") or ""),
                why=str(current.get("why") or ""),
            ),
            className="notice error state-banner",
            role="alert",
            id="figure-state",
        )
    if superseded < 1:
        return None
    return html.P(
        t("revised_banner", lang, n=superseded, current=int(current["revision"]), date=when),
        className="notice state-banner",
        id="figure-state",
    )


def history_panel(store: Store, figure_id: str, params: dict, lang: str) -> html.Section:
    """Every revision of one figure: who, when, why, what changed."""
    revisions = store.history(figure_id)
    public = history_rows(revisions)
    close = dcc.Link(
        t("history_close", lang),
        href=href("/figures", {k: v for k, v in params.items() if k != "figure"}),
        className="close-link",
    )
    if not public:
        return html.Section(
            [html.P(t("no_history", lang, id=figure_id)), close],
            className="history notice",
            id="history",
        )
    vocab = store.vocab
    current = revisions[revisions["revision"] == public[-1]["revision"]].iloc[0]
    row = figure_row(current, vocab, lang)
    banner = state_banner(current, len(public) - 1, lang)
    items = []
    for rev in public:
        state = (
            t("retracted", lang)
            if rev["status"] == "retracted"
            else (t("current", lang) if rev["current"] else "")
        )
        changes = (
            html.Ul(
                [
                    html.Li(
                        [
                            html.Code(c["column"]),
                            ": ",
                            html.Del(c["old"] or "∅"),
                            f" {t('arrow_forward', lang)} ",
                            html.Ins(c["new"] or "∅"),
                        ]
                    )
                    for c in rev["changes"]
                ]
            )
            if rev["changes"]
            else html.Span(t("first_revision", lang), className="muted")
        )
        items.append(
            html.Li(
                [
                    html.Strong(f"{t('revision', lang)} {rev['revision']}"),
                    f" · {rev['entered_at']} · {t('by', lang)} {rev['entered_by']}",
                    t("accepted_by", lang, name=rev["accepted_by"]) if rev["accepted_by"] else None,
                    html.Span(f" · {state}", className="muted") if state else None,
                    html.Div([t("why", lang), ": ", rev["why"]]) if rev["why"] else None,
                    html.Div([t("why_accepted", lang), ": ", rev["why_accepted"]])
                    if rev["why_accepted"]
                    else None,
                    html.Div([t("changes", lang), ": ", changes]),
                ]
            )
        )
    publication = (
        html.A(
            row["publisher"] or row["url"],
            href=row["url"],
            target="_blank",
            rel="noopener noreferrer",
        )
        if row["url"]
        else row["publisher"]
    )
    return html.Section(
        [
            html.H2(t("history_title", lang, id=figure_id)),
            banner,
            html.Dl(
                [
                    html.Div([html.Dt(t("col_claim", lang)), html.Dd(row["claim"])]),
                    html.Div(
                        [
                            html.Dt(t("col_interval", lang)),
                            html.Dd([*interval_cell(row, lang), html.Br(), row["rule_words"]]),
                        ]
                    ),
                    html.Div([html.Dt(t("col_source", lang)), html.Dd(row["source_full"])]),
                    html.Div([html.Dt(t("col_publisher", lang)), html.Dd(publication)]),
                    html.Div([html.Dt(t("col_window", lang)), html.Dd(row["window"])]),
                    html.Div([html.Dt(t("col_location", lang)), html.Dd(row["location_full"])]),
                    html.Div([html.Dt(t("notes", lang)), html.Dd(row["notes"])])
                    if row["notes"]
                    else None,
                ],
                className="facts",
            ),
            html.Ol(items, className="revisions"),
            close,
        ],
        className="history",
        id="history",
    )


def layout(store: Store, **raw: object) -> html.Div:
    """The figures page for the query parameters ``raw``."""
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    sort = query.get("sort", "reported_on")
    descending = query.get("desc", "1") != "0"
    page = page_number(query.get("page", "1"))
    table = figures_of(store, query.filters, lang, sort, descending, page)
    params = dict(query.params)
    body = []
    figure_id = query.get("figure")
    if figure_id:
        body.append(history_panel(store, figure_id, params, lang))
    if table["rows"]:
        body.append(phone_sort(params, table, lang))
        body.append(figure_table(table, params, lang))
        body.append(
            pager(
                "/figures",
                {k: v for k, v in params.items() if k != "page"},
                table["page"],
                table["pages"],
                lang,
                t(
                    "page_of",
                    lang,
                    page=table["page"],
                    pages=table["pages"],
                    n=fmt_count(table["total"], lang),
                ),
            )
        )
    else:
        body.append(html.P(t("no_figures", lang), className="notice"))
    return page_shell(
        "figures",
        query,
        t(HEADING, lang),
        t("figures_intro", lang),
        body,
        filters=filter_bar(vocab, query, "/figures"),
        downloads=[
            *table_downloads(
                t("download_view", lang),
                download_url("/download/figures.csv", query.filters, lang),
                lang,
            )
        ],
    )


def register(app: Dash, store: Store) -> None:
    """Add the page to the app (it has no callback of its own)."""
    dash.register_page(
        __name__,
        path="/figures",
        name="Figures",
        title=title_of("/figures"),
        heading=heading_of(HEADING),
        order=3,
        layout=routed("figures", layout),
    )
