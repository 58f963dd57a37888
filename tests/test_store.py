"""The ledger on real SQLite files and a real PostgreSQL server: round trips, idempotence,
rollback, filters, migrations, concurrent writers, errors.

Tests taking ``ledger_url`` (or the ``ledger``/``full`` fixtures) run once per backend; the
PostgreSQL runs skip, saying what to start, when no server is reachable (see conftest.py).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import records_support
from eventledger.errors import StoreError, UsageError
from eventledger.records import (
    Actor,
    Claim,
    Document,
    Event,
    Location,
    Place,
    Problem,
    Range,
    Result,
    Span,
)
from eventledger.serialize import event_to_dict, result_to_dict
from eventledger.store import EventFilter, Ledger, schema
from records_support import span

# ---------------------------------------------------------------- fixtures

RU_TEXT = (
    "On Monday a Ukrainian drone struck a bus in Belgorod, killing at least three conscripts, "
    "governor Vyacheslav Gladkov said on Telegram. Since March at least seven people have "
    "been killed in the region."
)
UA_TEXT = "Протестующие собрались в Киеве 1 мая, сообщило агентство."


def document_result(
    doc_id: str, text: str, events: tuple[Event, ...], problems: tuple[Problem, ...] = ()
) -> Result:
    return records_support.result(
        doc_id, text, events, title=f"Title of {doc_id}", captions=("A caption",), problems=problems
    )


def drone_strike(doc_id: str, event_id: str | None = None) -> Event:
    killing = span(RU_TEXT, "a Ukrainian drone struck a bus in Belgorod, killing at least three")
    return Event(
        id=event_id or f"{doc_id}:e1",
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
        ),
        fatalities=Range(3, None, "at least"),
        claims=(
            Claim("Vyacheslav Gladkov", "Telegram", "asserts", (span(RU_TEXT, "governor"),)),
        ),
        evidence=(killing, span(RU_TEXT, "at least three conscripts")),
        confidence=0.8125,
    )


def tally(doc_id: str) -> Event:
    return Event(
        id=f"{doc_id}:t1",
        kind="tally",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=date(2024, 6, 3),
        date_start=date(2024, 3, 1),
        date_end=date(2024, 6, 3),
        date_precision="month",
        where=Location("RU", "Belgorod Oblast", precision="admin1"),
        fatalities=Range(7, None, "at least"),
        evidence=(span(RU_TEXT, "Since March at least seven people have been killed"),),
    )


def protest(doc_id: str) -> Event:
    return Event(
        id=f"{doc_id}:e1",
        kind="incident",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        date=date(2024, 5, 1),
        date_start=None,
        date_end=None,
        date_precision="day",
        where=Location("UA", "Kyiv City", None, "Kyiv", 50.45, 30.52, 703448, "place"),
        actors=(Actor("actor1", "Protesters (Ukraine)", "Protesters"),),
        claims=(Claim("агентство", None, "asserts"),),
        evidence=(span(UA_TEXT, "Протестующие собрались в Киеве"),),
        confidence=0.6,
    )


def strike_result() -> Result:
    return document_result("doc-a", RU_TEXT, (drone_strike("doc-a"), tally("doc-a")))


def protest_result() -> Result:
    return document_result("doc-b", UA_TEXT, (protest("doc-b"),))


def problem_result() -> Result:
    document = Document(raw=b"%PDF-1.4 not a page", id="doc-c", path="in/c.pdf")
    problem = Problem("clean", "no-text", "No body text found in doc-c.")
    return Result(document, "doc-c", None, (), (problem,))


def as_listed(result: Result) -> list[dict]:
    return [{**event_to_dict(e), "document_id": result.doc_id} for e in result.events]


@pytest.fixture
def ledger(ledger_url: str):
    with Ledger.open(ledger_url) as opened:
        yield opened


@pytest.fixture
def full(ledger: Ledger) -> Ledger:
    for result in (strike_result(), protest_result(), problem_result()):
        assert ledger.add(result) is True
    return ledger


def engine_of(url: str) -> sa.Engine:
    return sa.create_engine(url if "://" in url else f"sqlite:///{url}")


def table_count(url: str, table: str) -> int:
    engine = engine_of(url)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
    finally:
        engine.dispose()


# ---------------------------------------------------------------- round trips


def test_events_round_trip_the_extract_shape_plus_document_id(full: Ledger):
    expected = as_listed(protest_result()) + as_listed(strike_result())  # by date, then id
    assert full.events() == expected
    assert list(full.events()[0])[:2] == ["id", "document_id"]


@pytest.mark.parametrize("make", [strike_result, protest_result, problem_result])
def test_document_returns_the_extract_record(full: Ledger, make):
    result = make()
    stored = full.document(result.doc_id)
    extra = {k: stored["document"].pop(k) for k in ("content_hash", "fetched_at", "ingested_at")}
    assert stored == result_to_dict(result)
    assert extra["content_hash"] == hashlib.sha256(result.document.raw).hexdigest()
    assert extra["ingested_at"].endswith("Z")


def test_document_and_raw_of_unknown_keys_are_none(ledger: Ledger):
    assert ledger.document("nope") is None
    assert ledger.raw("0" * 64) is None


def test_ledger_persists_across_reopen(ledger_url: str):
    with Ledger.open(ledger_url) as first:
        first.add(strike_result())
    with Ledger.open(ledger_url) as again:
        assert again.events() == as_listed(strike_result())
        assert again.stats()["schema_version"] == schema.SCHEMA_VERSION


def test_open_with_default_url_creates_eventledger_db(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Ledger.open() as ledger:
        ledger.add(protest_result())
    assert (tmp_path / "eventledger.db").is_file()
    with sqlite3.connect(tmp_path / "eventledger.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


# ---------------------------------------------------------------- idempotence, rollback


def test_add_is_idempotent_by_doc_id_and_by_raw_bytes(full: Ledger):
    before = full.stats()
    assert full.add(strike_result()) is False
    same_raw = replace(strike_result(), doc_id="doc-a-again")
    assert full.add(same_raw) is False
    same_id = replace(strike_result(), document=replace(strike_result().document, raw=b"x"))
    assert full.add(same_id) is False
    assert full.stats() == before
    assert full.document("doc-a-again") is None


def test_archive_keeps_raw_bytes_once(ledger_url: str, full: Ledger):
    raw = strike_result().document.raw
    full.add(replace(strike_result(), doc_id="another-id"))
    assert full.raw(hashlib.sha256(raw).hexdigest()) == raw
    assert table_count(ledger_url, "archive") == 3


@pytest.mark.parametrize(
    "events",
    [
        (drone_strike("doc-d"), drone_strike("doc-d")),  # the same id twice in one document
        (protest("doc-d"), drone_strike("doc-d", event_id="doc-a:e1")),  # an id already held
    ],
    ids=["duplicate-in-document", "duplicate-in-ledger"],
)
def test_failed_add_rolls_back_the_whole_document(ledger_url: str, full: Ledger, events):
    before_stats, before_events = full.stats(), full.events()
    broken = document_result("doc-d", RU_TEXT + " (doc-d)", events, (Problem("x", "y", "z"),))
    with pytest.raises(StoreError, match="doc-d.*Nothing of it was stored"):
        full.add(broken)
    assert full.document("doc-d") is None
    assert full.raw(hashlib.sha256(broken.document.raw).hexdigest()) is None
    assert full.stats() == before_stats
    assert full.events() == before_events
    assert table_count(ledger_url, "archive") == 3


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (EventFilter(), ["doc-b:e1", "doc-a:e1", "doc-a:t1"]),
        (EventFilter(date_from=date(2024, 6, 1)), ["doc-a:e1", "doc-a:t1"]),
        (EventFilter(date_to="2024-05-31"), ["doc-b:e1"]),
        (EventFilter(date_from="2024-05-01", date_to="2024-05-01"), ["doc-b:e1"]),
        (EventFilter(country="ua"), ["doc-b:e1"]),
        (EventFilter(country="RU"), ["doc-a:e1", "doc-a:t1"]),
        (EventFilter(event_type="Protests"), ["doc-b:e1"]),
        (EventFilter(event_type="Air/drone strike"), ["doc-a:e1", "doc-a:t1"]),
        (EventFilter(event_type="Riots"), []),
        (EventFilter(text="CONSCRIPTS"), ["doc-a:e1"]),  # evidence quote
        (EventFilter(text="протестующие"), ["doc-b:e1"]),  # non-ASCII, any case
        (EventFilter(text="military forces"), ["doc-a:e1"]),  # actor name
        (EventFilter(text="kyiv"), ["doc-b:e1"]),  # location
        (EventFilter(text="belgorod oblast"), ["doc-a:e1", "doc-a:t1"]),  # admin1
        (EventFilter(text="100%_"), []),  # LIKE wildcards are literal
        (EventFilter(document_id="doc-a"), ["doc-a:e1", "doc-a:t1"]),
        (EventFilter(country="RU", text="seven"), ["doc-a:t1"]),
        (EventFilter(limit=2), ["doc-b:e1", "doc-a:e1"]),
        (EventFilter(limit=1, offset=1), ["doc-a:e1"]),
        (EventFilter(offset=2), ["doc-a:t1"]),
    ],
)
def test_events_filter(full: Ledger, flt: EventFilter, ids: list[str]):
    assert [e["id"] for e in full.events(flt)] == ids


def test_events_without_date_come_last(ledger: Ledger):
    undated = replace(protest("doc-u"), id="doc-u:a0", date=None, date_precision="unknown")
    ledger.add(document_result("doc-u", UA_TEXT + " (doc-u)", (undated,)))
    ledger.add(protest_result())
    assert [e["id"] for e in ledger.events()] == ["doc-b:e1", "doc-u:a0"]
    assert ledger.events(EventFilter(date_to="2030-01-01"))[0]["id"] == "doc-b:e1"


def test_bad_filter_date_is_a_usage_error(ledger: Ledger):
    with pytest.raises(UsageError, match="Bad date_from 'June'"):
        ledger.events(EventFilter(date_from="June"))


def test_stats_count_documents_events_and_problems(full: Ledger):
    assert full.stats() == {
        "schema_version": schema.SCHEMA_VERSION,
        "documents": 3,
        "events": 3,
        "events_by_kind": {"incident": 2, "tally": 1},
        "events_by_type": {"Explosions/Remote violence": 2, "Protests": 1},
        "problems": 1,
        "problems_by_code": {"no-text": 1},
    }


# ---------------------------------------------------------------- opening errors


def test_garbage_file_is_a_store_error_and_left_untouched(tmp_path: Path):
    path = tmp_path / "x.db"
    garbage = os.urandom(4096)
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match=r"x\.db.*not an SQLite database") as err:
        Ledger.open(str(path))
    assert "\n" not in str(err.value)
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]


def test_other_sqlite_database_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="other tables \\(notes\\)"):
        Ledger.open(str(path))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("{tmp}/missing/dir/x.db", "unable to open database file"),
        ("{tmp}", "is a directory"),
        ("nosuchdb://user:secret@host/db", "Install the database driver"),
    ],
)
def test_unopenable_url_is_a_store_error(tmp_path: Path, url: str, message: str):
    with pytest.raises(StoreError, match=message) as err:
        Ledger.open(url.format(tmp=tmp_path))
    assert "secret" not in str(err.value)


# ---------------------------------------------------------------- migrations


def test_migrations_run_forward_once_and_refuse_newer_ledgers(ledger_url: str):
    Ledger.open(ledger_url).close()
    engine = engine_of(ledger_url)
    base = schema.SCHEMA_VERSION

    def add_note_column(conn: sa.Connection) -> None:
        conn.execute(sa.text("ALTER TABLE documents ADD COLUMN note TEXT"))

    newer = {**schema.MIGRATIONS, base + 1: add_note_column}
    try:
        assert schema.migrate(engine, newer) == base + 1
        assert schema.migrate(engine, newer) == base + 1  # not run again
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("documents")}
        assert "note" in columns
        with pytest.raises(StoreError, match=f"schema version {base + 1}.*upgrade eventledger"):
            schema.migrate(engine, schema.MIGRATIONS)
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="upgrade eventledger"):
        Ledger.open(ledger_url)


# ---------------------------------------------------------------- property


_chars = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
_text = st.text(_chars, max_size=12)  # U+0000 and surrogates: see the portability tests


@st.composite
def results(draw) -> Result:
    doc_id = draw(st.sampled_from(["d1", "d2", "d3"]))
    raw = draw(st.sampled_from([b"a", b"b", b"c", b"d"]))
    n_events = draw(st.integers(0, 3))
    events = tuple(
        Event(
            id=f"{doc_id}:e{i}",
            kind=draw(st.sampled_from(["incident", "tally"])),
            event_type="Battles",
            sub_event_type="Armed clash",
            date=draw(st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31))),
            date_start=None,
            date_end=None,
            date_precision="day",
            where=Location(
                country=draw(st.none() | st.sampled_from(["RU", "UA"])),
                location=draw(st.none() | _text),
                lat=draw(st.none() | st.floats(-90, 90)),
                lon=draw(st.none() | st.floats(-180, 180)),
            ),
            actors=tuple(
                Actor("actor1", name, "Rebel group") for name in draw(st.lists(_text, max_size=2))
            ),
            fatalities=Range(draw(st.none() | st.integers(0, 10**6)), None, None),
            claims=tuple(
                Claim(s, None, "asserts", (Span(0, len(q), q),))
                for s, q in draw(st.lists(st.tuples(_text, _text), max_size=2))
            ),
            evidence=tuple(Span(0, len(q), q) for q in draw(st.lists(_text, max_size=2))),
            confidence=draw(st.floats(0, 1)),
        )
        for i in range(n_events)
    )
    problems = tuple(Problem("code", c, "m") for c in draw(st.lists(_text, max_size=2)))
    document = Document(raw=raw, id=doc_id)
    return Result(document, doc_id, None, events, problems)


def check_idempotent(ledger: Ledger, batch: list[Result]) -> None:
    added = [r for r in batch if ledger.add(r)]
    state = (ledger.stats(), ledger.events())
    assert not any(ledger.add(r) for r in batch)
    assert (ledger.stats(), ledger.events()) == state
    assert len({r.doc_id for r in added}) == len(added) == state[0]["documents"]
    for r in added:
        assert ledger.events(EventFilter(document_id=r.doc_id)) == sorted(
            as_listed(r), key=lambda e: (e["date"] is None, e["date"] or "", e["id"])
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(results(), max_size=4))
def test_add_is_idempotent_for_any_small_result_set(batch: list[Result]):
    with Ledger.open("sqlite://") as ledger:
        check_idempotent(ledger, batch)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batch=st.lists(results(), max_size=4))
def test_add_is_idempotent_for_any_small_result_set_on_postgresql(pg_url: str, batch):
    try:
        with Ledger.open(pg_url) as ledger:
            check_idempotent(ledger, batch)
    finally:
        engine = engine_of(pg_url)
        schema.metadata.drop_all(engine)
        engine.dispose()


# ---------------------------------------------------------------- portability


def numbered(i: int) -> Result:
    """A distinct document (own id, own raw bytes) with one event."""
    return document_result(f"doc-{i:03d}", f"{RU_TEXT} ({i})", (drone_strike(f"doc-{i:03d}"),))


def test_text_with_nul_characters_is_stored_alike_on_every_backend(ledger: Ledger):
    text = "Police\x00 said\x00 on Monday that protesters gathered in Kyiv\ud800."
    event = replace(protest("doc-n"), evidence=(span(text, "said\x00 on Monday"),),
                    actors=(Actor("actor1", "Protesters\x00", "Protesters"),))
    result = document_result("doc-n", text.replace("\ud800", "."), (event,))
    result = replace(result, article=replace(result.article, text=text))  # as JSON can give
    assert ledger.add(result) is True
    stored = ledger.document("doc-n")
    assert stored["text"] == text.replace("\x00", "\ufffd").replace("\ud800", "\ufffd")
    (quote,) = stored["events"][0]["evidence"]
    assert stored["text"][quote["start"] : quote["end"]] == quote["quote"] == "said\ufffd on Monday"
    assert stored["events"][0]["actors"][0]["name"] == "Protesters\ufffd"


def test_counts_beyond_32_bits_round_trip(ledger: Ledger):
    huge = replace(drone_strike("doc-h"), fatalities=Range(3_000_000_000, 5_000_000_000, None))
    ledger.add(document_result("doc-h", RU_TEXT + " (h)", (huge,)))
    (stored,) = ledger.events()
    assert stored["fatalities"] == {"low": 3_000_000_000, "high": 5_000_000_000, "qualifier": None}


def test_events_on_one_day_sort_by_id_in_code_point_order(ledger: Ledger):
    ids = ["doc-b:e1", "doc_a:e1", "DOC-c:e1", "doc-a:e1", "doca:e1", "doc-ä:e1"]
    for n, event_id in enumerate(ids):
        doc_id = f"doc-{n}"
        event = replace(protest(doc_id), id=event_id)
        ledger.add(document_result(doc_id, f"{UA_TEXT} ({n})", (event,)))
    assert [e["id"] for e in ledger.events()] == sorted(ids)


def test_add_many_equals_adding_one_by_one_and_skips_what_is_held(ledger_url: str, tmp_path):
    from eventledger.store.rows import document_rows

    batch = [numbered(i) for i in range(5)]
    twin = replace(numbered(2), doc_id="doc-twin")  # the same raw bytes as doc-002
    items = [(document_rows(r, "2024-01-01T00:00:00Z"), r.document.raw) for r in batch + [twin]]
    with Ledger.open(ledger_url) as bulk:
        assert bulk.add(batch[0]) is True
        assert bulk.add_many(items) == 4
        assert bulk.add_many(items) == 0
        bulk_state = (bulk.stats(), bulk.events())
        assert bulk.document("doc-twin") is None
    with Ledger.open(str(tmp_path / "one-by-one.db")) as single:
        assert [single.add(r) for r in batch + [twin]] == [True] * 5 + [False]
        assert (single.stats(), single.events()) == bulk_state


def test_add_many_falls_back_to_one_by_one_when_a_row_cannot_go_in_with_the_rest(ledger: Ledger):
    from eventledger.store.rows import document_rows

    clash = document_result("doc-x", RU_TEXT + " (x)", (drone_strike("doc-x", "doc-000:e1"),))
    items = [(document_rows(r, "2024-01-01T00:00:00Z"), r.document.raw)
             for r in (numbered(0), clash, numbered(1))]
    with pytest.raises(StoreError, match="doc-x.*Nothing of it was stored"):
        ledger.add_many(items)
    assert ledger.document("doc-000") is not None  # the fallback stored the others
    assert ledger.document("doc-x") is None


def _v1_ledger(url: str) -> None:
    """Make the ledger at ``url`` look as version 1 left it (32-bit counts on PostgreSQL)."""
    Ledger.open(url).close()
    engine = engine_of(url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                for column in ("fatalities_low", "fatalities_high", "injured_low",
                               "injured_high", "geonames_id"):
                    conn.exec_driver_sql(f"ALTER TABLE events ALTER COLUMN {column} TYPE INTEGER")
            conn.execute(sa.delete(schema.schema_version))
            conn.execute(sa.insert(schema.schema_version).values(version=1, applied_at="x"))
    finally:
        engine.dispose()


def test_opening_a_version_1_ledger_migrates_it(ledger_url: str):
    _v1_ledger(ledger_url)
    with Ledger.open(ledger_url) as ledger:
        assert ledger.stats()["schema_version"] == schema.SCHEMA_VERSION
        huge = replace(drone_strike("doc-h"), injured=Range(4_000_000_000, None, None))
        assert ledger.add(document_result("doc-h", RU_TEXT, (huge,))) is True
        assert ledger.events()[0]["injured"]["low"] == 4_000_000_000


def test_a_version_5_ledger_gains_the_outlet_home_column(ledger_url: str):
    with Ledger.open(ledger_url) as ledger:
        ledger.add(numbered(0))
    engine = engine_of(ledger_url)
    try:
        with engine.begin() as conn:  # as version 5 left it: no column for the outlet's home
            conn.execute(sa.text("ALTER TABLE documents DROP COLUMN outlet_home"))
            conn.execute(sa.delete(schema.schema_version))
            conn.execute(sa.insert(schema.schema_version).values(version=5, applied_at="x"))
    finally:
        engine.dispose()
    texas = Place("Texas", "admin1", "US", lat=31.2, lon=-99.3, geonames_id=4736286)
    with Ledger.open(ledger_url) as ledger:
        assert ledger.stats()["schema_version"] == schema.SCHEMA_VERSION
        assert ledger.document("doc-000")["document"]["outlet_home"] is None
        assert ledger.add(replace(numbered(1), home=texas)) is True
        home = ledger.document("doc-001")["document"]["outlet_home"]
    assert home == {"country": "US", "admin1": "Texas", "geonames_id": 4736286}


def test_plain_postgresql_url_means_psycopg(pg_url: str):
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with Ledger.open(plain) as ledger:
        assert ledger.add(protest_result()) is True
        assert ledger.url.startswith("postgresql+psycopg://") and "***" in ledger.url


def test_missing_driver_names_what_to_install():
    with pytest.raises(StoreError, match="Install the database driver") as err:
        Ledger.open("postgresql+pg8000://u:secret@127.0.0.1:1/db")
    assert "secret" not in str(err.value)


def _concurrent_adder(url: str, seed: int, start, out) -> None:
    """One ingesting process: wait for the others, then add every document in its own order."""
    import random

    todo = [numbered(i) for i in range(40)] + [
        replace(numbered(i), doc_id=f"twin-{i:03d}") for i in range(0, 40, 4)
    ]
    random.Random(seed).shuffle(todo)
    start.wait()
    added, failed = [], []
    try:
        with Ledger.open(url) as ledger:  # several processes create the new ledger at once
            for result in todo:
                try:
                    if ledger.add(result):
                        added.append(result.doc_id)
                except StoreError as exc:
                    failed.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        failed.append(f"{type(exc).__name__}: {exc}")
    out.put((added, failed))


def test_concurrent_processes_neither_lose_nor_duplicate_documents(pg_url: str):
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_concurrent_adder, args=(pg_url, seed, start, out))
             for seed in range(4)]
    for p in procs:
        p.start()
    start.set()
    reports = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert [failed for _, failed in reports] == [[], [], [], []]
    added = [doc_id for done, _ in reports for doc_id in done]
    assert len(added) == len(set(added)) == 40  # each content stored once, by one process
    with Ledger.open(pg_url) as ledger:
        assert ledger.stats()["documents"] == 40
        assert ledger.stats()["events"] == 40
        assert ledger.stats()["schema_version"] == schema.SCHEMA_VERSION
        for doc_id in added:
            i = int(doc_id[-3:])
            stored = ledger.document(doc_id)
            assert stored["text"] == numbered(i).article.text
            assert len(stored["events"]) == 1
    assert table_count(pg_url, "schema_version") == 1
