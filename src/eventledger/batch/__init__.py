"""Batch runs on a Dask cluster: many inputs -> Parquet shards -> (``load``) a ledger.

    report = run_batch(["crawl/*.warc.gz"], Path("out"), BatchOptions(workers=4))
    with Ledger.open("postgresql://host/ledger") as ledger:
        load_shards(Path("out"), ledger)

``plan`` cuts the inputs into shards, ``shard`` is the task a worker runs on one shard (the
per-document pipeline, unchanged), ``run`` drives the cluster and resumes interrupted runs,
``load`` bulk-loads the shards into a ledger. The tables are :mod:`eventledger.parquet`'s.
Dask and pyarrow are imported when a run starts: ``pip install 'eventledger[batch]'``.
"""

from eventledger.batch.load import LoadReport, load_shards
from eventledger.batch.run import BatchOptions, BatchReport, run_batch

__all__ = ["BatchOptions", "BatchReport", "LoadReport", "load_shards", "run_batch"]
