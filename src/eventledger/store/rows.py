"""Records <-> table rows: one :class:`Result` to the rows that store it, and rows back to
:class:`Event` records.

Rows are plain dicts keyed by column name, ready for ``insert().values`` / executemany.

Text is stored as every backend can hold it: U+0000, which PostgreSQL's text type refuses,
and lone surrogates (a JSON Lines "\\ud800"), which no database driver can encode as UTF-8,
become U+FFFD on SQLite and PostgreSQL alike, one character for one, so offsets and quotes
still line up (``text[start:end] == quote`` holds in the ledger too).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventledger.records import Actor, Claim, Event, Location, Range, Result, Span
from eventledger.serialize import result_to_dict
from eventledger.store import search

Row = dict[str, Any]


def content_hash(raw: bytes) -> str | None:
    """SHA-256 of the raw input; None for an empty input (nothing to archive or key on)."""
    return hashlib.sha256(raw).hexdigest() if raw else None


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """Every row one document adds, table by table."""

    document: Row
    events: list[Row]
    actors: list[Row]
    claims: list[Row]
    evidence: list[Row]
    problems: list[Row]
    search: list[Row]  # search_text: the words each event is found by


def document_rows(result: Result, ingested_at: str) -> DocumentRows:
    """The rows that store ``result``; document fields follow the ``extract`` contract."""
    record = result_to_dict(result)
    meta = record["document"]
    doc = result.document
    document = {
        "id": result.doc_id,
        "content_hash": content_hash(doc.raw),
        **{k: meta[k] for k in ("url", "outlet", "title", "published", "language", "path")},
        "fetched_at": doc.fetched_at,
        "text": record["text"],
        "captions": record["captions"],
        "ingested_at": ingested_at,
        "outlet_home": meta["outlet_home"],
    }
    rows = DocumentRows(document, [], [], [], [], [], [])
    for ord_, event in enumerate(result.events):
        rows.events.append(_event_row(event, result.doc_id, ord_))
        _add_children(rows, event)
    rows.problems.extend(
        {"document_id": result.doc_id, "ord": i, "stage": p.stage, "code": p.code,
         "message": p.message}
        for i, p in enumerate(result.problems)
    )
    rows.search.extend(search.rows_for(result.events, meta["title"]))
    return _storable(rows)


def _storable(rows: DocumentRows) -> DocumentRows:
    """``rows`` with every U+0000 and lone surrogate in their text made U+FFFD (see the
    module's docstring)."""
    tables = (rows.events, rows.actors, rows.claims, rows.evidence, rows.problems, rows.search)
    if not any(_has_nul(v) for row in (rows.document, *(r for t in tables for r in t))
               for v in row.values()):
        return rows
    clean = [[{k: _no_nul(v) for k, v in row.items()} for row in table] for table in tables]
    return DocumentRows({k: _no_nul(v) for k, v in rows.document.items()}, *clean)


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    return isinstance(value, list) and any(_has_nul(v) for v in value)


def _no_nul(value: Any) -> Any:
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_no_nul(v) for v in value]
    return value


def _event_row(event: Event, document_id: str, ord_: int) -> Row:
    w = event.where
    return {
        "id": event.id,
        "document_id": document_id,
        "ord": ord_,
        "kind": event.kind,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "date_precision": event.date_precision,
        "country": w.country,
        "admin1": w.admin1,
        "admin2": w.admin2,
        "location": w.location,
        "lat": w.lat,
        "lon": w.lon,
        "geonames_id": w.geonames_id,
        "geo_precision": w.precision,
        **_range_row("fatalities", event.fatalities),
        **_range_row("injured", event.injured),
        "confidence": event.confidence,
    }


def _range_row(prefix: str, r: Range) -> Row:
    return {f"{prefix}_low": r.low, f"{prefix}_high": r.high, f"{prefix}_qualifier": r.qualifier}


def _add_children(rows: DocumentRows, event: Event) -> None:
    rows.actors.extend(
        {"event_id": event.id, "ord": i, "role": a.role, "name": a.name, "type": a.type}
        for i, a in enumerate(event.actors)
    )
    rows.evidence.extend(_evidence_rows(event.id, None, event.evidence))
    for i, claim in enumerate(event.claims):
        rows.claims.append(
            {"event_id": event.id, "ord": i, "source": claim.source, "via": claim.via,
             "stance": claim.stance}
        )
        rows.evidence.extend(_evidence_rows(event.id, i, claim.evidence))


def _evidence_rows(event_id: str, claim_ord: int | None, spans: Iterable[Span]) -> list[Row]:
    return [
        {"event_id": event_id, "claim_ord": claim_ord, "ord": i, "start": s.start,
         "end": s.end, "quote": s.quote}
        for i, s in enumerate(spans)
    ]


# ---------------------------------------------------------------- rows -> records


def build_events(
    event_rows: Sequence[Mapping[str, Any]],
    actor_rows: Iterable[Mapping[str, Any]],
    claim_rows: Iterable[Mapping[str, Any]],
    evidence_rows: Iterable[Mapping[str, Any]],
) -> list[Event]:
    """Events from their rows and their children's rows (children in any order)."""
    actors_of: dict[str, list[tuple[int, Actor]]] = {}
    for r in actor_rows:
        actors_of.setdefault(r["event_id"], []).append(
            (r["ord"], Actor(r["role"], r["name"], r["type"]))
        )
    spans_of: dict[tuple[str, int | None], list[tuple[int, Span]]] = {}
    for r in evidence_rows:
        spans_of.setdefault((r["event_id"], r["claim_ord"]), []).append(
            (r["ord"], Span(r["start"], r["end"], r["quote"]))
        )
    claims_of: dict[str, list[tuple[int, Claim]]] = {}
    for r in claim_rows:
        spans = _in_order(spans_of.get((r["event_id"], r["ord"]), []))
        claims_of.setdefault(r["event_id"], []).append(
            (r["ord"], Claim(r["source"], r["via"], r["stance"], spans))
        )
    return [
        _event(
            r,
            _in_order(actors_of.get(r["id"], [])),
            _in_order(claims_of.get(r["id"], [])),
            _in_order(spans_of.get((r["id"], None), [])),
        )
        for r in event_rows
    ]


def _in_order(items: list[tuple[int, Any]]) -> tuple[Any, ...]:
    return tuple(item for _, item in sorted(items, key=lambda pair: pair[0]))


def _event(
    r: Mapping[str, Any],
    actors: tuple[Actor, ...],
    claims: tuple[Claim, ...],
    evidence: tuple[Span, ...],
) -> Event:
    where = Location(
        country=r["country"],
        admin1=r["admin1"],
        admin2=r["admin2"],
        location=r["location"],
        lat=r["lat"],
        lon=r["lon"],
        geonames_id=r["geonames_id"],
        precision=r["geo_precision"],
    )
    return Event(
        id=r["id"],
        kind=r["kind"],
        event_type=r["event_type"],
        sub_event_type=r["sub_event_type"],
        date=r["date"],
        date_start=r["date_start"],
        date_end=r["date_end"],
        date_precision=r["date_precision"],
        where=where,
        actors=actors,
        fatalities=Range(r["fatalities_low"], r["fatalities_high"], r["fatalities_qualifier"]),
        injured=Range(r["injured_low"], r["injured_high"], r["injured_qualifier"]),
        claims=claims,
        evidence=evidence,
        confidence=r["confidence"],
    )
