"""`tracker formats`, and `tracker import|validate FILE [--format NAME] …` for every layout.

Only the standard library is imported at module level; each command imports what it needs
when it runs (the CLI starts fast).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tracker.cli import moves

SHOWN_MOVES = 20  # lines of flags raised/cleared and headlines moved an import prints
SHOWN_GROUPS = 200  # a report names at most this many distinct problems


def cmd_formats(args: argparse.Namespace) -> int:
    from tracker.ingest.formats.describe import describe, summary_lines
    from tracker.ingest.formats.registry import builtin_formats, find_format

    if args.show:
        print(describe(find_format(args.show)))
        return 0
    for line in summary_lines(builtin_formats().values()):
        print(line)
    return 0


def _map(args: argparse.Namespace, places: tuple[Any, Any]) -> Any:
    """The file read through its format (given or detected), as canonical text figures
    (the service the workspace's upload uses too); ``places``: (gazetteer, areas)."""
    from tracker.service.formats_import import assignments, map_path

    sets = assignments(args.assignments)
    gazetteer, areas = places
    return map_path(
        args.file, args.format, sets, gazetteer, args.as_of, args.only_country, args.places, areas
    )


def _plan(store: Any, mapped: Any) -> Any:
    """The import plan, against the database, or against data/ when it is not initialised."""
    from tracker.ingest.reference import read_reference

    try:
        store.require_schema()
    except Exception:  # an uninitialised database: check against data/ alone
        return store.plan(mapped.file, vocab=read_reference(), stored=False)
    return store.plan(mapped.file)


def _gazetteer(store: Any) -> tuple[Any, Any]:
    """The gazetteer and the areas, from the database, or from data/ when it is not ready."""
    from tracker.ingest.reference import read_reference

    try:
        store.require_schema()
        vocab = store.vocab
    except Exception:
        vocab = read_reference()
    return vocab.gazetteer, vocab.areas


def _report(args: argparse.Namespace, mapped: Any, plan: Any, problems: list[Any]) -> None:
    from tracker.cli.common import err
    from tracker.service.formats_import import grouped, registry_hints

    for notice in [*plan.notices, *registry_hints(problems)]:
        err(f"{args.file}: note: {notice}")
    for line in grouped(problems, SHOWN_GROUPS):  # one line per distinct problem
        err(f"{args.file}: {line}")
    if plan.revisable:
        err(
            f"{args.file}: {plan.revisable} stored figure(s) given with other values: "
            "`tracker import FILE --revise-changed --why TEXT` stores them as their next "
            "revision (the stored ones stay)"
        )
    if mapped.unplaced:
        target = _write_fill_in(args.file, mapped.unplaced)
        err(
            f"{args.file}: the unmapped places are listed in {target}: fill in its pcode "
            "column and give it with --places"
        )


def _extent(mapped: Any, plan: Any, problems: list[Any]) -> tuple[int, int]:
    """How many problems and lines, counting those past the listed ones (a junk file)."""
    lines = {p.line for p in problems}
    if mapped.origins is None:  # canonical rows: line = 2 + row label
        lines |= {2 + int(i) for i in plan.rejected_rows}
    return len(problems) + plan.unlisted, len(lines)


def _problems(mapped: Any, found: list[Any]) -> list[Any]:
    from tracker.service.formats_import import found_problems

    return found_problems(mapped, found)


def run_validate(args: argparse.Namespace) -> int:
    from tracker.cli.common import err, open_store

    store = open_store(args, require=False)
    mapped = _map(args, _gazetteer(store))
    plan = _plan(store, mapped)
    problems = _problems(mapped, plan.invalid)
    _report(args, mapped, plan, problems)
    for conflict in plan.conflicts:
        err(f"{args.file}: note: import would refuse {mapped.origin(conflict)}")
    if problems:
        count, lines = _extent(mapped, plan, problems)
        err(
            f"{args.file}: {count} problem(s) on {lines} line(s); nothing stored "
            "(validate never stores)"
        )
        return 1
    print(f"{args.file}: {len(mapped.file.table)} figure(s), all valid")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from tracker.cli.common import err, open_store

    store = open_store(args)
    revise: bool = args.revise_changed
    if revise and not (args.why and args.why.strip()):
        err("--revise-changed needs --why TEXT: say why the figures change")
        return 2
    mapped = _map(args, (store.vocab.gazetteer, store.vocab.areas))
    for warning in store.double_counting(mapped.spec.name, mapped.spec.overlaps, mapped.file):
        err(f"{args.file}: warning: {warning}")
    if args.dry_run or (mapped.problems and not args.partial):
        plan = store.plan(mapped.file, revise_changed=revise)
        problems = _problems(mapped, plan.problems)
        _report(args, mapped, plan, problems)
        if args.dry_run:
            print(
                f"{args.file}: would store {len(plan.new) + len(plan.revised)} figure(s), "
                f"{plan.unchanged} already "
                f"stored, {len({p.line for p in problems})} line(s) rejected (--dry-run: "
                "nothing stored)"
            )
            return 0 if not problems else 1
        err(
            "nothing stored: fix these and import again, or use --partial to store the "
            "valid rows and get the rejected ones in a rejects file"
        )
        return 1
    propose: bool = args.propose
    written: list[Path] = []

    def keep_rejects(plan: Any) -> None:  # inside the transaction: rejects and rows, or neither
        found = _problems(mapped, plan.problems)
        if found:
            written.append(_write_rejects(args.file, mapped, plan, found))

    moved: list[Any] = []
    try:
        with moves.watching_figures(store, mapped.file.table, propose) as moved:
            result = store.import_file(
                mapped.file,
                partial=args.partial,
                why=args.why,
                propose=propose,
                before_commit=keep_rejects if args.partial else None,
                revise_changed=revise,
            )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    plan = result.plan
    problems = _problems(mapped, plan.problems)
    _report(args, mapped, plan, problems)
    if problems:
        count, lines = _extent(mapped, plan, problems)
        err(f"{args.file}: {count} problem(s) on {lines} line(s)")
        if not args.partial:
            err(
                "nothing stored: fix these and import again, or use --partial to store the "
                "valid rows and get the rejected ones in a rejects file"
            )
            return 1
        target = written[0] if written else _write_rejects(args.file, mapped, plan, problems)
        err(
            f"{len(plan.rejected_rows) + len(mapped.problems)} row(s) rejected, written with "
            f"their reasons to {target}"
        )
    if result.stored:
        moves.print_moved(store, moved, SHOWN_MOVES)
    stored = "proposed for review" if propose else "stored"
    revised = f" ({len(plan.revised)} as a new revision)" if len(plan.revised) else ""
    print(
        f"{args.file}: {result.stored} figure(s) {stored}{revised}, {plan.unchanged} already "
        "stored" + (f", {len({p.line for p in problems})} line(s) rejected" if problems else "")
    )
    return 0 if not problems else 1


def _beside(path: Path, suffix: str) -> Path:
    """Where a report file goes: the working folder (never beside someone else's data)."""
    return Path.cwd() / f"{path.stem}.{suffix}.csv"


def _write_rejects(path: Path, mapped: Any, plan: Any, problems: list[Any]) -> Path:
    """The rejected rows with their reasons: canonical rows as given for the canonical
    format, else one row per problem on the source file's lines."""
    from tracker.service.formats_import import problem_rows
    from tracker.service.importer import write_rejects

    if mapped.origins is None:
        return write_rejects(mapped.file, plan)
    target = _beside(path, "rejects")
    problem_rows(problems).to_csv(target, index=False, encoding="utf-8")
    return target


def _write_fill_in(path: Path, unplaced: list[Any]) -> Path:
    """Each unmapped place once, with its count and nearest candidates: fill in pcode and the
    file is an alias file for --places."""
    import pandas as pd

    rows = [
        {
            "alias": u.value,
            "pcode": "",
            "rows": u.rows,
            "candidates": ";".join(u.candidates),
            "column": u.column,
        }
        for u in sorted(unplaced, key=lambda u: -u.rows)
    ]
    target = _beside(path, "places")
    pd.DataFrame(rows).to_csv(target, index=False, encoding="utf-8")
    return target
