"""Linking events across documents: each rule, blocking, and the order-independence,
incrementality and idempotence of the whole (property tests)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.link import (
    Linker,
    Node,
    Report,
    block_keys,
    compatible,
    covers,
    link,
    period,
    place_score,
    score,
)
from eventledger.records import Actor, Claim, Event, Location, Range, Span

# Real places (GeoNames coordinates) for the place rules.
DAMASCUS = Location("SY", "Dimashq", None, "Damascus", 33.5102, 36.29128, 170654, "place")
DOUMA = Location("SY", "Rif-dimashq", None, "Dūmā", 33.57175, 36.4027, 170592, "place")
ALEPPO = Location("SY", "Aleppo", None, "Aleppo", 36.20124, 37.16117, 170063, "place")
ALEPPO_ADMIN1 = Location("SY", "Aleppo", None, None, None, None, None, "admin1")
RIF_ADMIN1 = Location("SY", "Rif-dimashq", None, None, None, None, None, "admin1")
SYRIA = Location("SY", None, None, None, None, None, None, "country")
BELGOROD = Location("RU", "Belgorod Oblast", None, None, 50.6, 36.58, None, "admin1")
SHEBEKINO = Location("RU", "Belgorod Oblast", None, "Shebekino", 50.41342, 36.92537, 495112,
                     "place")


NO_TOLL = Range()


def event(
    id: str = "d1:e1",
    *,
    kind: str = "incident",
    sub: str = "Air/drone strike",
    type: str = "Explosions/Remote violence",
    day: date | None = date(2015, 7, 22),
    precision: str = "day",
    where: Location = ALEPPO,
    killed: Range = NO_TOLL,
    perpetrators: tuple[str, ...] = (),
    quote: str = "Regime helicopters dropped barrel bombs on the town",
    claims: tuple[Claim, ...] = (),
    start: date | None = None,
) -> Event:
    actors = tuple(Actor("actor1", p, "State forces") for p in perpetrators)
    return Event(id, kind, type, sub, day, start, None, precision, where, actors, killed,
                 Range(), claims, (Span(0, len(quote), quote),))


def report(ev: Event, doc: str | None = None, outlet: str | None = None,
           published: date | None = date(2015, 7, 23)) -> Report:
    doc = doc or ev.id.split(":")[0]
    return Report(ev, doc, outlet or f"outlet-{doc}", published)


def node(ev: Event, **kw) -> Node:
    return Node.of(report(ev, **kw))


def members(incidents) -> set[frozenset[str]]:
    return {frozenset(r.id for r in inc.members) for inc in incidents}


# ---------------------------------------------------------------- rules


def test_reports_of_one_strike_link_and_sub_types_may_differ():
    a = node(event("a:e1"))
    b = node(event("b:e1", sub="Shelling/artillery/missile attack"))
    assert compatible(a, b)
    assert score(a, b) < score(a, node(event("c:e1")))
    car_bomb = node(event("c:e1", sub="Remote explosive/landmine/IED"))
    assert compatible(car_bomb, node(event("d:e1", sub="Suicide bomb")))


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (event("b:e1", sub="Armed clash", type="Battles"), "another event type"),
        (event("b:e1", kind="tally"), "a tally never merges with an incident"),
        (event("b:e1", where=Location("TR", None, None, "Kilis", 36.7, 37.1, 1, "place")),
         "another country"),
        (event("b:e1", day=date(2015, 7, 25)), "three days apart"),
        (event("b:e1", where=DAMASCUS), "places 300 km apart"),
        (event("b:e1", where=RIF_ADMIN1), "an admin1 that does not contain the place"),
        (event("b:e1", sub="Chemical weapon"), "a gas attack is not an air strike"),
        (event("b:e1", sub="Suicide bomb"), "a suicide bombing is not an air strike"),
    ],
)
def test_incompatible_reports_never_link(other, why):
    assert not compatible(node(event("a:e1")), node(other)), why


def test_events_of_one_document_never_link():
    a = node(event("a:e1"))
    b = node(event("a:e2"), doc="a")
    assert not compatible(a, b)
    assert len(link([a.report, b.report])) == 2


@pytest.mark.parametrize(
    ("a", "b", "linked"),
    [
        ((date(2015, 7, 22), "day"), (date(2015, 7, 23), "day"), True),  # a day of tolerance
        ((date(2015, 7, 22), "day"), (date(2015, 7, 24), "day"), False),
        ((date(2015, 7, 22), "day"), (date(2015, 7, 1), "month"), True),  # July contains it
        ((date(2015, 7, 22), "day"), (date(2015, 6, 15), "month"), False),
        ((date(2015, 7, 22), "day"), (date(2015, 1, 1), "year"), True),
        ((date(2015, 7, 22), "day"), (date(2015, 7, 19), "week"), True),  # 16..22
        ((date(2015, 7, 22), "day"), (None, "unknown"), True),  # published 2015-07-23
    ],
)
def test_dates_match_within_their_precision(a, b, linked):
    x = node(event("a:e1", day=a[0], precision=a[1]))
    y = node(event("b:e1", day=b[0], precision=b[1]))
    assert compatible(x, y) is linked


def test_an_undated_event_happened_in_the_month_before_publication():
    r = report(event("a:e1", day=None, precision="unknown"), published=date(2015, 7, 23))
    assert period(r) == (date(2015, 6, 23), date(2015, 7, 23))
    assert period(replace(r, published=None)) is None
    assert block_keys(replace(r, published=None)) == ()  # unbounded: never linked


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (ALEPPO, ALEPPO, 1.0),
        (DAMASCUS, DOUMA, 0.7),  # 13 km: one place for linking, across an admin1 border
        (ALEPPO, ALEPPO_ADMIN1, 0.6),  # the admin1 contains the place
        (ALEPPO_ADMIN1, ALEPPO_ADMIN1, 0.6),
        (SYRIA, ALEPPO, 0.3),  # the country contains everything in it
        (ALEPPO, DAMASCUS, None),
        (ALEPPO_ADMIN1, RIF_ADMIN1, None),
        (SHEBEKINO, BELGOROD, 0.6),
    ],
)
def test_places_are_the_same_close_or_contain_one_another(a, b, expected):
    assert place_score(a, b) == expected
    assert place_score(b, a) == expected


def test_shared_perpetrators_agreeing_tolls_and_wording_raise_the_score():
    base = node(event("a:e1", perpetrators=("Military Forces of Syria",), killed=Range(12, 12)))
    same = node(event("b:e1", perpetrators=("Military Forces of Syria",), killed=Range(10, None)))
    other = node(event("c:e1", perpetrators=("Islamic State",), killed=Range(40, 40),
                       quote="Jets struck a market in the north of the province"))
    assert compatible(base, other)  # a different perpetrator is a disagreement, not a veto
    assert score(base, same) > score(base, other)


def test_blocking_keys_cover_every_week_of_the_period_and_nothing_without_a_country():
    day = report(event("a:e1"))
    month = report(event("b:e1", precision="month"))
    assert len(block_keys(day)) in (1, 2)  # the day +- one day of tolerance
    assert set(block_keys(day)) <= set(block_keys(month))
    assert all(k.startswith("incident|Explosions/Remote violence|SY|") for k in block_keys(day))
    assert block_keys(report(event("c:e1", where=Location()))) == ()


def test_a_tally_covers_incidents_in_its_period_and_area_only():
    tally = node(event("t:e1", kind="tally", sub="Shelling/artillery/missile attack",
                       day=date(2023, 5, 24), precision="month", where=BELGOROD,
                       killed=Range(7, None)))
    jan16 = node(event("m:e3", sub="Shelling/artillery/missile attack", day=date(2023, 1, 16),
                       where=SHEBEKINO))
    elsewhere = node(event("x:e1", sub="Shelling/artillery/missile attack",
                           day=date(2023, 1, 16), where=DAMASCUS))
    too_old = node(event("y:e1", sub="Shelling/artillery/missile attack", day=date(2022, 1, 1),
                         where=SHEBEKINO))
    assert covers(tally, jan16)
    assert not covers(tally, elsewhere)
    assert not covers(tally, too_old)  # before the year a tally looks back over
    assert not covers(jan16, tally)
    linker = Linker()
    linker.add([tally.report])
    linker.add([jan16.report, elsewhere.report])
    assert linker.coverage() == {("t:e1", "m:e3")}
    assert all(len(inc.members) == 1 for inc in linker.incidents())  # never merged


def test_clusters_are_complete_link_a_bridge_cannot_chain_incompatible_reports():
    # b is compatible with a (a day apart) and with c (a day apart); a and c are two days apart.
    a = report(event("a:e1", day=date(2015, 7, 21)))
    b = report(event("b:e1", day=date(2015, 7, 22)))
    c = report(event("c:e1", day=date(2015, 7, 23)))
    found = members(link([a, b, c]))
    assert frozenset({"a:e1", "c:e1"}) not in found
    assert not any({"a:e1", "c:e1"} <= m for m in found)


def test_a_bridging_report_relinks_the_components_it_joins():
    # a and c cannot link directly (30 km apart, different admin1 names, one undated place);
    # b links both. Whatever the order, the result is the same.
    a = report(event("a:e1", where=DAMASCUS, day=date(2013, 8, 21)))
    b = report(event("b:e1", where=DOUMA, day=date(2013, 8, 21)))
    c = report(event("c:e1", where=RIF_ADMIN1, day=date(2013, 8, 21)))
    expected = members(link([a, b, c]))
    for order in ([a, c, b], [b, a, c], [c, b, a]):
        linker = Linker()
        for r in order:
            linker.add([r])
        assert members(linker.incidents()) == expected


def test_incident_ids_come_from_the_smallest_member_id():
    a = report(event("b:e1"))
    b = report(event("a:e1"))
    (inc,) = link([a, b])
    linker = Linker()
    linker.add([a])
    (first,) = linker.incidents()
    linker.add([b])
    (merged,) = linker.incidents()
    assert merged.id == inc.id != first.id
    assert [r.id for r in merged.members] == ["a:e1", "b:e1"]


# ---------------------------------------------------------------- properties

_PLACES = [ALEPPO, ALEPPO_ADMIN1, DAMASCUS, DOUMA, RIF_ADMIN1, SYRIA]
_SUBS = [("Air/drone strike", "Explosions/Remote violence"),
         ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
         ("Armed clash", "Battles")]
_WORDS = "regime jets bombs market town killed civilians rebels shelled village".split()


@st.composite
def documents(draw) -> list[list[Report]]:
    n_docs = draw(st.integers(1, 7))
    docs = []
    for d in range(n_docs):
        doc = f"d{d}"
        published = date(2015, 7, 20) + timedelta(days=draw(st.integers(0, 4)))
        evs = []
        for i in range(draw(st.integers(1, 3))):
            sub, type_ = draw(st.sampled_from(_SUBS))
            precision = draw(st.sampled_from(["day", "day", "day", "month", "unknown"]))
            day = None if precision == "unknown" else date(2015, 7, 18) + timedelta(
                days=draw(st.integers(0, 5)))
            low = draw(st.none() | st.integers(0, 30))
            evs.append(event(
                f"{doc}:e{i}",
                kind=draw(st.sampled_from(["incident", "incident", "incident", "tally"])),
                sub=sub, type=type_, day=day, precision=precision,
                where=draw(st.sampled_from(_PLACES)),
                killed=Range(low, draw(st.sampled_from([low, None]))),
                perpetrators=tuple(draw(st.lists(st.sampled_from(["Regime", "IS"]), max_size=1))),
                quote=" ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6))),
            ))
        outlet = draw(st.sampled_from(["Reuters", "SANA", "AFP", None]))
        docs.append([Report(ev, doc, outlet, published) for ev in evs])
    return docs


def _state(incidents) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(inc.id, inc.kind, tuple(r.id for r in inc.members)) for inc in incidents]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.randoms(use_true_random=False))
def test_linking_is_order_independent_incremental_and_idempotent(docs, rnd: random.Random):
    everything = [r for doc in docs for r in doc]
    batch = _state(link(everything))
    shuffled = everything[:]
    rnd.shuffle(shuffled)
    assert _state(link(shuffled)) == batch  # order of reports
    order = docs[:]
    rnd.shuffle(order)
    linker = Linker()
    for doc in order:
        linker.add(doc)
    assert _state(linker.incidents()) == batch  # one document at a time, any order
    for doc in docs:
        linker.add(doc)  # again: nothing changes
    assert _state(linker.incidents()) == batch
    assert _state(link(everything + everything)) == batch


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_incidents_partition_reports_and_respect_the_hard_rules(docs):
    everything = [r for doc in docs for r in doc]
    incidents = link(everything)
    assert sorted(r.id for inc in incidents for r in inc.members) == sorted(
        r.id for r in everything)
    for inc in incidents:
        assert len({r.document_id for r in inc.members}) == len(inc.members)
        assert {r.event.kind for r in inc.members} == {inc.kind}
        nodes = [Node.of(r) for r in inc.members]
        assert all(compatible(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :])
