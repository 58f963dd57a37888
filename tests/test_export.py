"""Exports: CSV, ACLED-style CSV, JSON Lines and GeoJSON, parsed back and checked."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventledger.errors import UsageError
from eventledger.export import ACLED_COLUMNS, CSV_COLUMNS, write_events
from eventledger.records import (
    Actor,
    Claim,
    Event,
    Location,
    Range,
    Span,
)
from eventledger.serialize import event_to_dict
from eventledger.store import Ledger
from records_support import result

STRIKE = Event(
    id="doc-a:e1",
    kind="incident",
    event_type="Explosions/Remote violence",
    sub_event_type="Air/drone strike",
    date=date(2024, 6, 3),
    date_start=date(2024, 6, 3),
    date_end=date(2024, 6, 3),
    date_precision="day",
    where=Location("RU", "Belgorod Oblast", None, "Belgorod", 50.6, 36.58, 578072, "place"),
    actors=(
        Actor("actor1", "Military Forces of Ukraine", "State forces"),
        Actor("actor2", "Civilians (Russia)", "Civilians"),
        Actor("associated", "Air Force of Ukraine", "State forces"),
    ),
    fatalities=Range(3, None, "at least"),
    injured=Range(5, 8, None),
    claims=(
        Claim("Vyacheslav Gladkov", "Telegram", "asserts", (Span(0, 8, "governor"),)),
        Claim("Russian MoD", None, "asserts"),
    ),
    evidence=(Span(10, 40, "a drone struck a bus, killing"), Span(50, 64, "at least three")),
    confidence=0.8,
)
PROTEST = Event(
    id="doc-b:e1",
    kind="incident",
    event_type="Protests",
    sub_event_type="Peaceful protest",
    date=date(2024, 5, 1),
    date_start=None,
    date_end=None,
    date_precision="week",
    where=Location("UA", "Kyiv City", precision="admin1"),
    actors=(Actor("actor1", "Protesters (Ukraine)", "Protesters"),),
)
TALLY = replace(
    STRIKE, id="doc-a:t1", kind="tally", fatalities=Range(7, None, "at least"), actors=()
)


def listed(event: Event, document_id: str = "doc-a") -> dict:
    return {**event_to_dict(event), "document_id": document_id}


EVENTS = [listed(PROTEST, "doc-b"), listed(STRIKE), listed(TALLY)]


def export(fmt: str, events: list[dict] = EVENTS, **options) -> tuple[int, str]:
    out = io.StringIO()
    n = write_events(iter(events), fmt, out, **options)
    return n, out.getvalue()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------- JSON Lines, CSV


def test_jsonl_writes_one_event_dict_per_line():
    n, text = export("jsonl")
    assert n == 3
    assert [json.loads(line) for line in text.splitlines()] == EVENTS


def test_csv_has_flat_columns_and_keeps_tallies():
    n, text = export("csv")
    parsed = rows(text)
    assert n == len(parsed) == 3
    assert tuple(parsed[0]) == CSV_COLUMNS
    strike = parsed[1]
    assert strike["id"] == "doc-a:e1" and strike["document_id"] == "doc-a"
    assert strike["actor1"] == "Military Forces of Ukraine"
    assert strike["actor1_type"] == "State forces"
    assert (strike["actor2"], strike["actor2_type"]) == ("Civilians (Russia)", "Civilians")
    assert strike["sources"] == "Vyacheslav Gladkov; Russian MoD"
    assert strike["evidence"] == "a drone struck a bus, killing"
    assert (strike["fatalities_low"], strike["fatalities_high"]) == ("3", "")
    assert (strike["injured_low"], strike["injured_high"]) == ("5", "8")
    assert (float(strike["lat"]), float(strike["lon"])) == (50.6, 36.58)
    assert parsed[0]["actor2"] == "" and parsed[0]["evidence"] == ""
    assert parsed[2]["kind"] == "tally"


# ---------------------------------------------------------------- ACLED


def test_acled_csv_uses_acled_columns_and_skips_tallies_by_default():
    n, text = export("acled-csv")
    parsed = rows(text)
    assert n == len(parsed) == 2
    assert tuple(parsed[0]) == ACLED_COLUMNS
    assert [r["event_id_cnty"] for r in parsed] == ["doc-b:e1", "doc-a:e1"]
    n_all, _ = export("acled-csv", skip_tallies=False)
    assert n_all == 3


def test_acled_csv_codes_for_an_incident():
    strike = rows(export("acled-csv", [listed(STRIKE)])[1])[0]
    expected = {
        "event_date": "2024-06-03",
        "year": "2024",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "actor1": "Military Forces of Ukraine",
        "assoc_actor_1": "Air Force of Ukraine",
        "inter1": "1",
        "actor2": "Civilians (Russia)",
        "inter2": "7",
        "interaction": "17",
        "civilian_targeting": "Civilian targeting",
        "iso": "643",
        "country": "Russia",
        "admin1": "Belgorod Oblast",
        "location": "Belgorod",
        "latitude": "50.6",
        "longitude": "36.58",
        "geo_precision": "1",
        "source": "Telegram; Russian MoD",
        "notes": "a drone struck a bus, killing at least three",
        "fatalities": "3",
    }
    assert {k: strike[k] for k in expected} == expected
    assert int(strike["timestamp"]) > 1_700_000_000


@pytest.mark.parametrize(
    ("precision", "code"),
    [("day", "1"), ("week", "2"), ("month", "3"), ("year", "3"), ("unknown", "3")],
)
def test_acled_time_precision(precision: str, code: str):
    event = replace(PROTEST, date_precision=precision)
    assert rows(export("acled-csv", [listed(event)])[1])[0]["time_precision"] == code


@pytest.mark.parametrize(
    ("precision", "code"),
    [("place", "1"), ("admin2", "2"), ("admin1", "3"), ("country", "3"), ("unknown", "3")],
)
def test_acled_geo_precision(precision: str, code: str):
    event = replace(PROTEST, where=replace(PROTEST.where, precision=precision))
    assert rows(export("acled-csv", [listed(event)])[1])[0]["geo_precision"] == code


@pytest.mark.parametrize(
    ("sub_event_type", "event_type", "disorder"),
    [
        ("Armed clash", "Battles", "Political violence"),
        ("Attack", "Violence against civilians", "Political violence"),
        ("Peaceful protest", "Protests", "Demonstrations"),
        ("Excessive force against protesters", "Protests", "Political violence; Demonstrations"),
        ("Violent demonstration", "Riots", "Demonstrations"),
        ("Mob violence", "Riots", "Political violence"),
        ("Arrests", "Strategic developments", "Strategic developments"),
    ],
)
def test_acled_disorder_type(sub_event_type: str, event_type: str, disorder: str):
    event = replace(PROTEST, event_type=event_type, sub_event_type=sub_event_type)
    assert rows(export("acled-csv", [listed(event)])[1])[0]["disorder_type"] == disorder


@pytest.mark.parametrize(
    ("actors", "inter1", "inter2", "interaction"),
    [
        ((("actor1", "Protesters"),), "6", "0", "60"),
        ((("actor1", "Civilians"), ("actor2", "Rebel group")), "7", "2", "27"),
        ((("actor1", "Rioters"), ("actor2", "Rioters")), "5", "5", "55"),
        ((("actor2", "Civilians"),), "0", "7", ""),
    ],
)
def test_acled_inter_codes(actors, inter1: str, inter2: str, interaction: str):
    event = replace(PROTEST, actors=tuple(Actor(role, "x", kind) for role, kind in actors))
    row = rows(export("acled-csv", [listed(event)])[1])[0]
    assert (row["inter1"], row["inter2"], row["interaction"]) == (inter1, inter2, interaction)


def test_acled_fatalities_is_the_low_bound_or_zero():
    events = [
        listed(replace(PROTEST, fatalities=Range(None, 10, "up to"))),
        listed(replace(PROTEST, fatalities=Range(12, None, "dozens"))),
    ]
    assert [r["fatalities"] for r in rows(export("acled-csv", events)[1])] == ["0", "12"]


# ---------------------------------------------------------------- GeoJSON


def test_geojson_is_a_point_feature_collection_in_lon_lat_order():
    n, text = export("geojson")
    collection = json.loads(text)
    assert n == 2  # the protest has no coordinates
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    strike = collection["features"][0]
    assert strike["type"] == "Feature" and strike["id"] == "doc-a:e1"
    assert strike["geometry"] == {"type": "Point", "coordinates": [36.58, 50.6]}
    assert set(strike["properties"]) == set(CSV_COLUMNS)
    assert strike["properties"]["fatalities_low"] == 3
    assert strike["properties"]["lat"] == 50.6
    assert strike["properties"]["actor2_type"] == "Civilians"


@pytest.mark.parametrize(
    ("lat", "lon"), [(None, 30.0), (50.0, None), (91.0, 30.0), (50.0, 181.0), (float("nan"), 1.0)]
)
def test_geojson_skips_events_without_valid_coordinates(lat, lon):
    event = replace(PROTEST, where=replace(PROTEST.where, lat=lat, lon=lon))
    n, text = export("geojson", [listed(event)])
    assert n == 0
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}


# ---------------------------------------------------------------- errors, ledger


def test_unknown_format_names_the_choices():
    with pytest.raises(UsageError) as err:
        export("xlsx")
    assert str(err.value) == (
        "Unknown format 'xlsx'. Choose one of: csv, acled-csv, jsonl, geojson, parquet."
    )


def test_ledger_events_export_to_every_format(tmp_path: Path):
    text = "A drone struck a bus, killing at least three."
    with Ledger.open(str(tmp_path / "ledger.db")) as ledger:
        ledger.add(result("doc-a", text, (STRIKE, TALLY)))
        stored = ledger.events()
    assert [export(fmt, stored)[0] for fmt in ("jsonl", "csv", "acled-csv", "geojson")] == [
        2, 2, 1, 2
    ]  # fmt: skip
