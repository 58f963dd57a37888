"""The ledger's tables (SQLAlchemy Core) and its forward-only migrations.

Everything here is portable Core: it runs unchanged on SQLite and PostgreSQL.

Tables::

    archive        content_hash PK, raw            each raw input once, by SHA-256
    documents      id PK, content_hash (unique, -> archive), url, outlet, title, published,
                   language, path, fetched_at, text, captions (JSON), ingested_at
    events         id PK, document_id -> documents, ord, kind, event_type, sub_event_type,
                   date, date_start, date_end, date_precision, country, admin1, admin2,
                   location, lat, lon, geonames_id, geo_precision, fatalities_low/high/
                   qualifier, injured_low/high/qualifier, confidence
    actors         (event_id -> events, ord) PK, role, name, type
    claims         id PK, (event_id -> events, ord) unique, source, via, stance
    evidence       id PK, event_id -> events, claim_ord (NULL: the event's own evidence,
                   else (event_id, claim_ord) -> claims), ord, start, end, quote
    problems       id PK, document_id -> documents, ord, stage, code, message
    search_text    id PK, event_id (unique, -> events), body   the words full-text search reads
                   (indexed by FTS5 on SQLite, a GIN index on PostgreSQL: see ``search``)
    schema_version version, applied_at           one row per schema version reached

``documents`` is indexed by outlet (version 5): an outlet's stored texts teach a run where the
outlet's home is (``mentions.homes``).

Linking (version 2; :mod:`eventledger.store.incidents`)::

    fingerprints       document_id PK -> documents, fingerprint (JSON)   near-duplicate texts
    link_nodes         event_id PK -> events, component       the edge-graph component
    link_blocks        (key, event_id -> events) PK           blocking index
    incident_versions  (incident_id, version) PK, recorded_at, superseded_at, successor,
                       kind, event_type, sub_event_type, date, date_start, date_end,
                       date_precision, country, admin1, location, fatalities_low/best/high,
                       independent_sources, reports, search, record (JSON)
    incident_members   id PK, event_id -> events, incident_id, recorded_at, superseded_at
    tally_coverage     (tally_event_id, event_id) PK (both -> events), recorded_at
    link_lock          id PK                                   one row; serialises linking

Incidents are bitemporal: ``date``/``date_start``/``date_end`` say when the happening took
place (valid time); ``recorded_at``/``superseded_at`` say when the ledger held that version
(transaction time, ISO 8601 UTC; NULL ``superseded_at``: in force now). A version is never
changed after it is written except to set its ``superseded_at`` (and ``successor``, the
incident that took over its reports when it was merged away).

A fresh ledger is created from these tables at :data:`SCHEMA_VERSION`. An older ledger is
brought forward by :func:`migrate`, which runs each migration newer than the ledger's version
in its own transaction and records it. On PostgreSQL, creating and migrating hold an advisory
lock, so several processes opening one new or old ledger at once create or migrate it once
(PostgreSQL's DDL is transactional: the others then see the finished schema). To change the
schema: change the tables here, and add the function that takes an existing ledger from the
previous version to the new shape to :data:`MIGRATIONS` under the new version number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventledger.errors import StoreError

metadata = sa.MetaData()

_CASCADE = {"ondelete": "CASCADE"}

archive = sa.Table(
    "archive",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("raw", sa.LargeBinary, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column(
        "content_hash", sa.String(64), sa.ForeignKey("archive.content_hash"), unique=True
    ),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String),  # ISO 8601 as extracted
    sa.Column("language", sa.String),
    sa.Column("path", sa.Text),
    sa.Column("fetched_at", sa.String),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("captions", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.String, nullable=False),  # ISO 8601, UTC
    # The outlet's home region the text was read with ({"country", "admin1", "geonames_id"}).
    sa.Column("outlet_home", sa.JSON),
    sa.Index("ix_documents_outlet", "outlet"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", **_CASCADE), nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),  # position in the document's events
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("event_type", sa.String, nullable=False),
    sa.Column("sub_event_type", sa.String, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String, nullable=False),
    sa.Column("country", sa.String),
    sa.Column("admin1", sa.String),
    sa.Column("admin2", sa.String),
    sa.Column("location", sa.String),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
    sa.Column("geonames_id", sa.BigInteger),
    sa.Column("geo_precision", sa.String, nullable=False),
    sa.Column("fatalities_low", sa.BigInteger),
    sa.Column("fatalities_high", sa.BigInteger),
    sa.Column("fatalities_qualifier", sa.String),
    sa.Column("injured_low", sa.BigInteger),
    sa.Column("injured_high", sa.BigInteger),
    sa.Column("injured_qualifier", sa.String),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Index("ix_events_date", "date"),
    sa.Index("ix_events_country", "country"),
    sa.Index("ix_events_event_type", "event_type"),
    sa.Index("ix_events_sub_event_type", "sub_event_type"),
    sa.Index("ix_events_document_id", "document_id"),
    sa.Index("ix_events_date_id", "date", "id"),  # keyset pages in date order
    sa.Index("ix_events_country_admin1", "country", "admin1"),
    # Covering indexes for the web app's timeline and map summaries (read without the rows).
    sa.Index("ix_events_timeline", "date", "event_type", "kind", "fatalities_low"),
    sa.Index(
        "ix_events_map", "geo_precision", "lat", "lon", "event_type", "kind", "fatalities_low",
        "country", "admin1",
    ),  # fmt: skip
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), primary_key=True),
    sa.Column("ord", sa.Integer, primary_key=True),
    sa.Column("role", sa.String, nullable=False),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("type", sa.String, nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("source", sa.String, nullable=False),
    sa.Column("via", sa.String),
    sa.Column("stance", sa.String, nullable=False),
    sa.UniqueConstraint("event_id", "ord", name="uq_claims_event_ord"),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), nullable=False),
    sa.Column("claim_ord", sa.Integer),  # NULL: evidence of the event itself
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["event_id", "claim_ord"], ["claims.event_id", "claims.ord"], **_CASCADE
    ),
    sa.Index("ix_evidence_event_id", "event_id"),
)

problems = sa.Table(
    "problems",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", **_CASCADE), nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("stage", sa.String, nullable=False),
    sa.Column("code", sa.String, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Index("ix_problems_document_id", "document_id"),
    sa.Index("ix_problems_code", "code"),
)

# ---------------------------------------------------------------- linking (version 2)

fingerprints = sa.Table(
    "fingerprints",
    metadata,
    sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", **_CASCADE),
              primary_key=True),
    sa.Column("fingerprint", sa.JSON, nullable=False),  # bottom-k MinHash, ascending ints
)

link_nodes = sa.Table(
    "link_nodes",
    metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), primary_key=True),
    sa.Column("component", sa.String, nullable=False),
    sa.Index("ix_link_nodes_component", "component"),
)

link_blocks = sa.Table(
    "link_blocks",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), primary_key=True),
)

incident_versions = sa.Table(
    "incident_versions",
    metadata,
    sa.Column("incident_id", sa.String, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("recorded_at", sa.String, nullable=False),
    sa.Column("superseded_at", sa.String),
    sa.Column("successor", sa.String),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("event_type", sa.String, nullable=False),
    sa.Column("sub_event_type", sa.String, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String, nullable=False),
    sa.Column("country", sa.String),
    sa.Column("admin1", sa.String),
    sa.Column("location", sa.String),
    sa.Column("fatalities_low", sa.BigInteger),
    sa.Column("fatalities_best", sa.BigInteger),
    sa.Column("fatalities_high", sa.BigInteger),
    sa.Column("independent_sources", sa.Integer, nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("search", sa.Text, nullable=False),  # lower-cased words for --text
    sa.Column("record", sa.JSON, nullable=False),
    sa.Index("ix_incident_versions_superseded_at", "superseded_at"),
    sa.Index("ix_incident_versions_recorded_at", "recorded_at"),
    sa.Index("ix_incident_versions_date", "date"),
    sa.Index("ix_incident_versions_country", "country"),
)

incident_members = sa.Table(
    "incident_members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), nullable=False),
    sa.Column("incident_id", sa.String, nullable=False),
    sa.Column("recorded_at", sa.String, nullable=False),
    sa.Column("superseded_at", sa.String),
    sa.Index("ix_incident_members_event_id", "event_id"),
    sa.Index("ix_incident_members_incident_id", "incident_id"),
)

tally_coverage = sa.Table(
    "tally_coverage",
    metadata,
    sa.Column("tally_event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE),
              primary_key=True),
    sa.Column("event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), primary_key=True),
    sa.Column("recorded_at", sa.String, nullable=False),
    sa.Index("ix_tally_coverage_event_id", "event_id"),
)

link_lock = sa.Table(
    "link_lock",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
)

LINK_TABLES = (fingerprints, link_nodes, link_blocks, incident_versions, incident_members,
               tally_coverage, link_lock)

search_text = sa.Table(
    "search_text",
    metadata,
    # An integer key, so SQLite's rowid (which FTS5 points at) never changes under VACUUM.
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_id", sa.String, sa.ForeignKey("events.id", **_CASCADE), nullable=False, unique=True
    ),
    sa.Column("body", sa.Text, nullable=False),
)

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.String, nullable=False),
)

Migration = Callable[[Connection], None]

def _add_linking(conn: Connection) -> None:
    """Version 2: the incident tables (existing events are linked when the ledger opens)."""
    metadata.create_all(conn, tables=list(LINK_TABLES), checkfirst=True)
    if conn.execute(sa.select(sa.func.count()).select_from(link_lock)).scalar() == 0:
        conn.execute(sa.insert(link_lock).values(id=1))


_V3_INDEXES = frozenset(
    {"ix_events_date_id", "ix_events_country_admin1", "ix_events_timeline", "ix_events_map"}
)


def _v3_search(conn: Connection) -> None:
    """Version 3: full-text search (``search_text`` and its index) and indexes for the web
    app's queries."""
    from eventledger.store import search

    search_text.create(conn, checkfirst=True)
    for index in events.indexes:
        if index.name in _V3_INDEXES:
            index.create(conn, checkfirst=True)
    conn.execute(sa.delete(search_text))
    search.backfill(conn)
    search.install(conn)


_WIDE_COLUMNS = ("fatalities_low", "fatalities_high", "injured_low", "injured_high", "geonames_id")


def _widen_counts(conn: Connection) -> None:
    """Version 4: casualty counts and GeoNames ids as 64-bit integers.

    PostgreSQL's ``integer`` is 32-bit, so a count over 2,147,483,647 could not be stored;
    SQLite's INTEGER is 64-bit already, so there is nothing to do there.
    """
    if conn.dialect.name != "postgresql":
        return
    for column in _WIDE_COLUMNS:
        conn.execute(sa.text(f"ALTER TABLE events ALTER COLUMN {column} TYPE BIGINT"))


def _index_outlets(conn: Connection) -> None:
    """Version 5: documents by outlet, for the outlet's home region (``mentions.homes``)."""
    for index in documents.indexes:
        if index.name == "ix_documents_outlet":
            index.create(conn, checkfirst=True)


def _add_outlet_home(conn: Connection) -> None:
    """Version 6: the outlet's home region each document was read with (NULL for documents
    stored before: what they were read with was not kept)."""
    if "outlet_home" in {c["name"] for c in sa.inspect(conn).get_columns("documents")}:
        return
    kind = documents.c.outlet_home.type.compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE documents ADD COLUMN outlet_home {kind}"))


# Version -> the function that takes a ledger at version - 1 to this version. Version 1 is
# the first schema; a new ledger is created directly at SCHEMA_VERSION from the tables above.
MIGRATIONS: Mapping[int, Migration] = {
    2: _add_linking,
    3: _v3_search,
    4: _widen_counts,
    5: _index_outlets,
    6: _add_outlet_home,
}

SCHEMA_VERSION = max(MIGRATIONS, default=1)

# Key of the PostgreSQL advisory lock held while the schema is created or migrated.
_SCHEMA_LOCK = 0x6576_6C65  # "evle"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_version(conn: Connection) -> int | None:
    """The ledger's schema version; None when the database holds no ledger yet."""
    if not sa.inspect(conn).has_table(schema_version.name):
        return None
    found = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(found) if found is not None else None


@contextmanager
def _schema_transaction(engine: sa.Engine) -> Iterator[Connection]:
    """A transaction that alone may change the schema (PostgreSQL: an advisory lock)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        yield conn


def create(engine: sa.Engine) -> list[str]:
    """Create every table in an empty database and record it at :data:`SCHEMA_VERSION`.

    Does nothing when another process created the ledger first. Returns the tables of a
    database that holds other tables and no ledger (creating nothing there); else ``[]``.
    """
    from eventledger.store import search

    with _schema_transaction(engine) as conn:
        if current_version(conn) is not None:
            return []
        foreign = sorted(sa.inspect(conn).get_table_names())
        if foreign:
            return foreign
        metadata.create_all(conn)
        conn.execute(sa.insert(link_lock).values(id=1))
        search.install(conn)
        conn.execute(sa.insert(schema_version).values(version=SCHEMA_VERSION, applied_at=_now()))
    return []


def migrate(
    engine: sa.Engine,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    target: int | None = None,
) -> int:
    """Run the migrations newer than the ledger's version, each in its own transaction.

    Returns the version reached. A ledger newer than ``target`` raises :class:`StoreError`.
    """
    target = max(migrations, default=1) if target is None else target
    with engine.connect() as conn:
        version = current_version(conn) or 0
    if version > target:
        raise StoreError(
            f"The ledger has schema version {version} but this eventledger knows only up to "
            f"{target}; upgrade eventledger to open it."
        )
    for step in sorted(v for v in migrations if version < v <= target):
        with _schema_transaction(engine) as conn:
            if (current_version(conn) or 0) >= step:
                continue  # another process ran it while this one waited for the lock
            migrations[step](conn)
            conn.execute(sa.insert(schema_version).values(version=step, applied_at=_now()))
        version = step
    return version
