"""Query parameters -> an :class:`~eventledger.store.EventFilter`, the same for the API, the
pages (whose filter form is a plain GET form) and the downloads.

Empty parameters (``country=`` from a form) mean "no filter". Bad values are a 422 in the
API's error shape, naming the parameter and the values it accepts.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import Query

from eventledger.store import EventFilter
from eventledger.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES
from eventledger.web.errors import ApiError

KINDS = ("incident", "tally")
ORDERS = ("newest", "oldest")
MAX_PAGE = 500
DEFAULT_PAGE = 50


def _bad(name: str, value: str, expected: str) -> ApiError:
    return ApiError(
        422,
        f"Bad {name} '{value[:80]}': {expected}.",
        "invalid-request",
        details=[{"parameter": name, "value": value[:200], "expected": expected}],
    )


def _date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad(name, value, "a date as YYYY-MM-DD") from None


def _choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if not value:
        return None
    if value not in choices:
        raise _bad(name, value, "one of " + ", ".join(choices))
    return value


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    expected = "west,south,east,north in degrees"
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise _bad("bbox", value, expected) from None
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise _bad("bbox", value, expected)
    return (west, south, east, north)


def _text(name: str, value: str | None, max_len: int = 200) -> str | None:
    if not value or not value.strip():
        return None
    if len(value) > max_len:
        raise _bad(name, value, f"at most {max_len} characters")
    return value.strip()


def event_filter(
    date_from: Annotated[str | None, Query(description="Earliest event date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, Query(description="Latest event date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code, e.g. UA.")] = None,
    admin1: Annotated[str | None, Query(description="First-level division, exact name.")] = None,
    type: Annotated[  # noqa: A002 -- the public parameter name
        str | None, Query(description="ACLED event type or sub-event type, exact name.")
    ] = None,
    actor: Annotated[str | None, Query(description="Part of an actor's name.")] = None,
    kind: Annotated[str | None, Query(description="incident or tally.")] = None,
    q: Annotated[str | None, Query(description="Full-text search: words, as prefixes.")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
    order: Annotated[str | None, Query(description="newest (default) or oldest first.")] = None,
) -> EventFilter:
    """The filter the query parameters describe."""
    first, last = _date("date_from", date_from), _date("date_to", date_to)
    if country and (len(country) != 2 or not country.isalpha()):
        raise _bad("country", country, "an ISO 3166-1 alpha-2 code such as UA")
    return EventFilter(
        date_from=first,
        date_to=last,
        country=country.upper() if country else None,
        admin1=_text("admin1", admin1),
        event_type=_choice("type", type, EVENT_TYPES + tuple(SUB_EVENT_TYPES)),
        actor=_text("actor", actor),
        kind=_choice("kind", kind, KINDS),
        search=_text("q", q),
        bbox=_bbox(bbox),
        newest_first=(_choice("order", order, ORDERS) or "newest") == "newest",
    )


def query_of(f: EventFilter) -> dict[str, str]:
    """The query parameters that describe ``f`` (the inverse of :func:`event_filter`)."""
    pairs: dict[str, Any] = {
        "date_from": f.date_from,
        "date_to": f.date_to,
        "country": f.country,
        "admin1": f.admin1,
        "type": f.event_type,
        "actor": f.actor,
        "kind": f.kind,
        "q": f.search,
        "bbox": ",".join(f"{x:g}" for x in f.bbox) if f.bbox else None,
        "order": None if f.newest_first else "oldest",
    }
    return {k: str(v) for k, v in pairs.items() if v}


def page(f: EventFilter, limit: int | None, cursor: str | None) -> EventFilter:
    """``f`` limited to one page (one more than asked, to know whether a next page exists)."""
    size = DEFAULT_PAGE if limit is None else limit
    if not 1 <= size <= MAX_PAGE:
        raise _bad("limit", str(limit), f"a number from 1 to {MAX_PAGE}")
    return replace(f, limit=size + 1, after=decode_cursor(cursor) if cursor else None)


def encode_cursor(event: dict[str, Any]) -> str:
    """An opaque page key: the (date, id) of the last event shown."""
    raw = json.dumps([event.get("date"), event["id"]], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if (day is not None and not isinstance(day, str)) or not isinstance(event_id, str):
            raise ValueError
        if day is not None:
            date.fromisoformat(day)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise _bad("cursor", cursor, "the 'next' value of a previous page") from None
    return (day, event_id)


def split_page(rows: list[dict[str, Any]], f: EventFilter) -> tuple[list[dict], str | None]:
    """The page's events and the cursor of the next page (None on the last page)."""
    size = (f.limit or 1) - 1
    if len(rows) > size:
        rows = rows[:size]
        return rows, encode_cursor(rows[-1]) if rows else None
    return rows, None
