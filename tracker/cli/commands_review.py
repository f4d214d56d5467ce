"""`tracker review` and `tracker users`: the review queue and the accounts from the shell.

The shell acts as :meth:`tracker.service.store.Store.shell_actor` says: $TRACKER_USER (else
the login name) with that account's role, or as the operator (an admin) when no account has
the name. Every permission is checked by the service, as for the workspace.
"""

from __future__ import annotations

import argparse
import getpass
import sys

import pandas as pd

from tracker.cli.common import err, open_store, print_table
from tracker.domain.vocabularies import Vocabularies
from tracker.service import accounts, review
from tracker.service.consequences import Consequences
from tracker.service.store import Store
from tracker.views.format import claim_words, distinct_place_name, fmt_count, label


def _headline(vocab: Vocabularies, value: tuple[float, str | None] | None) -> str:
    """A headline as the overview words it ("about 126"), "none" when there is none."""
    if value is None:
        return "none"
    number, qualifier = value
    if qualifier in (None, "range", "magnitude"):
        return fmt_count(number)
    return claim_words(vocab, qualifier, number)


CHANGE_WORDS = {
    "revision": "  a revision of the published figure",
    "retraction": "  a retraction of the published figure",
}


def describe_preview(store: Store, figure_id: str) -> list[str]:
    """What the proposal is (a new figure, or a revision or retraction of a published one),
    the flags accepting it would raise or clear and the headlines it would move."""
    preview = review.preview(store, figure_id)
    kind = CHANGE_WORDS.get(preview.change)
    return ([kind] if kind else []) + describe(store, preview)


def describe(store: Store, preview: Consequences) -> list[str]:
    """Flags raised or cleared (with their sentence) and headlines moved (old → new)."""
    lines = [
        f"  raises {r.rule} ({r.severity}): {r.sentence_en}" for r in preview.raised.itertuples()
    ]
    lines += [f"  clears {r.rule}: {r.sentence_en}" for r in preview.cleared.itertuples()]
    for move in preview.moves:
        lines.append(
            f"  headline {label(store.vocab.metrics, move.metric)}, "
            f"{label(store.vocab.populations, move.population)}, "
            f"{distinct_place_name(store.vocab, move.location)} ({move.location}) "
            f"(from {move.window_start or 'no start'}): "
            f"{_headline(store.vocab, move.before)} → {_headline(store.vocab, move.after)}"
        )
    return lines or ["  raises no flag and moves no headline"]


def cmd_review_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    if getattr(args, "status", "proposed") == "returned":
        return _list_returned(store)
    queue = review.pending(store, args.limit)
    if queue.empty:
        print("no proposals await review")
        return 0
    for row in queue.to_dict("records"):
        entered = pd.Timestamp(row["entered_at"]).strftime("%Y-%m-%d %H:%M")
        print(
            f"{row['figure_id']}: {row['source']} {row['metric']} {row['population']} "
            f"{row['location']} {claim_words(store.vocab, row['qualifier'], row['value'])} "
            f"(reported {pd.Timestamp(row['reported_on']).date()}), proposed by "
            f"{row['entered_by']} on {entered}"
        )
        print("\n".join(describe_preview(store, str(row["figure_id"]))))
    return 0


def cmd_review_accept(args: argparse.Namespace) -> int:
    store = open_store(args)
    lines = describe_preview(store, args.figure_id)
    review.accept(store, store.shell_actor(), args.figure_id, args.why)
    print(f"figure {args.figure_id}: accepted and published")
    print("\n".join(lines))
    return 0


def cmd_review_reject(args: argparse.Namespace) -> int:
    store = open_store(args)
    review.reject(store, store.shell_actor(), args.figure_id, args.why)
    print(f"figure {args.figure_id}: rejected ({args.why}); it stays out of every public file")
    return 0


def _list_returned(store: Store) -> int:
    """The proposals sent back, each with the reviewer's comment."""
    back = review.returned(store)
    if back.empty:
        print("no proposals are sent back")
        return 0
    for row in back.to_dict("records"):
        print(
            f"{row['figure_id']}: {row['source']} {row['metric']} {row['population']} "
            f"{row['location']} {claim_words(store.vocab, row['qualifier'], row['value'])}, "
            f"proposed by {row['entered_by']}, sent back by {row['reviewed_by']}: {row['why']}"
        )
    return 0


def cmd_review_send_back(args: argparse.Namespace) -> int:
    store = open_store(args)
    proposal = review.send_back(store, store.shell_actor(), args.figure_id, args.why)
    print(
        f"figure {args.figure_id}: sent back to {proposal['entered_by'].iloc[0]} ({args.why}); "
        "they resubmit it (review resubmit) or withdraw it"
    )
    return 0


def cmd_review_resubmit(args: argparse.Namespace) -> int:
    from tracker.domain.revisions import parse_assignments

    store = open_store(args)
    changes = parse_assignments(args.assignments)
    review.resubmit(store, store.shell_actor(), args.figure_id, changes, args.why)
    print(f"figure {args.figure_id}: resubmitted for review ({args.why})")
    return 0


def cmd_review_withdraw(args: argparse.Namespace) -> int:
    store = open_store(args)
    review.withdraw(store, store.shell_actor(), args.figure_id, args.why)
    print(f"figure {args.figure_id}: withdrawn ({args.why}); it stays out of every public file")
    return 0


def read_password() -> str:
    """The password from standard input: asked twice at a terminal, else its first line."""
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise accounts.AccountError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_users_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    actor = accounts.add_user(store, store.shell_actor(), args.name, args.role, read_password())
    print(f"account {actor.name} added as {actor.role}")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    users = pd.DataFrame(accounts.list_users(store))
    if not users.empty:
        users["disabled"] = users["disabled"].map({True: "yes", False: ""})
    print_table(users, empty="no accounts yet: `tracker users add NAME --role admin`")
    return 0


def cmd_users_disable(args: argparse.Namespace) -> int:
    store = open_store(args)
    accounts.disable_user(store, store.shell_actor(), args.name)
    err(f"account {args.name} disabled")
    return 0
