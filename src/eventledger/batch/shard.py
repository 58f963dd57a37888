"""One shard, in a worker: read its documents, run the pipeline, write its Parquet tables.

The output of shard ``ID`` is the directory ``OUT/shards/ID/`` holding ``documents``,
``events``, ``claims`` and ``evidence`` ``.parquet`` (the schema of
:mod:`eventledger.parquet`) and ``summary.json`` (counts, problem codes, inputs that could not
be read). It is built in ``OUT/tmp/`` and renamed into place in one step, so it is either
absent or complete; a second try of the same shard (a resumed run, or a task Dask re-ran
after losing a worker) finds it there, or loses the rename, and writes nothing.

Document ids are unique within a shard: a later document with an id seen before in the
shard is counted but not written, as a ledger would not store it either.

An outlet's home region (``mentions.homes``) is learnt from the shard's own documents, in
their order, so a shard run twice codes the same; a run through ``ingest`` also learns from
the ledger, so the two can place an early article of an outlet differently.

Documents are streamed: the tables are written in row groups of :data:`ROW_GROUP` documents,
so a worker holds one row group and one document whatever the shard size.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from eventledger import parquet
from eventledger.batch.plan import Shard
from eventledger.errors import InputError
from eventledger.gazetteer import Gazetteer
from eventledger.ingest import files, jsonl, warc
from eventledger.ingest.options import InputFailure, InputOptions
from eventledger.mentions.homes import OutletHomes
from eventledger.pipeline import document_id, extract_document
from eventledger.records import Document, Problem, Result
from eventledger.store.rows import document_rows

ROW_GROUP = 64  # documents per Parquet row group
SUMMARY = "summary.json"


@dataclass(frozen=True, slots=True)
class ShardReport:
    """What one shard task did. ``written`` is False when the shard was already there."""

    shard: str
    written: bool
    documents: int = 0
    events: int = 0
    problems: dict[str, int] = field(default_factory=dict)
    failures: tuple[tuple[str, str], ...] = ()  # (input, message) of unreadable inputs
    seconds: float = 0.0
    worker: int = 0  # process id
    peak_rss_mib: float = 0.0  # the worker process's peak so far


def shard_dir(out: Path, shard_id: str) -> Path:
    return out / "shards" / shard_id


def run_shard(shard: Shard, out: str, options: InputOptions) -> ShardReport:
    """Write shard ``shard`` under ``out`` unless it is there already (the Dask task)."""
    final = shard_dir(Path(out), shard.id)
    if final.exists():
        return _already(final)
    temp = Path(out) / "tmp" / f"{shard.id}.{uuid.uuid4().hex}"
    temp.mkdir(parents=True)
    started = time.perf_counter()
    try:
        summary = _write_tables(shard, temp, options)
        summary["seconds"] = round(time.perf_counter() - started, 3)
        _write_json(temp / SUMMARY, summary)
        _sync_dir(temp)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(temp, final)
        except OSError:
            if final.exists():  # another try of this shard finished first
                shutil.rmtree(temp, ignore_errors=True)
                return _already(final)
            raise
        _sync_dir(final.parent)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return _report(shard.id, summary, written=True)


def documents(shard: Shard, options: InputOptions) -> Iterator[Document | InputFailure]:
    """The shard's documents, read as ``ingest`` reads them."""
    path = Path(shard.paths[0])
    try:
        if shard.kind == "files":
            for name in shard.paths:
                try:
                    yield files.read_file(Path(name), options)
                except InputError as error:
                    yield InputFailure(name, str(error))
        elif shard.kind == "warc":
            yield from warc.read_warc(path, options, start=shard.start, count=shard.count)
        elif shard.count is None:
            yield from jsonl.read_jsonl(path, options)
        else:
            yield from _jsonl_rows(path, shard, options)
    except InputError as error:
        yield InputFailure(str(path), str(error))


def _jsonl_rows(path: Path, shard: Shard, options: InputOptions) -> Iterator[Document]:
    try:
        stream = path.open("rb")
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror or error}") from error
    with stream:
        stream.seek(shard.start)
        rows = jsonl.lines(stream, options.max_bytes, shard.first_line)
        for made, (number, line) in enumerate(rows, start=1):
            yield jsonl.read_row(line, number=number, path=path, options=options)
            if made == shard.count:
                return


def extract(doc: Document, homes: OutletHomes | None = None) -> Result:
    """The per-document pipeline, unchanged; a crash in it becomes a problem on the document."""
    try:
        return extract_document(doc, _gazetteer(), homes)
    except Exception as exc:  # noqa: BLE001 - one bad page must not sink its shard
        problem = Problem("code", "crashed", f"extraction failed: {type(exc).__name__}: {exc}")
        return Result(doc, document_id(doc), None, (), doc.problems + (problem,))


@cache
def _gazetteer() -> Gazetteer:
    """One gazetteer per worker process, opened on its first document."""
    return Gazetteer.open()


# ---------------------------------------------------------------- writing


def _write_tables(shard: Shard, temp: Path, options: InputOptions) -> dict[str, Any]:
    pa = parquet.arrow()
    schemas = parquet.schemas()
    writers = {
        name: pa.parquet.ParquetWriter(temp / f"{name}.parquet", schemas[name], compression="zstd")
        for name in parquet.TABLES
    }
    buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in parquet.TABLES}
    counts = {"documents": 0, "events": 0}
    problems: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    seen: set[str] = set()
    homes = OutletHomes(_gazetteer())  # learnt from this shard's documents, in their order
    try:
        for item in documents(shard, options):
            if isinstance(item, InputFailure):
                failures.append((item.input, item.message))
                continue
            result = extract(item, homes)
            counts["documents"] += 1
            if result.doc_id in seen:
                continue  # a ledger keeps the first document with an id; so does a shard
            seen.add(result.doc_id)
            counts["events"] += len(result.events)
            problems.update(p.code for p in result.problems)
            for name, rows in parquet.table_rows(document_rows(result, ""), item.raw).items():
                buffers[name].extend(rows)
            if len(buffers["documents"]) >= ROW_GROUP:
                _flush(writers, buffers, schemas)
        _flush(writers, buffers, schemas)
    finally:
        for writer in writers.values():
            writer.close()
    for name in parquet.TABLES:
        _sync(temp / f"{name}.parquet")
    return {**counts, "problems": dict(problems), "failures": failures}


def _flush(
    writers: dict[str, Any], buffers: dict[str, list[dict[str, Any]]], schemas: dict[str, Any]
) -> None:
    table = parquet.arrow().Table
    for name, rows in buffers.items():
        if rows:
            writers[name].write_table(table.from_pylist(rows, schema=schemas[name]))
            rows.clear()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_dir(path: Path) -> None:
    """Make a rename into ``path`` durable (fsync on the directory)."""
    _sync(path)


# ---------------------------------------------------------------- reports


def read_summary(final: Path) -> dict[str, Any]:
    return json.loads((final / SUMMARY).read_text(encoding="utf-8"))


def _already(final: Path) -> ShardReport:
    return _report(final.name, read_summary(final), written=False)


def _report(shard_id: str, summary: dict[str, Any], *, written: bool) -> ShardReport:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return ShardReport(
        shard=shard_id,
        written=written,
        documents=summary["documents"],
        events=summary["events"],
        problems=summary["problems"],
        failures=tuple(tuple(f) for f in summary["failures"]),  # type: ignore[misc]
        seconds=summary.get("seconds", 0.0) if written else 0.0,
        worker=os.getpid(),
        peak_rss_mib=round(peak, 1),
    )
