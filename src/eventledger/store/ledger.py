"""The ledger: documents, their events and their raw inputs in one SQL database.

SQLite by default (one file, WAL, foreign keys on), PostgreSQL by URL (``postgresql://``
means the psycopg 3 driver). Each document is added in one transaction: all its rows or none.
Adding is idempotent: a document already held (same doc id, or same raw bytes) adds nothing,
also when several processes add the same documents at once (the unique keys decide; the loser
sees the winner's rows and adds nothing).

The same data reads back the same from either backend: ids sort by code point (PostgreSQL's
collation is not used for ordering), and text is stored as :mod:`eventledger.store.rows` says.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

from eventledger.errors import StoreError, UsageError
from eventledger.records import Event, Result
from eventledger.serialize import event_to_dict
from eventledger.store import aggregate, incidents, schema, search
from eventledger.store.incidents import IncidentFilter
from eventledger.store.rows import DocumentRows, build_events, document_rows
from eventledger.store.schema import (
    actors,
    archive,
    claims,
    documents,
    events,
    evidence,
    problems,
    search_text,
)

DEFAULT_URL = "./eventledger.db"

_SQLITE_HEADER = b"SQLite format 3\x00"
_CHUNK = 500  # ids per IN (...) when loading an event's actors, claims and evidence
_ATTEMPTS = 3  # tries of one document's transaction when PostgreSQL breaks a deadlock
_RETRY_STATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
_DRIVERLESS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events :meth:`Ledger.events` returns; every field set must match.

    ``date_from``/``date_to`` bound the event date, inclusive (``date`` or ISO string; an
    event without a date never matches a date bound). ``country`` is an ISO alpha-2 code;
    ``admin1`` a first-level division name, exactly. ``event_type`` matches the event type
    or the sub-event type, exactly; ``kind`` is ``incident`` or ``tally``. ``text`` is a
    case-insensitive substring of an evidence quote, the location, admin1 or an actor name;
    ``actor`` a case-insensitive substring of an actor name; ``search`` full-text words
    (see :mod:`eventledger.store.search`). ``bbox`` is (west, south, east, north) in degrees
    (west > east crosses the antimeridian); events without coordinates never match it.

    Order is by date (undated last) then id, or newest first with ``newest_first``.
    ``after`` is the (date, id) of the last event of the previous page: the page starts
    after it (keyset paging, as fast on the last page as on the first).
    """

    date_from: date | str | None = None
    date_to: date | str | None = None
    country: str | None = None
    event_type: str | None = None
    text: str | None = None
    document_id: str | None = None
    limit: int | None = None
    offset: int = 0
    admin1: str | None = None
    actor: str | None = None
    kind: str | None = None
    search: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    newest_first: bool = False
    after: tuple[str | None, str] | None = None


class Ledger:
    """A ledger database. Open with :meth:`Ledger.open`; use as a context manager."""

    def __init__(self, engine: sa.Engine, shown_url: str) -> None:
        self._engine = engine
        self.url = shown_url  # the URL with any password masked
        self._search: str | None = None  # the full-text backend, looked up once

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def open(cls, url: str = DEFAULT_URL) -> Ledger:
        """Open (and create or migrate) the ledger at ``url``.

        ``url`` is any SQLAlchemy URL, or a plain path meaning an SQLite file.
        """
        engine = _engine(url)
        ledger = cls(engine, _shown(engine.url))
        try:
            with ledger._errors("open"):
                ledger._prepare()
        except BaseException:
            engine.dispose()
            raise
        return ledger

    def _prepare(self) -> None:
        with self._engine.connect() as conn:
            version = schema.current_version(conn)
        foreign: list[str] = []
        if version is None:
            try:  # checks again, under the schema lock: another process may be creating it
                foreign = schema.create(self._engine)
            except sa_exc.IntegrityError:
                pass  # another process created it at the same moment (SQLite)
        if foreign:
            raise StoreError(
                f"Cannot open ledger '{self.url}': the database holds other tables "
                f"({', '.join(foreign[:5])}) and no eventledger schema; give a new file or URL."
            )
        schema.migrate(self._engine)
        if version is not None and version < 2:
            with self._engine.begin() as conn:
                incidents.link_pending(conn)  # events stored before linking existed
        if self._engine.dialect.name == "sqlite":
            # Set once the file is known to be a ledger (never on someone else's database);
            # WAL is persistent, so later connections keep it.
            with self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def add(self, result: Result) -> bool:
        """Store one document and everything extracted from it, in one transaction.

        Returns False, adding nothing, when the ledger already holds the document (same
        ``doc_id`` or same raw bytes). Raises :class:`StoreError` when it cannot be stored;
        then nothing of it is stored.
        """
        return self.add_rows(document_rows(result, _now()), result.document.raw)

    def add_rows(self, rows: DocumentRows, raw: bytes, *, link: bool = True) -> bool:
        """:meth:`add` for a document already turned into rows (as a batch run stores them).

        ``link=False`` stores it without linking it into incidents; :meth:`link_pending`
        links it later."""
        doc_id = rows.document["id"]
        key = (doc_id, rows.document["content_hash"])
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                with self._engine.begin() as conn:
                    if _holds(conn, *key):
                        return False
                    _write(conn, rows, raw)
                    if link:
                        _link(conn, rows)
                return True
            except sa_exc.IntegrityError as exc:
                with self._errors("read"), self._engine.connect() as conn:
                    if _holds(conn, *key):
                        return False  # a concurrent writer stored it first
                raise self._failure(f"store document '{doc_id}'", exc) from exc
            except sa_exc.SQLAlchemyError as exc:
                if attempt < _ATTEMPTS and _sqlstate(exc) in _RETRY_STATES:
                    continue  # PostgreSQL rolled this one back to break a deadlock
                raise self._failure(f"store document '{doc_id}'", exc) from exc
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def add_many(self, items: Sequence[tuple[DocumentRows, bytes]], *, link: bool = True) -> int:
        """Store many documents (rows and raw bytes) in one transaction; return how many
        were new.

        The bulk path of ``eventledger load``: a handful of statements for the whole batch.
        Documents already held, or repeated in ``items`` (same id or raw bytes: the first
        wins, as one-by-one :meth:`add` would have it), are skipped. When the transaction
        fails because a concurrent writer stored some of the same documents meanwhile, the
        batch is added again one document at a time, so the outcome is the same.
        """
        if not items:
            return 0
        try:
            with self._engine.begin() as conn:
                fresh = _unheld(conn, items)
                _write_many(conn, fresh)
                for rows, _raw in fresh if link else ():
                    _link(conn, rows)
            return len(fresh)
        except (sa_exc.IntegrityError, sa_exc.OperationalError) as exc:
            if isinstance(exc, sa_exc.OperationalError) and _sqlstate(exc) not in _RETRY_STATES:
                raise self._failure(f"store {len(items)} documents", exc) from exc
        except sa_exc.SQLAlchemyError as exc:
            raise self._failure(f"store {len(items)} documents", exc) from exc
        return sum(self.add_rows(rows, raw, link=link) for rows, raw in items)

    def link_pending(self) -> int:
        """Link every stored document not yet linked into incidents (after ``load --no-link``),
        in ingest order; returns how many documents were linked."""
        with self._errors("link"), self._engine.begin() as conn:
            return incidents.link_pending(conn)

    # ------------------------------------------------------------ reading

    def events(self, filter: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching ``filter``, ordered by date (undated last) then id.

        Each is the ``extract`` event shape (:func:`eventledger.serialize.event_to_dict`)
        plus ``document_id``.
        """
        return list(self.iter_events(filter))

    def iter_events(self, filter: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """:meth:`events`, one at a time, loading children for batches of events."""
        f = filter or EventFilter()
        date_order = events.c.date.desc() if f.newest_first else events.c.date.asc()
        by_id = self._by_code_point(events.c.id)
        id_order = by_id.desc() if f.newest_first else by_id.asc()
        stmt = (
            sa.select(events)
            .where(*self._conditions(f))
            .order_by(date_order.nulls_last(), id_order)
        )
        if f.limit is not None:
            stmt = stmt.limit(f.limit)
        if f.offset:
            stmt = stmt.offset(f.offset)
        with self._errors("read"), self._engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
            for start in range(0, len(rows), _CHUNK):
                chunk = rows[start : start + _CHUNK]
                for row, ev in zip(chunk, _load_events(conn, chunk), strict=True):
                    yield {"id": ev.id, "document_id": row["document_id"], **event_to_dict(ev)}

    def incidents(self, filter: IncidentFilter | None = None) -> list[dict[str, Any]]:
        """Incidents matching ``filter`` (as they stood at ``filter.as_of``; now by default),
        ordered by date (undated last) then id.

        Each is the record of :func:`eventledger.incident.incident_to_dict` plus ``version``,
        ``recorded_at`` (when the ledger learned this version) and ``covered_by`` (ids of the
        tallies that cover an incident) or ``covers`` (ids of the incidents a tally covers).
        """
        with self._errors("read"), self._engine.connect() as conn:
            return incidents.query(conn, filter or IncidentFilter())

    def incident(
        self, incident_id: str, as_of: date | datetime | str | None = None
    ) -> dict[str, Any] | None:
        """One incident as it stood at ``as_of`` (now by default) with its ``history`` of
        versions; None when the ledger did not hold it. An incident merged into another
        comes with ``superseded_at`` and ``successor``.
        """
        with self._errors("read"), self._engine.connect() as conn:
            return incidents.one(conn, incident_id, as_of)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event (the :meth:`events` shape), or None."""
        with self._errors("read"), self._engine.connect() as conn:
            rows = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().all()
            if not rows:
                return None
            (ev,) = _load_events(conn, rows)
        return {"id": ev.id, "document_id": rows[0]["document_id"], **event_to_dict(ev)}

    # ------------------------------------------------------------ summaries (web app, API)

    @property
    def search_backend(self) -> str:
        """The full-text index searches use: ``fts5``, ``postgresql`` or ``like``."""
        if self._search is None:
            with self._errors("read"), self._engine.connect() as conn:
                self._search = search.backend(conn)
        return self._search

    def count(self, filter: EventFilter | None = None) -> int:
        """How many events match ``filter`` (its limit, offset and ``after`` ignored)."""
        f = replace(filter or EventFilter(), limit=None, offset=0, after=None)
        with self._errors("read"), self._engine.connect() as conn:
            return aggregate.count(conn, self._conditions(f))

    def timeline(self, filter: EventFilter | None = None, bucket: str = "auto") -> dict[str, Any]:
        """Events and fatalities per period and event type: see :func:`aggregate.timeline`."""
        f = replace(filter or EventFilter(), limit=None, offset=0, after=None)
        with self._errors("read"), self._engine.connect() as conn:
            return aggregate.timeline(conn, self._conditions(f), bucket)

    def map_cells(
        self, filter: EventFilter | None = None, cell_deg: float = 1.0, max_cells: int = 4000
    ) -> dict[str, Any]:
        """Events for a map, clustered on a grid: see :func:`aggregate.map_cells`."""
        f = replace(filter or EventFilter(), limit=None, offset=0, after=None)
        areas_f = replace(f, bbox=None)  # a region is drawn whole, wherever its centre lies
        with self._errors("read"), self._engine.connect() as conn:
            return aggregate.map_cells(
                conn, self._conditions(f), self._conditions(areas_f), cell_deg, max_cells
            )

    def facets(self, filter: EventFilter | None = None) -> dict[str, list[dict[str, Any]]]:
        """Values to filter by, with counts: countries, admin1 (of the chosen country), types."""
        f = replace(filter or EventFilter(), limit=None, offset=0, after=None)
        with self._errors("read"), self._engine.connect() as conn:
            return {
                "country": aggregate.values(
                    conn, events.c.country, self._conditions(replace(f, country=None, admin1=None))
                ),
                "admin1": aggregate.values(
                    conn, events.c.admin1, self._conditions(replace(f, admin1=None))
                )
                if f.country
                else [],
                "event_type": aggregate.values(
                    conn, events.c.event_type, self._conditions(replace(f, event_type=None))
                ),
                "kind": aggregate.values(
                    conn, events.c.kind, self._conditions(replace(f, kind=None))
                ),
            }

    def _conditions(self, f: EventFilter) -> list[sa.ColumnElement[bool]]:
        conds = _conditions(f)
        if f.search:
            found = search.condition(f.search, self.search_backend)  # type: ignore[arg-type]
            if found is not None:
                conds.append(found)
        return conds

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document in the ``extract`` record shape, or None.

        ``document`` also carries ``content_hash`` (key of :meth:`raw`), ``fetched_at`` and
        ``ingested_at``; ``events`` are in the document's order, as ``extract`` printed them.
        """
        with self._errors("read"), self._engine.connect() as conn:
            doc = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
            if doc is None:
                return None
            ev_rows = (
                conn.execute(
                    sa.select(events).where(events.c.document_id == doc_id).order_by(events.c.ord)
                )
                .mappings()
                .all()
            )
            found = _load_events(conn, ev_rows)
            probs = conn.execute(
                sa.select(problems.c.stage, problems.c.code, problems.c.message)
                .where(problems.c.document_id == doc_id)
                .order_by(problems.c.ord)
            ).mappings()
            return _document_dict(doc._mapping, [dict(p) for p in probs], found)

    def outlet_texts(self, outlet: str, limit: int = 20) -> list[str]:
        """The texts of the newest ``limit`` documents of ``outlet`` not known to be Russian.

        What a run learns an outlet's home from (``mentions.homes``), before its new articles.
        """
        stmt = (
            sa.select(documents.c.text)
            .where(documents.c.outlet == outlet)
            .where(sa.or_(documents.c.language.is_(None), documents.c.language != "ru"))
            .order_by(documents.c.ingested_at.desc(), documents.c.id)
            .limit(limit)
        )
        with self._errors("read"), self._engine.connect() as conn:
            return list(conn.execute(stmt).scalars())

    def raw(self, content_hash: str) -> bytes | None:
        """The archived raw input with this SHA-256 (hex), or None."""
        with self._errors("read"), self._engine.connect() as conn:
            stmt = sa.select(archive.c.raw).where(archive.c.content_hash == content_hash)
            found = conn.execute(stmt).scalar()
        return bytes(found) if found is not None else None

    def stats(self) -> dict[str, Any]:
        """Counts: documents, events (total, by kind, by event type), problems (by code)."""
        with self._errors("read"), self._engine.connect() as conn:
            by_kind = _counts(conn, events.c.kind)
            by_type = _counts(conn, events.c.event_type)
            by_code = _counts(conn, problems.c.code)
            n_docs = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar()
            version = schema.current_version(conn)
        return {
            "schema_version": version,
            "documents": int(n_docs or 0),
            "events": sum(by_kind.values()),
            "events_by_kind": by_kind,
            "events_by_type": by_type,
            "problems": sum(by_code.values()),
            "problems_by_code": by_code,
        }

    def _by_code_point(self, column: sa.Column[Any]) -> sa.ColumnElement[Any]:
        """``column`` for ORDER BY in code point order, as SQLite sorts text everywhere
        (a PostgreSQL database's own collation may sort "doc-b" before "doc_a" or not)."""
        if self._engine.dialect.name == "postgresql":
            return column.collate("C")
        return column

    # ------------------------------------------------------------ errors

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except sa_exc.SQLAlchemyError as exc:
            raise self._failure(action, exc) from exc

    def _failure(self, action: str, exc: Exception) -> StoreError:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        if action == "open":
            return StoreError(
                f"Cannot open ledger '{self.url}': {reason}. "
                "Check that the path or URL points to an eventledger database you can write."
            )
        if action == "read":
            return StoreError(f"Cannot read ledger '{self.url}': {reason}.")
        return StoreError(
            f"Cannot {action} in ledger '{self.url}': {reason}. Nothing of it was stored."
        )


# ---------------------------------------------------------------- engine


def _engine(url: str) -> sa.Engine:
    """An engine for ``url`` (SQLite: checked, WAL and foreign keys on)."""
    try:
        parsed = sa.make_url(url) if "://" in url else _sqlite_url(url)
    except sa_exc.ArgumentError as exc:
        raise StoreError(
            f"Cannot open ledger '{url}': not a database URL or path ({exc}). "
            "Give a file path or a URL such as sqlite:///ledger.db or postgresql://host/db."
        ) from exc
    if parsed.drivername in _DRIVERLESS:  # SQLAlchemy's default would be psycopg2
        parsed = parsed.set(drivername=_DRIVERLESS[parsed.drivername])
    shown = _shown(parsed)
    sqlite = parsed.get_backend_name() == "sqlite"
    memory = sqlite and parsed.database in (None, "", ":memory:")
    if sqlite and not memory:
        _check_sqlite_file(parsed.database or "", shown)
    options: dict[str, Any] = {}
    if memory:  # one shared connection, or each connection would see its own empty database
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    try:
        engine = sa.create_engine(parsed, **options)
    except (ImportError, sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as exc:
        raise StoreError(
            f"Cannot open ledger '{shown}': {exc}. Install the database driver the URL names "
            "(for PostgreSQL: pip install 'eventledger[postgres]') or use an SQLite path."
        ) from exc
    if sqlite:
        sa_event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def _sqlite_url(path: str) -> sa.URL:
    return sa.URL.create("sqlite", database=str(Path(path).expanduser()))


def _shown(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def _check_sqlite_file(database: str, shown: str) -> None:
    """Refuse, before touching it, a file that is not an SQLite database."""
    if database.startswith("file:"):
        return  # an SQLite URI filename; SQLite itself will judge it
    path = Path(database)
    if path.is_dir():
        raise StoreError(f"Cannot open ledger '{shown}': it is a directory; give a file path.")
    if path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
        if header != _SQLITE_HEADER:
            raise StoreError(
                f"Cannot open ledger '{shown}': the file is not an SQLite database; "
                "give a new path or an existing ledger file."
            )


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Unicode-aware lower() so text filters fold non-ASCII (Cyrillic, accents) as
    # PostgreSQL's lower() does; SQLite's built-in folds ASCII only.
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlstate(exc: sa_exc.SQLAlchemyError) -> str | None:
    """The SQLSTATE code of a database error (PostgreSQL drivers carry one), if any."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- writing


def _holds(conn: Connection, doc_id: str, raw_hash: str | None) -> bool:
    """Whether the ledger already holds this document (by id or by raw bytes)."""
    same = documents.c.id == doc_id
    if raw_hash is not None:
        same = sa.or_(same, documents.c.content_hash == raw_hash)
    return conn.execute(sa.select(documents.c.id).where(same).limit(1)).first() is not None


def _write(conn: Connection, rows: DocumentRows, raw: bytes) -> None:
    raw_hash = rows.document["content_hash"]
    if raw_hash is not None:
        held = sa.select(archive.c.content_hash).where(archive.c.content_hash == raw_hash)
        if conn.execute(held).first() is None:
            conn.execute(sa.insert(archive), {"content_hash": raw_hash, "raw": raw})
    conn.execute(sa.insert(documents), rows.document)
    for table, batch in (
        (events, rows.events),
        (actors, rows.actors),
        (claims, rows.claims),
        (evidence, rows.evidence),
        (problems, rows.problems),
        (search_text, rows.search),
    ):
        if batch:
            conn.execute(sa.insert(table), batch)


def _link(conn: Connection, rows: DocumentRows) -> None:
    """Link a just-written document's events with the ledger's incidents (same transaction)."""
    doc = rows.document
    built = build_events(rows.events, rows.actors, rows.claims, rows.evidence)
    incidents.link_document(conn, doc["id"], doc["text"], doc, built, doc["ingested_at"])


def _unheld(
    conn: Connection, items: Sequence[tuple[DocumentRows, bytes]]
) -> list[tuple[DocumentRows, bytes]]:
    """The items the ledger does not hold, each id and raw content kept once (first wins)."""
    ids = {rows.document["id"] for rows, _ in items}
    hashes = {h for rows, _ in items if (h := rows.document["content_hash"]) is not None}
    seen_ids = _present(conn, documents.c.id, ids)
    seen_hashes = _present(conn, documents.c.content_hash, hashes)
    fresh = []
    for rows, raw in items:
        doc_id, raw_hash = rows.document["id"], rows.document["content_hash"]
        if doc_id in seen_ids or (raw_hash is not None and raw_hash in seen_hashes):
            continue
        seen_ids.add(doc_id)
        if raw_hash is not None:
            seen_hashes.add(raw_hash)
        fresh.append((rows, raw))
    return fresh


def _present(conn: Connection, column: sa.Column[Any], values: set[str]) -> set[str]:
    """Which of ``values`` the column holds."""
    found: set[str] = set()
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        found.update(conn.execute(sa.select(column).where(column.in_(chunk))).scalars())
    return found


def _write_many(conn: Connection, items: Sequence[tuple[DocumentRows, bytes]]) -> None:
    archived = _present(
        conn, archive.c.content_hash, {h for r, _ in items if (h := r.document["content_hash"])}
    )
    raws = [
        {"content_hash": h, "raw": raw}
        for rows, raw in items
        if (h := rows.document["content_hash"]) is not None and h not in archived
    ]
    for table, batch in (
        (archive, raws),
        (documents, [rows.document for rows, _ in items]),
        (events, [r for rows, _ in items for r in rows.events]),
        (actors, [r for rows, _ in items for r in rows.actors]),
        (claims, [r for rows, _ in items for r in rows.claims]),
        (evidence, [r for rows, _ in items for r in rows.evidence]),
        (problems, [r for rows, _ in items for r in rows.problems]),
    ):
        if batch:
            conn.execute(sa.insert(table), batch)


# ---------------------------------------------------------------- reading


def _as_date(value: date | str, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"Bad {name} '{value}'. Give a date as YYYY-MM-DD.") from exc


def _conditions(f: EventFilter) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if f.date_from is not None:
        conds.append(events.c.date >= _as_date(f.date_from, "date_from"))
    if f.date_to is not None:
        conds.append(events.c.date <= _as_date(f.date_to, "date_to"))
    if f.country:
        conds.append(events.c.country == f.country.upper())
    if f.event_type:
        conds.append(
            sa.or_(events.c.event_type == f.event_type, events.c.sub_event_type == f.event_type)
        )
    if f.document_id:
        conds.append(events.c.document_id == f.document_id)
    if f.text:
        conds.append(_text_condition(f.text.lower()))
    if f.admin1:
        conds.append(events.c.admin1 == f.admin1)
    if f.kind:
        conds.append(events.c.kind == f.kind)
    if f.actor:
        name = sa.func.lower(actors.c.name, type_=sa.String)
        has_actor = name.contains(f.actor.lower(), autoescape=True)
        conds.append(events.c.id.in_(sa.select(actors.c.event_id).where(has_actor)))
    if f.bbox is not None:
        conds.append(_in_bbox(*f.bbox))
    if f.after is not None:
        conds.append(_after(f.after, f.newest_first))
    return conds


def _in_bbox(west: float, south: float, east: float, north: float) -> sa.ColumnElement[bool]:
    lon = (
        events.c.lon.between(west, east)
        if west <= east
        else sa.or_(events.c.lon >= west, events.c.lon <= east)
    )
    return sa.and_(events.c.lat.between(south, north), lon)


def _after(key: tuple[str | None, str], newest_first: bool) -> sa.ColumnElement[bool]:
    """Events after (date, id) in the listing order (undated events come last)."""
    day, event_id = key
    later_id = events.c.id < event_id if newest_first else events.c.id > event_id
    if day is None:
        return sa.and_(events.c.date.is_(None), later_id)
    when = _as_date(day, "page key")
    later_day = events.c.date < when if newest_first else events.c.date > when
    return sa.or_(later_day, sa.and_(events.c.date == when, later_id), events.c.date.is_(None))


def _text_condition(needle: str) -> sa.ColumnElement[bool]:
    def has(col: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
        return sa.func.lower(col, type_=sa.String).contains(needle, autoescape=True)

    return sa.or_(
        has(events.c.location),
        has(events.c.admin1),
        events.c.id.in_(sa.select(evidence.c.event_id).where(has(evidence.c.quote))),
        events.c.id.in_(sa.select(actors.c.event_id).where(has(actors.c.name))),
    )


def _load_events(conn: Connection, event_rows: Sequence[Mapping[str, Any]]) -> list[Event]:
    """Events for these rows, their children fetched with one query per table per chunk."""
    built: list[Event] = []
    for start in range(0, len(event_rows), _CHUNK):
        chunk = event_rows[start : start + _CHUNK]
        ids = [r["id"] for r in chunk]
        children = [
            conn.execute(sa.select(t).where(t.c.event_id.in_(ids))).mappings().all()
            for t in (actors, claims, evidence)
        ]
        built.extend(build_events(chunk, *children))
    return built


def _document_dict(
    doc: Mapping[str, Any], probs: list[dict[str, Any]], found: list[Event]
) -> dict[str, Any]:
    keys = ("id", "url", "outlet", "title", "published", "language", "path", "outlet_home")
    extra = ("content_hash", "fetched_at", "ingested_at")
    return {
        "document": {k: doc[k] for k in keys + extra},
        "text": doc["text"],
        "captions": list(doc["captions"]),
        "problems": probs,
        "events": [event_to_dict(e) for e in found],
    }


def _counts(conn: Connection, column: sa.Column[Any]) -> dict[str, int]:
    stmt = sa.select(column, sa.func.count()).group_by(column).order_by(column)
    return {str(key): int(n) for key, n in conn.execute(stmt)}
