"""Summaries of the events a filter selects, computed in the database: counts, a timeline,
grid clusters for a map, and the values a filter can take.

Each function takes an open connection and the filter's conditions (built by the
:class:`~eventledger.store.ledger.Ledger`), so the work stays in SQL and only small results
cross into Python, however many events match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventledger.errors import UsageError
from eventledger.store.schema import events

Conditions = Sequence[sa.ColumnElement[bool]]

BUCKETS = ("day", "week", "month", "auto")
POINT_PRECISIONS = ("place", "admin2")  # coordinates that name a spot (admin2: roughly)
AREA_PRECISIONS = ("admin1", "country")  # coordinates that are only a region's centre
MEMBERS_LISTED = 8  # a cluster this small lists its events
_MAX_PERIODS = 3000
_CHUNK = 500
_DETAIL = (
    events.c.id,
    events.c.kind,
    events.c.event_type,
    events.c.sub_event_type,
    events.c.date,
    events.c.location,
    events.c.admin1,
    events.c.country,
    events.c.lat,
    events.c.lon,
    events.c.geo_precision,
    events.c.fatalities_low,
    events.c.fatalities_high,
)


def count(conn: Connection, conds: Conditions) -> int:
    stmt = sa.select(sa.func.count()).select_from(events).where(*conds)
    return int(conn.execute(stmt).scalar() or 0)


def values(conn: Connection, column: sa.Column[Any], conds: Conditions) -> list[dict[str, Any]]:
    """The distinct non-empty values of ``column`` among matching events, with counts."""
    n = sa.func.count().label("n")
    stmt = (
        sa.select(column, n)
        .where(*conds, column.is_not(None))
        .group_by(column)
        .order_by(n.desc(), column)
    )
    return [{"value": v, "count": int(c)} for v, c in conn.execute(stmt)]


def _fatalities() -> sa.ColumnElement[Any]:
    """Fatalities that may be added up: an incident's low figure (tallies would double count)."""
    return sa.func.sum(sa.case((events.c.kind == "incident", events.c.fatalities_low), else_=None))


# ---------------------------------------------------------------- timeline


def timeline(conn: Connection, conds: Conditions, bucket: str = "auto") -> dict[str, Any]:
    """Events and fatalities per period, by event type.

    ``bucket`` is ``day``, ``week`` (ISO weeks, starting Monday), ``month`` or ``auto`` (day up
    to 92 days, week up to 3 years, month beyond). Fatalities add up incidents' low figures
    only; tallies are counted as events but never add fatalities. Returns ``{"bucket",
    "periods": [{"start", "end", "events", "fatalities", "by_type": {type: {"events",
    "fatalities"}}}], "undated"}``, periods without events included, oldest first.
    """
    if bucket not in BUCKETS:
        raise UsageError(f"Unknown bucket '{bucket}'. Choose one of: {', '.join(BUCKETS)}.")
    stmt = (
        sa.select(events.c.date, events.c.event_type, sa.func.count(), _fatalities())
        .where(*conds)
        .group_by(events.c.date, events.c.event_type)
    )
    rows = conn.execute(stmt).all()
    dated = [(d, t, int(n), int(f or 0)) for d, t, n, f in rows if d is not None]
    undated = sum(int(n) for d, _, n, _ in rows if d is None)
    if not dated:
        return {"bucket": "day" if bucket == "auto" else bucket, "periods": [], "undated": undated}
    first, last = min(r[0] for r in dated), max(r[0] for r in dated)
    if bucket == "auto":
        bucket = _auto_bucket(first, last)
    periods = {start: _period(start, bucket) for start in _starts(first, last, bucket)}
    for day, event_type, n, fatalities in dated:
        period = periods[_start_of(day, bucket)]
        period["events"] += n
        period["fatalities"] += fatalities
        by_type = period["by_type"].setdefault(event_type, {"events": 0, "fatalities": 0})
        by_type["events"] += n
        by_type["fatalities"] += fatalities
    return {"bucket": bucket, "periods": list(periods.values()), "undated": undated}


def _auto_bucket(first: date, last: date) -> str:
    days = (last - first).days
    return "day" if days <= 92 else "week" if days <= 3 * 366 else "month"


def _start_of(day: date, bucket: str) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def _next_start(start: date, bucket: str) -> date:
    if bucket == "week":
        return start + timedelta(days=7)
    if bucket == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def _starts(first: date, last: date, bucket: str) -> Iterable[date]:
    start = _start_of(first, bucket)
    for _ in range(_MAX_PERIODS):
        if start > last:
            return
        yield start
        start = _next_start(start, bucket)
    raise UsageError(
        f"A {bucket} timeline from {first} to {last} has more than {_MAX_PERIODS} periods; "
        "use a coarser bucket or a shorter date range."
    )


def _period(start: date, bucket: str) -> dict[str, Any]:
    end = _next_start(start, bucket) - timedelta(days=1)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "events": 0,
        "fatalities": 0,
        "by_type": {},
    }


# ---------------------------------------------------------------- map


def map_cells(
    conn: Connection,
    point_conds: Conditions,
    area_conds: Conditions,
    cell_deg: float,
    max_cells: int = 4000,
) -> dict[str, Any]:
    """Matching events for a map, honest about how precisely each is placed.

    - ``points``: events placed at a spot (``place``, or roughly at ``admin2``), clustered on a
      grid of ``cell_deg`` degrees: per cell its count, mean position, bounds, fatalities,
      counts by type, and its events when there are at most :data:`MEMBERS_LISTED`. At most
      ``max_cells`` cells, the fullest first (``truncated`` says when more were left out).
    - ``areas``: events known only to a first-level division or a country, one entry per
      region (its centre, count, fatalities, by type; its events when few).
    - ``unplaced``: how many matching events have no usable place at all.
    """
    if not cell_deg > 0:
        raise UsageError(f"cell_deg must be positive, not {cell_deg}.")
    points, truncated = _point_cells(conn, point_conds, cell_deg, max_cells)
    areas = _area_groups(conn, area_conds)
    n_all = count(conn, area_conds)
    n_placed = count(conn, [*area_conds, _placed()])
    return {
        "cell_deg": cell_deg,
        "points": points,
        "areas": areas,
        "truncated": truncated,
        "unplaced": n_all - n_placed,
    }


def _placed() -> sa.ColumnElement[bool]:
    return sa.and_(
        events.c.lat.is_not(None),
        events.c.lon.is_not(None),
        events.c.geo_precision.in_(POINT_PRECISIONS + AREA_PRECISIONS),
    )


def _floor(conn: Connection, value: sa.ColumnElement[Any]) -> sa.ColumnElement[int]:
    """floor() of a non-negative value: SQLite lacks floor() in many builds, and its integer
    cast truncates, which is the floor for values >= 0; PostgreSQL's cast rounds."""
    if conn.dialect.name == "sqlite":
        return sa.cast(value, sa.Integer)
    return sa.cast(sa.func.floor(value), sa.Integer)


def _point_cells(
    conn: Connection, conds: Conditions, cell_deg: float, max_cells: int
) -> tuple[list[dict[str, Any]], bool]:
    row = _floor(conn, (events.c.lat + 90.0) / cell_deg)
    col = _floor(conn, (events.c.lon + 180.0) / cell_deg)
    key = (row * 100_000 + col).label("key")
    where = [
        *conds,
        events.c.lat.is_not(None),
        events.c.lon.is_not(None),
        events.c.geo_precision.in_(POINT_PRECISIONS),
    ]
    stmt = (
        sa.select(
            key,
            events.c.event_type,
            sa.func.count(),
            sa.func.sum(events.c.lat),
            sa.func.sum(events.c.lon),
            _fatalities(),
            sa.func.min(events.c.lat),
            sa.func.max(events.c.lat),
            sa.func.min(events.c.lon),
            sa.func.max(events.c.lon),
        )
        .where(*where)
        .group_by(key, events.c.event_type)
    )
    cells: dict[int, dict[str, Any]] = {}
    for k, event_type, n, sum_lat, sum_lon, fat, lat0, lat1, lon0, lon1 in conn.execute(stmt):
        cell = cells.setdefault(k, _new_cell(k))
        cell["count"] += n
        cell["_lat"] += sum_lat
        cell["_lon"] += sum_lon
        cell["fatalities"] += int(fat or 0)
        cell["by_type"][event_type] = cell["by_type"].get(event_type, 0) + n
        b = cell["bounds"]
        cell["bounds"] = [min(b[0], lat0), min(b[1], lon0), max(b[2], lat1), max(b[3], lon1)]
    ordered = sorted(cells.values(), key=lambda c: (-c["count"], c["key"]))
    kept, truncated = ordered[:max_cells], len(ordered) > max_cells
    for cell in kept:
        n = cell["count"]
        cell["lat"], cell["lon"] = cell.pop("_lat") / n, cell.pop("_lon") / n
    small = {c["key"]: c for c in kept if c["count"] <= MEMBERS_LISTED}
    for start in range(0, len(small), _CHUNK):
        keys = list(small)[start : start + _CHUNK]
        detail = sa.select(key, *_DETAIL).where(*where, key.in_(keys)).order_by(events.c.id)
        for r in conn.execute(detail).mappings():
            small[r["key"]]["events"].append(_member(r))
    return kept, truncated


def _new_cell(key: int) -> dict[str, Any]:
    inf = float("inf")
    return {
        "key": key,
        "count": 0,
        "_lat": 0.0,
        "_lon": 0.0,
        "fatalities": 0,
        "by_type": {},
        "bounds": [inf, inf, -inf, -inf],
        "events": [],
    }


def _member(r: Any) -> dict[str, Any]:
    return {
        "id": r["id"],
        "kind": r["kind"],
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "date": r["date"].isoformat() if r["date"] else None,
        "location": r["location"],
        "admin1": r["admin1"],
        "country": r["country"],
        "lat": r["lat"],
        "lon": r["lon"],
        "geo_precision": r["geo_precision"],
        "fatalities": {"low": r["fatalities_low"], "high": r["fatalities_high"]},
    }


def _area_groups(conn: Connection, conds: Conditions) -> list[dict[str, Any]]:
    precision, country = events.c.geo_precision, events.c.country
    admin1 = sa.case((precision == "admin1", events.c.admin1), else_=None).label("region")
    where = [
        *conds,
        precision.in_(AREA_PRECISIONS),
        country.is_not(None),
        events.c.lat.is_not(None),
        events.c.lon.is_not(None),
    ]
    stmt = (
        sa.select(
            precision,
            country,
            admin1,
            events.c.event_type,
            sa.func.count(),
            sa.func.avg(events.c.lat),
            sa.func.avg(events.c.lon),
            _fatalities(),
        )
        .where(*where)
        .group_by(precision, country, admin1, events.c.event_type)
    )
    groups: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for prec, cc, region, event_type, n, lat, lon, fat in conn.execute(stmt):
        group = groups.setdefault(
            (prec, cc, region),
            {
                "precision": prec,
                "country": cc,
                "admin1": region,
                "count": 0,
                "lat": lat,
                "lon": lon,
                "fatalities": 0,
                "by_type": {},
                "events": [],
            },
        )
        group["count"] += n
        group["fatalities"] += int(fat or 0)
        group["by_type"][event_type] = group["by_type"].get(event_type, 0) + n
    small = {k: g for k, g in groups.items() if g["count"] <= MEMBERS_LISTED}
    if small:
        detail = sa.select(*_DETAIL).where(*where).order_by(events.c.id)
        regions = {(p, c) for p, c, _ in small}
        detail = detail.where(sa.tuple_(precision, country).in_(sorted(regions)))
        for r in conn.execute(detail).mappings():
            k = (
                r["geo_precision"],
                r["country"],
                r["admin1"] if r["geo_precision"] == "admin1" else None,
            )
            if k in small:
                small[k]["events"].append(_member(r))
    return sorted(groups.values(), key=lambda g: (-g["count"], g["country"], g["admin1"] or ""))
