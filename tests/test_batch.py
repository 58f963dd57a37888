"""Batch runs on a real local Dask cluster: shards read back as one pass would, each shard is
written once, a killed worker or an interrupted run costs nothing but time, and the loaded
ledger equals a one-process ``ingest`` of the same inputs, on SQLite and on PostgreSQL.

Kept small for 2 cores: 2 workers, shards of a few documents, the repo's own fixtures (plus,
when ../shared is there, a WARC of real pages).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from eventledger.batch import BatchOptions, load_shards, run_batch
from eventledger.batch import plan as planning
from eventledger.batch.shard import documents, run_shard
from eventledger.cli import main
from eventledger.errors import UsageError
from eventledger.ingest import InputOptions
from eventledger.ingest.jsonl import read_jsonl
from eventledger.samples import sample_path
from eventledger.store import Ledger
from warcs import Page, fixture_pages, write_warc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXE = Path(sys.executable).parent / "eventledger"


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """A WARC of the fixtures, the bundled samples (JSON Lines) and a folder of odd files."""
    where = tmp_path_factory.mktemp("corpus")
    warc = write_warc(where / "fixtures.warc.gz", fixture_pages())
    return [str(warc), str(sample_path()), str(ROOT / "tests" / "fixtures" / "ingest")]


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def ingest_snapshot(inputs: list[str], where: Path) -> dict:
    db = str(where / "one-process.db")
    result = CliRunner().invoke(main, ["ingest", *inputs, "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return snapshot(db)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """The ledger a one-process ``eventledger ingest`` of the corpus makes."""
    return ingest_snapshot(corpus, tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def finished(corpus, client, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    report = run_batch(corpus, out, BatchOptions(shard_size=3), client=client)
    assert report.complete and report.written == report.shards > 10
    return out


def snapshot(url: str) -> dict:
    """Everything a ledger says: stats, events, each document's record and raw bytes."""
    engine = sa.create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.connect() as conn:
        ids = sorted(conn.exec_driver_sql("SELECT id FROM documents").scalars())
    engine.dispose()
    with Ledger.open(url) as ledger:
        docs = {}
        for doc_id in ids:
            doc = ledger.document(doc_id)
            doc["document"].pop("ingested_at")
            doc["raw"] = ledger.raw(doc["document"]["content_hash"] or "")
            docs[doc_id] = doc
        return {"stats": ledger.stats(), "events": ledger.events(), "documents": docs}


def shard_files(out: Path) -> dict[str, tuple[int, int]]:
    """Each written shard file -> (inode, modification time): a rewrite changes them."""
    return {
        str(p.relative_to(out)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted((out / "shards").glob("*/*"))
    }


def start_cli_batch(inputs: list[str], out: Path, *extra: str) -> subprocess.Popen:
    if not EXE.exists():
        pytest.skip(
            "the eventledger command is not installed in this environment (pip install -e .)"
        )
    return subprocess.Popen(
        [str(EXE), "batch", *inputs, "--out", str(out), "--workers", "2", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_for_shards(out: Path, proc: subprocess.Popen, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = len(list((out / "shards").glob("*"))) if (out / "shards").is_dir() else 0
        if done >= at_least or proc.poll() is not None:
            return done
        time.sleep(0.02)
    raise AssertionError(f"fewer than {at_least} shards after {timeout} s")


# ---------------------------------------------------------------- planning


def jsonl_lines(tmp_path: Path) -> Path:
    path = tmp_path / "rows.jsonl"
    rows = [
        json.dumps({"id": f"r{i}", "text": f"Police arrested {i} protesters in Minsk."})
        for i in range(7)
    ]
    body = "\ufeff" + rows[0] + "\n\n" + rows[1] + "\n{broken\n" + "\n".join(rows[2:]) + "\n\n"
    path.write_text(body + '{"id": "long", "text": "' + "x" * 300 + '"}\n' + rows[0] + "\n")
    return path


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_jsonl_shards_read_back_exactly_as_one_pass(tmp_path: Path, size: int):
    path = jsonl_lines(tmp_path)
    options = InputOptions(max_bytes=200)
    source = planning.Source("jsonl", (str(path),), (path.stat().st_size,))
    cut = planning.cut(3, source, size, options.max_bytes)
    assert cut.failure is None and all(s.id.startswith("00003-") for s in cut.shards)
    pieces = [d for shard in cut.shards for d in documents(shard, options)]
    assert pieces == list(read_jsonl(path, options))
    assert len(pieces) == 10


def test_warc_shards_read_back_exactly_as_one_pass(tmp_path: Path):
    path = write_warc(tmp_path / "f.warc.gz", fixture_pages())
    source = planning.Source("warc", (str(path),), (path.stat().st_size,))
    cut = planning.cut(0, source, 2, 1000)
    assert [s.count for s in cut.shards] == [2, 2, 1]
    pieces = [d for shard in cut.shards for d in documents(shard, InputOptions())]
    whole = [
        d
        for shard in planning.cut(0, source, 99, 1000).shards
        for d in documents(shard, InputOptions())
    ]
    assert [d.id for d in pieces] == [d.id for d in whole] and len(whole) == 5


def test_inputs_expand_globs_lists_and_folders_in_order(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("b.html", "a.txt", "c.warc", "d.jsonl", "e.html", "skip.pdf"):
        (data / name).write_text("x")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# comment\n{data / 'e.html'}\n{data / 'missing.txt'}\n")
    sources, failures = planning.expand(
        [str(data / "*.html"), f"@{listing}", str(data / "nothing-*.warc"), str(data)]
    )
    names = [(s.kind, [Path(p).name for p in s.paths]) for s in sources]
    assert names == [
        ("files", ["b.html", "e.html", "e.html", "a.txt", "b.html"]),
        ("warc", ["c.warc"]),
        ("jsonl", ["d.jsonl"]),
        ("files", ["e.html"]),
    ]
    assert [Path(f.input).name for f in failures] == ["missing.txt", "nothing-*.warc"]


def test_a_run_over_other_inputs_or_shard_size_is_refused(tmp_path: Path, client):
    page = tmp_path / "a.html"
    page.write_text("<html><body><p>Police arrested 30 protesters in Minsk.</p></body></html>")
    out = tmp_path / "out"
    run_batch([str(page)], out, BatchOptions(shard_size=5), client=client)
    with pytest.raises(UsageError, match="--shard-size 5"):
        run_batch([str(page)], out, BatchOptions(shard_size=6), client=client)
    page.write_text("<html><body><p>Changed since.</p></body></html>")
    with pytest.raises(UsageError, match="other inputs"):
        run_batch([str(page)], out, BatchOptions(shard_size=5), client=client)


# ---------------------------------------------------------------- shards


def test_a_shard_is_written_once_and_a_second_try_writes_nothing(tmp_path: Path, corpus):
    (source,), _ = planning.expand([corpus[0]])
    shard = planning.cut(0, source, 2, 1000).shards[0]
    first = run_shard(shard, str(tmp_path), InputOptions())
    before = shard_files(tmp_path)
    second = run_shard(shard, str(tmp_path), InputOptions())
    assert first.written and not second.written
    assert (first.documents, first.events) == (second.documents, second.events)
    assert first.documents == 2
    assert shard_files(tmp_path) == before
    assert sorted(p.name for p in (tmp_path / "shards" / shard.id).iterdir()) == [
        "claims.parquet",
        "documents.parquet",
        "events.parquet",
        "evidence.parquet",
        "summary.json",
    ]
    assert not list((tmp_path / "tmp").iterdir())


# ---------------------------------------------------------------- whole runs


def test_loaded_batch_equals_a_one_process_ingest(finished: Path, reference: dict, ledger_url):
    with Ledger.open(ledger_url) as ledger:
        report = load_shards(finished, ledger)
        assert report.added == reference["stats"]["documents"] < report.documents
        assert load_shards(finished, ledger).added == 0  # idempotent
    assert snapshot(ledger_url) == reference


def test_a_rerun_of_a_finished_batch_writes_nothing(finished: Path, corpus, client):
    before = shard_files(finished)
    report = run_batch(corpus, finished, BatchOptions(shard_size=3), client=client)
    assert (report.written, report.resumed) == (0, report.shards)
    assert shard_files(finished) == before


def test_an_interrupted_run_resumes_where_it_stopped(tmp_path: Path, corpus, reference, client):
    out = tmp_path / "out"
    proc = start_cli_batch(corpus, out, "--shard-size", "1")
    done = wait_for_shards(out, proc, at_least=3)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole run: driver, scheduler and workers
    proc.wait()
    plan = planning.load_plan(out)
    assert plan is not None and 3 <= done < len(plan.shards), "the run was not cut midway"
    before = shard_files(out)
    report = run_batch(corpus, out, BatchOptions(shard_size=1), client=client)
    assert report.complete and report.resumed >= done and report.written > 0
    after = shard_files(out)
    assert {k: v for k, v in after.items() if k in before} == before  # none written twice
    assert not list((out / "tmp").iterdir())
    with Ledger.open(str(tmp_path / "loaded.db")) as ledger:
        load_shards(out, ledger)
    assert snapshot(str(tmp_path / "loaded.db")) == reference


def _kill_one_worker(batch: subprocess.Popen) -> int:
    import psutil

    workers = [
        p
        for p in psutil.Process(batch.pid).children(recursive=True)
        if "spawn_main" in " ".join(p.cmdline()) and "resource_tracker" not in " ".join(p.cmdline())
    ]
    assert workers, "no worker process found"
    workers[0].kill()
    return workers[0].pid


def test_a_killed_worker_costs_only_time(tmp_path: Path, corpus, reference):
    out = tmp_path / "out"
    proc = start_cli_batch(corpus, out, "--shard-size", "1")
    wait_for_shards(out, proc, at_least=2)
    assert proc.poll() is None, "the run ended before a worker could be killed"
    _kill_one_worker(proc)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr.decode()[-6000:]
    plan = planning.load_plan(out)
    assert len(list((out / "shards").iterdir())) == len(plan.shards)
    db = tmp_path / "loaded.db"
    result = CliRunner().invoke(main, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0 and "new documents stored" in result.stderr
    assert snapshot(str(db)) == reference


# ---------------------------------------------------------------- real pages (../shared)


def shared_pages() -> list[Page]:
    pages = []
    open_news = SHARED / "data" / "open_news" / "html"
    for entry in json.loads((open_news / "MANIFEST.json").read_text(encoding="utf-8")):
        pages.append(Page(entry["url"], (open_news.parent / entry["file"]).read_bytes()))
    aeb = SHARED / "data" / "scrapinghub-aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth)[:25]:
        path = aeb / "html" / f"{page_id}.html.gz"
        if path.exists():
            url = truth[page_id].get("url") or f"https://aeb.example/{page_id}"
            pages.append(Page(url, gzip.decompress(path.read_bytes())))
    return pages


@pytest.mark.shared
@pytest.mark.skipif(
    not (SHARED / "data" / "open_news" / "html").is_dir()
    or not (SHARED / "data" / "scrapinghub-aeb").is_dir(),
    reason="needs ../shared/data (real pages)",
)
def test_real_pages_in_warc_files_survive_an_interrupted_run(tmp_path: Path, client):
    pages = shared_pages()
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_warc(crawl / "open-news.warc.gz", pages[:15])
    write_warc(crawl / "aeb.warc", pages[15:])
    inputs = [str(crawl / "*.warc*")]
    out = tmp_path / "out"
    proc = start_cli_batch(inputs, out, "--shard-size", "4")
    done = wait_for_shards(out, proc, at_least=2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = shard_files(out)
    report = run_batch(inputs, out, BatchOptions(shard_size=4), client=client)
    assert report.complete and report.documents == len(pages) == 40
    assert report.resumed >= done
    assert {k: v for k, v in shard_files(out).items() if k in before} == before
    with Ledger.open(str(tmp_path / "loaded.db")) as ledger:
        load_shards(out, ledger)
    expected = ingest_snapshot(sorted(str(p) for p in crawl.iterdir()), tmp_path)
    assert expected["stats"]["events"] > 0
    assert snapshot(str(tmp_path / "loaded.db")) == expected


# ---------------------------------------------------------------- command line


@pytest.mark.parametrize("verb", ["batch", "load"])
def test_help_text_exists(verb):
    result = CliRunner().invoke(main, [verb, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_load_of_a_folder_without_shards_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2 and "holds no batch output" in result.output


def test_batch_reports_missing_inputs_and_exits_1(tmp_path: Path, corpus, monkeypatch, client):
    import eventledger.batch.run as run_module

    real = run_module.run_batch
    monkeypatch.setattr(
        "eventledger.batch.run_batch", lambda *a, **k: real(*a, **{**k, "client": client})
    )
    result = CliRunner().invoke(
        main, ["batch", corpus[0], str(tmp_path / "nope.warc"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "nope.warc" in result.stderr and "check the path" in result.stderr
    assert "5 documents" in result.stderr
    shutil.rmtree(tmp_path / "out")


def _incident_members(url: str) -> list[tuple[str, tuple[str, ...]]]:
    with Ledger.open(url) as ledger:
        return sorted(
            (inc["id"], tuple(sorted(m["event_id"] for m in inc["members"])))
            for inc in ledger.incidents()
        )


def test_load_without_linking_then_link_gives_the_same_incidents(finished: Path, tmp_path: Path):
    linked, deferred = str(tmp_path / "linked.db"), str(tmp_path / "deferred.db")
    with Ledger.open(linked) as ledger:
        load_shards(finished, ledger)
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(finished), "--db", deferred, "--no-link"])
    assert result.exit_code == 0 and "not linked yet" in result.stderr
    with Ledger.open(deferred) as ledger:
        assert ledger.incidents() == []  # opening does not link behind the user's back
    result = runner.invoke(main, ["link", "--db", deferred])
    assert result.exit_code == 0 and "documents linked" in result.stderr
    assert _incident_members(deferred) == _incident_members(linked)
    assert runner.invoke(main, ["link", "--db", deferred]).stderr.startswith(
        "eventledger: 0 documents linked"
    )
