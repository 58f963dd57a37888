"""Records -> the JSON shapes of the public output contract (``eventledger extract``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventledger.records import Actor, Claim, Event, Location, Place, Range, Result, Span


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def span_to_dict(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "quote": span.quote}


def range_to_dict(r: Range) -> dict[str, Any]:
    return {"low": r.low, "high": r.high, "qualifier": r.qualifier}


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "source": claim.source,
        "via": claim.via,
        "stance": claim.stance,
        "evidence": [span_to_dict(s) for s in claim.evidence],
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    w = event.where
    return {
        "id": event.id,
        "kind": event.kind,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": _iso(event.date),
        "date_start": _iso(event.date_start),
        "date_end": _iso(event.date_end),
        "date_precision": event.date_precision,
        "country": w.country,
        "admin1": w.admin1,
        "admin2": w.admin2,
        "location": w.location,
        "lat": w.lat,
        "lon": w.lon,
        "geonames_id": w.geonames_id,
        "geo_precision": w.precision,
        "actors": [{"role": a.role, "name": a.name, "type": a.type} for a in event.actors],
        "fatalities": range_to_dict(event.fatalities),
        "injured": range_to_dict(event.injured),
        "claims": [claim_to_dict(c) for c in event.claims],
        "evidence": [span_to_dict(s) for s in event.evidence],
        "confidence": round(event.confidence, 3),
    }


def home_to_dict(home: Place | None) -> dict[str, Any] | None:
    """The outlet's home region an article was read with, or None."""
    if home is None:
        return None
    return {"country": home.country, "admin1": home.name, "geonames_id": home.geonames_id}


def result_to_dict(result: Result) -> dict[str, Any]:
    doc = result.document
    art = result.article
    return {
        "document": {
            "id": result.doc_id,
            "url": (art.url if art else None) or doc.url,
            "outlet": (art.outlet if art else None) or doc.outlet,
            "title": (art.title if art else None) or doc.title,
            "published": _iso(art.published) if art and art.published else None,
            "language": (art.language if art else None) or doc.language,
            "path": doc.path,
            "outlet_home": home_to_dict(result.home),
        },
        "text": art.text if art else "",
        "captions": list(art.captions) if art else [],
        "problems": [
            {"stage": p.stage, "code": p.code, "message": p.message} for p in result.problems
        ],
        "events": [event_to_dict(e) for e in result.events],
    }


# ---------------------------------------------------------------- and back


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(d: dict[str, Any]) -> Span:
    return Span(d["start"], d["end"], d["quote"])


def _range(d: dict[str, Any] | None) -> Range:
    d = d or {}
    return Range(d.get("low"), d.get("high"), d.get("qualifier"))


def event_from_dict(d: dict[str, Any]) -> Event:
    """The :class:`Event` of an ``extract`` event dict (the inverse of :func:`event_to_dict`)."""
    where = Location(
        country=d.get("country"),
        admin1=d.get("admin1"),
        admin2=d.get("admin2"),
        location=d.get("location"),
        lat=d.get("lat"),
        lon=d.get("lon"),
        geonames_id=d.get("geonames_id"),
        precision=d.get("geo_precision") or "unknown",
    )
    return Event(
        id=d["id"],
        kind=d["kind"],
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        date=_day(d.get("date")),
        date_start=_day(d.get("date_start")),
        date_end=_day(d.get("date_end")),
        date_precision=d.get("date_precision") or "unknown",
        where=where,
        actors=tuple(Actor(a["role"], a["name"], a["type"]) for a in d.get("actors") or ()),
        fatalities=_range(d.get("fatalities")),
        injured=_range(d.get("injured")),
        claims=tuple(
            Claim(
                c["source"],
                c.get("via"),
                c["stance"],
                tuple(_span(s) for s in c.get("evidence") or ()),
            )
            for c in d.get("claims") or ()
        ),
        evidence=tuple(_span(s) for s in d.get("evidence") or ()),
        confidence=d.get("confidence", 0.5),
    )
