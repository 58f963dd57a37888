"""The HTML pages: the map and timeline (``/``), an event beside its source text
(``/events/{id}``), a document with every mention (``/documents/{id}``), an incident
(``/incidents/{id}``, once the ledger links events) and the form to add a report (``/add``).

Templates autoescape everything; pages carry no inline script or style, and hand the
front-end script what it needs in ``data-`` attributes (escaped like any other text).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader

from eventledger import __version__
from eventledger.errors import EventledgerError
from eventledger.store import EventFilter, Ledger
from eventledger.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES
from eventledger.web import assets, countries
from eventledger.web.api import (
    DOWNLOADS,
    NO_INCIDENTS,
    find_incident,
    has_incidents,
    incident_filter,
    ledger_of,
    settings_of,
)
from eventledger.web.errors import ApiError
from eventledger.web.highlight import Mark, mark_text
from eventledger.web.mentions import KINDS, find_mentions
from eventledger.web.params import event_filter, page, query_of, split_page
from eventledger.web.reports import Report, Reporter
from eventledger.web.security import check_token

router = APIRouter(include_in_schema=False)

Filter = Annotated[EventFilter, Depends(event_filter)]
LedgerDep = Annotated[Ledger, Depends(ledger_of)]

PAGE_SIZE = 50


def type_class(event_type: str | None) -> str:
    """A CSS class for an event type: ``t-explosions-remote-violence``."""
    return "t-" + re.sub(r"[^a-z]+", "-", (event_type or "unknown").lower()).strip("-")


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address fit for an href; else None (never javascript:)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def fmt_range(r: dict[str, Any] | None) -> str:
    r = r or {}
    low, high, qualifier = r.get("low"), r.get("high"), r.get("qualifier")
    if low is None and high is None:
        return "not reported"
    if low == high:
        text = str(low)
    elif high is None:
        text = f"{low} or more"
    elif low is None:
        text = f"up to {high}"
    else:
        text = f"{low} to {high}"
    return f"{text} ({qualifier})" if qualifier else text


def place_of(ev: dict[str, Any]) -> str:
    parts = (
        ev.get("location"),
        ev.get("admin2"),
        ev.get("admin1"),
        countries.name(ev.get("country")),
    )
    return ", ".join(dict.fromkeys(p for p in parts if p)) or "place unknown"


_ENV = Environment(
    loader=PackageLoader("eventledger.web", "templates"),
    autoescape=True,  # every template, whatever its name: article text is hostile
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["path"] = lambda value: quote(str(value), safe=":@")  # one URL path segment
_ENV.globals.update(
    static=assets.static_url,
    type_class=type_class,
    safe_link=safe_link,
    fmt_range=fmt_range,
    place_of=place_of,
    country_name=countries.name,
    event_types=EVENT_TYPES,
    version=__version__,
)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    settings = settings_of(request)
    ledger = ledger_of(request)
    html = _ENV.get_template(template).render(
        writable=bool(settings.write_token),
        incidents_available=has_incidents(ledger),
        missing_assets=assets.missing(),
        **context,
    )
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, error: ApiError) -> str:
    settings = getattr(request.app.state, "settings", None)
    return _ENV.get_template("error.html").render(
        error=error,
        writable=bool(settings and settings.write_token),
        incidents_available=False,
        missing_assets=[],
    )


# ---------------------------------------------------------------- the map


@router.get("/", response_class=HTMLResponse)
def index(request: Request, ledger: LedgerDep, f: Filter, cursor: str | None = None) -> Response:
    paged = page(f, PAGE_SIZE, cursor)
    rows, next_cursor = split_page(ledger.events(paged), paged)
    query = query_of(f)
    facets = ledger.facets(f)
    settings = settings_of(request)
    return render(
        request,
        "index.html",
        filter=f,
        query=query,
        rows=rows,
        next_url="/?" + urlencode({**query, "cursor": next_cursor}) if next_cursor else None,
        count=ledger.count(f),
        facets=facets,
        sub_event_types=list(SUB_EVENT_TYPES),
        downloads={fmt: "/api/export?" + urlencode({**query, "format": fmt}) for fmt in DOWNLOADS},
        tile_url=settings.tile_url or "",
        tile_attribution=settings.tile_attribution or "",
    )


# ---------------------------------------------------------------- an event


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, ledger: LedgerDep) -> Response:
    event = ledger.event(event_id)
    if event is None:
        raise ApiError(404, f"No event '{event_id[:100]}' in this ledger.")
    record = ledger.document(event["document_id"]) or {}
    text = record.get("text", "")
    marks = [
        Mark(s["start"], s["end"], "evidence", f"evidence {i}", f"ev-{i}", s["quote"])
        for i, s in enumerate(event["evidence"], 1)
    ]
    for c, claim in enumerate(event["claims"], 1):
        label = f"claim {c}: {claim['source']} ({claim['stance']})"
        marks += [
            Mark(
                s["start"],
                s["end"],
                f"claim stance-{claim['stance']}",
                label,
                f"cl-{c}-{i}",
                s["quote"],
            )
            for i, s in enumerate(claim["evidence"], 1)
        ]
    siblings = [e for e in record.get("events", []) if e["id"] != event_id]
    return render(
        request,
        "event.html",
        event=event,
        doc=record.get("document", {}),
        marked=mark_text(text, marks),
        siblings=siblings,
    )


# ---------------------------------------------------------------- a document


@router.get("/documents/{document_id}", response_class=HTMLResponse)
async def document_page(request: Request, document_id: str) -> Response:
    ledger = ledger_of(request)
    record = await run_in_threadpool(ledger.document, document_id)
    if record is None:
        raise ApiError(404, f"No document '{document_id[:100]}' in this ledger.")
    reporter: Reporter = request.app.state.reporter
    marks = await run_in_threadpool(_document_marks, reporter, record)
    return render(
        request,
        "document.html",
        record=record,
        doc=record["document"],
        marked=mark_text(record["text"], marks),
        mention_kinds=KINDS,
    )


def _document_marks(reporter: Reporter, record: dict[str, Any]) -> list[Mark]:
    marks: list[Mark] = []
    for n, ev in enumerate(record["events"], 1):
        label = f"evidence of event {n}: {ev['sub_event_type']}"
        marks += [
            Mark(
                s["start"], s["end"], "evidence", label, f"e{n}-{i}" if i == 1 else None, s["quote"]
            )
            for i, s in enumerate(ev["evidence"], 1)
        ]
    published = _date(record["document"].get("published"))
    with reporter.lock:
        language = record["document"].get("language")
        marks += find_mentions(record["text"], published, reporter.gazetteer(), language)
    return marks


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------- incidents


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request, ledger: LedgerDep) -> Response:
    found = (
        ledger.incidents(incident_filter(None, None, None, None, None, None, None, 500))  # type: ignore[attr-defined]
        if has_incidents(ledger)
        else []
    )
    return render(request, "incidents.html", incidents=found, note=None if found else NO_INCIDENTS)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, ledger: LedgerDep) -> Response:
    found = find_incident(ledger, incident_id)
    if found is None:
        note = "" if has_incidents(ledger) else " " + NO_INCIDENTS
        raise ApiError(404, f"No incident '{incident_id[:100]}'.{note}")
    reports = [_report(ledger, m) for m in found.get("events") or found.get("members") or []]
    fields = (
        "event_type",
        "sub_event_type",
        "date",
        "location",
        "admin1",
        "country",
        "fatalities",
        "injured",
    )
    rows = [
        (name, [r.get(name) for r in reports], len({repr(r.get(name)) for r in reports}) > 1)
        for name in fields
    ]
    return render(request, "incident.html", incident=found, reports=reports, rows=rows)


def _report(ledger: Ledger, member: dict[str, Any]) -> dict[str, Any]:
    """One report of an incident: its event record, with the outlet that published it."""
    event_id = member.get("event_id")
    if event_id is None:
        return member  # already an event record
    event = ledger.event(event_id) or {"id": event_id}
    return {**event, "outlet": member.get("outlet"), "document_id": member.get("document_id")}


# ---------------------------------------------------------------- adding reports


FORM_FIELDS = ("text", "url", "title", "published", "outlet", "source_url")


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> Response:
    return render(request, "add.html", form={}, error=None)


@router.post("/add", response_class=HTMLResponse)
async def add_submit(request: Request) -> Response:
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in FORM_FIELDS}
    try:
        check_token(settings_of(request), str(form.get("token") or "") or None)
    except ApiError as error:
        return render(request, "add.html", status=error.status, form=values, error=error.message)
    report = Report(
        content=values["text"] or None,
        fetch_url=values["url"] or None,
        title=values["title"] or None,
        published=values["published"] or None,
        outlet=values["outlet"] or None,
        source_url=values["source_url"] or None,
    )
    reporter: Reporter = request.app.state.reporter
    try:
        added = await run_in_threadpool(reporter.add, report)
    except EventledgerError as error:
        return render(request, "add.html", status=400, form=values, error=str(error))
    target = f"/documents/{quote(added.document_id, safe=':@')}?added={int(added.added)}"
    return RedirectResponse(target, 303)
