"""The ``eval`` verb: score every stage against the gold data in ``../shared``."""

from __future__ import annotations

import json
import sys
import time

import click

from eventledger.cli import err as _err
from eventledger.cli import main


@main.command("eval")
@click.option(
    "--data",
    "data_dir",
    metavar="DIR",
    help="The shared folder (holds data/ and gold/); default: $EVENTLEDGER_SHARED,"
    " else ../shared beside the repository.",
)
@click.option(
    "--dataset",
    "datasets",
    multiple=True,
    metavar="NAME",
    help="Score only this dataset (repeat for several); default: all.",
)
@click.option("--fast", is_flag=True, help="The fixed fast subset that CI runs.")
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON document on stdout instead of tables."
)
@click.option(
    "--floors",
    "floors_file",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Exit 1 when a score falls below its floor in FILE (e.g. quality/floors.json).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
def eval_command(data_dir, datasets, fast, as_json, floors_file, quiet) -> None:
    """Score each stage (page text, events, event types, casualties, places, linking) against
    gold data, on dev and test parts, with throughput beside accuracy.

    \b
    Datasets: scrapinghub-aeb, trafilatura-eval, gold-en, gold-ru, gold-fakes,
    gold-all, plover-gsr, wikievents, ucdp-ged, geowebnews, lgl, tr-news, geovirus,
    nerel-places, fakes-linking.
    """
    from eventledger.errors import InputError, UsageError
    from eventledger.evaluate import choose
    from eventledger.evaluate import evaluate as run_all
    from eventledger.evaluate.shared import locate

    try:
        choose(datasets)
    except UsageError as exc:
        _err(str(exc))
        sys.exit(2)
    floors = _read_floors(floors_file) if floors_file else None
    try:
        data = locate(data_dir)
    except InputError as exc:
        _err(str(exc))
        sys.exit(1)
    scores = []
    for score in _progress(run_all(data, datasets, fast=fast), quiet):
        scores.append(score)
        if not as_json:
            _print_score(score)
    if as_json:
        from eventledger.evaluate.results import score_to_dict

        doc = {"data": str(data), "fast": fast, "datasets": [score_to_dict(s) for s in scores]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    if floors is not None:
        _check_floors(scores, floors)


def _progress(scores, quiet: bool):  # noqa: ANN001, ANN202 - an iterator of DatasetScores
    start = time.perf_counter()
    for score in scores:
        if not quiet:
            state = f"skipped ({score.skipped})" if score.skipped else "scored"
            _err(f"{score.name}: {state} at {time.perf_counter() - start:.1f}s")
        yield score


def _read_floors(path: str) -> dict:
    from eventledger.errors import UsageError
    from eventledger.evaluate.floors import load_floors

    try:
        return load_floors(path)
    except UsageError as exc:
        _err(str(exc))
        sys.exit(2)


def _check_floors(scores, floors: dict) -> None:  # noqa: ANN001 - DatasetScores
    from eventledger.evaluate.floors import shortfalls

    short = shortfalls(scores, floors)
    for line in short:
        _err(f"below floor: {line}")
    if short:
        sys.exit(1)


def _print_score(score) -> None:  # noqa: ANN001 - a DatasetScore
    """One table per dataset: a row per metric, a column per system and part."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    if score.skipped:
        console.print(Text(f"{score.name}: skipped: {score.skipped}"))
        return
    names = list(dict.fromkeys(m.name for r in score.rows for m in r.metrics))
    systems = list(dict.fromkeys(r.system for r in score.rows))
    table = Table(title=Text(f"{score.name} — {score.title}"), title_justify="left")
    table.add_column("metric")
    for row in score.rows:
        head = (
            row.part
            if len(systems) == 1 or row.system == systems[0]
            else f"{row.system}: {row.part}"
        )
        table.add_column(head, justify="right")
    for name in names:
        cells = [_cell(next((m for m in r.metrics if m.name == name), None)) for r in score.rows]
        table.add_row(Text(name), *(Text(c) for c in cells))
    table.add_row(Text("documents"), *(Text(str(r.documents)) for r in score.rows))
    table.add_row(Text("docs/s"), *(Text(_rate(r.docs_per_second)) for r in score.rows))
    console.print(table)
    for note in score.notes:
        console.print(Text(f"  {note}"), style="dim")


def _cell(metric) -> str:  # noqa: ANN001 - a Metric or None
    """'0.812 (45)': the value and how many items it was computed over."""
    if metric is None or metric.value is None:
        return "–"
    value = f"{metric.value:.1f}" if metric.name.endswith("_km") else f"{metric.value:.3f}"
    return f"{value} ({metric.n})"


def _rate(per_second: float | None) -> str:
    return "–" if per_second is None else f"{per_second:.1f}"
