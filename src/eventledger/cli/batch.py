"""Verbs for runs beyond one process: batch (Dask, inputs -> Parquet shards) and load."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from eventledger.cli import err as _err
from eventledger.cli import main
from eventledger.cli.ledger import DEFAULT_DB, _open_ledger, _options


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory for the Parquet shards (created; a rerun resumes it).",
)
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes of the local Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Use a running Dask scheduler (tcp://host:8786) instead of a local cluster.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Documents per shard.",
)
@click.option(
    "--memory-limit",
    default="auto",
    show_default=True,
    help="Memory per local worker (Dask notation, e.g. 4GiB); auto: RAM / workers.",
)
@click.option("--published", help="Publication date (ISO 8601) for inputs that lack one.")
@click.option("--outlet", help="Outlet (publisher) name for inputs that lack one.")
@click.option("--lang", "language", help="Language code for inputs that lack one, e.g. en.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
def batch(
    inputs, out, workers, scheduler, shard_size, memory_limit, published, outlet, language, quiet
) -> None:
    """Extract events from INPUTS on a Dask cluster into Parquet shards in --out.

    INPUTS are WARC files (.warc, .warc.gz: their HTML responses), JSON Lines files,
    directories of HTML / text files (or of those), globs ('crawl/*.warc.gz') and @FILE
    (a file naming one path or glob per line). Big inputs are cut into shards of
    --shard-size documents; each shard is written whole or not at all, so running the same
    command again after a crash or Ctrl-C resumes where it stopped. Load the result into a
    ledger with `eventledger load`.
    """
    from eventledger.batch import BatchOptions, run_batch
    from eventledger.errors import UsageError

    options = BatchOptions(
        workers=workers,
        scheduler=scheduler,
        shard_size=shard_size,
        memory_limit=memory_limit,
        inputs=_options(published, None, outlet, language),
    )
    progress = None if quiet else _shard_progress
    try:
        report = run_batch(list(inputs), Path(out), options, on_shard=progress)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    for name, message in report.failures:
        _err(message if name in message else f"{name}: {message}")
    for shard, reason in sorted(report.failed.items()):
        _err(f"shard {shard} failed: {reason}")
    if not quiet:
        _err(_summary(report, out))
    sys.exit(0 if report.complete and not report.failures else 1)


def _shard_progress(shard, report) -> None:
    if sys.stderr.isatty():
        done = report.resumed + report.written + len(report.failed)
        click.echo(
            f"\r{done}/{report.shards} shards, {report.documents} documents", err=True, nl=False
        )


def _summary(report, out: str) -> str:
    if sys.stderr.isatty():
        click.echo("", err=True)
    parts = [
        f"{report.shards} shards ({report.written} written, {report.resumed} already done"
        + (f", {len(report.failed)} failed" if report.failed else "")
        + ")",
        f"{report.documents} documents",
        f"{report.events} events",
    ]
    if report.failures:
        parts.append(f"{len(report.failures)} inputs could not be read (fully)")
    if report.problems:
        parts.append(
            "problems: " + ", ".join(f"{c} {n}" for c, n in sorted(report.problems.items()))
        )
    parts.append(f"{report.seconds:.1f} s")
    tail = (
        f"; output: {out}" if report.complete else f"; run the same command again to finish {out}"
    )
    return "; ".join(parts) + tail


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy URL or SQLite path.")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
@click.option("--link/--no-link", default=True, show_default=True,
              help="Link documents into incidents while loading; with --no-link, run "
              "`eventledger link` afterwards.")
def load(directory, db, quiet, link) -> None:
    """Bulk-load the Parquet shards of a batch run (DIRECTORY) into the ledger.

    Idempotent: documents the ledger already holds are skipped, so loading again (say,
    after the batch run finished more shards) adds only what is new. Linking into incidents
    is the slow part of a big load: --no-link stores first, `eventledger link` links later.
    """
    from eventledger.batch import load_shards
    from eventledger.errors import StoreError, UsageError

    with _open_ledger(db) as ledger:
        try:
            report = load_shards(Path(directory), ledger, link=link)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except StoreError as exc:
            _err(str(exc))
            sys.exit(1)
    if not quiet:
        _err(
            f"{report.shards} shards, {report.documents} documents, {report.events} events read; "
            f"{report.added} new documents stored; ledger: {ledger.url}"
            + ("" if link else "; not linked yet: run `eventledger link`")
        )


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy URL or SQLite path.")
def link(db) -> None:
    """Link stored documents not yet linked into incidents (after `load --no-link`)."""
    from eventledger.errors import StoreError

    with _open_ledger(db) as ledger:
        try:
            n = ledger.link_pending()
        except StoreError as exc:
            _err(str(exc))
            sys.exit(1)
    _err(f"{n} documents linked into incidents; ledger: {ledger.url}")
