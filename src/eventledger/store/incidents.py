"""Incidents in the ledger: linking state, versions and queries (SQLAlchemy Core).

:func:`link_document` runs inside :meth:`Ledger.add`'s transaction, after the document's
rows are written: a document and the incidents it changes are stored together or not at
all, and an incident is never seen without its reports. Linking reads and writes only the
components the document touches (:func:`eventledger.link.relink`); on PostgreSQL the
``link_lock`` row serialises concurrent linkers so two writers never relink one component
from stale state.

Each incident change writes a new row in ``incident_versions`` and closes the previous one
(``superseded_at``): nothing is overwritten, so :func:`query` can show the ledger as it
stood at any past moment (``as_of``), while ``date`` filters say when incidents happened.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventledger.errors import UsageError
from eventledger.fingerprint import Fingerprint, fingerprint
from eventledger.incident import incident_to_dict
from eventledger.link import Incident, Node, Relinking, Report, block_keys, relink
from eventledger.store.rows import build_events
from eventledger.store.schema import (
    actors,
    claims,
    documents,
    events,
    evidence,
    fingerprints,
    incident_members,
    incident_versions,
    link_blocks,
    link_lock,
    link_nodes,
    tally_coverage,
)

_CHUNK = 500  # values per IN (...)


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """Which incidents :meth:`Ledger.incidents` returns; every field set must match.

    ``date_from``/``date_to`` bound when the incident happened (its date, inclusive);
    ``as_of`` shows the ledger as it stood at the end of that day (a date) or at that moment
    (an ISO 8601 UTC time), instead of now. ``event_type`` matches the event type or the
    sub-event type; ``text`` is a case-insensitive substring of a place, an actor's name or
    an evidence quote; ``kind`` is ``incident`` or ``tally``; ``min_sources`` the least
    number of independent sources.
    """

    date_from: date | str | None = None
    date_to: date | str | None = None
    country: str | None = None
    event_type: str | None = None
    text: str | None = None
    kind: str | None = None
    min_sources: int | None = None
    as_of: date | datetime | str | None = None
    limit: int | None = None
    offset: int = 0


# ---------------------------------------------------------------- linking


def link_document(
    conn: Connection, doc_id: str, text: str, meta: Mapping[str, Any], found: Sequence[Any],
    recorded_at: str,
) -> None:
    """Link one stored document's events (``found``) and record what changed.

    ``meta`` holds the document's ``outlet``, ``published`` (ISO) and ``url``.
    """
    conn.execute(sa.select(link_lock.c.id).where(link_lock.c.id == 1).with_for_update())
    mark = fingerprint(text)
    conn.execute(sa.insert(fingerprints), {"document_id": doc_id, "fingerprint": list(mark)})
    published = meta.get("published")
    day = date.fromisoformat(published[:10]) if published else None
    new = [Report(ev, doc_id, meta.get("outlet"), day, meta.get("url"), mark) for ev in found]
    store = SqlLinkStore(conn)
    change = relink(new, store)
    _save(conn, new, change, recorded_at)


def link_pending(conn: Connection) -> int:
    """Link stored documents whose events were never linked (a ledger from before linking).

    Documents are linked in the order they were ingested, each recorded at its
    ``ingested_at``, so the history reads as if linking had always run. Returns how many
    documents were linked.
    """
    unlinked = (
        sa.select(events.c.document_id)
        .outerjoin(link_nodes, link_nodes.c.event_id == events.c.id)
        .where(link_nodes.c.event_id.is_(None))
        .distinct()
    ).subquery()
    rows = conn.execute(
        sa.select(documents.c.id, documents.c.text, documents.c.outlet, documents.c.published,
                  documents.c.url, documents.c.ingested_at)
        .where(documents.c.id.in_(sa.select(unlinked.c.document_id)))
        .order_by(documents.c.ingested_at, documents.c.id)
    ).mappings().all()
    for row in rows:
        ev_rows = conn.execute(
            sa.select(events).where(events.c.document_id == row["id"]).order_by(events.c.ord)
        ).mappings().all()
        found = _load_events(conn, ev_rows)
        conn.execute(sa.delete(fingerprints).where(fingerprints.c.document_id == row["id"]))
        link_document(conn, row["id"], row["text"], row, found, row["ingested_at"])
    return len(rows)


class SqlLinkStore:
    """The :class:`eventledger.link.LinkStore` over the ledger's tables (one connection)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._cache: dict[str, Node] = {}

    def candidates(self, keys: Iterable[str]) -> set[str]:
        col = link_blocks.c.key
        return {
            r[0]
            for chunk in _chunks(sorted(set(keys)))
            for r in self._conn.execute(sa.select(link_blocks.c.event_id).where(col.in_(chunk)))
        }

    def components(self, event_ids: Iterable[str]) -> set[str]:
        col = link_nodes.c.event_id
        return {
            r[0]
            for chunk in _chunks(sorted(set(event_ids)))
            for r in self._conn.execute(sa.select(link_nodes.c.component).where(col.in_(chunk)))
        }

    def component_members(self, component_ids: Iterable[str]) -> set[str]:
        col = link_nodes.c.component
        return {
            r[0]
            for chunk in _chunks(sorted(set(component_ids)))
            for r in self._conn.execute(sa.select(link_nodes.c.event_id).where(col.in_(chunk)))
        }

    def nodes(self, event_ids: Iterable[str]) -> list[Node]:
        wanted = sorted(set(event_ids))
        missing = [i for i in wanted if i not in self._cache]
        for chunk in _chunks(missing):
            for report in self._load(chunk):
                self._cache[report.id] = Node.of(report)
        return [self._cache[i] for i in wanted if i in self._cache]

    def _load(self, ids: list[str]) -> list[Report]:
        ev_rows = self._conn.execute(sa.select(events).where(events.c.id.in_(ids))).mappings().all()
        doc_ids = sorted({r["document_id"] for r in ev_rows})
        docs = {
            r["id"]: r
            for r in self._conn.execute(
                sa.select(documents.c.id, documents.c.outlet, documents.c.published,
                          documents.c.url).where(documents.c.id.in_(doc_ids))
            ).mappings()
        }
        marks: dict[str, Fingerprint] = {
            r[0]: tuple(r[1])
            for r in self._conn.execute(
                sa.select(fingerprints.c.document_id, fingerprints.c.fingerprint)
                .where(fingerprints.c.document_id.in_(doc_ids))
            )
        }
        found = _load_events(self._conn, ev_rows)
        return [
            _report(ev, row["document_id"], docs[row["document_id"]],
                    marks.get(row["document_id"], ()))
            for row, ev in zip(ev_rows, found, strict=True)
        ]


def _report(ev: Any, doc_id: str, doc: Mapping[str, Any], mark: Fingerprint) -> Report:
    published = doc["published"]
    day = date.fromisoformat(published[:10]) if published else None
    return Report(ev, doc_id, doc["outlet"], day, doc["url"], mark)


def _load_events(conn: Connection, ev_rows: Sequence[Mapping[str, Any]]) -> list[Any]:
    ids = [r["id"] for r in ev_rows]
    children = [
        [row for chunk in _chunks(ids)
         for row in conn.execute(sa.select(t).where(t.c.event_id.in_(chunk))).mappings()]
        for t in (actors, claims, evidence)
    ]
    return build_events(ev_rows, *children)


def _save(conn: Connection, new: Sequence[Report], change: Relinking, now: str) -> None:
    blocks = [{"key": k, "event_id": r.id} for r in new for k in block_keys(r)]
    if blocks:
        conn.execute(sa.insert(link_blocks), blocks)
    _save_components(conn, change.components)
    _save_incidents(conn, change.incidents, now)
    _save_coverage(conn, change.coverage, now)


def _save_components(conn: Connection, components: Mapping[str, str]) -> None:
    ids = sorted(components)
    held = {
        r[0]: r[1]
        for chunk in _chunks(ids)
        for r in conn.execute(
            sa.select(link_nodes.c.event_id, link_nodes.c.component)
            .where(link_nodes.c.event_id.in_(chunk))
        )
    }
    fresh = [{"event_id": i, "component": components[i]} for i in ids if i not in held]
    if fresh:
        conn.execute(sa.insert(link_nodes), fresh)
    for old, new in {(held[i], components[i]) for i in held if held[i] != components[i]}:
        conn.execute(
            sa.update(link_nodes).where(link_nodes.c.component == old).values(component=new)
        )


def _save_incidents(conn: Connection, incidents: Sequence[Incident], now: str) -> None:
    """Write a version for each incident that changed; close those merged away."""
    member_of = {r.id: inc.id for inc in incidents for r in inc.members}
    held_members = _current_members(conn, sorted(member_of))
    records = {inc.id: incident_to_dict(inc) for inc in incidents}
    touched = sorted(set(records) | set(held_members.values()))
    current = _current_versions(conn, touched)
    for inc_id, record in records.items():
        held = current.get(inc_id)
        if held is not None and held["record"] == _json(record):
            continue
        if held is not None:
            _close(conn, inc_id, held["version"], now, None)
        _insert_version(conn, inc_id, _next_version(conn, inc_id), record, now)
    for inc_id in sorted(set(current) - set(records)):
        anchor = min(m["event_id"] for m in current[inc_id]["record"]["members"])
        _close(conn, inc_id, current[inc_id]["version"], now, member_of.get(anchor))
    moved = [e for e, inc_id in member_of.items() if held_members.get(e) != inc_id]
    col = incident_members.c
    for chunk in _chunks(moved):
        conn.execute(
            sa.update(incident_members)
            .where(col.event_id.in_(chunk), col.superseded_at.is_(None))
            .values(superseded_at=now)
        )
    if moved:
        conn.execute(
            sa.insert(incident_members),
            [{"event_id": e, "incident_id": member_of[e], "recorded_at": now} for e in moved],
        )


def _current_members(conn: Connection, event_ids: list[str]) -> dict[str, str]:
    col = incident_members.c
    return {
        r[0]: r[1]
        for chunk in _chunks(event_ids)
        for r in conn.execute(
            sa.select(col.event_id, col.incident_id)
            .where(col.event_id.in_(chunk), col.superseded_at.is_(None))
        )
    }


def _current_versions(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    col = incident_versions.c
    return {
        r["incident_id"]: dict(r)
        for chunk in _chunks(ids)
        for r in conn.execute(
            sa.select(col.incident_id, col.version, col.record)
            .where(col.incident_id.in_(chunk), col.superseded_at.is_(None))
        ).mappings()
    }


def _next_version(conn: Connection, inc_id: str) -> int:
    col = incident_versions.c
    found = conn.execute(sa.select(sa.func.max(col.version)).where(col.incident_id == inc_id))
    return int(found.scalar() or 0) + 1


def _close(conn: Connection, inc_id: str, version: int, now: str, successor: str | None) -> None:
    col = incident_versions.c
    conn.execute(
        sa.update(incident_versions)
        .where(col.incident_id == inc_id, col.version == version)
        .values(superseded_at=now, successor=successor)
    )


def _insert_version(conn: Connection, inc_id: str, version: int, record: dict[str, Any],
                    now: str) -> None:
    fat = record["fatalities"]
    conn.execute(sa.insert(incident_versions), {
        "incident_id": inc_id,
        "version": version,
        "recorded_at": now,
        "kind": record["kind"],
        "event_type": record["event_type"],
        "sub_event_type": record["sub_event_type"],
        "date": _day(record["date"]),
        "date_start": _day(record["date_start"]),
        "date_end": _day(record["date_end"]),
        "date_precision": record["date_precision"],
        "country": record["country"],
        "admin1": record["admin1"],
        "location": record["location"],
        "fatalities_low": fat["low"],
        "fatalities_best": fat["best"],
        "fatalities_high": fat["high"],
        "independent_sources": record["independent_sources"],
        "reports": record["reports"],
        "search": _search_text(record),
        "record": _json(record),
    })


def _save_coverage(conn: Connection, pairs: Iterable[tuple[str, str]], now: str) -> None:
    col = tally_coverage.c
    for tally_id, event_id in sorted(pairs):
        held = conn.execute(
            sa.select(col.tally_event_id).where(col.tally_event_id == tally_id,
                                                col.event_id == event_id)
        ).first()
        if held is None:
            conn.execute(sa.insert(tally_coverage),
                         {"tally_event_id": tally_id, "event_id": event_id, "recorded_at": now})


def _search_text(record: Mapping[str, Any]) -> str:
    words = [record.get("location"), record.get("admin1"), record.get("sub_event_type")]
    words += [a["name"] for a in record["actors"]]
    words += [e["quote"] for e in record["evidence"]]
    words += [m["location"] for m in record["members"]] + [m["outlet"] for m in record["members"]]
    return "\n".join(w for w in words if w).lower()


def _json(record: Mapping[str, Any]) -> Any:
    """The record as it reads back from a JSON column."""
    return json.loads(json.dumps(record))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# ---------------------------------------------------------------- reading


def as_of_moment(value: date | datetime | str | None) -> str | None:
    """The transaction-time instant (ISO 8601 UTC, seconds) that ``as_of`` names.

    A date means the end of that day (UTC): what the ledger held when the day was over.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return f"{value.isoformat()}T23:59:59Z"
    try:
        if len(value) == 10:
            return f"{date.fromisoformat(value).isoformat()}T23:59:59Z"
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise UsageError(
            f"Bad as-of '{value}'. Give a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)."
        ) from exc
    return _utc(moment)


def _utc(moment: datetime) -> str:
    """A time as the ledger writes it (naive times are taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _in_force(table: sa.Table, moment: str | None) -> sa.ColumnElement[bool]:
    if moment is None:
        return table.c.superseded_at.is_(None)
    return sa.and_(
        table.c.recorded_at <= moment,
        sa.or_(table.c.superseded_at.is_(None), table.c.superseded_at > moment),
    )


def query(conn: Connection, f: IncidentFilter) -> list[dict[str, Any]]:
    """Incidents matching ``f`` as they stood at ``f.as_of`` (now by default)."""
    moment = as_of_moment(f.as_of)
    col = incident_versions.c
    stmt = (
        sa.select(col.record, col.version, col.recorded_at)
        .where(_in_force(incident_versions, moment), *_conditions(f))
        .order_by(col.date.asc().nulls_last(), col.incident_id)
    )
    if f.limit is not None:
        stmt = stmt.limit(f.limit)
    if f.offset:
        stmt = stmt.offset(f.offset)
    rows = conn.execute(stmt).mappings().all()
    found = [
        {**r["record"], "version": r["version"], "recorded_at": r["recorded_at"]} for r in rows
    ]
    _add_coverage(conn, found, moment)
    return found


def one(conn: Connection, inc_id: str, as_of: date | datetime | str | None = None
        ) -> dict[str, Any] | None:
    """One incident as it stood at ``as_of`` (now by default), with its version history.

    An incident merged into another is returned as it last stood, with ``superseded_at``
    and ``successor``. None when the ledger never held it (by then).
    """
    moment = as_of_moment(as_of)
    col = incident_versions.c
    history = conn.execute(
        sa.select(col.version, col.recorded_at, col.superseded_at, col.successor, col.record)
        .where(col.incident_id == inc_id)
        .where(col.recorded_at <= moment if moment else sa.true())
        .order_by(col.version)
    ).mappings().all()
    if not history:
        return None
    last = history[-1]
    closed = last["superseded_at"]
    in_force = closed is None or (moment is not None and closed > moment)
    found = {**last["record"], "version": last["version"], "recorded_at": last["recorded_at"]}
    if not in_force:
        found["superseded_at"] = last["superseded_at"]
        found["successor"] = last["successor"]
    found["history"] = [
        {
            "version": h["version"],
            "recorded_at": h["recorded_at"],
            "superseded_at": _closed_by(h["superseded_at"], moment),
            "reports": h["record"]["reports"],
            "independent_sources": h["record"]["independent_sources"],
            "fatalities": h["record"]["fatalities"],
            "date": h["record"]["date"],
        }
        for h in history
    ]
    _add_coverage(conn, [found], moment)
    return found


def _closed_by(superseded_at: str | None, moment: str | None) -> str | None:
    """When a version was superseded, if that had happened by ``moment``."""
    if superseded_at is None or (moment is not None and superseded_at > moment):
        return None
    return superseded_at


def _conditions(f: IncidentFilter) -> list[sa.ColumnElement[bool]]:
    col = incident_versions.c
    conds: list[sa.ColumnElement[bool]] = []
    if f.date_from is not None:
        conds.append(col.date >= _as_date(f.date_from, "from-date"))
    if f.date_to is not None:
        conds.append(col.date <= _as_date(f.date_to, "to-date"))
    if f.country:
        conds.append(col.country == f.country.upper())
    if f.event_type:
        conds.append(sa.or_(col.event_type == f.event_type, col.sub_event_type == f.event_type))
    if f.kind:
        conds.append(col.kind == f.kind)
    if f.min_sources:
        conds.append(col.independent_sources >= f.min_sources)
    if f.text:
        conds.append(col.search.contains(f.text.lower(), autoescape=True))
    return conds


def _as_date(value: date | str, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"Bad {name} '{value}'. Give a date as YYYY-MM-DD.") from exc


def _add_coverage(conn: Connection, found: list[dict[str, Any]], moment: str | None) -> None:
    """Set ``covered_by`` (on incidents) or ``covers`` (on tallies): incident ids."""
    member_ids = sorted({m["event_id"] for rec in found for m in rec["members"]})
    col = tally_coverage.c
    pairs: list[tuple[str, str]] = []
    for chunk in _chunks(member_ids):
        stmt = sa.select(col.tally_event_id, col.event_id).where(
            sa.or_(col.tally_event_id.in_(chunk), col.event_id.in_(chunk))
        )
        if moment is not None:
            stmt = stmt.where(col.recorded_at <= moment)
        pairs.extend((r[0], r[1]) for r in conn.execute(stmt))
    others = sorted({e for pair in pairs for e in pair})
    incident_of = _incidents_of(conn, others, moment)
    for rec in found:
        mine = {m["event_id"] for m in rec["members"]}
        if rec["kind"] == "tally":
            linked = {incident_of.get(e) for t, e in pairs if t in mine}
            rec["covers"] = sorted(x for x in linked if x)
        else:
            linked = {incident_of.get(t) for t, e in pairs if e in mine}
            rec["covered_by"] = sorted(x for x in linked if x)


def _incidents_of(conn: Connection, event_ids: list[str], moment: str | None) -> dict[str, str]:
    col = incident_members.c
    return {
        r[0]: r[1]
        for chunk in _chunks(event_ids)
        for r in conn.execute(
            sa.select(col.event_id, col.incident_id)
            .where(col.event_id.in_(chunk), _in_force(incident_members, moment))
        )
    }
