"""Where a named area sits among places (DESIGN §6): the one definition of "place inside place"
extended to areas.

Places nest by the gazetteer's parents; each place's chain of ancestors, nearest first and the
country last, is what every rule walks (:attr:`ReconcileContext.ancestors`). An area (a named
set of member P-codes that is no admin unit) joins those chains by two rules:

* **an area contains its members and everything below them**: it is put into the chain of each
  member and of each place below one, right after that member (a community of Duma lies in
  Duma sub-district, then in Eastern Ghouta, then in Duma district …);
* **an area lies inside a place (or an area) when all its members do** (or equal it): Eastern
  Ghouta lies inside Rural Damascus and Syria; south-west Syria (Dar'a and Quneitra) lies
  inside Syria only.

An area is never *equal* to a place: a figure for south-west Syria and one for Dar'a
governorate are a container and a part, never two counts of one place.
"""

from __future__ import annotations

from collections.abc import Mapping

Chains = dict[str, tuple[str, ...]]


def with_areas(chains: Chains, members: Mapping[str, tuple[str, ...]]) -> Chains:
    """The places' chains (P-code → ancestors, nearest first) with the areas in them, and
    every area's own chain; the country stays last."""
    if not members:
        return chains
    holders: dict[str, list[str]] = {}
    for area, codes in members.items():
        for code in codes:
            holders.setdefault(code, []).append(area)
    out = dict(chains)
    for place, chain in chains.items():
        path = (place, *chain)
        if any(p in holders for p in path[:-1]):
            out[place] = _threaded(place, path, holders)
    for area, codes in members.items():
        out[area] = _area_chain(area, codes, out, members)
    return out


def _threaded(place: str, path: tuple[str, ...], holders: dict[str, list[str]]) -> tuple[str, ...]:
    """A place's chain with each area put right after the member of it on the path (never
    after the country, which stays last)."""
    chain: list[str] = []
    for i, step in enumerate(path):
        if step != place:
            chain.append(step)
        if i < len(path) - 1:
            chain.extend(a for a in holders.get(step, ()) if a not in chain)
    return tuple(chain)


def _area_chain(
    area: str, codes: tuple[str, ...], chains: Chains, members: Mapping[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """What holds every member of the area: places and other areas, nearest first (as the
    first member's chain orders them). An area with the same members is not counted as
    holding it (the two would hold each other)."""
    if not codes:
        return ()
    same = set(codes)
    return tuple(
        holder
        for holder in chains.get(codes[0], ())
        if holder != area
        and set(members.get(holder, ())) != same
        and all(holder == m or holder in chains.get(m, ()) for m in codes)
    )


def holds(chains: Chains, outer: str, inner: str) -> bool:
    """Whether ``inner`` lies inside ``outer`` (or is it)."""
    return inner == outer or outer in chains.get(inner, ())
