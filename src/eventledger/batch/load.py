"""Batch output -> a ledger: the shards of ``OUT/shards``, in shard order, in bulk.

Each chunk of documents goes in with :meth:`Ledger.add_many` (a few statements, one
transaction), so loading is idempotent as ``ingest`` is: a document the ledger holds (same id
or same raw bytes) is skipped, and loading the same directory twice, or two directories that
overlap, adds each document once. Shards still being written are not there yet; run ``load``
again after the batch finishes to add them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventledger import parquet
from eventledger.errors import UsageError
from eventledger.store import Ledger
from eventledger.store.rows import DocumentRows

CHUNK = 500  # documents per transaction


@dataclass(slots=True)
class LoadReport:
    shards: int = 0
    documents: int = 0
    added: int = 0
    events: int = 0


def load_shards(
    out: Path,
    ledger: Ledger,
    *,
    chunk: int = CHUNK,
    on_shard: Callable[[str, LoadReport], None] | None = None,
    link: bool = True,
) -> LoadReport:
    """Add every finished shard under ``out`` to ``ledger``; returns the counts.

    ``link=False`` stores without linking into incidents (:meth:`Ledger.link_pending`
    does it later). Raises UsageError when ``out`` holds no batch output, StoreError when
    the ledger fails.
    """
    shards = out / "shards"
    if not shards.is_dir():
        raise UsageError(
            f"{out} holds no batch output (no shards/ folder); run `eventledger batch` first."
        )
    report = LoadReport()
    ingested_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for shard in sorted(p for p in shards.iterdir() if p.is_dir()):
        report.shards += 1
        for items in _chunks(shard, chunk, ingested_at):
            report.documents += len(items)
            report.events += sum(len(rows.events) for rows, _ in items)
            report.added += ledger.add_many(items, link=link)
        if on_shard is not None:
            on_shard(shard.name, report)
    return report


def _chunks(
    shard: Path, chunk: int, ingested_at: str
) -> Iterator[list[tuple[DocumentRows, bytes]]]:
    """The shard's documents as ledger rows, ``chunk`` at a time, in their order."""
    pq = parquet.arrow().parquet
    children = {
        name: _by_document(pq.read_table(shard / f"{name}.parquet").to_pylist())
        for name in ("events", "claims", "evidence")
    }
    documents = pq.ParquetFile(shard / "documents.parquet")
    for batch in documents.iter_batches(batch_size=chunk):
        yield [
            parquet.document_rows_of(
                doc,
                children["events"].get(doc["id"], []),
                children["claims"].get(doc["id"], []),
                children["evidence"].get(doc["id"], []),
                ingested_at=ingested_at,
            )
            for doc in batch.to_pylist()
        ]


def _by_document(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["document_id"], []).append(row)
    return grouped
