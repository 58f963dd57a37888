"""Driving a batch run: plan the shards, hand the missing ones to Dask, gather the reports.

A local cluster of ``workers`` single-threaded worker processes is started (and stopped)
unless ``scheduler`` names a running one (``tcp://host:8786``: dask-jobqueue, dask-kubernetes
or ``dask scheduler``); its workers must have eventledger installed and see the inputs and
the output directory at the same paths, so with a scheduler relative paths are made absolute.

Resuming: the shards already in ``OUT/shards`` are not handed out again, and a task that
finds its shard there writes nothing. A worker that dies mid-shard leaves only a directory
under ``OUT/tmp`` (cleared when the next run starts); Dask re-runs its task elsewhere. Only
one run at a time may use an output directory.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventledger.batch import plan as planning
from eventledger.errors import UsageError
from eventledger.ingest.options import InputOptions

INSTALL = "pip install 'eventledger[batch]'"
DEFAULT_SHARD_SIZE = 500


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run: the cluster, the shard size, and the metadata options of ``ingest``."""

    workers: int = 2
    scheduler: str | None = None
    shard_size: int = DEFAULT_SHARD_SIZE
    memory_limit: str = "auto"  # per local worker, Dask's notation ("4GiB"); "auto": RAM / workers
    inputs: InputOptions = InputOptions()  # noqa: RUF009 - frozen, so one shared default is safe


@dataclass(slots=True)
class BatchReport:
    """What a run did. ``resumed``: shards found done; ``failed``: shard id -> reason."""

    shards: int = 0
    resumed: int = 0
    written: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    documents: int = 0
    events: int = 0
    problems: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, message)
    seconds: float = 0.0
    busy_seconds: float = 0.0  # summed time the written shards took in their workers
    peak_rss_mib: dict[int, float] = field(default_factory=dict)  # worker pid -> peak RSS

    @property
    def complete(self) -> bool:
        return not self.failed and self.resumed + self.written == self.shards


def run_batch(
    inputs: Sequence[str],
    out: Path,
    options: BatchOptions = BatchOptions(),  # noqa: B008 - frozen, so one shared default is safe
    *,
    client: Any | None = None,
    on_shard: Callable[[Any, BatchReport], None] | None = None,
) -> BatchReport:
    """Extract every document of ``inputs`` into Parquet shards under ``out``.

    Uses ``client`` (a ``dask.distributed.Client``) when given, else starts a cluster as the
    options say. ``on_shard(shard_report, run_report)`` is called as each shard finishes.
    Raises UsageError for bad options, a missing Dask, or an ``out`` holding another run.
    """
    if options.shard_size < 1 or options.workers < 1:
        raise UsageError("--shard-size and --workers must be at least 1")
    started = time.perf_counter()
    sources, failures = planning.expand(inputs)
    if options.scheduler:  # the workers may run elsewhere: no paths relative to this directory
        sources = [_absolute(s) for s in sources]
    report = BatchReport(failures=[(f.input, f.message) for f in failures])
    out.mkdir(parents=True, exist_ok=True)
    with _cluster(options, client) as dask_client:
        plan = _plan(dask_client, inputs, sources, out, options)
        report.failures.extend(plan.failures)
        _submit(dask_client, plan, out, options, report, on_shard)
    report.seconds = time.perf_counter() - started
    return report


# ---------------------------------------------------------------- cluster


@contextmanager
def _cluster(options: BatchOptions, client: Any | None) -> Iterator[Any]:
    """The client to use: the caller's, one on ``--scheduler``, or a new local cluster."""
    if client is not None:
        yield client
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError(f"batch runs need Dask, which is not installed: {INSTALL}") from exc
    if options.scheduler:
        with Client(options.scheduler, timeout="30s") as remote:
            yield remote
        return
    with (
        LocalCluster(
            n_workers=options.workers,
            threads_per_worker=1,  # the pipeline is pure Python: processes, not threads
            processes=True,
            memory_limit=options.memory_limit,
            dashboard_address=":0",  # its HTTP server runs anyway: on any free port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as local,
    ):
        yield local


# ---------------------------------------------------------------- planning


def _plan(
    client: Any,
    inputs: Sequence[str],
    sources: list[planning.Source],
    out: Path,
    options: BatchOptions,
) -> planning.Plan:
    saved = planning.load_plan(out)
    if saved is not None:
        planning.check_resumable(saved, sources, options.shard_size, out)
        return saved
    size, max_bytes = options.shard_size, options.inputs.max_bytes
    numbered = list(enumerate(sources))
    scans = [(n, s) for n, s in numbered if s.kind != "files"]  # read whole files: on workers
    futures = client.map(
        planning.cut,
        [n for n, _ in scans],
        [s for _, s in scans],
        shard_size=size,
        max_bytes=max_bytes,
        pure=False,
    )
    cuts = dict(zip([n for n, _ in scans], client.gather(futures), strict=True))
    shards, failures = [], []
    for number, source in numbered:
        found = cuts.get(number) or planning.cut(number, source, size, max_bytes)
        shards.extend(found.shards)
        if found.failure is not None:
            failures.append((found.failure.input, found.failure.message))
    made = planning.Plan(tuple(inputs), size, tuple(sources), tuple(shards), tuple(failures))
    planning.save_plan(out, made)
    return made


# ---------------------------------------------------------------- running


def _submit(
    client: Any,
    plan: planning.Plan,
    out: Path,
    options: BatchOptions,
    report: BatchReport,
    on_shard: Callable[[Any, BatchReport], None] | None,
) -> None:
    """Run the shards not yet on disk. The disk is the truth: a task whose result Dask lost
    (its worker died after writing) counts by the shard it wrote; one that wrote nothing is
    handed out again, up to :data:`ROUNDS` times in all."""
    from eventledger.batch.shard import shard_dir

    report.shards = len(plan.shards)
    shutil.rmtree(out / "tmp", ignore_errors=True)  # what a killed run left half-written
    todo = []
    for shard in plan.shards:
        if shard_dir(out, shard.id).exists():
            _count(report, _on_disk(out, shard.id, written=False))
        else:
            todo.append(shard)
    report.resumed = report.shards - len(todo)
    errors: dict[str, str] = {}
    for _ in range(ROUNDS):
        if not todo:
            break
        errors = _round(client, todo, out, options, report, on_shard)
        for shard in todo:
            if shard.id in errors and shard_dir(out, shard.id).exists():
                del errors[shard.id]
                _count(report, _on_disk(out, shard.id, written=True))
        todo = [shard for shard in todo if shard.id in errors]
    report.failed.update(errors)


ROUNDS = 3


def _round(
    client: Any,
    todo: list[planning.Shard],
    out: Path,
    options: BatchOptions,
    report: BatchReport,
    on_shard: Callable[[Any, BatchReport], None] | None,
) -> dict[str, str]:
    """Hand ``todo`` to the cluster once; return shard id -> error for the tasks that failed."""
    from dask.distributed import as_completed

    from eventledger.batch.shard import run_shard

    futures = client.map(
        run_shard,
        todo,
        out=str(out),
        options=options.inputs,
        key=[f"eventledger-shard-{s.id}-{os.urandom(4).hex()}" for s in todo],
        retries=1,
        pure=False,
    )
    ids = {f.key: s.id for f, s in zip(futures, todo, strict=True)}
    errors: dict[str, str] = {}
    for future in as_completed(futures):
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost task is looked for on disk, then retried
            errors[ids[future.key]] = f"{type(exc).__name__}: {exc}"
            continue
        finally:
            future.release()
        # A re-run of a task whose first result died with its worker finds the shard that
        # first try wrote: this run wrote it all the same.
        _count(report, result if result.written else replace(result, written=True))
        if on_shard is not None:
            on_shard(result, report)
    return errors


def _on_disk(out: Path, shard_id: str, *, written: bool) -> Any:
    from eventledger.batch.shard import ShardReport, read_summary, shard_dir

    done = read_summary(shard_dir(out, shard_id))
    failures = tuple((f[0], f[1]) for f in done["failures"])
    return ShardReport(
        shard_id,
        written,
        done["documents"],
        done["events"],
        done["problems"],
        failures,
        done.get("seconds", 0.0) if written else 0.0,
    )


def _count(report: BatchReport, shard: Any) -> None:
    report.documents += shard.documents
    report.events += shard.events
    report.problems.update(shard.problems)
    report.failures.extend(shard.failures)
    if shard.written:
        report.written += 1
        report.busy_seconds += shard.seconds
    if shard.written and shard.worker:  # 0: counted from disk, the worker is unknown
        report.peak_rss_mib[shard.worker] = max(
            report.peak_rss_mib.get(shard.worker, 0.0), shard.peak_rss_mib
        )


def _absolute(source: planning.Source) -> planning.Source:
    return replace(source, paths=tuple(str(Path(p).absolute()) for p in source.paths))
