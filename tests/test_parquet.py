"""The Parquet schema: ledger rows survive the round trip through the tables, and
``export --format parquet`` writes the events with their claims and evidence nested."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventledger import parquet
from eventledger.cli import main
from eventledger.records import Place, Result
from eventledger.store.rows import document_rows
from test_store import problem_result, protest_result, strike_result

SEED = Path(__file__).parent / "articles" / "meduza-belgorod-conscripts.txt"


def read_at_home() -> Result:
    """A report read with its outlet's home region (``mentions.homes``)."""
    home = Place("Belgorod Oblast", "admin1", "RU", lat=50.7, lon=37.3, geonames_id=578071)
    return replace(strike_result(), home=home)


@pytest.mark.parametrize("make", [strike_result, protest_result, problem_result, read_at_home])
def test_ledger_rows_round_trip_through_the_four_tables(tmp_path: Path, make):
    result = make()
    rows = document_rows(result, "2024-06-03T00:00:00Z")
    tables = parquet.table_rows(rows, result.document.raw)
    schemas = parquet.schemas()
    read = {}
    for name in parquet.TABLES:  # through real files, so the Arrow types are what is tested
        pq.write_table(
            parquet.arrow().Table.from_pylist(tables[name], schema=schemas[name]),
            tmp_path / f"{name}.parquet",
        )
        read[name] = pq.read_table(tmp_path / f"{name}.parquet").to_pylist()
    (doc,) = read["documents"]
    back, raw = parquet.document_rows_of(
        doc, read["events"], read["claims"], read["evidence"], ingested_at="2024-06-03T00:00:00Z"
    )
    assert back == rows and raw == result.document.raw


def test_export_parquet_holds_every_event_with_claims_and_evidence(tmp_path: Path, ledger_url):
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(SEED), "--published", "2023-05-24", "--db", ledger_url])
    jsonl = runner.invoke(main, ["export", "--db", ledger_url, "--format", "jsonl"]).stdout
    out = tmp_path / "events.parquet"
    result = runner.invoke(
        main, ["export", "--db", ledger_url, "--format", "parquet", "-o", str(out)]
    )
    assert result.exit_code == 0 and "3 events written" in result.stderr
    table = pq.read_table(out)
    assert table.schema == parquet.schemas()["export_events"]
    rows = table.to_pylist()
    import json

    listed = [json.loads(line) for line in jsonl.splitlines()]
    assert [r["id"] for r in rows] == [e["id"] for e in listed]
    for row, event in zip(rows, listed, strict=True):
        assert (row["date"].isoformat() if row["date"] else None) == event["date"]
        assert row["evidence"] == event["evidence"]
        assert row["claims"] == event["claims"]
        assert row["actors"] == event["actors"]
        assert row["fatalities_low"] == event["fatalities"]["low"]
