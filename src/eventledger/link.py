"""Events across documents -> incidents: which reports describe the same happening.

Linking is a pure function of the set of reports it has seen, computed incrementally:

1. **Rules** (:func:`compatible`, :func:`score`). Two events from different documents may be
   one happening only when they are of the same kind (incident or tally) and ACLED event
   type, in the same country, with periods that overlap (each date widened to its
   precision: a day, a week, a month, a year; an undated event to the 30 days before
   publication; then one day of tolerance either side), and with places that are the same,
   lie within 50 km of one another, or contain one another (a place inside an admin1 named
   by the other report; a country-level report contains every place in its country), and,
   for explosive violence, with weapons of one family (:data:`_WEAPONS`: a gas attack is not
   a rocket strike). Sub-event
   type, closeness of dates and places, shared perpetrators, agreeing casualty figures and
   the overlap of the evidence's wording then give a score in [0, 1] (events of two copies
   of one text score at least 0.4 + 0.6 x wording overlap); a pair scoring at least
   :data:`THRESHOLD` is an *edge*.
2. **Blocking** (:func:`block_keys`). An event is indexed under (kind, event type,
   country, ISO week) for every week its widened period touches; candidates are the events
   sharing a key, never all pairs.
3. **Components and clusters** (:func:`cluster`). The connected components of the edge
   graph are a property of the set of reports, whatever the order they came in. Within a
   component, edges are taken best first (score, then ids: a total order), and two clusters
   join when they share no document and every pair across them is compatible (complete
   link). Each cluster is one :class:`Incident`, whose id comes from its smallest member
   event id.
4. **Increments** (:func:`relink`). A new document's events are scored against their
   candidates; the components they touch (bridged, if one event touches several) are
   clustered again from scratch, and nothing else is. So adding documents in any order,
   one at a time or all at once, gives the same incidents, and adding a document twice
   changes nothing.

Tallies ("at least seven killed in recent months") link only with tallies. A tally *covers*
an incident (:func:`covers`) when their event types match, the incident's period lies in the
tally's (``date_start`` to ``date``; a tally with no known start looks back a year) and its
place in the tally's area; coverage is recorded, never summed.

:class:`Linker` keeps the state in memory (tests, evaluation, benchmarks); the ledger keeps
the same state in SQL through the :class:`LinkStore` protocol.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from eventledger.fingerprint import Fingerprint, fingerprint, near_duplicates
from eventledger.records import Event, Location

THRESHOLD = 0.55  # least score of an edge
TOLERANCE = timedelta(days=1)  # reports straddle midnight, time zones, "overnight"
UNDATED_LOOKBACK = timedelta(days=30)  # an undated event happened shortly before publication
TALLY_LOOKBACK = timedelta(days=365)  # "in recent months", "so far": a year at most
NEAR_KM = 25.0  # places this close are one place for linking
CLOSE_KM = 50.0  # ... and this close, still compatible

WEIGHTS = {
    "date": 0.25,
    "place": 0.25,
    "sub_event_type": 0.15,
    "wording": 0.15,
    "actors": 0.10,
    "fatalities": 0.10,
}

_PLACE_LEVEL = frozenset({"place", "admin2"})


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Report:
    """One coded event as the linker sees it: the event and the document that reported it.

    ``published`` bounds an undated event; ``fingerprint`` (of the document's clean text,
    :func:`eventledger.fingerprint.fingerprint`) tells copies of one report apart from
    independent ones.
    """

    event: Event
    document_id: str
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    fingerprint: Fingerprint = ()

    @property
    def id(self) -> str:
        return self.event.id


@dataclass(frozen=True, slots=True)
class Incident:
    """A cluster of reports of one happening (``kind`` tally: of one running total).

    ``id`` is derived from the smallest member event id, so the same members always give
    the same id; ``component`` is the smallest event id of the edge-graph component the
    cluster lies in. Members are sorted by event id.
    """

    id: str
    kind: str
    component: str
    members: tuple[Report, ...]


@dataclass(frozen=True, slots=True)
class Relinking:
    """What one increment changed: the clusters of every component it touched.

    ``components`` maps each event of those components to its component id; ``incidents``
    partition exactly those events; ``coverage`` holds the new (tally event id, incident
    event id) pairs.
    """

    components: Mapping[str, str]
    incidents: tuple[Incident, ...]
    coverage: frozenset[tuple[str, str]] = frozenset()


def reports_of(record: Mapping[str, Any]) -> list[Report]:
    """The reports of one ``extract`` output record (a document dict with its events)."""
    from eventledger.serialize import event_from_dict

    doc = record["document"]
    published = doc.get("published")
    day = date.fromisoformat(published[:10]) if published else None
    mark = fingerprint(record.get("text") or "")
    return [
        Report(event_from_dict(e), doc["id"], doc.get("outlet"), day, doc.get("url"), mark)
        for e in record.get("events") or ()
    ]


def incident_id(anchor_event_id: str) -> str:
    """The id of the incident whose smallest member event id is ``anchor_event_id``."""
    import hashlib

    return "inc-" + hashlib.blake2b(anchor_event_id.encode("utf-8"), digest_size=8).hexdigest()


# ---------------------------------------------------------------- features


@dataclass(frozen=True, slots=True)
class Node:
    """A report with what the rules need precomputed (built once per report)."""

    report: Report
    period: tuple[date, date] | None
    words: frozenset[str]
    perpetrators: frozenset[str]
    admin1: str | None

    @classmethod
    def of(cls, report: Report) -> Node:
        ev = report.event
        return cls(
            report,
            period(report),
            frozenset(_content_words(" ".join(s.quote for s in ev.evidence))),
            frozenset(a.name.casefold() for a in ev.actors if a.role == "actor1"),
            ev.where.admin1.casefold() if ev.where.admin1 else None,
        )

    @property
    def id(self) -> str:
        return self.report.event.id


def period(report: Report) -> tuple[date, date] | None:
    """The days the event may have happened on, from its date and precision (inclusive).

    None when nothing bounds it (no date and no publication date).
    """
    ev = report.event
    if ev.kind == "tally" and ev.date is not None:
        end = ev.date_end or ev.date
        return (ev.date_start or end - TALLY_LOOKBACK, end)
    if ev.date is None or ev.date_precision == "unknown":
        if report.published is None:
            return None
        return (report.published - UNDATED_LOOKBACK, report.published)
    if ev.date_start is not None and ev.date_end is not None:
        return (ev.date_start, ev.date_end)
    return _widen(ev.date, ev.date_precision)


def _widen(day: date, precision: str) -> tuple[date, date]:
    if precision == "week":
        return (day - timedelta(days=3), day + timedelta(days=3))
    if precision == "month":
        last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return (day.replace(day=1), last)
    if precision == "year":
        return (date(day.year, 1, 1), date(day.year, 12, 31))
    return (day, day)


_STOP = frozenset(
    "a an and are as at be been by for from had has have he in into is it its of on or "
    "said says that the their there they this to was were which who with".split()
)
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _content_words(text: str) -> list[str]:
    return [w for w in (t.casefold() for t in _TOKEN.findall(text)) if w not in _STOP]


# ---------------------------------------------------------------- blocking


def block_keys(report: Report) -> tuple[str, ...]:
    """The blocking keys of a report: (kind, event type, country, ISO week) per week touched.

    A report without a country or a bounded period has no keys: it is never linked.
    """
    return _keys(report.event.kind, report)


def probe_keys(report: Report) -> tuple[str, ...]:
    """The keys under which to look for what a report may cover or be covered by."""
    other = "incident" if report.event.kind == "tally" else "tally"
    return _keys(other, report)


def _keys(kind: str, report: Report) -> tuple[str, ...]:
    ev = report.event
    span = period(report)
    if not ev.where.country or span is None:
        return ()
    first = (span[0] - TOLERANCE).toordinal() // 7
    last = (span[1] + TOLERANCE).toordinal() // 7
    prefix = f"{kind}|{ev.event_type}|{ev.where.country.upper()}|"
    return tuple(f"{prefix}{week}" for week in range(first, last + 1))


# ---------------------------------------------------------------- rules


def compatible(a: Node, b: Node) -> bool:
    """Whether two reports may describe one happening (the hard rules)."""
    ea, eb = a.report.event, b.report.event
    return (
        a.report.document_id != b.report.document_id
        and ea.kind == eb.kind
        and ea.event_type == eb.event_type
        and _same_weapon(ea.sub_event_type, eb.sub_event_type)
        and _overlap(a.period, b.period, TOLERANCE)
        and place_score(ea.where, eb.where, a.admin1, b.admin1) is not None
    )


# Kinds of explosive violence that reports of one happening do not confuse: a gas attack is
# not a rocket strike, and a car bomb is not an air raid. Within a family reports differ
# ("shelling" or "air raids"; a "car bomb" driven by a "suicide bomber").
_WEAPONS = {
    "Air/drone strike": "from afar",
    "Shelling/artillery/missile attack": "from afar",
    "Remote explosive/landmine/IED": "planted",
    "Suicide bomb": "planted",
    "Grenade": "planted",
    "Chemical weapon": "chemical",
}


def _same_weapon(a: str, b: str) -> bool:
    return _WEAPONS.get(a) == _WEAPONS.get(b)


def score(a: Node, b: Node) -> float:
    """How alike two compatible reports are, 0.0 to 1.0 (weights in :data:`WEIGHTS`)."""
    ea, eb = a.report.event, b.report.event
    parts = {
        "date": date_score(a, b),
        "place": place_score(ea.where, eb.where, a.admin1, b.admin1) or 0.0,
        "sub_event_type": 1.0 if ea.sub_event_type == eb.sub_event_type else 0.0,
        "wording": _jaccard(a.words, b.words),
        "actors": _actor_score(a.perpetrators, b.perpetrators),
        "fatalities": _figure_score(ea, eb),
    }
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    if near_duplicates(a.report.fingerprint, b.report.fingerprint):
        # One text published twice: its events are the same events, however vague they are
        # (undated, country-level); the wording still pairs each event with its own copy.
        total = max(total, 0.4 + 0.6 * parts["wording"])
    return total


def edge(a: Node, b: Node) -> float | None:
    """The score of two reports when they are compatible and score at least THRESHOLD."""
    if not compatible(a, b):
        return None
    s = score(a, b)
    return s if s >= THRESHOLD else None


def date_score(a: Node, b: Node) -> float:
    """1 for the same day, 0.6 a day apart, 0.3 for overlapping coarser periods, 0.1 undated."""
    ea, eb = a.report.event, b.report.event
    if ea.date_precision == "unknown" or eb.date_precision == "unknown":
        return 0.1
    if a.period is None or b.period is None:
        return 0.0
    if a.period[0] == a.period[1] and b.period[0] == b.period[1]:
        gap = abs((a.period[0] - b.period[0]).days)
        return 1.0 if gap == 0 else 0.6 if gap <= TOLERANCE.days else 0.0
    return 0.3


def place_score(a: Location, b: Location, admin1_a: str | None = None,
                admin1_b: str | None = None) -> float | None:
    """How alike two places are; None when they cannot be one place.

    Same country required. Two located places: 1.0 within 2 km (or the same GeoNames
    entry), 0.7 within :data:`NEAR_KM`, 0.4 within :data:`CLOSE_KM`, else None. Otherwise the
    admin1 names must agree (0.6, containment); a report that names only the country contains
    any place in it (0.3).
    """
    if not a.country or not b.country or a.country.upper() != b.country.upper():
        return None
    if _located(a) and _located(b):
        if a.geonames_id is not None and a.geonames_id == b.geonames_id:
            return 1.0
        km = distance_km(a, b)
        return 1.0 if km <= 2 else 0.7 if km <= NEAR_KM else 0.4 if km <= CLOSE_KM else None
    admin1_a = admin1_a or (a.admin1.casefold() if a.admin1 else None)
    admin1_b = admin1_b or (b.admin1.casefold() if b.admin1 else None)
    if admin1_a and admin1_b:
        return 0.6 if admin1_a == admin1_b else None
    return 0.3


def _located(loc: Location) -> bool:
    return loc.precision in _PLACE_LEVEL and loc.lat is not None and loc.lon is not None


def distance_km(a: Location, b: Location) -> float:
    """Great-circle distance between two located places (haversine, km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _overlap(a: tuple[date, date] | None, b: tuple[date, date] | None, slack: timedelta) -> bool:
    if a is None or b is None:
        return False
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _actor_score(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when the perpetrators named overlap, 0 when both name others, 0.5 when unknown."""
    if not a or not b:
        return 0.5
    return 1.0 if a & b else 0.0


def _figure_score(a: Event, b: Event) -> float:
    """1 when both casualty ranges overlap, 0 when they conflict, 0.5 when one is unknown."""
    ra, rb = a.fatalities, b.fatalities
    if ra.low is None and ra.high is None or rb.low is None and rb.high is None:
        return 0.5
    return 1.0 if ra.overlaps(rb) else 0.0


def covers(tally: Node, incident: Node) -> bool:
    """Whether a tally's period and area contain an incident (never summed with it)."""
    t, i = tally.report.event, incident.report.event
    if t.kind != "tally" or i.kind != "incident" or t.event_type != i.event_type:
        return False
    if tally.period is None or incident.period is None:
        return False
    inside = (tally.period[0] - TOLERANCE <= incident.period[0]
              and incident.period[1] <= tally.period[1] + TOLERANCE)
    return inside and _area_contains(t.where, i.where, tally.admin1, incident.admin1)


def _area_contains(area: Location, place: Location, admin1_area: str | None,
                   admin1_place: str | None) -> bool:
    if not area.country or not place.country or area.country.upper() != place.country.upper():
        return False
    if _located(area):
        return _located(place) and distance_km(area, place) <= CLOSE_KM
    return admin1_area is None or admin1_area == admin1_place


# ---------------------------------------------------------------- clustering


class _Sets:
    """Union-find over ids; each root keeps its members and their documents."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[Node]] = {}
        self.documents: dict[str, set[str]] = {}
        for n in nodes:
            self.parent[n.id] = n.id
            self.members[n.id] = [n]
            self.documents[n.id] = {n.report.document_id}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra == rb:
            return
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.documents[ra] |= self.documents.pop(rb)


def edges(nodes: Sequence[Node]) -> list[tuple[float, str, str]]:
    """Every edge among ``nodes`` as (score, smaller id, larger id), found through blocking."""
    by_key: dict[str, list[Node]] = {}
    for n in nodes:
        for key in block_keys(n.report):
            by_key.setdefault(key, []).append(n)
    seen: set[tuple[str, str]] = set()
    found: list[tuple[float, str, str]] = []
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair in seen:
                    continue
                seen.add(pair)
                s = edge(a, b)
                if s is not None:
                    found.append((s, *pair))
    return found


def cluster(reports: Iterable[Report]) -> tuple[dict[str, str], list[Incident]]:
    """Components and incidents of a set of reports: a pure function of the set.

    Returns (event id -> component id, incidents sorted by id).
    """
    return cluster_nodes([Node.of(r) for r in reports])


def cluster_nodes(nodes: Iterable[Node]) -> tuple[dict[str, str], list[Incident]]:
    """:func:`cluster` over nodes already built."""
    nodes = sorted(nodes, key=lambda n: n.id)
    found = edges(nodes)
    components = _components(nodes, found)
    groups = _Sets(nodes)
    pair_ok: dict[tuple[str, str], bool] = {}
    for _, a, b in sorted(found, key=lambda e: (-e[0], e[1], e[2])):
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb or groups.documents[ra] & groups.documents[rb]:
            continue
        if all(_ok(x, y, pair_ok) for x in groups.members[ra] for y in groups.members[rb]):
            groups.union(ra, rb)
    incidents = [
        _incident(sorted(members, key=lambda n: n.id), components)
        for members in groups.members.values()
    ]
    return components, sorted(incidents, key=lambda inc: inc.id)


def _ok(x: Node, y: Node, memo: dict[tuple[str, str], bool]) -> bool:
    key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
    if key not in memo:
        memo[key] = compatible(x, y)
    return memo[key]


def _components(nodes: Sequence[Node], found: Iterable[tuple[float, str, str]]) -> dict[str, str]:
    sets = _Sets(nodes)
    for _, a, b in found:
        sets.union(a, b)
    return {n.id: sets.find(n.id) for n in nodes}  # roots are the smallest ids


def _incident(members: list[Node], components: Mapping[str, str]) -> Incident:
    first = members[0]
    return Incident(
        id=incident_id(first.id),
        kind=first.report.event.kind,
        component=components[first.id],
        members=tuple(n.report for n in members),
    )


# ---------------------------------------------------------------- increments


class LinkStore(Protocol):
    """Where linking state lives between increments (memory, or the ledger's tables)."""

    def candidates(self, keys: Iterable[str]) -> set[str]:
        """Ids of held events indexed under any of ``keys``."""

    def nodes(self, event_ids: Iterable[str]) -> list[Node]:
        """The held reports with these ids, as nodes (:meth:`Node.of`)."""

    def components(self, event_ids: Iterable[str]) -> set[str]:
        """The component ids of these held events."""

    def component_members(self, component_ids: Iterable[str]) -> set[str]:
        """Ids of the held events in these components."""


def relink(new: Sequence[Report], store: LinkStore) -> Relinking:
    """Link one increment of new reports (not yet held by ``store``) against what it holds.

    Reads through ``store`` and returns what changed; the caller saves it (and indexes the
    new reports under :func:`block_keys`).
    """
    new_nodes = [Node.of(r) for r in new]
    new_ids = {n.id for n in new_nodes}
    keys = {k for n in new_nodes for k in block_keys(n.report)}
    held = store.nodes(store.candidates(keys) - new_ids)
    touching = {h.id for h in held for n in new_nodes if edge(n, h) is not None}
    members = store.component_members(store.components(touching)) - new_ids
    components, incidents = cluster_nodes([*store.nodes(members), *new_nodes])
    return Relinking(components, tuple(incidents), coverage(new_nodes, store))


def coverage(new: Sequence[Node], store: LinkStore) -> frozenset[tuple[str, str]]:
    """(tally event id, incident event id) pairs between new reports and held or new ones."""
    probes = {k for n in new for k in probe_keys(n.report)}
    others = store.nodes(store.candidates(probes))
    pairs: set[tuple[str, str]] = set()
    for n in new:
        for o in [*others, *new]:
            if covers(n, o):
                pairs.add((n.id, o.id))
            elif covers(o, n):
                pairs.add((o.id, n.id))
    return frozenset(pairs)


@dataclass
class _Memory:
    """A :class:`LinkStore` in memory."""

    held: dict[str, Node] = field(default_factory=dict)
    blocks: dict[str, set[str]] = field(default_factory=dict)
    component: dict[str, str] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)

    def candidates(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            found |= self.blocks.get(key, set())
        return found

    def nodes(self, event_ids: Iterable[str]) -> list[Node]:
        return [self.held[i] for i in event_ids if i in self.held]

    def components(self, event_ids: Iterable[str]) -> set[str]:
        return {self.component[i] for i in event_ids if i in self.component}

    def component_members(self, component_ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for c in component_ids:
            found |= self.members.get(c, set())
        return found


class Linker:
    """Incremental linking with its state in memory.

        linker = Linker()
        for doc_reports in documents:
            linker.add(doc_reports)
        linker.incidents()          # the same whatever order the documents came in
    """

    def __init__(self) -> None:
        self._store = _Memory()
        self._by_component: dict[str, dict[str, Incident]] = {}
        self._coverage: set[tuple[str, str]] = set()

    def add(self, reports: Iterable[Report]) -> Relinking:
        """Add one document's reports (or any batch); reports already held are ignored."""
        new = [r for r in _unique(reports) if r.id not in self._store.held]
        change = relink(new, self._store)
        self._save(new, change)
        return change

    def incidents(self) -> list[Incident]:
        """Every incident (including single-report ones), sorted by id."""
        found = [inc for per in self._by_component.values() for inc in per.values()]
        return sorted(found, key=lambda inc: inc.id)

    def coverage(self) -> frozenset[tuple[str, str]]:
        """(tally event id, incident event id) pairs: which tallies cover which incidents."""
        return frozenset(self._coverage)

    def _save(self, new: Sequence[Report], change: Relinking) -> None:
        store = self._store
        for r in new:
            store.held[r.id] = Node.of(r)
            for key in block_keys(r):
                store.blocks.setdefault(key, set()).add(r.id)
        for old in {store.component.get(i) for i in change.components} - {None}:
            store.members.pop(old, None)  # type: ignore[arg-type]
            self._by_component.pop(old, None)  # type: ignore[arg-type]
        for event_id, comp in change.components.items():
            store.component[event_id] = comp
            store.members.setdefault(comp, set()).add(event_id)
        for inc in change.incidents:
            self._by_component.setdefault(inc.component, {})[inc.id] = inc
        self._coverage |= change.coverage


def link(reports: Iterable[Report]) -> list[Incident]:
    """All incidents of a set of reports at once (the same as adding them one by one)."""
    return cluster(_unique(reports))[1]


def _unique(reports: Iterable[Report]) -> Iterator[Report]:
    seen: set[str] = set()
    for r in reports:
        if r.id not in seen:
            seen.add(r.id)
            yield r
