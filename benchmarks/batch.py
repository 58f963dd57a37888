#!/usr/bin/env python3
"""Batch runs and bulk loads, measured.

1. Extraction on a local Dask cluster over WARC files of real pages (the 181 pages of
   ../shared/data/scrapinghub-aeb, written twice over into 4 WARC.gz files: 362 documents):
   documents per second per worker, the speed-up from 1 to 2 workers, and each worker's peak
   resident memory, with shards of 10 and of 200 documents (memory must not grow with the
   shard). Also the same pipeline in one plain process, for the cost of Dask. Throughput is
   given per wall second and per CPU second of the workers: on a machine shared with other
   work (see the load averages reported) only the second is steady.
2. Loading 100,000 events into a ledger with ``eventledger load``: Parquet shards made by
   cloning real extracted documents (the open-licence conflict news of
   ../shared/data/open_news and the bundled samples; each clone has its own id and raw
   bytes), loaded into a new SQLite file and into a new PostgreSQL schema (the server of
   $EVENTLEDGER_TEST_PG or .ci/env; skipped when none answers).

usage: python benchmarks/batch.py [--events N] [--skip-extract] [--skip-load] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))

from warcs import Page, write_warc  # noqa: E402  (tests/ helper: pages -> WARC)

# ---------------------------------------------------------------- extraction


def aeb_pages() -> list[Page]:
    aeb = SHARED / "data" / "scrapinghub-aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = aeb / "html" / f"{page_id}.html.gz"
        if path.exists():
            url = truth[page_id].get("url") or f"https://aeb.example/{page_id}"
            pages.append(Page(url, gzip.decompress(path.read_bytes())))
    return pages


def run_on_cluster(inputs: list[str], out: Path, workers: int, shard_size: int) -> dict:
    from dask.distributed import Client, LocalCluster

    from eventledger.batch import BatchOptions, run_batch

    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm_up)  # open the gazetteer in each worker, as the first shard would
        cpu_before = client.run(_cpu_seconds)
        load_before = os.getloadavg()[0]
        ready = time.perf_counter()
        report = run_batch(
            inputs, out, BatchOptions(workers=workers, shard_size=shard_size), client=client
        )
        wall = time.perf_counter() - ready
        cpu = sum(client.run(_cpu_seconds).values()) - sum(cpu_before.values())
        load_after = os.getloadavg()[0]
    assert report.complete, report.failed
    return {
        "workers": workers,
        "shard_size": shard_size,
        "documents": report.documents,
        "events": report.events,
        "startup_s": round(ready - started, 2),
        "wall_s": round(wall, 2),
        "docs_per_s": round(report.documents / wall, 1),
        "docs_per_s_per_worker_busy": round(report.documents / report.busy_seconds, 1),
        "docs_per_worker_cpu_s": round(report.documents / cpu, 1),
        "load_average_before_after": [round(load_before, 2), round(load_after, 2)],
        "peak_rss_mib_per_worker": sorted(report.peak_rss_mib.values()),
    }


def _cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _warm_up() -> None:
    from eventledger.batch.shard import _gazetteer

    _gazetteer()


def one_process(inputs: list[str]) -> dict:
    import resource

    from eventledger.gazetteer import Gazetteer
    from eventledger.ingest import read_inputs
    from eventledger.pipeline import extract_document

    gaz = Gazetteer.open()
    cpu = time.process_time()
    started = time.perf_counter()
    n = 0
    for doc in read_inputs(inputs):
        extract_document(doc, gaz)
        n += 1
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "documents": n,
        "wall_s": round(wall, 2),
        "docs_per_s": round(n / wall, 1),
        "docs_per_cpu_s": round(n / cpu, 1),
        "peak_rss_mib": round(peak, 1),
    }


def extraction(work: Path) -> dict:
    pages = aeb_pages()
    inputs = []
    for copy in range(2):
        for half in range(2):
            part = pages[half::2]
            inputs.append(str(write_warc(work / f"aeb-{copy}-{half}.warc.gz", part)))
    results = {"one_process": one_process(inputs)}
    runs = []
    for workers, shard_size in ((1, 10), (2, 10), (1, 200), (2, 200)):
        out = work / f"out-{workers}-{shard_size}"
        runs.append(run_on_cluster(inputs, out, workers, shard_size))
        print(json.dumps(runs[-1]), file=sys.stderr)
    results["cluster"] = runs
    by = {(r["workers"], r["shard_size"]): r for r in runs}
    results["speedup_1_to_2_workers"] = {
        size: round(by[(1, size)]["wall_s"] / by[(2, size)]["wall_s"], 2) for size in (10, 200)
    }
    return results


# ---------------------------------------------------------------- loading


def templates() -> list[tuple[object, bytes]]:
    """Real extracted documents with events, as (ledger rows, raw bytes)."""
    from eventledger.gazetteer import Gazetteer
    from eventledger.ingest import InputFailure, read_inputs
    from eventledger.pipeline import extract_document
    from eventledger.samples import sample_path
    from eventledger.store.rows import document_rows

    sources = [str(sample_path())]
    open_news = SHARED / "data" / "open_news" / "open_news_conflict_sample.jsonl"
    if open_news.exists():
        sources.append(str(open_news))
    gaz = Gazetteer.open()
    found = []
    for doc in read_inputs(sources):
        if isinstance(doc, InputFailure):
            continue
        result = extract_document(doc, gaz)
        if result.events:
            found.append((document_rows(result, ""), doc.raw))
    return found


def clone(rows, raw: bytes, k: int, weeks: int = 0):
    """Document ``rows`` under a new id and with new raw bytes (so neither key is held), its
    events and publication moved ``weeks`` later: each round of clones reports other
    happenings, so the ledger's linking sees a realistic spread, not one giant incident."""
    import hashlib
    from datetime import date, timedelta

    from eventledger.store.rows import DocumentRows

    suffix = f"~{k}"
    doc_id = rows.document["id"] + suffix
    new_raw = raw + f"\n<!-- clone {k} -->".encode()
    ev = lambda row, key: {**row, key: row[key] + suffix}  # noqa: E731
    shift = timedelta(weeks=weeks)

    def later(value):
        if isinstance(value, date):
            return value + shift
        if isinstance(value, str) and len(value) >= 10:
            return (date.fromisoformat(value[:10]) + shift).isoformat() + value[10:]
        return value

    def moved(row):
        return {**row, **{f: later(row.get(f)) for f in ("date", "date_start", "date_end")}}

    document = {**rows.document, "id": doc_id, "content_hash": hashlib.sha256(new_raw).hexdigest(),
                "published": later(rows.document.get("published"))}
    return DocumentRows(
        document,
        [{**moved(ev(r, "id")), "document_id": doc_id} for r in rows.events],
        [ev(r, "event_id") for r in rows.actors],
        [ev(r, "event_id") for r in rows.claims],
        [ev(r, "event_id") for r in rows.evidence],
        [{**r, "document_id": doc_id} for r in rows.problems],
        [ev(r, "event_id") for r in rows.search],
    ), new_raw


def write_load_input(out: Path, target_events: int, shard_docs: int = 500) -> dict:
    from eventledger import parquet

    pa = parquet.arrow()
    schemas = parquet.schemas()
    pool = templates()
    events = docs = raw_bytes = 0
    shard = 0
    k = 0
    while events < target_events:
        tables: dict[str, list] = {name: [] for name in parquet.TABLES}
        for _ in range(shard_docs):
            rows, raw = clone(*pool[k % len(pool)], k, weeks=k // len(pool))
            k += 1
            for name, part in parquet.table_rows(rows, raw).items():
                tables[name].extend(part)
            docs += 1
            events += len(rows.events)
            raw_bytes += len(raw)
            if events >= target_events:
                break
        where = out / "shards" / f"00000-{shard:06d}"
        where.mkdir(parents=True)
        for name in parquet.TABLES:
            pa.parquet.write_table(
                pa.Table.from_pylist(tables[name], schema=schemas[name]),
                where / f"{name}.parquet",
                compression="zstd",
            )
        shard += 1
    return {
        "documents": docs,
        "events": events,
        "shards": shard,
        "raw_mib": round(raw_bytes / 2**20, 1),
        "templates": len(pool),
    }


def time_load(out: Path, url: str, link: bool = False) -> dict:
    """Time ``load`` (``--no-link`` unless ``link``: linking into incidents is measured by
    benchmarks/linking.py --ledger, and at 100k events it dominates a linked load)."""
    from eventledger.batch import load_shards
    from eventledger.store import Ledger

    with Ledger.open(url) as ledger:
        started = time.perf_counter()
        report = load_shards(out, ledger, link=link)
        seconds = time.perf_counter() - started
        again = time.perf_counter()
        assert load_shards(out, ledger, link=link).added == 0
        second = time.perf_counter() - again
        assert ledger.stats()["events"] == report.events
    return {
        "linked": link,
        "seconds": round(seconds, 1),
        "events_per_s": round(report.events / seconds),
        "documents_per_s": round(report.added / seconds),
        "reload_seconds": round(second, 1),
    }


def loading(work: Path, target_events: int) -> dict:
    import sqlalchemy as sa

    from conftest import pg_base_url, pg_schema_url, pg_unavailable

    made = write_load_input(work / "load", target_events)
    results = {"input": made, "sqlite": time_load(work / "load", str(work / "bench.db"))}
    print(json.dumps(results), file=sys.stderr)
    if pg_unavailable():
        results["postgresql"] = pg_unavailable()
        return results
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(pg_base_url())
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        results["postgresql"] = time_load(work / "load", pg_schema_url(schema))
        with admin.connect() as conn:
            results["postgresql"]["server"] = conn.exec_driver_sql("SHOW server_version").scalar()
            results["postgresql"]["fsync"] = conn.exec_driver_sql("SHOW fsync").scalar()
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--skip-extract", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--json", action="store_true", help="print only the JSON results")
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="eventledger-bench-") as tmp:
        work = Path(tmp)
        if not args.skip_extract:
            if not (SHARED / "data" / "scrapinghub-aeb").is_dir():
                sys.exit("needs ../shared/data/scrapinghub-aeb for the extraction benchmark")
            results["extraction"] = extraction(work)
        if not args.skip_load:
            results["load"] = loading(work, args.events)
    print(json.dumps(results, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
