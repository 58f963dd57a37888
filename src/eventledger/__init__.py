"""eventledger: news reports in, a verifiable ledger of sourced events out."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["extract", "incident", "incidents", "__version__"]


def extract(
    text_or_html: str | bytes,
    *,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Extract sourced events from one article (text or HTML).

    Returns the same record ``eventledger extract`` prints for one document: a dict with
    ``document``, ``text``, ``captions``, ``problems`` and ``events``.
    """
    from eventledger.pipeline import extract_one

    return extract_one(
        text_or_html, published=published, url=url, outlet=outlet, title=title, language=language
    )


def incidents(db: str = "eventledger.db", **filter: Any) -> list[dict[str, Any]]:
    """Incidents in the ledger at ``db`` (a path or SQLAlchemy URL), as ``eventledger
    incidents --format jsonl`` prints them.

    Keyword arguments are the fields of :class:`eventledger.store.IncidentFilter`:
    ``date_from``, ``date_to``, ``country``, ``event_type``, ``text``, ``kind``,
    ``min_sources``, ``as_of`` (the ledger as it stood then), ``limit``, ``offset``.
    """
    from eventledger.store import IncidentFilter, Ledger

    with Ledger.open(db) as ledger:
        return ledger.incidents(IncidentFilter(**filter))


def incident(db: str, incident_id: str, as_of: str | None = None) -> dict[str, Any] | None:
    """One incident with its reports and version history (None when the ledger lacks it)."""
    from eventledger.store import Ledger

    with Ledger.open(db) as ledger:
        return ledger.incident(incident_id, as_of=as_of)
