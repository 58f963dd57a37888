"""The JSON API: ``/api/...``. Every page's data comes from here.

Reads: events (filtered, paged by cursor), one event, one document, the archived raw input,
a timeline, map clusters, filter values, downloads, incidents (once the ledger has them).
Writes: ``POST /api/reports`` with the operator's token.

Incidents are feature-detected: once the ledger has ``incidents()`` (an iterable of dicts with
at least ``id``, and ``events`` or ``members``: the linked events in the ``events()`` shape)
and, optionally, ``incident(id)`` (one such dict or None), ``/api/incidents``, ``/incidents``
and ``/incidents/{id}`` (the reports side by side, disagreements marked) use them; until then
they answer with an empty list and a note, or 404.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import ValidationError

from eventledger import __version__
from eventledger.export import write_events
from eventledger.store import EventFilter, Ledger
from eventledger.web import countries
from eventledger.web.errors import ApiError, error_responses
from eventledger.web.models import (
    DocumentRecord,
    EventModel,
    EventPage,
    IncidentPage,
    Meta,
    ReportAdded,
    ReportIn,
    Summary,
)
from eventledger.web.params import event_filter, page, split_page
from eventledger.web.reports import Report, Reporter
from eventledger.web.security import RAW_CSP, bearer, check_token
from eventledger.web.settings import WebSettings

router = APIRouter(prefix="/api", responses=error_responses(400, 422, 500, 503))

Filter = Annotated[EventFilter, Depends(event_filter)]
DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}
NO_INCIDENTS = (
    "This ledger has no incidents yet: linking reports of the same event across documents "
    "is not part of this eventledger."
)


def ledger_of(request: Request) -> Ledger:
    return request.app.state.ledger


def settings_of(request: Request) -> WebSettings:
    return request.app.state.settings


LedgerDep = Annotated[Ledger, Depends(ledger_of)]


def has_incidents(ledger: Ledger) -> bool:
    """Whether this ledger links events into incidents (feature-detected)."""
    return callable(getattr(ledger, "incidents", None))


@router.get("/meta", response_model=Meta, summary="What this server offers")
def meta(request: Request, ledger: LedgerDep) -> dict[str, Any]:
    settings = settings_of(request)
    return {
        "version": __version__,
        "search": ledger.search_backend,
        "writable": bool(settings.write_token),
        "incidents": has_incidents(ledger),
        "tile_url": settings.tile_url,
    }


@router.get("/events", response_model=EventPage, summary="Events, filtered, one page at a time")
def list_events(
    ledger: LedgerDep,
    f: Filter,
    limit: Annotated[int | None, Query(description="Events per page, 1 to 500 (50).")] = None,
    cursor: Annotated[str | None, Query(description="The `next` of the previous page.")] = None,
) -> JSONResponse:
    paged = page(f, limit, cursor)
    rows, next_cursor = split_page(ledger.events(paged), paged)
    return JSONResponse({"events": rows, "next": next_cursor})


@router.get(
    "/events/{event_id}",
    response_model=EventModel,
    responses=error_responses(404),
    summary="One event",
)
def get_event(event_id: str, ledger: LedgerDep) -> JSONResponse:
    event = ledger.event(event_id)
    if event is None:
        raise ApiError(404, f"No event '{event_id[:100]}' in this ledger.")
    return JSONResponse(event)


@router.get(
    "/documents/{document_id}",
    response_model=DocumentRecord,
    responses=error_responses(404),
    summary="One document: its clean text, problems and events",
)
def get_document(document_id: str, ledger: LedgerDep) -> JSONResponse:
    record = ledger.document(document_id)
    if record is None:
        raise ApiError(404, f"No document '{document_id[:100]}' in this ledger.")
    return JSONResponse(record)


@router.get("/summary", response_model=Summary, summary="How many events match; filter values")
def summary(ledger: LedgerDep, f: Filter) -> dict[str, Any]:
    facets = ledger.facets(f)
    for item in facets["country"]:
        item["label"] = countries.name(item["value"])
    return {"count": ledger.count(f), "facets": facets}


@router.get("/timeline", summary="Events and fatalities per day, week or month, by type")
def timeline(
    ledger: LedgerDep,
    f: Filter,
    bucket: Annotated[str, Query(description="day, week, month or auto.")] = "auto",
) -> dict[str, Any]:
    return ledger.timeline(f, bucket)


@router.get("/map", summary="Events clustered on the server for a map view")
def map_view(
    ledger: LedgerDep,
    f: Filter,
    zoom: Annotated[int, Query(ge=0, le=20, description="Map zoom; sets the cluster size.")] = 2,
) -> dict[str, Any]:
    found = ledger.map_cells(f, cell_deg=90.0 / 2**zoom)
    for area in found["areas"]:
        area["iso_numeric"] = countries.iso_numeric(area["country"])
        area["country_name"] = countries.name(area["country"])
    return found


@router.get(
    "/export",
    summary="The filtered events as a file to download",
    response_class=Response,
    responses={200: {"content": {t: {} for t, _ in DOWNLOADS.values()}}},
)
def export(
    ledger: LedgerDep,
    f: Filter,
    format: Annotated[  # noqa: A002 -- the public parameter name
        str, Query(description="csv, acled-csv, geojson or jsonl.")
    ] = "csv",
) -> StreamingResponse:
    if format not in DOWNLOADS:
        raise ApiError(
            400, f"Unknown format '{format[:40]}'. Choose one of: {', '.join(DOWNLOADS)}."
        )
    media_type, suffix = DOWNLOADS[format]
    spool = tempfile.SpooledTemporaryFile(max_size=8_000_000, mode="w+", encoding="utf-8")
    write_events(ledger.iter_events(f), format, spool)
    spool.seek(0)
    name = f"eventledger-events{'-acled' if format == 'acled-csv' else ''}.{suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(_chunks(spool), media_type=media_type, headers=headers)


def _chunks(spool: Any) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(65536):
            yield chunk.encode("utf-8")


@router.get(
    "/raw/{content_hash}",
    response_class=Response,
    responses=error_responses(404),
    summary="The archived raw input, as text (never rendered as a page)",
)
def raw(
    content_hash: str,
    ledger: LedgerDep,
    download: Annotated[bool, Query(description="Save it as a file.")] = False,
) -> Response:
    data = ledger.raw(content_hash) if len(content_hash) == 64 else None
    if data is None:
        raise ApiError(404, f"No archived input with hash '{content_hash[:80]}'.")
    disposition = "attachment" if download else "inline"
    headers = {
        "Content-Security-Policy": RAW_CSP,
        "Content-Disposition": f'{disposition}; filename="{content_hash[:16]}.raw.txt"',
        "Cache-Control": "private, max-age=86400, immutable",
    }
    return Response(data, media_type="text/plain", headers=headers)


@router.get("/incidents", response_model=IncidentPage, summary="Incidents (events linked)")
def list_incidents(
    ledger: LedgerDep,
    date_from: Annotated[
        str | None, Query(description="Earliest incident date, YYYY-MM-DD")
    ] = None,
    date_to: Annotated[str | None, Query(description="Latest incident date, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code")] = None,
    type: Annotated[str | None, Query(description="ACLED event type or sub-event type")] = None,
    q: Annotated[str | None, Query(description="Words in a place, actor or evidence")] = None,
    kind: Annotated[str | None, Query(description="incident or tally")] = None,
    as_of: Annotated[str | None, Query(description="The ledger as it stood on this day")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="The `next` of the previous page")] = None,
) -> dict[str, Any]:
    if not has_incidents(ledger):
        return {"incidents": [], "next": None, "note": NO_INCIDENTS}
    offset = _offset(cursor)
    found = ledger.incidents(
        incident_filter(  # type: ignore[attr-defined]
            date_from, date_to, country, type, q, kind, as_of, limit + 1, offset
        )
    )
    more = len(found) > limit
    return {
        "incidents": found[:limit],
        "next": str(offset + limit) if more else None,
        "note": None if found else "No incident matches.",
    }


def incident_filter(
    date_from: str | None,
    date_to: str | None,
    country: str | None,
    type_: str | None,
    q: str | None,
    kind: str | None,
    as_of: str | None,
    limit: int | None,
    offset: int = 0,
) -> Any:
    """The ledger's incident filter from query parameters; bad values are a 400."""
    from eventledger.errors import UsageError
    from eventledger.store.incidents import IncidentFilter

    try:
        return IncidentFilter(
            date_from=date_from,
            date_to=date_to,
            country=country.upper() if country else None,
            event_type=type_,
            text=q,
            kind=kind,
            as_of=as_of,
            limit=limit,
            offset=offset,
        )
    except (UsageError, ValueError) as error:
        raise ApiError(400, str(error)) from None


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    if not cursor.isdigit():
        raise ApiError(400, f"Bad cursor '{cursor[:40]}': give the `next` of the previous page.")
    return int(cursor)


@router.get("/incidents/{incident_id}", responses=error_responses(404), summary="One incident")
def get_incident(incident_id: str, ledger: LedgerDep) -> dict[str, Any]:
    found = find_incident(ledger, incident_id)
    if found is None:
        note = "" if has_incidents(ledger) else " " + NO_INCIDENTS
        raise ApiError(404, f"No incident '{incident_id[:100]}'.{note}")
    return found


def find_incident(ledger: Ledger, incident_id: str) -> dict[str, Any] | None:
    """An incident by id, through whichever accessor the ledger has (feature-detected)."""
    one = getattr(ledger, "incident", None)
    if callable(one):
        return one(incident_id)
    if has_incidents(ledger):
        return next(
            (i for i in ledger.incidents() if str(i.get("id")) == incident_id),  # type: ignore[attr-defined]
            None,
        )
    return None


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportAdded,
    responses={
        200: {"model": ReportAdded, "description": "The ledger already held this document."},
        **error_responses(401, 403, 413),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ReportIn.model_json_schema()}},
        }
    },
    summary="Add a report (pasted text or HTML, or a URL); needs the write token",
)
async def add_report(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <write token>")] = None,
) -> JSONResponse:
    # The token is checked before the body is even read: a refused request does nothing.
    check_token(settings_of(request), bearer(authorization))
    body = await _report_body(request)
    reporter: Reporter = request.app.state.reporter
    report = Report(
        content=body.text,
        fetch_url=body.url,
        title=body.title,
        published=body.published,
        outlet=body.outlet,
        source_url=body.source_url,
    )
    added = await run_in_threadpool(reporter.add, report)
    return JSONResponse(added.as_dict(), status_code=201 if added.added else 200)


async def _report_body(request: Request) -> ReportIn:
    raw = await request.body()
    try:
        return ReportIn.model_validate_json(raw)
    except ValidationError as exc:
        details = [
            {"parameter": ".".join(str(p) for p in e["loc"]) or "body", "expected": e["msg"]}
            for e in exc.errors(include_url=False, include_input=False)
        ]
        raise ApiError(
            422, "The body is not a report: send JSON with text or url.", details=details
        ) from None
