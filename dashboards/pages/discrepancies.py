"""Discrepancies `/discrepancies`: the flags by severity, each with its sentence, its figures
side by side and a link that shows it on its trend."""

from __future__ import annotations

from collections.abc import Sequence

import dash
from dash import Dash, dcc, html

from dashboards.components.help import help_link
from dashboards.components.index_page import heading_of, title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import href, page_number, parse_query
from dashboards.components.shell import (
    control,
    dropdown_labels,
    filter_bar,
    page_shell,
    pager,
    qp_id,
    table_downloads,
)
from dashboards.i18n import t
from tracker.domain.filters import Filters
from tracker.service.pagecache import cached_view
from tracker.service.pages.discrepancies import load_flags_page
from tracker.service.store import Store
from tracker.views.data import download_url
from tracker.views.format import fmt_count, fmt_ratio, label
from tracker.views.tables import FLAGS_PER_PAGE, discrepancies, severity_order

#: The words key of the page's heading (its ``<h1>`` and the browser tab's title).
HEADING = "disc_title"


@cached_view("discrepancies")
def flags_of(
    store: Store,
    filters: Filters,
    lang: str,
    rules: Sequence[str] = (),
    statuses: Sequence[str] = (),
    severities: Sequence[str] = (),
    page: int = 1,
    per_page: int = FLAGS_PER_PAGE,
) -> dict:
    """One page of flags, most severe first, with their figures; and counts by severity."""
    data = load_flags_page(store, filters, rules, statuses, severities, page, per_page)
    return discrepancies(data, store.vocab, lang)


def figure_box(fig: dict, lang: str) -> html.Div:
    """One figure of a flag, as a person compares it with the others."""
    link = (
        html.A(
            fig["publisher"] or fig["url"],
            href=fig["url"],
            target="_blank",
            rel="noopener noreferrer",
        )
        if fig["url"]
        else html.Span(fig["publisher"])
    )
    return html.Div(
        [
            html.Div(fig["source_label"], className="fig-source", title=fig["source_full"]),
            html.Div(fig["claim"], className="fig-claim"),
            html.Div(f"{fig['population']} · {fig['location']}", className="fig-what"),
            html.Div(fig["window"], className="fig-window"),
            html.Div(
                [t("col_reported", lang), ": ", fig["reported_on"], " · ", link],
                className="fig-meta",
            ),
            html.Div([t("col_interval", lang), ": ", fig["interval"]], className="fig-meta"),
            dcc.Link(
                fig["figure_id"],
                href=href("/figures", {"figure": fig["figure_id"], "lang": lang}),
                className="fig-id",
            ),
        ],
        className="fig-box",
    )


def flag_view(card: dict, lang: str) -> html.Article:
    """One flag: severity, rule, status, ratio, its sentence and its figures side by side."""
    trend_href = href("/trends", {**card["trend_params"], "lang": lang})
    ratio = fmt_ratio(card["ratio"], lang)
    status = (
        t(f"status_{card['status']}", lang)
        if card["status"] in ("open", "explained")
        else card["status"]
    )
    return html.Article(
        [
            html.Div(
                [
                    html.Span(
                        card["severity_label"], className=f"badge severity-{card['severity']}"
                    ),
                    help_link(f"severity-{card['severity']}", lang),
                    html.Span(card["rule_label"], className="rule", title=card["rule_description"]),
                    help_link(f"rule-{card['rule']}", lang),
                    html.Span(status, className=f"status status-{card['status']}"),
                    html.Span(f"{t('ratio', lang)} {ratio}", className="ratio") if ratio else None,
                    html.Span(card["flag_id"], className="flag-id muted"),
                ],
                className="flag-head",
            ),
            html.P(card["sentence"], className="sentence"),
            html.P(
                f"{card['metric']} · {card['population']} · {card['location']}",
                className="muted small",
            ),
            html.Div([figure_box(f, lang) for f in card["figures"]], className="fig-row"),
            *[
                html.P(
                    [
                        t("figure_missing", lang, id=i),
                        " ",
                        dcc.Link(
                            t("figure_history", lang),
                            href=href("/figures", {"figure": i, "lang": lang}),
                            className="history-link",
                        ),
                    ],
                    className="muted small",
                )
                for i in card["missing_figures"]
            ],
            html.P([html.Strong(t("analyst_note", lang) + ": "), card["note"]], className="note")
            if card["note"]
            else None,
            dcc.Link(
                f"{t('show_on_trend', lang)} {t('arrow_forward', lang)}",
                href=trend_href,
                className="card-link trend-link",
                id=f"trend-{card['flag_id']}",
            ),
        ],
        className=f"flag severity-{card['severity']}",
        id=f"flag-{card['flag_id']}",
    )


def flag_filter(name: str, lang: str, chosen: tuple[str, ...], options: list[dict]) -> html.Div:
    """A labelled multi-select over one property of a flag (rule, severity or status)."""
    return control(
        t(f"filter_{name}", lang),
        dcc.Dropdown(
            labels=dropdown_labels(lang),
            id=qp_id(name),
            multi=True,
            value=list(chosen),
            placeholder=t("any", lang),
            options=options,
        ),
        name,
    )


def layout(store: Store, **raw: object) -> html.Div:
    """The discrepancies page for the query parameters ``raw``."""
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    rules = tuple(r for r in query.values("rule") if r in vocab.extra["rules"].index)
    statuses = tuple(s for s in query.values("status") if s in ("open", "explained"))
    severities = tuple(s for s in query.values("severity") if s in vocab.extra["severities"].index)
    page = page_number(query.get("page", "1"))
    data = flags_of(store, query.filters, lang, rules, statuses, severities, page)
    order = severity_order(vocab)
    rule_options = [
        {"label": label(vocab.extra["rules"], r, lang), "value": r}
        for r in vocab.extra["rules"].index
    ]
    severity_options = [
        {"label": label(vocab.extra["severities"], v, lang), "value": v} for v in order
    ]
    status_options = [{"label": t(f"status_{v}", lang), "value": v} for v in ("open", "explained")]
    extra = [
        flag_filter("rule", lang, rules, rule_options),
        flag_filter("severity", lang, severities, severity_options),
        flag_filter("status", lang, statuses, status_options),
    ]
    summary = html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        label(vocab.extra["severities"], s, lang), className=f"badge severity-{s}"
                    ),
                    " ",
                    fmt_count(data["by_severity"].get(s, 0), lang),
                ]
            )
            for s in order
        ],
        className="severity-summary",
        **{"aria-label": t("filter_severity", lang)},
    )
    params = {k: v for k, v in query.params.items() if k != "page"}
    body = [summary]
    if data["cards"]:
        body += [html.Div([flag_view(c, lang) for c in data["cards"]], className="flags")]
        if data["pages"] > 1:
            body.append(
                pager(
                    "/discrepancies",
                    params,
                    data["page"],
                    data["pages"],
                    lang,
                    t(
                        "flag_page_of",
                        lang,
                        page=data["page"],
                        pages=data["pages"],
                        n=fmt_count(data["total"], lang),
                    ),
                )
            )
    else:
        body.append(html.P(t("no_flags_yet", lang), className="notice"))
    return page_shell(
        "discrepancies",
        query,
        t(HEADING, lang),
        t("disc_intro", lang),
        body,
        filters=filter_bar(vocab, query, "/discrepancies", extra=extra, flag_selectors=True),
        downloads=[
            *table_downloads(
                t("download_flags", lang),
                download_url(
                    "/download/flags.csv",
                    query.filters,
                    lang,
                    rule=",".join(rules),
                    severity=",".join(severities),
                    status=",".join(statuses),
                ),
                lang,
            )
        ],
    )


def register(app: Dash, store: Store) -> None:
    """Add the page to the app (it has no callback of its own)."""
    dash.register_page(
        __name__,
        path="/discrepancies",
        name="Discrepancies",
        title=title_of("/discrepancies"),
        heading=heading_of(HEADING),
        order=2,
        layout=routed("discrepancies", layout),
    )
