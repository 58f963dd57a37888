"""eventledger: news reports in, a verifiable ledger of sourced events out."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["extract", "__version__"]


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
