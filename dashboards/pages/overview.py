"""Overview `/`: a card per metric for the area and period, each leading to its trend."""

from __future__ import annotations

from dataclasses import replace

import dash
from dash import Dash, Input, Output, State, dcc, html

from dashboards.components.help import help_link
from dashboards.components.index_page import heading_of, title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import Query, href, parse_query
from dashboards.components.shell import download_link, filter_bar, page_shell
from dashboards.i18n import t
from dashboards.pages.map import map_graph, trend_href
from tracker.domain.bidi import FSI, PDI
from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.service.pagecache import cached_view
from tracker.service.pages.overview import load_overview
from tracker.service.store import Store
from tracker.views.data import download_url
from tracker.views.format import (
    claim_words,
    fmt_count,
    fmt_date,
    fmt_window,
    isolate_ranges,
    label,
    place_name,
    source_name,
)
from tracker.views.headline import (
    CIVILIAN_CARD_METRICS,
    CIVILIANS,
    brief_first,
    headline_words,
    with_civilian_cards,
)
from tracker.views.overview import Card, area_label, overview_cards
from tracker.views.series import choose_series_per_metric
from tracker.views.tables import severity_order

#: The words key of the page's heading (its ``<h1>`` and the browser tab's title).
HEADING = "overview_title"


@cached_view("overview")
def cards_of(store: Store, filters: Filters) -> list[Card]:
    """Cards for every metric with figures in scope, in the vocabulary's order."""
    data = load_overview(store, filters, choose_series_per_metric)
    cards = overview_cards(data, filters, store.vocab)
    wanted = [c.metric for c in cards if c.metric in CIVILIAN_CARD_METRICS]
    if filters.population or not wanted:
        return cards
    civ = replace(filters, population=(CIVILIANS,), metric=tuple(wanted))
    civ_data = load_overview(store, civ, choose_series_per_metric)
    return with_civilian_cards(cards, overview_cards(civ_data, civ, store.vocab))


def _source_figures(card: Card, vocab: Vocabularies, lang: str) -> list:
    """Each source's newest figure in the card's series, in its own words, highest first
    ("UN · more than 320,000 · 9 Jul"); a source counting from another day says since when."""
    if not card.source_figures:
        return []
    items = []
    for f in card.source_figures:
        words = claim_words(
            vocab, f["qualifier"], f["value"], f["value_high"], lang, f["unit"], card.metric
        )
        when = fmt_date(f["period_end"], lang, year=False)
        if not f["same_window"] and f["window_start"] not in ("open", "stock"):
            since = t("since", lang, date=fmt_date(f["window_start"], lang, year=False))
            when = f"{since}{'، ' if lang == 'ar' else ', '}{when}"
        items.append(
            html.Li(
                [
                    html.Span(source_name(vocab, f["source"], lang), className="who"),
                    " · ",
                    html.Span(words, className="words"),
                    " · ",
                    html.Span(when, className="when"),
                ],
                className="source-figure",
            )
        )
    return [
        html.Div(
            [html.Span(t("range_sources", lang), className="label"), html.Ul(items)],
            className="source-figures",
        )
    ]


def _disagreements(card: Card, query: Query) -> list:
    """Where sources counting nearly the same window disagree, one click away (a fold): each
    divergence flag's sentence, as text, and a link to the flag on the Discrepancies page."""
    lang = query.lang
    if not card.divergences:
        return []
    params = {
        "metric": card.metric,
        "population": card.population,
        "location": card.location,
        "rule": "divergence",
        "lang": lang,
    }
    items = [
        html.Li(
            [
                html.Span(isolate_ranges(str(d[f"sentence_{lang}"]), lang), className="sentence"),
                " ",
                dcc.Link(t("see_flag", lang), href=href("/discrepancies", params)),
            ],
            className=f"severity-{d['severity']}",
        )
        for d in card.divergences
    ]
    summary = f"{t('disagree', lang)} ({fmt_count(len(items), lang)})"
    return [
        html.Details(
            [html.Summary(summary), html.Ul(items)],
            className="disagreements",
            id=f"disagree-{card.metric}-{card.population}",
        )
    ]


def independent_words(card: Card, vocab: Vocabularies, lang: str) -> list:
    """What the independent-sources count counts, in words that match the sources listed
    above it: "1 independent source (of 2 reporting; UNHCR, Unattributed gave one figure, an
    echo; OCHA counts from another day)", the words in parentheses folded under the count.
    Sources are named in the order the card lists them, each a unit of its own in Arabic text
    (an isolate), as text."""
    listed = {s: i for i, s in enumerate(dict.fromkeys(f["source"] for f in card.source_figures))}

    def names(sources: list[str]) -> str:
        ordered = sorted(sources, key=lambda s: (listed.get(s, len(listed)), s))
        words = [source_name(vocab, s, lang) for s in ordered]
        if lang == "ar":
            words = [f"{FSI}{w}{PDI}" for w in words]
        return t("list_separator", lang).join(words)

    notes = []
    if card.n_independent < card.n_sources:
        notes.append(t("independent_reporting", lang, n=fmt_count(card.n_sources, lang)))
        notes += [t("independent_echo", lang, names=names(g)) for g in card.echoed]
    elsewhere = [s for s in listed if s not in _same_window_sources(card)]
    if elsewhere:
        notes.append(t("other_window", lang, names=names(elsewhere)))
    count = t("independent_count", lang, n=fmt_count(card.n_independent, lang))
    counted = html.Span(count, className="count")
    if not notes:
        return [counted]
    joined = t("note_separator", lang).join(notes)
    # The count stays on the card's line; why it differs from the sources listed is one
    # click away (as the disagreements are), so the card still fits the brief's one screen.
    why = html.Span(f"({joined})", className="small muted")
    return [html.Details([html.Summary(counted), why], className="independent-why")]


def _same_window_sources(card: Card) -> set[str]:
    """The listed sources whose newest figure counts from the card's own window start."""
    return {f["source"] for f in card.source_figures if f["same_window"]}


def _said_by(card: Card, vocab: Vocabularies, lang: str) -> list:
    """The sources whose claim the headline quotes, by short name (text, never HTML)."""
    if not card.headline_sources:
        return []
    sep = "، " if lang == "ar" else ", "
    names = sep.join(source_name(vocab, s, lang) for s in card.headline_sources)
    return [html.Span(t("said_by", lang, names=names), className="said-by")]


def _headline(card: Card, vocab: Vocabularies, lang: str) -> list:
    if card.headline_from_band and card.headline is not None:
        words = headline_words(  # a source's own words, as the map and the queue say them
            vocab, card.headline_qualifier, card.headline, card.headline_value_high, lang
        )
        return [
            html.Span(
                words,
                className="big-number"
                + (" words" if words != fmt_count(card.headline, lang) else ""),
            ),
            *_said_by(card, vocab, lang),
            html.Span(
                [
                    html.Strong(t("headline", lang)),
                    " · ",
                    # the band's ends are derived bounds, not what a source said: the trend
                    # page draws them; the card names only the date it holds for
                    t("headline_on", lang, date=fmt_date(card.headline_date, lang)),
                    *(
                        [" · ", html.Strong(t("contested", lang), className="contested")]
                        if card.contested
                        else []
                    ),
                ],
                className="headline-note",
            ),
        ]
    latest = card.latest
    if not latest:
        return [html.Span("—", className="big-number")]
    words = claim_words(
        vocab,
        latest["qualifier"],
        latest["value"],
        latest["value_high"],
        lang,
        latest["unit"],
        card.metric,
    )
    window = fmt_window(latest["period_start"], latest["period_end"], latest["measure"], lang)
    return [
        html.Span(words, className="big-number words"),
        html.Span(
            [
                html.Strong(t("latest_claim", lang)),
                " · ",
                f"{source_name(vocab, latest['source'], lang)}, {window} · ",
                t("no_band_yet", lang),
            ],
            className="headline-note",
        ),
    ]


def card_view(
    card: Card, vocab: Vocabularies, query: Query, severities: list[str] | None = None
) -> html.Article:
    """One metric's card (``severities``: most severe first, the vocabulary's by default)."""
    lang = query.lang
    trend_href = href("/trends", {**card.trend_params, "lang": lang})
    flags_params = {k: v for k, v in card.trend_params.items() if k != "population"}
    flags_params.update(
        {
            "location": ",".join(query.filters.location) if query.filters.location else "",
            "status": "open",
            "lang": lang,
        }
    )
    if card.open_flags:
        order = severity_order(vocab) if severities is None else severities
        worst = [s for s in order if card.open_by_severity.get(s)]
        names = {s: label(vocab.extra["severities"], s, lang) for s in worst}
        parts = [
            f"{fmt_count(card.open_by_severity[s], lang)} "
            f"{names[s].lower() if lang == 'en' else names[s]}"
            for s in worst
        ]
        flags_value = dcc.Link(
            [
                html.Span(parts[0], className="flag-count"),
                *([", " if lang == "en" else "، ", ", ".join(parts[1:])] if len(parts) > 1 else []),
            ],
            href=href("/discrepancies", flags_params),
            className=f"flags-link severity-{worst[0]}" if worst else "flags-link",
        )
    else:
        flags_value = html.Span(t("none", lang), className="muted")
    if card.window_start == "stock":
        window_note = t("stock_note", lang)
    elif card.window_start and card.window_start != "open":
        window_note = t("since", lang, date=fmt_date(card.window_start, lang))
    else:
        window_note = ""
    series = " · ".join(
        x
        for x in (
            label(vocab.populations, card.population, lang),
            place_name(vocab, card.location, lang),
            window_note,
        )
        if x
    )
    title = label(vocab.metrics, card.metric, lang)
    return html.Article(
        [
            html.H2(dcc.Link(title, href=trend_href)),
            html.P(series, className="series"),
            html.Div(_headline(card, vocab, lang), className="headline"),
            *_source_figures(card, vocab, lang),
            *_disagreements(card, query),
            html.Dl(
                [
                    html.Div(
                        [
                            html.Dt(t("independent_sources", lang)),
                            html.Dd(
                                independent_words(card, vocab, lang),
                                title=t("independent_note", lang, n=card.n_sources),
                                className="independent",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.Dt(t("newest_report", lang)),
                            html.Dd(fmt_date(card.newest_report, lang)),
                        ]
                    ),
                    html.Div([html.Dt(t("open_flags", lang)), html.Dd(flags_value)]),
                ],
                className="facts",
            ),
            html.P(
                t(
                    "claims_in_area",
                    lang,
                    n=fmt_count(card.n_claims, lang),
                    s=fmt_count(card.n_series, lang),
                ),
                className="muted small",
            ),
            help_link("headline", lang),  # issue #12: how the headline is worked out
            dcc.Link(
                f"{t('see_trend', lang)} {t('arrow_forward', lang)}",
                href=trend_href,
                className="card-link",
            ),
        ],
        className="card",
        id=f"card-{card.metric}" + (f"-{card.population}" if card.extra else ""),
    )


MAP_GRAPH_ID = "overview-map-graph"
MAP_SERIES_ID = "overview-map-series"
MAP_GO_ID = "overview-map-go"


def episode_map(store: Store, query: Query, card: Card) -> html.Section:
    """The episode's map beside its brief: the lead card's metric and population per place in
    the episode's area and dates; a click opens the place's trend, a link the full map."""
    lang = query.lang
    filters = replace(query.filters, metric=(card.metric,), population=(card.population,))
    keep = {**filters.as_params(), "lang": lang}
    keep.pop("location", None)  # the clicked place replaces the chosen one
    title = " · ".join(
        (
            t("map_title", lang),
            label(store.vocab.metrics, card.metric, lang),
            label(store.vocab.populations, card.population, lang),
        )
    )
    return html.Section(
        [
            html.H2(title),
            html.P(
                [
                    t("map_hint", lang),
                    " ",
                    dcc.Link(
                        t("open_map", lang),
                        href=href("/map", {**filters.as_params(), "lang": lang}),
                    ),
                ],
                className="muted small",
            ),
            map_graph(store, filters, lang, MAP_GRAPH_ID),
            dcc.Store(id=MAP_SERIES_ID, data=keep),
            dcc.Location(id=MAP_GO_ID, refresh=True),
        ],
        className="episode-map",
        id="episode-map",
    )


def map_trend(click_data: dict | None, keep: dict | None) -> str:
    """The overview map's click: the clicked place's trend for the map's series."""
    return trend_href(click_data, {str(k): str(v) for k, v in (keep or {}).items()})


def episode_nav(vocab: Vocabularies, query: Query) -> html.Nav:
    """Links to each episode's overview (the one shown marked), and back to all figures."""
    lang, chosen = query.lang, set(query.filters.episode)
    links: list = [html.Strong(t("episodes", lang)), " "]
    for episode in vocab.episodes.index:
        name = label(vocab.episodes, episode, lang, column="name")
        start = vocab.episodes.at[episode, "start"]
        text = f"{name} ({t('since', lang, date=fmt_date(start, lang))})"
        if episode in chosen:
            links += [html.Span(text, className="episode current", **{"aria-current": "page"})]
        else:
            links += [dcc.Link(text, href=href("/", {"episode": episode, "lang": lang}),
                               className="episode")]  # fmt: skip
        links.append(" · ")
    links.append(dcc.Link(t("all_figures", lang), href=href("/", {"lang": lang})))
    return html.Nav(links, className="episodes", id="episode-nav")


def layout(store: Store, **raw: object) -> html.Div:
    """The overview page for the query parameters ``raw``."""
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    cards = cards_of(store, query.filters)
    severities = severity_order(vocab)
    bar = filter_bar(vocab, query, "/")
    if query.filters.episode and cards:  # the one-minute brief: its cards first, on one screen
        lead, rest = brief_first(cards)
        body = [
            episode_nav(vocab, query),
            html.Div(
                [card_view(c, vocab, query, severities) for c in lead],
                className="cards brief",
                id="brief",
            ),  # fmt: skip
            episode_map(store, query, (lead or rest)[0]),
            html.Div([card_view(c, vocab, query, severities) for c in rest], className="cards"),
            bar,
        ]
        bar, intro = None, None
    else:
        body = [
            episode_nav(vocab, query),
            html.Div([card_view(c, vocab, query, severities) for c in cards], className="cards")
            if cards
            else html.P(t("no_figures", lang), className="notice"),
        ]
        intro = t("overview_intro", lang, area=area_label(vocab, query.filters, lang))
    return page_shell(
        "overview",
        query,
        t(HEADING, lang),
        intro,
        body,
        filters=bar,
        downloads=[
            download_link(
                t("download_view", lang), download_url("/download/figures.csv", query.filters, lang)
            )
        ],
    )


def register(app: Dash, store: Store) -> None:
    """Add the page and its map's click-to-trend callback."""
    dash.register_page(
        __name__,
        path="/",
        name="Overview",
        title=title_of("/"),
        heading=heading_of(HEADING),
        order=0,
        layout=routed("overview", layout),
    )
    app.callback(
        Output(MAP_GO_ID, "href"),
        Input(MAP_GRAPH_ID, "clickData"),
        State(MAP_SERIES_ID, "data"),
        prevent_initial_call=True,
    )(map_trend)
