"""Incidents in the ledger and through the CLI: the seed case and its second report, copies
of sample articles, history (--as-of), migration, exports, and scores on the shared
multi-report material (skipped when ../shared is absent)."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import eventledger
from eventledger.cli import main
from eventledger.gazetteer import Gazetteer
from eventledger.pipeline import extract_document
from eventledger.records import Document, Result
from eventledger.samples import sample_path
from eventledger.serialize import result_to_dict
from eventledger.store import IncidentFilter, Ledger, schema
from eventledger.store import ledger as ledger_module

TESTS = Path(__file__).parent
SEED = TESTS / "articles" / "meduza-belgorod-conscripts.txt"
SECOND = TESTS / "fixtures" / "link" / "belgorod-january-16-second-report.txt"
SHARED = TESTS.parent.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
FAKES_GOLD = SHARED / "gold" / "fakes_dev.jsonl"
FAKES_DATA = SHARED / "data" / "fakes-syria-dev" / "fakes_dev.jsonl"

REQUIRED_KEYS = {"id", "kind", "event_type", "sub_event_type", "date", "date_precision",
                 "country", "admin1", "location", "fatalities", "independent_sources",
                 "members", "disagreements"}


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.open()


def extract(gaz, text: str, doc_id: str, published: str, outlet: str | None,
            url: str | None = None) -> Result:
    doc = Document(raw=text.encode("utf-8"), id=doc_id, outlet=outlet, published=published,
                   url=url, text=text, language="en")
    return extract_document(doc, gaz)


@pytest.fixture(scope="module")
def seed(gaz) -> Result:
    return extract(gaz, SEED.read_text(), "meduza-belgorod", "2023-05-24", "Meduza")


@pytest.fixture(scope="module")
def second(gaz) -> Result:
    return extract(gaz, SECOND.read_text(), "courier-jan16", "2023-01-18",
                   "Border Region Courier")


def clock(monkeypatch, *moments: str):
    """Make the ledger record each following add at the next of ``moments``."""
    times = iter(moments)
    monkeypatch.setattr(ledger_module, "_now", lambda: next(times))


def current(ledger: Ledger) -> list[dict]:
    drop = ("version", "recorded_at")
    return [{k: v for k, v in r.items() if k not in drop} for r in ledger.incidents()]


def incident_of(rows: list[dict], event_id: str) -> dict:
    return next(r for r in rows if event_id in {m["event_id"] for m in r["members"]})


# ---------------------------------------------------------------- the seed case


def _jan16(result: Result) -> str:
    return next(e.id for e in result.events
                if e.kind == "incident" and e.date and e.date.isoformat() == "2023-01-16")


def _tally(result: Result) -> str:
    return next(e.id for e in result.events if e.kind == "tally")


def test_seed_tally_and_incident_stay_apart_and_a_second_report_joins_the_incident(seed, second):
    with Ledger.open("sqlite://") as ledger:
        ledger.add(seed)
        ledger.add(second)
        rows = ledger.incidents()
    jan16 = incident_of(rows, _jan16(seed))
    tally = incident_of(rows, _tally(seed))
    assert jan16["id"] != tally["id"]
    assert tally["kind"] == "tally" and tally["reports"] == 1
    assert {m["document_id"] for m in jan16["members"]} == {"meduza-belgorod", "courier-jan16"}
    assert jan16["kind"] == "incident"
    assert (jan16["date"], jan16["country"], jan16["admin1"]) == ("2023-01-16", "RU",
                                                                 "Belgorod Oblast")
    assert jan16["fatalities"]["low"] == 3  # the tally's seven is never added
    assert jan16["independent_sources"] == 2
    assert {"flag": "unconfirmed"}.items() <= jan16["flags"][0].items()
    assert jan16["covered_by"] == [tally["id"]]
    assert tally["covers"] == [jan16["id"]]
    chains = {tuple(c) for m in jan16["members"] for c in m["chains"]}
    assert ("Meduza", "7x7") in chains


def test_history_shows_an_incident_as_it_stood_on_a_past_day(seed, second, monkeypatch):
    clock(monkeypatch, "2023-01-18T09:00:00Z", "2023-05-24T12:00:00Z")
    with Ledger.open("sqlite://") as ledger:
        ledger.add(second)
        ledger.add(seed)
        before = ledger.incidents(IncidentFilter(as_of="2023-03-01"))
        now = ledger.incidents(IncidentFilter(kind="incident"))
        assert ledger.incidents(IncidentFilter(as_of="2023-01-17")) == []
        (then,) = before
        assert then["reports"] == 1 and then["recorded_at"] == "2023-01-18T09:00:00Z"
        assert "covered_by" in then and then["covered_by"] == []
        joined = incident_of(now, "courier-jan16:e1")
        assert joined["reports"] == 2
        shown = ledger.incident(joined["id"])
        assert [h["recorded_at"] for h in shown["history"]][-1] == "2023-05-24T12:00:00Z"
        old = ledger.incident(then["id"], as_of="2023-03-01")
        assert old["reports"] == 1 and "successor" not in old
        if then["id"] != joined["id"]:  # the merged incident took a smaller member id
            merged = ledger.incident(then["id"])
            assert merged["successor"] == joined["id"]


def test_adding_documents_in_any_order_gives_the_same_incidents_and_re_adding_changes_nothing(
    seed, second, gaz
):
    samples = [json.loads(line) for line in sample_path().read_text().splitlines()][:12]
    results = [seed, second] + [
        extract(gaz, s["text"], s["id"], s["published"][:10], s.get("outlet")) for s in samples
    ]
    states = []
    for order in range(3):
        shuffled = results[:]
        random.Random(order).shuffle(shuffled)
        with Ledger.open("sqlite://") as ledger:
            for r in shuffled:
                ledger.add(r)
            state = current(ledger)
            versions = _versions(ledger)
            assert not any(ledger.add(r) for r in shuffled)
            assert current(ledger) == state and _versions(ledger) == versions
            states.append(state)
    assert states[0] == states[1] == states[2]


def _versions(ledger: Ledger) -> int:
    with ledger._engine.connect() as conn:
        count = sa.select(sa.func.count()).select_from(schema.incident_versions)
        return conn.execute(count).scalar()


def test_a_ledger_from_before_linking_is_migrated_and_linked_on_open(seed, second, tmp_path):
    path = str(tmp_path / "old.db")
    with Ledger.open(path) as ledger:
        ledger.add(seed)
        ledger.add(second)
        expected = current(ledger)
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to version 1: no linking tables, no search index
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
        schema.search_text.drop(conn)
        for index in schema.events.indexes:
            if index.name in schema._V3_INDEXES:
                index.drop(conn)
        for table in reversed(schema.LINK_TABLES):
            table.drop(conn)
        conn.execute(sa.delete(schema.schema_version))
        conn.execute(sa.insert(schema.schema_version).values(version=1, applied_at="2023-06-01"))
    engine.dispose()
    with Ledger.open(path) as ledger:
        assert ledger.stats()["schema_version"] == schema.SCHEMA_VERSION
        assert current(ledger) == expected


# ---------------------------------------------------------------- copies of sample articles

FURNITURE = [
    ("Skip to main content\nHome | World | Politics | Opinion\nShare on Facebook  Share on X\n\n",
     "\n\nRelated stories\nMore from our correspondents\nSubscribe to our newsletter\n"
     "© Mirror News. All rights reserved."),
    ("Menu  Search  Sign in\nAdvertisement\n\n",
     "\n\nShare this article\nRead more: the week in pictures\nCookies help us deliver our "
     "services."),
]


def _copy(sample: dict, n: int) -> tuple[str, str]:
    head, tail = FURNITURE[n % len(FURNITURE)]
    return head + sample["text"] + tail, f"mirror-{n}-{sample['id']}"


def test_copies_of_open_news_articles_with_other_page_furniture_link_as_one_source(gaz):
    samples = [json.loads(line) for line in sample_path().read_text().splitlines()]
    wiki = [s for s in samples if s["id"].startswith("enwikinews-")][:10]
    with Ledger.open("sqlite://") as ledger:
        originals = []
        for n, s in enumerate(wiki):
            original = extract(gaz, s["text"], s["id"], s["published"], s["outlet"], s["url"])
            text, copy_id = _copy(s, n)
            copy = extract(gaz, text, copy_id, s["published"], "Mirror News")
            ledger.add(original)
            ledger.add(copy)
            originals.append((original, copy))
        rows = ledger.incidents()
    checked = 0
    for original, copy in originals:
        copies = {e.date: e for e in copy.events}
        for ev in original.events:
            if ev.where.country is None:
                continue  # never linked: nothing to block on
            inc = incident_of(rows, ev.id)
            docs = {m["document_id"] for m in inc["members"]}
            assert copy.doc_id in docs, (ev.id, ev.sub_event_type)
            assert inc["independent_sources"] == 1
            checked += 1
        assert copies or not original.events
    assert checked >= 10


# ---------------------------------------------------------------- CLI and API


@pytest.fixture()
def db(tmp_path, seed, second, monkeypatch) -> str:
    path = str(tmp_path / "ledger.db")
    clock(monkeypatch, "2023-01-18T09:00:00Z", "2023-05-24T12:00:00Z")
    with Ledger.open(path) as ledger:
        ledger.add(second)
        ledger.add(seed)
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_incidents_jsonl_has_the_contract_keys(db):
    result = run("incidents", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert REQUIRED_KEYS <= set(row)
        assert set(row["fatalities"]) == {"low", "best", "high"}
        assert isinstance(row["independent_sources"], int)
        assert all({"event_id", "document_id", "outlet"} <= set(m) for m in row["members"])
        assert all({"field", "values"} <= set(d) for d in row["disagreements"])
    assert rows == eventledger.incidents(db)


def test_incidents_filter_show_and_as_of(db):
    listed = run("incidents", "--db", db, "--kind", "tally", "--format", "json")
    (tally,) = json.loads(listed.stdout)
    assert tally["kind"] == "tally"
    joined = incident_of(eventledger.incidents(db), "courier-jan16:e1")
    shown = run("incidents", "--db", db, "--show", joined["id"])
    assert shown.exit_code == 0
    assert "Border Region Courier" in shown.stdout and "Meduza" in shown.stdout
    assert "Meduza → 7x7" in shown.stdout
    past = run("incidents", "--db", db, "--as-of", "2023-02-01", "--format", "jsonl")
    (then,) = [json.loads(line) for line in past.stdout.splitlines()]
    assert then["members"][0]["document_id"] == "courier-jan16"
    assert run("incidents", "--db", db, "--country", "SY").stdout.count("inc-") == 0
    assert run("incidents", "--db", db, "--text", "shebekino", "--format", "jsonl").stdout.count(
        "\n") == 1
    missing = CliRunner().invoke(main, ["incidents", "--db", db, "--show", "inc-none"])
    assert missing.exit_code == 1
    bad = CliRunner().invoke(main, ["incidents", "--db", db, "--as-of", "yesterday"])
    assert bad.exit_code == 2 and "as-of" in bad.output


@pytest.mark.parametrize("fmt", ["csv", "acled-csv", "jsonl", "geojson"])
def test_export_level_incident_writes_every_format(db, fmt):
    result = run("export", "--db", db, "--level", "incident", "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 3 and {"fatalities_best", "independent_sources"} <= set(rows[0])
    elif fmt == "acled-csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 2  # the tally is not an ACLED event
        assert all(r["event_id_cnty"].startswith("inc-") for r in rows)
    elif fmt == "jsonl":
        assert len(out.splitlines()) == 3
        assert REQUIRED_KEYS <= set(json.loads(out.splitlines()[0]))
    else:
        features = json.loads(out)["features"]
        assert features and all(f["id"].startswith("inc-") for f in features)
    assert "incidents written" in result.stderr


def test_incidents_help_exists():
    assert "Usage:" in run("incidents", "--help").output


# ---------------------------------------------------------------- shared multi-report material


@pytest.fixture(scope="module")
def fakes(gaz):
    if not (FAKES_GOLD.is_file() and FAKES_DATA.is_file()):
        pytest.skip("../shared/gold/fakes_dev.jsonl (evaluation data) is not available")
    gold = [json.loads(line) for line in FAKES_GOLD.read_text().splitlines() if line.strip()]
    rows = {}
    for line in FAKES_DATA.read_text().splitlines():
        row = json.loads(line)
        rows[row["id"]] = row
    results = [
        extract(gaz, rows[g["doc_id"]]["text"], g["doc_id"], g["published"],
                rows[g["doc_id"]]["outlet"])
        for g in gold
    ]
    return gold, rows, results


@pytest.mark.shared
def test_fakes_linking_scores_stay_above_their_floors(fakes, gaz):
    from eventledger.evaluate.linking import evaluate_linking, evaluate_oracle

    gold, rows, results = fakes
    e2e = evaluate_linking(gold, [result_to_dict(r) for r in results])
    oracle = evaluate_oracle(gold, rows, gaz)
    print("fakes linking, end to end:", json.dumps(e2e))
    print("fakes linking, gold events:", json.dumps(oracle))
    # Floors measured when linking landed (may only rise): end to end 0.93 / 0.43 pairwise,
    # B-cubed F1 0.88; on gold events pairwise F1 0.82, B-cubed F1 0.94.
    assert e2e["pairwise"]["precision"] >= 0.9 and e2e["bcubed"]["f1"] >= 0.85
    assert oracle["pairwise"]["f1"] >= 0.8 and oracle["bcubed"]["f1"] >= 0.9


@pytest.mark.shared
def test_fakes_ghouta_reports_become_one_incident_in_the_ledger(fakes):
    gold, _, results = fakes
    with Ledger.open("sqlite://") as ledger:
        for r in results:
            ledger.add(r)
        rows = ledger.incidents(IncidentFilter(event_type="Chemical weapon",
                                               date_from="2013-08-21", date_to="2013-08-21"))
    ghouta_docs = {g["doc_id"] for g in gold for e in g["events"]
                   if e["incident_key"] == "2013-08-21 Ghouta chemical attack"}
    best = max(rows, key=lambda r: r["reports"])
    docs = {m["document_id"] for m in best["members"]}
    assert docs <= ghouta_docs and len(docs) >= 4
    assert best["fatalities"]["low"] <= best["fatalities"]["best"] <= best["fatalities"]["high"]
    assert any(d["field"] == "fatalities" for d in best["disagreements"])
    assert best["independent_sources"] < best["reports"]  # three Reuters reports are one source
