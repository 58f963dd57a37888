"""Verbs over documents and the ledger: extract, ingest, events, export, demo."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from eventledger.cli import err as _err
from eventledger.cli import main

DEFAULT_DB = "eventledger.db"
FORMATS = ("csv", "acled-csv", "jsonl", "geojson", "parquet")


_input_options = [
    click.argument("inputs", nargs=-1, required=True),
    click.option("--published", help="Publication date (ISO 8601) for inputs that lack one."),
    click.option("--url", help="Source URL of the input."),
    click.option("--outlet", help="Outlet (publisher) name, e.g. Meduza."),
    click.option("--lang", "language", help="Language code of the input, e.g. en."),
    click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr."),
]


def input_options(func):  # noqa: ANN001, ANN201 - a click decorator
    for option in reversed(_input_options):
        func = option(func)
    return func


def _options(published: str | None, url: str | None, outlet: str | None, language: str | None):
    from eventledger.errors import UsageError
    from eventledger.ingest import InputOptions, parse_published

    try:
        published = parse_published(published) if published else None
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    return InputOptions(published=published, url=url, outlet=outlet, language=language)


class _Run:
    """Counts what a run did, for the closing summary and the exit status."""

    def __init__(self) -> None:
        self.documents = 0
        self.events = 0
        self.added = 0
        self.failures = 0
        self.problems: Counter[str] = Counter()

    def summary(self, stored: bool) -> str:
        parts = [f"{self.documents} documents", f"{self.events} events"]
        if stored:
            parts.append(f"{self.added} new documents stored")
        if self.failures:
            parts.append(f"{self.failures} inputs could not be read")
        if self.problems:
            probs = ", ".join(f"{code} {n}" for code, n in sorted(self.problems.items()))
            parts.append(f"problems: {probs}")
        return "; ".join(parts)


@contextmanager
def _progress(quiet: bool) -> Iterator[Any]:
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield bar


def _results(
    inputs: Sequence[str], options, run: _Run, quiet: bool, ledger=None
) -> Iterator[Any]:
    """Each input's result; outlets' homes are learnt over the run (and from ``ledger``)."""
    from eventledger.gazetteer import Gazetteer
    from eventledger.ingest import InputFailure, read_inputs
    from eventledger.mentions.homes import OutletHomes
    from eventledger.pipeline import extract_document

    gaz = Gazetteer.open()
    homes = OutletHomes(gaz, ledger.outlet_texts if ledger is not None else None)
    stdin = sys.stdin.buffer if "-" in inputs else None
    with _progress(quiet) as bar:
        task = bar.add_task("extracting", total=None) if bar else None
        for item in read_inputs(list(inputs), options, stdin=stdin):
            if isinstance(item, InputFailure):
                run.failures += 1
                _err(item.message)
                continue
            result = extract_document(item, gaz, homes)
            run.documents += 1
            run.events += len(result.events)
            run.problems.update(p.code for p in result.problems)
            if bar:
                bar.advance(task)
            yield result


@main.command()
@input_options
def extract(inputs, published, url, outlet, language, quiet) -> None:
    """Extract events from INPUTS and print one JSON object per document (no database).

    INPUTS are HTML, text or Markdown files, directories, JSON Lines files, WARC files
    (.warc, .warc.gz: their HTML responses), http(s) URLs, or - for standard input.
    """
    from eventledger.serialize import result_to_dict

    run = _Run()
    out = sys.stdout
    for result in _results(inputs, _options(published, url, outlet, language), run, quiet):
        out.write(json.dumps(result_to_dict(result), ensure_ascii=False) + "\n")
    out.flush()
    if not quiet:
        _err(run.summary(stored=False))
    sys.exit(1 if run.failures else 0)


def _open_ledger(db: str):
    from eventledger.errors import StoreError
    from eventledger.store import Ledger

    try:
        return Ledger.open(db)
    except StoreError as exc:
        _err(str(exc))
        sys.exit(1)


@main.command()
@input_options
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy URL or SQLite path.")
def ingest(inputs, published, url, outlet, language, quiet, db) -> None:
    """Extract events from INPUTS and store them in the ledger (one transaction per document)."""
    run = _Run()
    ledger = _open_ledger(db)
    with ledger:
        options = _options(published, url, outlet, language)
        for result in _results(inputs, options, run, quiet, ledger):
            _store(ledger, result, run)
    if not quiet:
        _err(run.summary(stored=True))
    sys.exit(1 if run.failures else 0)


def _store(ledger, result, run: _Run) -> None:
    """Add one document; a failure rolls that document back and the run goes on."""
    from eventledger.errors import StoreError

    try:
        run.added += int(ledger.add(result))
    except StoreError as exc:
        run.problems["store-failed"] += 1
        _err(f"{result.doc_id}: {exc}")


def _filter(date_from, date_to, country, event_type, text, limit):
    from eventledger.store import EventFilter

    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        country=country and country.upper(),
        event_type=event_type,
        text=text,
        limit=limit,
    )


_filter_options = [
    click.option(
        "--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy URL or SQLite path."
    ),
    click.option("--from", "date_from", help="Earliest event date (YYYY-MM-DD)."),
    click.option("--to", "date_to", help="Latest event date (YYYY-MM-DD)."),
    click.option("--country", help="ISO 3166-1 alpha-2 country code, e.g. RU."),
    click.option("--type", "event_type", help="ACLED event type or sub-event type."),
    click.option("--text", help="Words in the evidence, place or actor names."),
]


def filter_options(func):  # noqa: ANN001, ANN201 - a click decorator
    for option in reversed(_filter_options):
        func = option(func)
    return func


def _check_dates(*values: str | None) -> None:
    from datetime import date

    for v in values:
        if v is None:
            continue
        try:
            date.fromisoformat(v)
        except ValueError:
            raise click.UsageError(f"'{v}' is not a date; use YYYY-MM-DD.") from None


@main.command()
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default="table",
    show_default=True,
)
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many events.")
def events(db, date_from, date_to, country, event_type, text, fmt, limit) -> None:
    """List stored events, filtered."""
    _check_dates(date_from, date_to)
    with _open_ledger(db) as ledger:
        rows = ledger.events(_filter(date_from, date_to, country, event_type, text, limit))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        _print_table(rows)


def _print_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} events", show_lines=False)
    widths = {
        "date": 10,
        "kind": 8,
        "type": 24,
        "where": 26,
        "killed": 6,
        "injured": 7,
        "source": 22,
        "evidence": 60,
    }
    for col, width in widths.items():
        table.add_column(
            col, no_wrap=True, overflow="ellipsis", min_width=min(width, 10), max_width=width
        )
    for r in rows:
        where = ", ".join(x for x in (r.get("location"), r.get("admin1"), r.get("country")) if x)
        sources = "; ".join(
            sorted({c["source"] for c in r.get("claims", []) if c["stance"] == "asserts"})
        )
        flags = (
            " (unconfirmed)" if any(c["stance"] != "asserts" for c in r.get("claims", [])) else ""
        )
        quote = " ".join((r["evidence"][0]["quote"] if r.get("evidence") else "").split())
        cells = (
            r.get("date") or "?",
            r["kind"],
            r["sub_event_type"],
            where or "?",
            _fmt_range(r["fatalities"]),
            _fmt_range(r["injured"]),
            sources + flags,
            quote,
        )
        table.add_row(*(Text(c) for c in cells))  # Text: article words are never markup
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)
    console.print(table)


def _fmt_range(r: dict) -> str:
    low, high = r.get("low"), r.get("high")
    if low is None and high is None:
        return ""
    if low == high:
        return str(low)
    if high is None:
        return f"{low}+"
    if low is None:
        return f"≤{high}"
    return f"{low}–{high}"


@main.command()
@filter_options
@click.option(
    "--format", "fmt", default="csv", show_default=True, help=f"One of: {', '.join(FORMATS)}."
)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="File to write (default stdout).",
)
@click.option(
    "--level",
    type=click.Choice(["event", "incident"]),
    default="event",
    show_default=True,
    help="Events as extracted, or incidents (events linked across documents).",
)
def export(db, date_from, date_to, country, event_type, text, fmt, out, level) -> None:
    """Export stored events or incidents as CSV, ACLED-style CSV, JSON Lines, GeoJSON or
    Parquet."""
    from eventledger.errors import UsageError
    from eventledger.export import write_events, write_incidents

    _check_dates(date_from, date_to)
    if fmt not in FORMATS:
        raise click.UsageError(f"Unknown format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    if fmt == "parquet" and level == "incident":
        raise click.UsageError("Parquet holds events: use --level event with --format parquet.")
    write = write_incidents if level == "incident" else write_events
    with _open_ledger(db) as ledger:
        if level == "incident":
            from eventledger.cli.incidents import incident_filter

            rows = ledger.incidents(
                incident_filter(date_from, date_to, country, event_type, text, None, None)
            )
        else:
            rows = ledger.events(_filter(date_from, date_to, country, event_type, text, None))
    try:
        if out and fmt == "parquet":
            with open(out, "wb") as fh:
                n = write_events(rows, fmt, fh)
        elif out:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                n = write(rows, fmt, fh)
        elif fmt == "parquet":
            n = write_events(rows, fmt, sys.stdout.buffer)
        else:
            n = write(rows, fmt, sys.stdout)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    _err(f"{n} {level}s written" + (f" to {out}" if out else ""))


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy URL or SQLite path.")
@click.option("--serve/--no-serve", default=False, show_default=True,
              help="Then serve the web app over the ledger (http://127.0.0.1:8000/).")
def demo(db, serve) -> None:
    """Ingest the bundled sample articles into the ledger and show what was found."""
    from eventledger.samples import sample_path

    run = _Run()
    ledger = _open_ledger(db)
    with ledger:
        for result in _results([str(sample_path())], _options(None, None, None, None), run, False):
            _store(ledger, result, run)
        rows = ledger.events(_filter(None, None, None, None, None, 1000))
    _print_table(rows)
    _err(run.summary(stored=True) + f"; ledger: {db}")
    if serve:
        from eventledger.cli.web import run_server

        run_server(db, "127.0.0.1", 8000)
