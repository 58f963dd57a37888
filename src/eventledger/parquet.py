"""The Parquet schema: what ``eventledger batch`` writes and ``export --format parquet`` emits.

One schema, four tables, the ledger's rows with a document's small lists nested in it:

``documents``  one row per document
    id string (the ledger's doc id), content_hash string (SHA-256 of raw, hex; null when
    raw is empty), url, outlet, title string, published string (ISO date), language, path,
    fetched_at string, text string (the clean body text every span points into),
    captions list<string>, problems list<struct<stage, code, message: string>>,
    outlet_home struct<country, admin1: string, geonames_id: int64> (null when the text was
    read with no outlet home), raw binary (the input bytes, as the ledger archives them)
``events``     one row per event
    id, document_id string, ord int32 (position in its document), kind ("incident" |
    "tally"), event_type, sub_event_type string, date, date_start, date_end date32,
    date_precision, country (ISO alpha-2), admin1, admin2, location string, lat, lon float64,
    geonames_id int64, geo_precision string, fatalities_low, fatalities_high int64,
    fatalities_qualifier string, injured_low, injured_high int64, injured_qualifier string,
    confidence float64, actors list<struct<role, name, type: string>>
``claims``     one row per claim: document_id, event_id string, ord int32 (position in the
    event's claims), source, via, stance string
``evidence``   one row per span: document_id, event_id string, claim_ord int32 (null: the
    event's own evidence; else the claim it supports), ord int32, start, end int64 (character
    offsets into the document's ``text``), quote string (``text[start:end]``)

Join events to documents on ``document_id = id``; claims and evidence to events on
``event_id = id``; evidence to claims on ``(event_id, claim_ord) = (event_id, ord)``.

``export --format parquet`` writes one file of the ``events`` table with the ledger's
``claims`` (each with its ``evidence``) and ``evidence`` nested in each row, and without
``ord`` (the ``export_events`` schema), so a single file carries everything an event says.

pyarrow is imported when these functions are first called; ``pip install
'eventledger[parquet]'`` installs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO

from eventledger.errors import UsageError

if TYPE_CHECKING:
    from eventledger.store.rows import DocumentRows

Row = dict[str, Any]

TABLES = ("documents", "events", "claims", "evidence")
INSTALL = "pip install 'eventledger[parquet]'"
_EXPORT_BATCH = 10_000  # events per row group of an export


def arrow() -> Any:
    """The pyarrow module, or UsageError saying what to install."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401 - the submodule the writers use
    except ImportError as exc:
        raise UsageError(f"Parquet needs pyarrow, which is not installed: {INSTALL}") from exc
    return pyarrow


@cache
def schemas() -> dict[str, Any]:
    """The Arrow schemas, by table name: the four tables and ``export_events``."""
    pa = arrow()
    s, i32, i64 = pa.string(), pa.int32(), pa.int64()
    span = pa.struct([("start", i64), ("end", i64), ("quote", s)])
    events = _events_fields(pa)
    return {
        "documents": pa.schema(
            [
                (name, s)
                for name in (
                    "id",
                    "content_hash",
                    "url",
                    "outlet",
                    "title",
                    "published",
                    "language",
                    "path",
                    "fetched_at",
                    "text",
                )
            ]
            + [
                ("captions", pa.list_(s)),
                ("problems", pa.list_(pa.struct([("stage", s), ("code", s), ("message", s)]))),
                (
                    "outlet_home",
                    pa.struct([("country", s), ("admin1", s), ("geonames_id", pa.int64())]),
                ),
                ("raw", pa.binary()),
            ]
        ),
        "events": pa.schema(events),
        "claims": pa.schema(
            [
                ("document_id", s),
                ("event_id", s),
                ("ord", i32),
                ("source", s),
                ("via", s),
                ("stance", s),
            ]
        ),
        "evidence": pa.schema(
            [
                ("document_id", s),
                ("event_id", s),
                ("claim_ord", i32),
                ("ord", i32),
                ("start", i64),
                ("end", i64),
                ("quote", s),
            ]
        ),
        "export_events": pa.schema(
            [f for f in events if f[0] != "ord"]
            + [
                (
                    "claims",
                    pa.list_(
                        pa.struct(
                            [("source", s), ("via", s), ("stance", s), ("evidence", pa.list_(span))]
                        )
                    ),
                ),
                ("evidence", pa.list_(span)),
            ]
        ),
    }


def _events_fields(pa: Any) -> list[tuple[str, Any]]:
    s, i32, i64, f64, d = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32()
    return [
        ("id", s), ("document_id", s), ("ord", i32), ("kind", s), ("event_type", s),
        ("sub_event_type", s), ("date", d), ("date_start", d), ("date_end", d),
        ("date_precision", s), ("country", s), ("admin1", s), ("admin2", s), ("location", s),
        ("lat", f64), ("lon", f64), ("geonames_id", i64), ("geo_precision", s),
        ("fatalities_low", i64), ("fatalities_high", i64), ("fatalities_qualifier", s),
        ("injured_low", i64), ("injured_high", i64), ("injured_qualifier", s),
        ("confidence", f64),
        ("actors", pa.list_(pa.struct([("role", s), ("name", s), ("type", s)]))),
    ]  # fmt: skip


# ---------------------------------------------------------------- ledger rows <-> tables


def table_rows(rows: DocumentRows, raw: bytes) -> dict[str, list[Row]]:
    """One document's ledger rows (:func:`eventledger.store.rows.document_rows`) as rows of
    the four tables."""
    doc_id = rows.document["id"]
    document = {k: v for k, v in rows.document.items() if k != "ingested_at"}
    document["problems"] = [
        {"stage": p["stage"], "code": p["code"], "message": p["message"]}
        for p in sorted(rows.problems, key=lambda p: p["ord"])
    ]
    document["raw"] = raw
    actors_of: dict[str, list[Row]] = {}
    for a in sorted(rows.actors, key=lambda a: a["ord"]):
        actors_of.setdefault(a["event_id"], []).append(
            {"role": a["role"], "name": a["name"], "type": a["type"]}
        )
    return {
        "documents": [document],
        "events": [{**e, "actors": actors_of.get(e["id"], [])} for e in rows.events],
        "claims": [{"document_id": doc_id, **c} for c in rows.claims],
        "evidence": [{"document_id": doc_id, **e} for e in rows.evidence],
    }


def document_rows_of(
    document: Row,
    events: Iterable[Row],
    claims: Iterable[Row],
    evidence: Iterable[Row],
    *,
    ingested_at: str,
) -> tuple[DocumentRows, bytes]:
    """The inverse of :func:`table_rows`: one document's ledger rows, and its raw bytes."""
    from eventledger.store import search
    from eventledger.store.rows import DocumentRows, build_events

    doc_id = document["id"]
    doc = {k: v for k, v in document.items() if k not in ("problems", "raw")}
    doc["captions"] = list(doc["captions"] or [])
    doc["ingested_at"] = ingested_at
    event_rows, actor_rows = [], []
    for e in events:
        event_rows.append({k: v for k, v in e.items() if k != "actors"})
        actor_rows.extend(
            {"event_id": e["id"], "ord": i, **a} for i, a in enumerate(e["actors"] or [])
        )
    strip = _without("document_id")
    problems = [
        {"document_id": doc_id, "ord": i, **p} for i, p in enumerate(document["problems"] or [])
    ]
    claim_rows = [strip(c) for c in claims]
    evidence_rows = [strip(e) for e in evidence]
    built = build_events(event_rows, actor_rows, claim_rows, evidence_rows)
    words = list(search.rows_for(built, doc.get("title")))  # the full-text index's rows
    rows = DocumentRows(doc, event_rows, actor_rows, claim_rows, evidence_rows, problems, words)
    return rows, document["raw"] or b""


def _without(key: str) -> Any:
    return lambda row: {k: v for k, v in row.items() if k != key}


# ---------------------------------------------------------------- export


def write_events(events: Iterable[Mapping[str, Any]], out: BinaryIO) -> int:
    """Write ledger events (the ``extract`` event shape plus ``document_id``) to ``out`` as
    one Parquet file of :data:`export_events` rows; return how many were written."""
    pa = arrow()
    schema = schemas()["export_events"]
    n = 0
    with pa.parquet.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[Row] = []
        for ev in events:
            batch.append(_export_row(ev))
            if len(batch) >= _EXPORT_BATCH:
                n += _flush(writer, batch, schema)
        n += _flush(writer, batch, schema)
    return n


def _flush(writer: Any, batch: list[Row], schema: Any) -> int:
    if not batch:
        return 0
    writer.write_table(arrow().Table.from_pylist(batch, schema=schema))
    done = len(batch)
    batch.clear()
    return done


def _export_row(ev: Mapping[str, Any]) -> Row:
    fatalities, injured = ev.get("fatalities") or {}, ev.get("injured") or {}
    row = {name: ev.get(name) for name in _FLAT_EXPORT}
    for name in ("date", "date_start", "date_end"):
        row[name] = date.fromisoformat(row[name]) if row[name] else None
    return {
        **row,
        "fatalities_low": fatalities.get("low"),
        "fatalities_high": fatalities.get("high"),
        "fatalities_qualifier": fatalities.get("qualifier"),
        "injured_low": injured.get("low"),
        "injured_high": injured.get("high"),
        "injured_qualifier": injured.get("qualifier"),
        "actors": ev.get("actors") or [],
        "claims": ev.get("claims") or [],
        "evidence": ev.get("evidence") or [],
    }


_FLAT_EXPORT = (
    "id", "document_id", "kind", "event_type", "sub_event_type", "date", "date_start",
    "date_end", "date_precision", "country", "admin1", "admin2", "location", "lat", "lon",
    "geonames_id", "geo_precision", "confidence",
)  # fmt: skip
