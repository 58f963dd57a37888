"""The ledger on real SQLite files: round trips, idempotence, rollback, filters, errors."""

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

from eventledger.errors import StoreError, UsageError
from eventledger.records import (
    Actor,
    Article,
    Claim,
    Document,
    Event,
    Location,
    Problem,
    Range,
    Result,
    Span,
)
from eventledger.serialize import event_to_dict, result_to_dict
from eventledger.store import EventFilter, Ledger, schema

# ---------------------------------------------------------------- fixtures

RU_TEXT = (
    "On Monday a Ukrainian drone struck a bus in Belgorod, killing at least three conscripts, "
    "governor Vyacheslav Gladkov said on Telegram. Since March at least seven people have "
    "been killed in the region."
)
UA_TEXT = "Протестующие собрались в Киеве 1 мая, сообщило агентство."


def span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


def document_result(
    doc_id: str, text: str, events: tuple[Event, ...], problems: tuple[Problem, ...] = ()
) -> Result:
    raw = f"<html><body><p>{text}</p></body></html>".encode()
    document = Document(raw=raw, id=doc_id, url=f"https://news.example/{doc_id}", outlet="Example")
    article = Article(
        doc_id=doc_id,
        text=text,
        title=f"Title of {doc_id}",
        published=date(2024, 6, 3),
        language="en",
        url=document.url,
        outlet="Example",
        captions=("A caption",),
    )
    return Result(document, doc_id, article, events, problems)


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
def ledger(tmp_path: Path):
    with Ledger.open(str(tmp_path / "ledger.db")) as opened:
        yield opened


@pytest.fixture
def full(ledger: Ledger) -> Ledger:
    for result in (strike_result(), protest_result(), problem_result()):
        assert ledger.add(result) is True
    return ledger


def table_count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


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


def test_ledger_persists_across_reopen(tmp_path: Path):
    path = str(tmp_path / "ledger.db")
    with Ledger.open(path) as first:
        first.add(strike_result())
    with Ledger.open(path) as again:
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


def test_add_is_idempotent_by_doc_id_and_by_raw_bytes(tmp_path: Path, full: Ledger):
    before = full.stats()
    assert full.add(strike_result()) is False
    same_raw = replace(strike_result(), doc_id="doc-a-again")
    assert full.add(same_raw) is False
    same_id = replace(strike_result(), document=replace(strike_result().document, raw=b"x"))
    assert full.add(same_id) is False
    assert full.stats() == before
    assert full.document("doc-a-again") is None


def test_archive_keeps_raw_bytes_once(tmp_path: Path, full: Ledger):
    raw = strike_result().document.raw
    full.add(replace(strike_result(), doc_id="another-id"))
    assert full.raw(hashlib.sha256(raw).hexdigest()) == raw
    assert table_count(tmp_path / "ledger.db", "archive") == 3


@pytest.mark.parametrize(
    "events",
    [
        (drone_strike("doc-d"), drone_strike("doc-d")),  # the same id twice in one document
        (protest("doc-d"), drone_strike("doc-d", event_id="doc-a:e1")),  # an id already held
    ],
    ids=["duplicate-in-document", "duplicate-in-ledger"],
)
def test_failed_add_rolls_back_the_whole_document(tmp_path: Path, full: Ledger, events):
    before_stats, before_events = full.stats(), full.events()
    broken = document_result("doc-d", RU_TEXT + " (doc-d)", events, (Problem("x", "y", "z"),))
    with pytest.raises(StoreError, match="doc-d.*Nothing of it was stored"):
        full.add(broken)
    assert full.document("doc-d") is None
    assert full.raw(hashlib.sha256(broken.document.raw).hexdigest()) is None
    assert full.stats() == before_stats
    assert full.events() == before_events
    assert table_count(tmp_path / "ledger.db", "archive") == 3


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


def test_text_no_database_can_store_is_a_store_error():
    event = protest("doc-s")
    bad = replace(event, where=replace(event.where, location="\ud800"))
    with Ledger.open("sqlite://") as ledger:
        with pytest.raises(StoreError, match="Nothing of it was stored"):
            ledger.add(document_result("doc-s", UA_TEXT, (bad,)))
        assert ledger.stats()["documents"] == 0


def test_migrations_run_forward_once_and_refuse_newer_ledgers(tmp_path: Path):
    path = tmp_path / "ledger.db"
    Ledger.open(str(path)).close()
    engine = sa.create_engine(f"sqlite:///{path}")

    def add_note_column(conn: sa.Connection) -> None:
        conn.execute(sa.text("ALTER TABLE documents ADD COLUMN note TEXT"))

    current, newer = schema.SCHEMA_VERSION, schema.SCHEMA_VERSION + 1
    steps = {**schema.MIGRATIONS, newer: add_note_column}
    try:
        assert schema.migrate(engine, steps) == newer
        assert schema.migrate(engine, steps) == newer  # not run again
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("documents")}
        assert "note" in columns
        with pytest.raises(StoreError, match=f"schema version {newer}.*upgrade eventledger"):
            schema.migrate(engine, schema.MIGRATIONS)
        assert current < newer
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="upgrade eventledger"):
        Ledger.open(str(path))


# ---------------------------------------------------------------- property


# Text as the pipeline makes it: decoded, so never NUL bytes or lone surrogates.
_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


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


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(results(), max_size=4))
def test_add_is_idempotent_for_any_small_result_set(batch: list[Result]):
    with Ledger.open("sqlite://") as ledger:
        added = [r for r in batch if ledger.add(r)]
        state = (ledger.stats(), ledger.events())
        assert not any(ledger.add(r) for r in batch)
        assert (ledger.stats(), ledger.events()) == state
        assert len({r.doc_id for r in added}) == len(added) == state[0]["documents"]
        for r in added:
            assert ledger.events(EventFilter(document_id=r.doc_id)) == sorted(
                as_listed(r), key=lambda e: (e["date"] is None, e["date"] or "", e["id"])
            )
