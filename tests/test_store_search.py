"""Full-text search in the ledger: FTS5 on SQLite, kept in step on add, brought to old ledgers
by a migration, and safe whatever the query holds."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.store import EventFilter, Ledger, schema, search
from web_support import hand_built


@pytest.fixture
def ledger(tmp_path: Path):
    with Ledger.open(str(tmp_path / "ledger.db")) as opened:
        for item in hand_built():
            opened.add(item)
        yield opened


def found(ledger: Ledger, query: str) -> list[str]:
    return sorted(e["id"] for e in ledger.events(EventFilter(search=query)))


def test_sqlite_ledgers_search_through_fts5(ledger: Ledger):
    assert ledger.search_backend == "fts5"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("drone", ["kyiv:e1", "kyiv:t1"]),  # the document title holds it for both
        ("residential", ["kyiv:e1"]),  # evidence
        ("viasna", ["minsk:e1"]),  # a claim's source
        ("VIAS", ["minsk:e1"]),  # a prefix, any case
        ("rapid support", ["sudan:e1"]),  # an actor; every word must match
        ("rapid minsk", []),
        ("bamako market", ["hostile:e1"]),
    ],
)
def test_search_matches_word_prefixes_in_evidence_places_actors_and_sources(
    ledger: Ledger, query: str, expected: list[str]
):
    assert found(ledger, query) == expected


def test_search_ignores_accents(tmp_path: Path, ledger: Ledger):
    assert found(ledger, "médics") == ["sudan:e1"]


def test_search_combines_with_other_filters(ledger: Ledger):
    rows = ledger.events(EventFilter(search="drone", kind="tally"))
    assert [e["id"] for e in rows] == ["kyiv:t1"]
    assert ledger.count(EventFilter(search="drone")) == 2


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "a OR", ")(", "'; DROP TABLE events; --", "-", "^"]
)
def test_query_syntax_in_input_never_errors(ledger: Ledger, query: str):
    assert isinstance(found(ledger, query), list)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_query_runs(ledger: Ledger, query: str):
    ledger.count(EventFilter(search=query))


def test_substring_fallback_finds_the_same(ledger: Ledger, monkeypatch: pytest.MonkeyPatch):
    expected = found(ledger, "vias")
    ledger._search = "like"  # what an SQLite without FTS5 or another database would use
    assert found(ledger, "vias") == expected


def test_migration_3_adds_search_to_an_older_ledger(tmp_path: Path):
    path = tmp_path / "old.db"
    with Ledger.open(str(path)) as ledger:
        for item in hand_built():
            ledger.add(item)
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # take the ledger back to schema version 1
        for table in reversed(schema.LINK_TABLES):
            table.drop(conn)
        for ddl in (
            "DROP TABLE search_fts",
            "DROP TABLE search_text",
            "DROP INDEX ix_events_date_id",
            "DROP INDEX ix_events_country_admin1",
            "DROP INDEX ix_events_timeline",
            "DROP INDEX ix_events_map",
            "UPDATE schema_version SET version = 1",
        ):
            conn.exec_driver_sql(ddl)
    engine.dispose()
    with Ledger.open(str(path)) as ledger:
        assert ledger.stats()["schema_version"] == schema.SCHEMA_VERSION
        assert found(ledger, "viasna") == ["minsk:e1"]
        assert found(ledger, "drone") == ["kyiv:e1", "kyiv:t1"]


def test_words_are_cut_from_queries():
    assert search.words("Belgorod, «conscripts»!") == ["belgorod", "conscripts"]
    assert search.words("   ") == []
    assert search.condition("  ...  ", "fts5") is None
