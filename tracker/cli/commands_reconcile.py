"""Commands on the reconciliation: the reconciled series and the consistency flags."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from tracker.cli.common import count_text, filters_from, open_store, print_table, whole_counts
from tracker.publish import DownloadOptions, download_pieces
from tracker.publish.options import FLAG_SELECTORS, parse_flag_selectors
from tracker.publish.stream import select_rows
from tracker.service.store import Store

#: The band's counts: whole numbers, shown as the downloads write them.
COUNTS = ("low", "high", "headline")
FlagRows = tuple[tuple[str, tuple[str, ...]], ...]


def _write_download(args: argparse.Namespace, name: str, flag_rows: FlagRows = ()) -> None:
    store = open_store(args)
    options = DownloadOptions(filters=filters_from(args, store), flag_rows=flag_rows)
    for piece in download_pieces(store, name, options):
        sys.stdout.buffer.write(piece)
    sys.stdout.flush()


def chosen_flags(args: argparse.Namespace, store: Store) -> FlagRows:
    """--rule, --severity and --status, checked as /download/flags.csv checks them."""
    raw = {name: getattr(args, name, None) for name in FLAG_SELECTORS}
    return parse_flag_selectors({k: [v] for k, v in raw.items() if v}, store.vocab)


def cmd_flags(args: argparse.Namespace) -> int:
    store = open_store(args)
    chosen = chosen_flags(args, store)
    if args.format == "csv":  # the bytes of /download/flags.csv with the same parameters
        _write_download(args, "flags.csv", chosen)
        return 0
    flags = select_rows(store.flags(filters_from(args, store)), chosen)
    flags = flags.drop(columns=["component", "computed_at"])
    if args.format == "json":
        print(flags.to_json(orient="records", force_ascii=False, indent=1))
    elif flags.empty:
        print("no flags")
    else:
        for row in flags.itertuples(index=False):
            ratio = "" if pd.isna(row.ratio) else f", ratio {row.ratio:g}"
            print(f"{row.flag_id}  [{row.rule}, {row.severity}, {row.status}{ratio}]")
            print(f"  figures: {row.figure_ids.replace(';', ', ')}")
            print(f"  {row.sentence_en}")
            print(f"  {row.sentence_ar}")
            if row.note:
                print(f"  note: {row.note}")
        print(f"{len(flags)} flag(s)")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    store = open_store(args)
    status = "open" if args.reopen else "explained"
    store.explain_flag(args.flag_id, args.note, status=status)
    print(f"flag {args.flag_id}: {status} ({args.note})")
    return 0


def cmd_recompute(args: argparse.Namespace) -> int:
    store = open_store(args)
    components, n = store.recompute_flags()
    print(f"recomputed {components} component(s): {n} flag(s)")
    return 0


def cmd_series(args: argparse.Namespace) -> int:
    if args.format == "csv":
        _write_download(args, "series.csv")
        return 0
    store = open_store(args)
    bands = store.bands(filters_from(args, store))
    if args.format == "json":
        whole = whole_counts(bands, list(COUNTS))
        print(whole.to_json(orient="records", date_format="iso", force_ascii=False, indent=1))
        return 0
    if bands.empty:
        print("no reconciled series match")
        return 0
    shown = bands[
        [
            "metric",
            "population",
            "location",
            "measure",
            "window_start",
            "date",
            "low",
            "high",
            "headline",
            "headline_qualifier",
            "headline_sources",
            "n_claims",
            "n_sources",
        ]
    ]
    shown = shown.assign(
        **{c: count_text(shown[c], unbounded=c == "high") for c in COUNTS},
        window_start=shown["window_start"].astype("string").fillna("…"),
    )
    print_table(shown)
    return 0
