"""One incident's record: what its reports agree on, where they differ, and who said what.

:func:`incident_to_dict` turns an :class:`~eventledger.link.Incident` (its member reports)
into the record that ``eventledger incidents`` prints and the ledger versions. Rules:

- **Independence.** Reports are grouped into independent sources (:func:`source_groups`):
  copies of one text (near-duplicate fingerprints), reports from one outlet, and reports
  that go back to the same origin (the source a claim cites, "according to Reuters", or an
  outlet citing another member's outlet, Meduza summarising 7x7) are one source.
  ``independent_sources`` counts the groups; each report keeps its attribution chain
  (outlet -> via -> source).
- **Consensus.** Each field takes the value backed by most independent sources among the
  most precise reports (a day beats a month, a place beats an admin1); ties go to the
  earliest date or the first name. ``supplied_by`` says which reports gave it.
- **Casualties** (:func:`estimate`), as UCDP codes them by hand: ``low`` is the smallest
  figure any report gives, ``high`` the largest (the stated number of an open "at least N"),
  and ``best`` the lower median of the independent sources' figures, each source counting
  once with its largest figure (the midpoint of a closed range "10 to 20", the number
  otherwise). The lower median keeps one outlying claim from moving the best estimate and,
  with two sources, stays conservative.
- **Disagreements** keep differing values side by side with their sources: sub-event type,
  date (periods that do not overlap), place (places more than 2 km apart, other admin1),
  fatalities (ranges that cannot both hold: 3 killed vs at least 7), perpetrator (reports
  naming disjoint actor1 sets).
- **Flags**: a claim that denies the event or says it is not confirmed.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventledger.fingerprint import near_duplicates
from eventledger.link import Incident, Report, distance_km, period
from eventledger.records import Range
from eventledger.serialize import span_to_dict

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_GEO_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3, "unknown": 4}

# Words that do not make a claim's source a named origin, even capitalised.
_GENERIC = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today yesterday early late "
    "activists witnesses residents survivors officials sources source monitor monitors group "
    "police local media state reports report people the a an".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Estimate:
    """Casualties across reports: low, best and high (UCDP style); None when none given."""

    low: int | None = None
    best: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """Reports that are one source: copies, one outlet, or one origin cited."""

    origin: str
    members: tuple[str, ...]  # event ids
    outlets: tuple[str, ...]
    chains: tuple[tuple[str, ...], ...]


# ---------------------------------------------------------------- sources


def outlet_of(report: Report) -> str:
    """The outlet that published a report, or its document id when unknown."""
    return report.outlet or report.document_id


def chains(report: Report) -> list[tuple[str, ...]]:
    """Attribution chains of a report: (outlet, via, source), repeats left out."""
    outlet = outlet_of(report)
    found: list[tuple[str, ...]] = []
    for claim in report.event.claims:
        if claim.stance != "asserts":
            continue
        chain = [outlet]
        for name in (claim.via, claim.source):
            if name and all(_norm(name) != _norm(x) for x in chain):
                chain.append(name)
        if tuple(chain) not in found:
            found.append(tuple(chain))
    return found or [(outlet,)]


def origins(report: Report) -> list[str]:
    """Where a report's information comes from: the named sources it cites, else its outlet."""
    named = [c[-1] for c in chains(report) if len(c) > 1 and _named(c[-1])]
    return named or [outlet_of(report)]


def source_groups(members: Sequence[Report]) -> list[SourceGroup]:
    """The independent sources among an incident's reports, in order of first event id."""
    uf = _UnionFind()
    names: set[str] = set()
    for m in members:
        uf.add(m.id)
        for name in {outlet_of(m), *origins(m)}:
            names.add(_norm(name))
            uf.union(m.id, "name:" + _norm(name))
    for a in names:
        for b in names:
            if a < b and _contains(a, b):
                uf.union("name:" + a, "name:" + b)
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.document_id != b.document_id and near_duplicates(a.fingerprint, b.fingerprint):
                uf.union(a.id, b.id)
    grouped: dict[str, list[Report]] = {}
    for m in sorted(members, key=lambda r: r.id):
        grouped.setdefault(uf.find(m.id), []).append(m)
    return [_group(g) for g in grouped.values()]


def _group(reports: list[Report]) -> SourceGroup:
    cited = [o for r in reports for o in origins(r) if _norm(o) != _norm(outlet_of(r))]
    first = min(reports, key=lambda r: (r.published or date.max, r.id))
    origin = _most_common(cited) if cited else outlet_of(first)
    return SourceGroup(
        origin=origin,
        members=tuple(r.id for r in reports),
        outlets=tuple(sorted({outlet_of(r) for r in reports})),
        chains=tuple(dict.fromkeys(c for r in reports for c in chains(r))),
    )


def _named(source: str) -> bool:
    """Whether a claim's source names someone ("Reuters", "7x7") rather than "activists"."""
    for token in _WORD.findall(source):
        if token.casefold() in _GENERIC:
            continue
        if token[:1].isupper() or any(ch.isdigit() for ch in token):
            return True
    return False


def _norm(name: str) -> str:
    words = [w for w in _WORD.findall(name.casefold()) if w not in ("the", "a", "an")]
    return " ".join(words)


def _contains(a: str, b: str) -> bool:
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _most_common(values: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda v: (-counts[v], v))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        self.add(x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra


# ---------------------------------------------------------------- casualties


def estimate(figures: Sequence[Range], groups: Sequence[Sequence[Range]] | None = None) -> Estimate:
    """Low, best and high across reported ranges (see the module docstring for the rule).

    ``groups`` are the figures of each independent source; by default each range is its own.
    """
    given = [r for r in figures if r.low is not None or r.high is not None]
    if not given:
        return Estimate()
    lows = [r.low for r in given if r.low is not None]
    low = min(lows) if lows else None
    high = max(max(x for x in (r.low, r.high) if x is not None) for r in given)
    per_source = [_point(g) for g in (groups if groups is not None else [[r] for r in given])]
    points = sorted(p for p in per_source if p is not None)
    best = statistics.median_low(points) if points else None
    if best is not None:
        best = max(best, low) if low is not None else best
        best = min(best, high)
    return Estimate(low, best, high)


def _point(ranges: Sequence[Range]) -> int | None:
    """One source's figure: its largest point estimate."""
    points = [p for p in (_point_of(r) for r in ranges) if p is not None]
    return max(points) if points else None


def _point_of(r: Range) -> int | None:
    if r.low is not None and r.high is not None:
        return (r.low + r.high) // 2
    return r.low if r.low is not None else r.high


# ---------------------------------------------------------------- the record


def incident_to_dict(incident: Incident) -> dict[str, Any]:
    """The incident's record (JSON-ready; every list in a fixed order)."""
    members = list(incident.members)
    groups = source_groups(members)
    group_of = {event_id: i for i, g in enumerate(groups) for event_id in g.members}
    when = _consensus(members, group_of, _date_key, _DATE_RANK, lambda r: r.event.date_precision)
    where = _consensus(members, group_of, _place_key, _GEO_RANK, lambda r: r.event.where.precision)
    sub_type = _consensus(members, group_of, lambda r: r.event.sub_event_type, {}, lambda r: "")
    ev_when, ev_where = when[0].event, where[0].event
    figures = {
        name: estimate(
            [getattr(m.event, name) for m in members],
            [[getattr(m.event, name) for m in members if m.id in g.members] for g in groups],
        )
        for name in ("fatalities", "injured")
    }
    return {
        "id": incident.id,
        "kind": incident.kind,
        "event_type": members[0].event.event_type,
        "sub_event_type": sub_type[0].event.sub_event_type,
        "date": _iso(ev_when.date),
        "date_start": _iso(ev_when.date_start),
        "date_end": _iso(ev_when.date_end),
        "date_precision": ev_when.date_precision,
        "country": ev_where.where.country,
        "admin1": ev_where.where.admin1 or _first(m.event.where.admin1 for m in members),
        "admin2": ev_where.where.admin2,
        "location": ev_where.where.location,
        "lat": ev_where.where.lat,
        "lon": ev_where.where.lon,
        "geonames_id": ev_where.where.geonames_id,
        "geo_precision": ev_where.where.precision,
        "fatalities": _estimate_dict(figures["fatalities"]),
        "injured": _estimate_dict(figures["injured"]),
        "reports": len(members),
        "independent_sources": len(groups),
        "sources": [_group_dict(g) for g in groups],
        "supplied_by": {
            "sub_event_type": [m.id for m in sub_type],
            "date": [m.id for m in when],
            "place": [m.id for m in where],
        },
        "members": [_member_dict(m) for m in members],
        "disagreements": disagreements(members),
        "flags": flags(members),
        "actors": _actors(members),
        "claims": _claims(members),
        "evidence": _evidence(members),
    }


def _consensus(
    members: Sequence[Report],
    group_of: dict[str, int],
    key: Callable[[Report], Hashable],
    ranks: dict[str, int],
    precision: Callable[[Report], str],
) -> list[Report]:
    """The members giving the winning value: most precise first, then most sources."""
    best_rank = min(ranks.get(precision(m), 0) for m in members)
    finest = [m for m in members if ranks.get(precision(m), 0) == best_rank]
    backers: dict[Hashable, set[int]] = {}
    for m in finest:
        backers.setdefault(key(m), set()).add(group_of[m.id])
    winner = min(backers, key=lambda k: (-len(backers[k]), str(k)))
    return [m for m in finest if key(m) == winner]


def _date_key(r: Report) -> str:
    return _iso(r.event.date) or ""


def _place_key(r: Report) -> str:
    w = r.event.where
    if w.geonames_id is not None:
        return f"{w.geonames_id:012d}"
    return "|".join(x or "" for x in (w.location, w.admin1, w.country))


def disagreements(members: Sequence[Report]) -> list[dict[str, Any]]:
    """Fields on which the reports differ, each value with the sources that gave it."""
    found: list[dict[str, Any]] = []
    checks: list[tuple[str, Callable[[Report], Any], bool]] = [
        ("sub_event_type", lambda r: r.event.sub_event_type, True),
        ("date", _date_value, _dates_conflict(members)),
        ("location", _location_value, _places_conflict(members)),
        ("admin1", lambda r: r.event.where.admin1, True),
        ("fatalities", lambda r: _range_value(r.event.fatalities), _figures_conflict(members)),
        ("perpetrator", None, _perpetrators_conflict(members)),  # type: ignore[list-item]
    ]
    for name, value_of, conflict in checks:
        if not conflict:
            continue
        values = _perpetrator_values(members) if value_of is None else _values(members, value_of)
        if len(values) > 1:
            found.append({"field": name, "values": values})
    return found


def _values(members: Sequence[Report], value_of: Callable[[Report], Any]) -> list[dict[str, Any]]:
    by_value: dict[str, tuple[Any, list[Report]]] = {}
    for m in members:
        value = value_of(m)
        if value is None:
            continue
        by_value.setdefault(repr(value), (value, []))[1].append(m)
    return [_value_dict(v, ms) for _, (v, ms) in sorted(by_value.items())]


def _value_dict(value: Any, reports: Sequence[Report]) -> dict[str, Any]:
    return {
        "value": value,
        "sources": sorted({outlet_of(r) for r in reports}),
        "events": [r.id for r in reports],
    }


def _date_value(r: Report) -> str | None:
    ev = r.event
    if ev.date is None or ev.date_precision == "unknown":
        return None
    return ev.date.isoformat() + ("" if ev.date_precision == "day" else f" ({ev.date_precision})")


def _dates_conflict(members: Sequence[Report]) -> bool:
    spans = [period(m) for m in members if m.event.date is not None]
    return any(
        a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])
        for i, a in enumerate(spans)
        for b in spans[i + 1 :]
    )


def _location_value(r: Report) -> str | None:
    w = r.event.where
    return w.location if w.precision in ("place", "admin2") else None


def _places_conflict(members: Sequence[Report]) -> bool:
    located = [
        m.event.where
        for m in members
        if m.event.where.precision in ("place", "admin2") and m.event.where.lat is not None
    ]
    return any(distance_km(a, b) > 2 for i, a in enumerate(located) for b in located[i + 1 :])


def _range_value(r: Range) -> dict[str, int | None] | None:
    if r.low is None and r.high is None:
        return None
    return {"low": r.low, "high": r.high}


def _figures_conflict(members: Sequence[Report]) -> bool:
    """Whether two reports' death tolls cannot both be true (3 killed vs 7 killed)."""
    ranges = [
        (r.low or 0, r.high if r.high is not None else float("inf"))
        for r in (m.event.fatalities for m in members)
        if r.low is not None or r.high is not None
    ]
    return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(ranges) for b in ranges[i + 1 :])


def _perpetrators(r: Report) -> set[str]:
    return {a.name for a in r.event.actors if a.role == "actor1"}


def _perpetrators_conflict(members: Sequence[Report]) -> bool:
    named = [_perpetrators(m) for m in members if _perpetrators(m)]
    return any(not (a & b) for i, a in enumerate(named) for b in named[i + 1 :])


def _perpetrator_values(members: Sequence[Report]) -> list[dict[str, Any]]:
    by_name: dict[str, list[Report]] = {}
    for m in members:
        for name in sorted(_perpetrators(m)):
            by_name.setdefault(name, []).append(m)
    return [_value_dict(name, ms) for name, ms in sorted(by_name.items())]


def flags(members: Sequence[Report]) -> list[dict[str, Any]]:
    """Claims that deny the event or say it is not confirmed, with who said so."""
    found: list[dict[str, Any]] = []
    for m in members:
        for claim in m.event.claims:
            if claim.stance in ("denies", "unconfirmed"):
                found.append({
                    "flag": "denied" if claim.stance == "denies" else "unconfirmed",
                    "source": claim.source,
                    "outlet": outlet_of(m),
                    "event_id": m.id,
                })
    return found


# ---------------------------------------------------------------- pieces


def _member_dict(r: Report) -> dict[str, Any]:
    ev = r.event
    return {
        "event_id": r.id,
        "document_id": r.document_id,
        "outlet": r.outlet,
        "published": _iso(r.published),
        "url": r.url,
        "chains": [list(c) for c in chains(r)],
        "sub_event_type": ev.sub_event_type,
        "date": _iso(ev.date),
        "date_precision": ev.date_precision,
        "country": ev.where.country,
        "admin1": ev.where.admin1,
        "location": ev.where.location,
        "geo_precision": ev.where.precision,
        "fatalities": {"low": ev.fatalities.low, "high": ev.fatalities.high,
                       "qualifier": ev.fatalities.qualifier},
        "injured": {"low": ev.injured.low, "high": ev.injured.high,
                    "qualifier": ev.injured.qualifier},
        "perpetrators": sorted(_perpetrators(r)),
        "stances": sorted({c.stance for c in ev.claims}),
        "evidence": ev.evidence[0].quote if ev.evidence else None,
    }


def _group_dict(g: SourceGroup) -> dict[str, Any]:
    return {
        "origin": g.origin,
        "outlets": list(g.outlets),
        "chains": [list(c) for c in g.chains],
        "members": list(g.members),
    }


def _actors(members: Sequence[Report]) -> list[dict[str, str]]:
    seen = {(a.role, a.name, a.type) for m in members for a in m.event.actors}
    return [{"role": r, "name": n, "type": t} for r, n, t in sorted(seen)]


def _claims(members: Sequence[Report]) -> list[dict[str, Any]]:
    return [
        {"source": c.source, "via": c.via or m.outlet, "stance": c.stance, "event_id": m.id}
        for m in members
        for c in m.event.claims
    ]


def _evidence(members: Sequence[Report]) -> list[dict[str, Any]]:
    return [
        {"event_id": m.id, "document_id": m.document_id, **span_to_dict(s)}
        for m in members
        for s in m.event.evidence
    ]


def _estimate_dict(e: Estimate) -> dict[str, int | None]:
    return {"low": e.low, "best": e.best, "high": e.high}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in sorted(v for v in values if v)), None)
