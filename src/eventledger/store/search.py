"""Full-text search over events: the words of each event in ``search_text``, and an index on it.

Each event gets one ``search_text`` row, written in the same transaction as the event: its
document's title, its places, actor names, claim sources and evidence quotes. The index is
the database's own:

    SQLite      an FTS5 table ``search_fts`` over ``search_text`` (external content), kept in
                step by triggers; queries are word prefixes ANDed ("belgor conscr" finds
                "Belgorod ... conscripts"), case- and accent-insensitive
    PostgreSQL  a GIN index on ``to_tsvector('simple', body)``; the same prefix-AND queries
                through ``to_tsquery``
    other       case-insensitive substring match of every word (slow on large ledgers)

A query is never passed to the search engine as syntax: it is cut into words (letters and
digits), so no input can make a malformed query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventledger.records import Event
from eventledger.store.schema import actors, claims, documents, events, evidence, search_text

Backend = Literal["fts5", "postgresql", "like"]

_WORD = re.compile(r"\w+")
_MAX_WORDS = 12

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "body, content='search_text', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_text_ai AFTER INSERT ON search_text BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_text_ad AFTER DELETE ON search_text BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_text_au AFTER UPDATE ON search_text BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
)
_POSTGRESQL_DDL = (
    "CREATE INDEX IF NOT EXISTS ix_search_text_tsv ON search_text "
    "USING gin (to_tsvector('simple', body))",
)


def body_of(event: Event, title: str | None) -> str:
    """The words an event is found by."""
    w = event.where
    parts: list[str | None] = [title, w.location, w.admin2, w.admin1, w.country]
    parts += [a.name for a in event.actors]
    parts += [c.source for c in event.claims] + [c.via for c in event.claims]
    parts += [s.quote for s in event.evidence]
    parts += [s.quote for c in event.claims for s in c.evidence]
    return "\n".join(dict.fromkeys(p for p in parts if p))


def install(conn: Connection) -> None:
    """Create the database's own index over ``search_text`` (where it has one)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        if not _sqlite_has_fts5():
            return  # an SQLite built without FTS5: searches fall back to substring matching
        for ddl in _SQLITE_DDL:
            conn.exec_driver_sql(ddl)
    elif dialect == "postgresql":
        for ddl in _POSTGRESQL_DDL:
            conn.exec_driver_sql(ddl)


def _sqlite_has_fts5() -> bool:
    import sqlite3

    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def backend(conn: Connection) -> Backend:
    """Which index searches use on this database."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        return "postgresql"
    if dialect == "sqlite" and sa.inspect(conn).has_table("search_fts"):
        return "fts5"
    return "like"


def words(query: str) -> list[str]:
    """The words of a query, lower-cased, at most a dozen."""
    return [w.lower() for w in _WORD.findall(query)][:_MAX_WORDS]


def condition(query: str, engine: Backend) -> sa.ColumnElement[bool] | None:
    """Events whose words match every word of ``query`` as a prefix; None when it has none."""
    found = words(query)
    if not found:
        return None
    if engine == "fts5":
        fts = " ".join('"' + w.replace('"', "") + '"*' for w in found)
        rowids = (
            sa.select(sa.literal_column("rowid"))
            .select_from(sa.table("search_fts"))
            .where(sa.literal_column("search_fts").op("MATCH")(sa.bindparam(None, fts)))
        )
        matched = sa.select(search_text.c.event_id).where(search_text.c.id.in_(rowids))
    elif engine == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in found)
        vector = sa.func.to_tsvector(sa.literal_column("'simple'"), search_text.c.body)
        matched = sa.select(search_text.c.event_id).where(
            vector.op("@@")(sa.func.to_tsquery(sa.literal_column("'simple'"), tsquery))
        )
    else:
        body = sa.func.lower(search_text.c.body, type_=sa.String)
        matched = sa.select(search_text.c.event_id).where(
            *(body.contains(w, autoescape=True) for w in found)
        )
    return events.c.id.in_(matched)


def backfill(conn: Connection) -> None:
    """Write ``search_text`` for every event of an existing ledger (schema migration 2)."""
    from eventledger.store.rows import build_events

    titles = dict(conn.execute(sa.select(documents.c.id, documents.c.title)).all())
    rows = conn.execute(sa.select(events)).mappings().all()
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        ids = [r["id"] for r in chunk]
        children = [
            conn.execute(sa.select(t).where(t.c.event_id.in_(ids))).mappings().all()
            for t in (actors, claims, evidence)
        ]
        built = build_events(chunk, *children)
        batch = [
            {"event_id": ev.id, "body": body_of(ev, titles.get(row["document_id"]))}
            for row, ev in zip(chunk, built, strict=True)
        ]
        if batch:
            conn.execute(sa.insert(search_text), batch)


def rows_for(events_: Iterable[Event], title: str | None) -> list[Mapping[str, Any]]:
    """The ``search_text`` rows of one document's events."""
    return [{"event_id": ev.id, "body": body_of(ev, title)} for ev in events_]
