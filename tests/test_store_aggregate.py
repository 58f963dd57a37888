"""What the web app asks of the ledger: new filters, keyset pages, one event, a timeline,
map clusters that keep place precision honest, and filter values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventledger.errors import UsageError
from eventledger.records import Event, Location, Range
from eventledger.store import EventFilter, Ledger
from web_support import hand_built, kyiv, minsk, result, span


@pytest.fixture
def ledger(tmp_path: Path):
    with Ledger.open(str(tmp_path / "ledger.db")) as opened:
        for item in hand_built():
            opened.add(item)
        yield opened


def ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        (EventFilter(admin1="Kyiv City"), ["kyiv:e1", "kyiv:t1"]),
        (EventFilter(actor="rapid support"), ["sudan:e1"]),
        (EventFilter(actor="POLICE"), ["minsk:e1"]),
        (EventFilter(kind="tally"), ["kyiv:t1"]),
        (EventFilter(bbox=(20.0, 45.0, 40.0, 60.0)), ["minsk:e1", "kyiv:e1", "kyiv:t1"]),
        (EventFilter(bbox=(170.0, -90.0, -170.0, 90.0)), []),  # across the antimeridian
        (EventFilter(bbox=(-20.0, 0.0, 10.0, 20.0)), ["hostile:e1"]),
    ],
)
def test_filters_by_admin1_actor_kind_and_box(ledger: Ledger, filter, expected):
    assert ids(ledger.events(filter)) == expected


def test_newest_first_orders_by_date_descending(ledger: Ledger):
    rows = ledger.events(EventFilter(newest_first=True))
    assert ids(rows) == ["kyiv:t1", "kyiv:e1", "hostile:e1", "sudan:e1", "minsk:e1"]


@pytest.mark.parametrize("newest_first", [False, True])
@pytest.mark.parametrize("size", [1, 2, 3])
def test_keyset_pages_cover_every_event_once_in_order(
    tmp_path: Path, newest_first: bool, size: int
):
    undated = Event(
        id="minsk:e0",
        kind="incident",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        date=None,
        date_start=None,
        date_end=None,
        date_precision="unknown",
        where=Location(),
    )
    extra = result("undated", "text", "Undated", (undated,))
    with Ledger.open(str(tmp_path / "l.db")) as ledger:
        for item in [*hand_built(), extra]:
            ledger.add(item)
        everything = ids(ledger.events(EventFilter(newest_first=newest_first)))
        seen: list[str] = []
        after = None
        while True:
            rows = ledger.events(EventFilter(newest_first=newest_first, limit=size, after=after))
            if not rows:
                break
            seen += ids(rows)
            after = (rows[-1]["date"], rows[-1]["id"])
        assert seen == everything and len(everything) == 6
        assert everything[-1] == "minsk:e0"  # undated events come last either way


def test_one_event_by_id(ledger: Ledger):
    event = ledger.event("sudan:e1")
    assert event is not None and event["document_id"] == "sudan"
    assert event == ledger.events(EventFilter(actor="rapid"))[0]
    assert ledger.event("nope") is None


def test_timeline_counts_events_but_adds_only_incident_fatalities(ledger: Ledger):
    data = ledger.timeline(EventFilter(country="UA"), "day")
    assert data["bucket"] == "day"
    days = {p["start"]: p for p in data["periods"]}
    assert list(days) == ["2024-06-03", "2024-06-04"]
    assert days["2024-06-03"]["fatalities"] == 3
    assert days["2024-06-04"]["events"] == 1 and days["2024-06-04"]["fatalities"] == 0  # a tally
    assert days["2024-06-03"]["by_type"] == {
        "Explosions/Remote violence": {"events": 1, "fatalities": 3}
    }


def test_timeline_weeks_start_on_monday_and_include_empty_weeks(ledger: Ledger):
    data = ledger.timeline(EventFilter(date_from="2024-01-01"), "week")
    starts = [p["start"] for p in data["periods"]]
    assert starts[0] == "2024-01-29"  # the Monday of Friday 2 February
    assert all(date.fromisoformat(s).weekday() == 0 for s in starts)
    assert len(starts) == 19 and sum(p["events"] for p in data["periods"]) == 3


def test_timeline_auto_bucket_follows_the_span(ledger: Ledger):
    assert ledger.timeline(EventFilter(country="UA"))["bucket"] == "day"
    assert ledger.timeline(EventFilter())["bucket"] == "month"  # 2021 to 2024


def test_timeline_rejects_an_unknown_bucket(ledger: Ledger):
    with pytest.raises(UsageError, match="Choose one of: day, week, month, auto"):
        ledger.timeline(EventFilter(), "fortnight")


def test_map_keeps_spots_regions_and_countries_apart(ledger: Ledger):
    data = ledger.map_cells(EventFilter(), cell_deg=1.0)
    points = {e["id"] for cell in data["points"] for e in cell["events"]}
    assert points == {"kyiv:e1", "minsk:e1", "hostile:e1"}
    areas = {(a["precision"], a["country"], a["admin1"]): a for a in data["areas"]}
    assert set(areas) == {("admin1", "UA", "Kyiv City"), ("country", "SD", None)}
    assert areas[("country", "SD", None)]["fatalities"] == 10
    assert areas[("admin1", "UA", "Kyiv City")]["fatalities"] == 0  # a tally adds none
    assert data["unplaced"] == 0 and not data["truncated"]


def test_map_clusters_nearby_events_at_low_zoom(tmp_path: Path):
    near = replace(
        kyiv().events[0], id="kyiv:e2", where=replace(kyiv().events[0].where, lat=50.5, lon=30.6)
    )
    with Ledger.open(str(tmp_path / "l.db")) as ledger:
        ledger.add(replace(kyiv(), events=(kyiv().events[0], near)))
        ledger.add(minsk())
        coarse = ledger.map_cells(EventFilter(), cell_deg=22.5)
        fine = ledger.map_cells(EventFilter(), cell_deg=0.01)
    assert sorted(c["count"] for c in coarse["points"]) == [3]  # Kyiv and Minsk share a cell
    cell = coarse["points"][0]
    assert cell["fatalities"] == 6 and cell["by_type"] == {
        "Explosions/Remote violence": 2,
        "Protests": 1,
    }
    assert cell["bounds"] == [50.45, 27.5667, 53.9, 30.6]
    assert sorted(c["count"] for c in fine["points"]) == [1, 1, 1]


def test_map_lists_members_of_small_cells_only(tmp_path: Path):
    base = kyiv().events[0]
    many = tuple(replace(base, id=f"kyiv:m{i}", fatalities=Range(1, 1, None)) for i in range(9))
    with Ledger.open(str(tmp_path / "l.db")) as ledger:
        ledger.add(replace(kyiv(), events=many))
        data = ledger.map_cells(EventFilter(), cell_deg=1.0)
    (cell,) = data["points"]
    assert cell["count"] == 9 and cell["events"] == []  # too many to list
    assert cell["fatalities"] == 9


def test_map_counts_unplaced_events_and_cuts_to_the_fullest_cells(tmp_path: Path):
    unplaced = replace(minsk().events[0], id="minsk:e9", where=Location())
    with Ledger.open(str(tmp_path / "l.db")) as ledger:
        ledger.add(replace(minsk(), events=(*minsk().events, unplaced)))
        ledger.add(kyiv())
        data = ledger.map_cells(EventFilter(), cell_deg=1.0, max_cells=1)
    assert data["unplaced"] == 1
    assert data["truncated"] and len(data["points"]) == 1


def test_map_box_applies_to_spots_not_to_regions(ledger: Ledger):
    data = ledger.map_cells(EventFilter(bbox=(-20.0, 0.0, 10.0, 20.0)), cell_deg=1.0)
    assert [e["id"] for c in data["points"] for e in c["events"]] == ["hostile:e1"]
    assert len(data["areas"]) == 2  # drawn whole wherever the view is


def test_facets_count_values_under_the_other_filters(ledger: Ledger):
    facets = ledger.facets(EventFilter(country="UA"))
    assert {f["value"] for f in facets["country"]} == {"UA", "BY", "SD", "ML"}  # all countries
    assert facets["admin1"] == [{"value": "Kyiv City", "count": 2}]
    assert facets["event_type"] == [{"value": "Explosions/Remote violence", "count": 2}]
    assert ledger.facets(EventFilter())["admin1"] == []  # only once a country is chosen


def test_evidence_spans_still_hold_after_a_round_trip(ledger: Ledger):
    for event in ledger.events():
        text = ledger.document(event["document_id"])["text"]
        for s in event["evidence"]:
            assert text[s["start"] : s["end"]] == s["quote"]
    assert span("abc", "b").start == 1
