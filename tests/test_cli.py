"""The `eventledger` command as a user runs it: exit codes, outputs, idempotent ingest, --help."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventledger.cli import main

ARTICLES = Path(__file__).parent / "articles"
SEED = ARTICLES / "meduza-belgorod-conscripts.txt"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["events"], ["export"], ["demo"]])
def test_help_text_exists_for_every_command(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_extract_prints_one_record_per_document_with_the_contract_keys():
    result = run("extract", str(SEED), "--published", "2023-05-24", "-q")
    assert result.exit_code == 0
    (doc,) = records(result.stdout)
    assert set(doc) == {"document", "text", "captions", "problems", "events"}
    keys = {"id", "url", "outlet", "title", "published", "language", "path", "outlet_home"}
    assert set(doc["document"]) == keys
    event = doc["events"][0]
    assert {
        "id",
        "kind",
        "event_type",
        "sub_event_type",
        "date",
        "date_start",
        "date_end",
        "date_precision",
        "country",
        "admin1",
        "admin2",
        "location",
        "lat",
        "lon",
        "geonames_id",
        "geo_precision",
        "actors",
        "fatalities",
        "injured",
        "claims",
        "evidence",
        "confidence",
    } == set(event)


def test_extract_reads_stdin_and_options_override():
    result = run(
        "extract",
        "-",
        "--published",
        "2023-05-24",
        "--outlet",
        "Test Outlet",
        "-q",
        input=SEED.read_bytes(),
    )
    (doc,) = records(result.stdout)
    assert doc["document"]["outlet"] == "Test Outlet"
    assert doc["document"]["published"] == "2023-05-24"


def test_extract_accepts_a_date_time_for_published():
    result = run("extract", str(SEED), "--published", "2023-05-24T10:15:00+03:00", "-q")
    assert records(result.stdout)[0]["document"]["published"] == "2023-05-24"


def test_extract_a_directory_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "seed.txt")
    (tmp_path / "b.html").write_text(
        "<html><body><p>Police arrested 30 protesters in Minsk on 3 May 2021.</p></body></html>"
    )
    result = run("extract", str(tmp_path), "-q")
    assert result.exit_code == 0
    assert len(records(result.stdout)) == 2


def test_missing_input_is_a_one_line_error_and_exit_1_while_others_go_on(tmp_path):
    result = run("extract", str(tmp_path / "missing.txt"), str(SEED))
    assert result.exit_code == 1
    assert len(records(result.stdout)) == 1
    errors = [line for line in result.stderr.splitlines() if "missing.txt" in line]
    assert len(errors) == 1 and "check the path" in errors[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "x.txt", "--published", "2023-13-01"], "not an ISO 8601 date"),
        (
            ["export", "--format", "csvx"],
            "Unknown format 'csvx'. Choose one of: csv, acled-csv, jsonl, geojson, parquet.",
        ),
        (["events", "--from", "yesterday"], "is not a date"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(tmp_path, args, message):
    result = CliRunner().invoke(
        main, args + (["--db", str(tmp_path / "l.db")] if args[0] != "extract" else [])
    )
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
        ("nested.html", b"<div>" * 100_000 + b"text" + b"</div>" * 100_000, None),
        ("latin.txt", "Les manifestants ont été arrêtés à Paris.".encode("cp1252"), None),
        ("rows.jsonl", b'{"id": "ok", "text": "Police said."}\n{broken\n', "bad-jsonl"),
    ],
)
def test_bad_inputs_become_problems_not_tracebacks(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("extract", str(path), "-q")
    assert result.exit_code == 0
    docs = records(result.stdout)
    assert docs
    if code:
        assert code in {p["code"] for d in docs for p in d["problems"]}


def test_uncoded_language_gets_a_problem_and_no_guessed_events(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        "Bei einer Explosion in Kiew ist am Mittwoch ein Polizist getötet worden, und vier "
        "Menschen wurden verletzt. Die Polizei hat ein Verfahren eingeleitet, teilte das "
        "Innenministerium mit. Es war die dritte Explosion in der Stadt in diesem Monat.",
        encoding="utf-8",
    )
    (doc,) = records(run("extract", str(path), "-q").stdout)
    assert doc["events"] == []
    assert any(p["code"] == "unsupported-language" for p in doc["problems"])


def test_russian_article_is_coded_end_to_end(tmp_path):
    path = tmp_path / "ru.jsonl"
    text = (
        "В результате взрыва в среду в Киеве погиб полицейский и ранены четыре человека, "
        "сообщило МВД Украины. Полиция возбудила уголовное дело о теракте."
    )
    row = {"id": "ru-1", "text": text, "published": "2021-03-12"}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = records(run("extract", str(path), "-q").stdout)
    assert not any(p["code"] == "unsupported-language" for p in doc["problems"])
    (event,) = doc["events"]
    assert event["sub_event_type"] == "Remote explosive/landmine/IED"
    assert event["date"] == "2021-03-10"
    assert event["location"] == "Kyiv"
    assert event["claims"][0]["source"] == "МВД Украины"
    assert "Police Forces of Ukraine" not in [
        a["name"] for a in event["actors"] if a["role"] == "actor1"
    ]
    assert event["fatalities"]["low"] == 1
    assert event["injured"]["low"] == 4


def test_ingest_is_idempotent_and_events_can_be_listed_and_filtered(ledger_url):
    db = ledger_url
    first = run("ingest", str(SEED), "--published", "2023-05-24", "--db", db)
    assert first.exit_code == 0 and "1 new documents stored" in first.stderr
    second = run("ingest", str(SEED), "--published", "2023-05-24", "--db", db)
    assert "0 new documents stored" in second.stderr
    rows = json.loads(run("events", "--db", db, "--format", "json").stdout)
    assert len(rows) == 3
    assert all(r["document_id"] for r in rows)
    ru = json.loads(
        run(
            "events",
            "--db",
            db,
            "--country",
            "ru",
            "--from",
            "2023-01-01",
            "--to",
            "2023-01-31",
            "--format",
            "json",
        ).stdout
    )
    assert [r["date"] for r in ru] == ["2023-01-16"]
    table = run("events", "--db", db).stdout
    assert "Peaceful protest" in table and "2023-01-16" in table


def test_bad_input_never_changes_what_is_stored(tmp_path, ledger_url):
    db = ledger_url
    run("ingest", str(SEED), "--published", "2023-05-24", "--db", db)
    before = json.loads(run("events", "--db", db, "--format", "json").stdout)
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02" * 1000)
    result = run("ingest", str(junk), str(tmp_path / "nope.html"), "--db", db)
    assert result.exit_code == 1
    after = json.loads(run("events", "--db", db, "--format", "json").stdout)
    assert after == before


def test_a_file_that_is_not_a_ledger_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "notes.db"
    db.write_bytes(b"these are my notes, not a database" * 10)
    before = db.read_bytes()
    result = run("ingest", str(SEED), "--db", str(db))
    assert result.exit_code == 1
    assert db.read_bytes() == before


@pytest.mark.parametrize("fmt", ["csv", "acled-csv", "jsonl", "geojson"])
def test_export_writes_every_format(tmp_path, ledger_url, fmt):
    db = ledger_url
    run("ingest", str(SEED), "--published", "2023-05-24", "--db", db)
    out = tmp_path / f"events.{fmt}"
    result = run("export", "--db", db, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0
    body = out.read_text(encoding="utf-8")
    if fmt == "geojson":
        assert json.loads(body)["type"] == "FeatureCollection"
    elif fmt == "jsonl":
        assert len(records(body)) == 3
    else:
        rows = list(csv.DictReader(io.StringIO(body)))
        assert rows
        if fmt == "acled-csv":
            assert {r["event_type"] for r in rows} <= {"Explosions/Remote violence", "Protests"}
            assert "3" in {r["fatalities"] for r in rows}


def test_demo_ingests_the_bundled_samples_and_shows_a_table(ledger_url):
    result = run("demo", "--db", ledger_url)
    assert result.exit_code == 0
    assert "75 events" in result.stdout or "events" in result.stdout
    assert "Peaceful protest" in result.stdout
    assert "41 documents" in result.stderr


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        para = next(p for p in SEED.read_bytes().split(b"\n\n") if p.startswith(b"7x7 found"))
        body = (
            b"<html><head><title>Clashes</title></head><body><article><p>"
            + para
            + b"</p></article></body></html>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_extract_fetches_a_url_over_real_http():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/1"
        result = run("extract", url, "--published", "2023-05-24", "-q")
    finally:
        server.shutdown()
    (doc,) = records(result.stdout)
    assert doc["document"]["url"] == url
    assert "7x7 found that" in doc["text"]


def test_the_installed_command_runs_as_a_program():
    exe = Path(sys.executable).parent / "eventledger"
    if not exe.exists():
        pytest.skip("the eventledger command is not installed in this environment (pip install .)")
    proc = subprocess.run(
        [str(exe), "extract", str(SEED), "--published", "2023-05-24"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    assert len(records(proc.stdout)) == 1
    assert "1 documents; 3 events" in proc.stderr
