"""Verbs over incidents (events linked across documents): incidents."""

from __future__ import annotations

import json
import sys

import click

from eventledger.cli import err as _err
from eventledger.cli import main
from eventledger.cli.ledger import _check_dates, _fmt_range, _open_ledger, filter_options


def incident_filter(date_from, date_to, country, event_type, text, as_of, limit, kind=None):
    """The :class:`IncidentFilter` of the shared filter options (as-of checked)."""
    from eventledger.errors import UsageError
    from eventledger.store import IncidentFilter
    from eventledger.store.incidents import as_of_moment

    try:
        as_of_moment(as_of)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    return IncidentFilter(date_from=date_from, date_to=date_to,
                          country=country and country.upper(), event_type=event_type,
                          text=text, kind=kind, as_of=as_of, limit=limit)


@main.command()
@filter_options
@click.option("--kind", type=click.Choice(["incident", "tally"]), help="Only incidents or tallies.")
@click.option("--as-of", "as_of", help="Show the ledger as it stood at the end of this day "
              "(YYYY-MM-DD) or at this UTC time.")
@click.option("--show", "show", metavar="ID", help="One incident, its reports side by side.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True)
@click.option("--limit", type=int, default=100, show_default=True,
              help="At most this many incidents.")
def incidents(db, date_from, date_to, country, event_type, text, kind, as_of, show, fmt,
              limit) -> None:
    """List incidents: the same happening reported by several documents, linked."""
    _check_dates(date_from, date_to)
    f = incident_filter(date_from, date_to, country, event_type, text, as_of, limit, kind)
    with _open_ledger(db) as ledger:
        if show:
            found = ledger.incident(show, as_of=as_of)
            if found is None:
                when = f" as of {as_of}" if as_of else ""
                _err(f"no incident '{show}' in {ledger.url}{when}")
                sys.exit(1)
            rows = [found]
        else:
            rows = ledger.incidents(f)
    if fmt == "json":
        click.echo(json.dumps(rows[0] if show else rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif show:
        _print_incident(rows[0])
    else:
        _print_incidents(rows)


def _console():
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=200)


def _where(r: dict) -> str:
    return ", ".join(x for x in (r.get("location"), r.get("admin1"), r.get("country")) if x)


def _estimate(e: dict) -> str:
    low, best, high = e.get("low"), e.get("best"), e.get("high")
    if low is None and high is None:
        return ""
    if low == high:
        return str(low)
    return f"{low}–{high} (best {best})"


def _print_incidents(rows: list[dict]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} incidents")
    widths = {"id": 20, "date": 10, "kind": 8, "type": 24, "where": 26, "killed": 16,
              "reports": 7, "sources": 7, "flags": 14}
    for col, width in widths.items():
        table.add_column(col, no_wrap=True, overflow="ellipsis", min_width=min(width, 7),
                         max_width=width)
    for r in rows:
        flags = ", ".join(sorted({f["flag"] for f in r["flags"]}))
        if r["disagreements"]:
            flags = ", ".join(x for x in (flags, "disputed") if x)
        cells = (r["id"], r.get("date") or "?", r["kind"], r["sub_event_type"], _where(r) or "?",
                 _estimate(r["fatalities"]), str(r["reports"]), str(r["independent_sources"]),
                 flags)
        table.add_row(*(Text(c) for c in cells))  # Text: article words are never markup
    _console().print(table)


_SIDE_BY_SIDE = (
    ("outlet", lambda m: m["outlet"] or m["document_id"]),
    ("published", lambda m: m["published"] or "?"),
    ("chain", lambda m: "; ".join(" → ".join(c) for c in m["chains"])),
    ("sub-event type", lambda m: m["sub_event_type"]),
    ("date", lambda m: f"{m['date'] or '?'} ({m['date_precision']})"),
    ("place", lambda m: _where(m) or "?"),
    ("killed", lambda m: _fmt_range(m["fatalities"])),
    ("injured", lambda m: _fmt_range(m["injured"])),
    ("perpetrator", lambda m: "; ".join(m["perpetrators"])),
    ("stance", lambda m: ", ".join(m["stances"])),
    ("evidence", lambda m: " ".join((m["evidence"] or "").split())),
)


def _print_incident(r: dict) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console()
    head = (f"{r['id']} · {r['kind']} · {r['sub_event_type']} · {r.get('date') or '?'} · "
            f"{_where(r) or '?'} · killed {_estimate(r['fatalities']) or '?'} · "
            f"{r['reports']} reports, {r['independent_sources']} independent")
    console.print(Text(head, style="bold"))
    if r.get("successor") or r.get("superseded_at"):
        console.print(Text(f"merged into {r.get('successor')} at {r.get('superseded_at')}"))
    table = Table(show_lines=True)
    table.add_column("")
    for m in r["members"]:
        table.add_column(m["event_id"], overflow="fold", max_width=40)
    for label, value_of in _SIDE_BY_SIDE:
        table.add_row(Text(label), *(Text(value_of(m)) for m in r["members"]))
    console.print(table)
    for d in r["disagreements"]:
        values = "; ".join(f"{_value(v['value'])} ({', '.join(v['sources'])})" for v in d["values"])
        console.print(Text(f"disagreement on {d['field']}: {values}"))
    for f in r["flags"]:
        console.print(Text(f"{f['flag']}: {f['source']} (in {f['outlet']})"))
    for key in ("covered_by", "covers"):
        if r.get(key):
            console.print(Text(f"{key.replace('_', ' ')}: {', '.join(r[key])}"))
    for h in r.get("history", []):
        console.print(Text(f"version {h['version']} recorded {h['recorded_at']}: "
                           f"{h['reports']} reports, killed {_estimate(h['fatalities']) or '?'}"
                           + (f", superseded {h['superseded_at']}" if h["superseded_at"] else "")))


def _value(value) -> str:
    if isinstance(value, dict):
        return _fmt_range(value)
    return str(value)
