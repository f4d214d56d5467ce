"""The generic ``hxl`` format: a mapping built from a file's own HXL tags.

A column's tag is matched by its full attribute set: a rule fits when its hashtag is the
column's and its attributes are all among the column's (``#affected+killed`` fits
``#affected+killed+civilians+ind``), and of the fitting rules the most specific (most
attributes) wins. The count rules are the metrics' and populations' tags in
``data/vocabularies`` (written once, as the exports use them) plus the mapping's ``[hxl]``
table, which also says which tags hold places, dates and other columns. What the tags do not
settle is reported, never guessed: a column two rules fit equally, two count columns that read
as the same metric and population (neither is read), two columns for one date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

import pandas as pd

from tracker.ingest.formats.spec import ColumnRule, FormatError, FormatSpec, MeltColumn, PlaceRule
from tracker.ingest.hxl import tag_parts
from tracker.ingest.reference import DATA_DIR

PLACE_KINDS = ("pcode", "iso3", "name")


@dataclass(frozen=True)
class TagRule:
    """One tag pattern and what a column it fits holds (``metric``, ``population``,
    ``place`` with ``level``, or ``columns`` with a ``date`` kind)."""

    tag: str
    target: tuple[tuple[str, str], ...]

    @property
    def parts(self) -> tuple[str, frozenset[str]]:
        return tag_parts(self.tag)

    def get(self, key: str) -> str | None:
        return dict(self.target).get(key)

    def fits(self, tag: str) -> bool:
        hashtag, attributes = tag_parts(tag)
        own, needed = self.parts
        return own == hashtag and needed <= attributes


@cache
def vocabulary_rules() -> tuple[TagRule, ...]:
    """The metrics' and populations' tags (``data/vocabularies``), as count rules."""
    rules = []
    vocab = DATA_DIR / "vocabularies"
    metrics = pd.read_csv(vocab / "metrics.csv", dtype=str, keep_default_na=False)
    for metric, tag in zip(metrics["id"], metrics["hxl"], strict=True):
        if tag.startswith("#"):
            rules.append(TagRule(tag, (("metric", metric),)))
    populations = pd.read_csv(vocab / "populations.csv", dtype=str, keep_default_na=False)
    for population, attrs in zip(populations["id"], populations["hxl"], strict=True):
        if attrs.startswith("+"):
            rules.append(TagRule(f"#population{attrs}", (("population", population),)))
    return tuple(rules)


def rules_of(spec: FormatSpec) -> list[TagRule]:
    """The mapping's own ``[hxl]`` rules, in the file's order, then the vocabularies'."""
    own = [
        TagRule(tag, tuple((str(k), str(v)) for k, v in target.items()))
        for tag, target in spec.hxl.items()
    ]
    return own + list(vocabulary_rules())


def best(tag: str, rules: Iterable[TagRule]) -> list[TagRule]:
    """The fitting rules with the most attributes (one, or several: ambiguous)."""
    fitting = [r for r in rules if r.fits(tag)]
    if not fitting:
        return []
    most = max(len(r.parts[1]) for r in fitting)
    top = [r for r in fitting if len(r.parts[1]) == most]
    return list({r.target: r for r in top}.values())


def population_of(tag: str) -> str:
    """The most specific population whose attributes the tag carries; ``all`` otherwise."""
    _, attributes = tag_parts(tag)
    found = best("#population+" + "+".join(sorted(attributes)), vocabulary_rules())
    found = [r for r in found if r.get("population")]
    return (found[0].get("population") or "all") if len(found) == 1 else "all"


@dataclass
class Resolved:
    """What each tagged column holds, and what the tags left unsettled."""

    counts: dict[str, tuple[str, str]]  # column → (metric, population)
    places: list[tuple[int, str, TagRule]]  # (rule order, column, rule)
    columns: dict[str, tuple[int, str, TagRule]]  # canonical column → (specificity, column, rule)
    notices: list[str]


def resolve(tags: dict[str, str], rules: list[TagRule]) -> Resolved:
    """Each tagged column's role by its most specific rule; ambiguities said in notices."""
    order = {r.tag: i for i, r in enumerate(rules)}
    out = Resolved({}, [], {}, [])
    for column, tag in tags.items():
        top = best(tag, [r for r in rules if not r.get("population")])
        if len(top) > 1:
            what = " and ".join(f"{r.tag} ({_target(r)})" for r in top)
            out.notices.append(f"column {column!r} ({tag}) fits {what} equally: not read")
        elif top:
            _assign(out, column, tag, top[0], order[top[0].tag])
    _same_counts(out)
    return out


def _assign(out: Resolved, column: str, tag: str, rule: TagRule, rank: int) -> None:
    if rule.get("metric"):
        out.counts[column] = (str(rule.get("metric")), population_of(tag))
    elif rule.get("place"):
        out.places.append((rank, column, rule))
    for name in (rule.get("columns") or "").split():
        specificity = len(rule.parts[1])
        held = out.columns.get(name)
        if held is None or held[0] < specificity:
            out.columns[name] = (specificity, column, rule)
        elif held[0] == specificity:
            raise FormatError(
                f"format hxl: columns {held[1]!r} and {column!r} both give {name} "
                f"({held[2].tag}, {rule.tag}): the tags do not say which; give --format "
                "a mapping file of your own"
            )


def _same_counts(out: Resolved) -> None:
    """Two count columns read as one metric and population would be one figure twice:
    neither is read, and that is said."""
    by_key: dict[tuple[str, str], list[str]] = {}
    for column, key in out.counts.items():
        by_key.setdefault(key, []).append(column)
    for (metric, population), columns in by_key.items():
        if len(columns) > 1:
            names = ", ".join(repr(c) for c in columns)
            out.notices.append(
                f"columns {names} all read as {metric} ({population}): their tags do not "
                "tell them apart, so none is read (a mapping file of your own can)"
            )
            for column in columns:
                del out.counts[column]


def _target(rule: TagRule) -> str:
    return ", ".join(f"{k} {v}" for k, v in rule.target)


def hxl_spec(
    spec: FormatSpec, tags: dict[str, str], header: list[str]
) -> tuple[FormatSpec, list[str]]:
    """The generic mapping made concrete for one file's tags, and notices saying how each
    tagged column is read."""
    if not tags:
        raise FormatError(
            f"format {spec.name} reads an HXL-tagged table: this file has no tag row (#…)"
        )
    found = resolve(tags, rules_of(spec))
    if not found.counts:
        raise FormatError(
            f"format {spec.name}: no column's tag names a Tracker metric (the metrics' tags "
            "are in data/vocabularies/metrics.csv, e.g. #affected+killed)"
            + ("; " + "; ".join(found.notices) if found.notices else "")
            + "; a Tracker file missing a canonical column: --format canonical names it"
        )
    values = tuple(
        MeltColumn(c, {"metric": m, "population": p, "key": _key(m, p), "tag": tags[c]})
        for c, (m, p) in found.counts.items()
    )
    reshape = replace(
        spec.reshape,
        kind="melt",
        keep=tuple(c for c in header if c not in found.counts),
        values=values,
    )
    columns, needs = _columns(found, spec)
    place = _place(found)
    if place is None and "location" not in needs:
        needs.append("location")
    read = [f"{c!r} → {m} ({p})" for c, (m, p) in found.counts.items()]
    notices = [f"hxl: counts read from {', '.join(read)}", *found.notices]
    if place is not None:
        notices.append("hxl: places from " + "; then ".join(place.describe()))
    used = {*found.counts, *(c for _, c, _ in found.columns.values())}
    used |= {place.code} if place is not None and place.code else set()
    used |= {place.name} if place is not None and place.name else set()
    unused = [
        f"{c} ({tags[c]})" if c in tags else f"{c} (untagged)" for c in header if c not in used
    ]
    if unused:
        notices.append(f"hxl: columns not read: {', '.join(unused)}")
    made = replace(spec, reshape=reshape, place=place, columns=columns, needs=tuple(needs))
    return made, notices


def _key(metric: str, population: str) -> str:
    return metric if population == "all" else f"{metric}.{population}"


def _place(found: Resolved) -> PlaceRule | None:
    """The place column of the first place rule (the mapping lists the most precise first)."""
    if not found.places:
        return None
    _, column, rule = min(found.places)
    kind = rule.get("place") or "pcode"
    if kind not in PLACE_KINDS:
        raise FormatError(f"format hxl: place must be one of {', '.join(PLACE_KINDS)}")
    if kind == "name":
        level = int(rule.get("level") or 1)
        return PlaceRule(name=column, level=level, parent=rule.get("parent"))
    return PlaceRule(code=column, code_kind=kind)


def _columns(found: Resolved, spec: FormatSpec) -> tuple[dict[str, ColumnRule], list[str]]:
    """The canonical columns the tags give, the defaults, and what the user must give."""
    columns = dict(spec.columns)
    for name, (_, column, rule) in found.columns.items():
        columns[name] = ColumnRule(source=column, date=rule.get("date"))
    if "period_end" not in columns:
        raise FormatError(
            "format hxl: no column is tagged with a date (#date, #date+end, #date+year): "
            "a figure needs its period"
        )
    if "reported_on" not in columns:  # no #date+reported: the period's end, unless --as-of
        columns["reported_on"] = columns["period_end"]
    columns["metric"] = ColumnRule(source="@metric")
    columns["population"] = ColumnRule(source="@population")
    columns["location"] = ColumnRule(source="@pcode")
    columns["value"] = ColumnRule(source="@cell", number=True)
    columns["notes"] = ColumnRule(template="HXL: column {@column} ({@tag})")
    start = ":{=period_start}" if "period_start" in found.columns else ""
    columns["figure_id"] = ColumnRule(
        template="hxl:{=source}:{=location}:{@key}" + start + ":{=period_end}"
    )
    needs = [] if "source" in columns else ["source"]
    return columns, needs
