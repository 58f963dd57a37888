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
from dataclasses import dataclass
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
from eventledger.store import schema
from eventledger.store.rows import DocumentRows, build_events, document_rows
from eventledger.store.schema import actors, archive, claims, documents, events, evidence, problems

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
    event without a date never matches a date bound). ``country`` is an ISO alpha-2 code.
    ``event_type`` matches the event type or the sub-event type, exactly. ``text`` is a
    case-insensitive substring of an evidence quote, the location, admin1 or an actor name.
    """

    date_from: date | str | None = None
    date_to: date | str | None = None
    country: str | None = None
    event_type: str | None = None
    text: str | None = None
    document_id: str | None = None
    limit: int | None = None
    offset: int = 0


class Ledger:
    """A ledger database. Open with :meth:`Ledger.open`; use as a context manager."""

    def __init__(self, engine: sa.Engine, shown_url: str) -> None:
        self._engine = engine
        self.url = shown_url  # the URL with any password masked

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

    def add_rows(self, rows: DocumentRows, raw: bytes) -> bool:
        """:meth:`add` for a document already turned into rows (as a batch run stores them)."""
        doc_id = rows.document["id"]
        key = (doc_id, rows.document["content_hash"])
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                with self._engine.begin() as conn:
                    if _holds(conn, *key):
                        return False
                    _write(conn, rows, raw)
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

    def add_many(self, items: Sequence[tuple[DocumentRows, bytes]]) -> int:
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
            return len(fresh)
        except (sa_exc.IntegrityError, sa_exc.OperationalError) as exc:
            if isinstance(exc, sa_exc.OperationalError) and _sqlstate(exc) not in _RETRY_STATES:
                raise self._failure(f"store {len(items)} documents", exc) from exc
        except sa_exc.SQLAlchemyError as exc:
            raise self._failure(f"store {len(items)} documents", exc) from exc
        return sum(self.add_rows(rows, raw) for rows, raw in items)

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
        stmt = (
            sa.select(events)
            .where(*_conditions(f))
            .order_by(events.c.date.asc().nulls_last(), self._by_code_point(events.c.id))
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
    ):
        if batch:
            conn.execute(sa.insert(table), batch)


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
    return conds


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
    keys = ("id", "url", "outlet", "title", "published", "language", "path")
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
