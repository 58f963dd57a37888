"""Adding a report from the browser or the API: pasted text or HTML, or a URL fetched on the
user's behalf under the operator's address policy.

The token is checked before this is called; nothing here runs for an unauthorised request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

from eventledger.errors import FetchError, UsageError
from eventledger.gazetteer import Gazetteer
from eventledger.ingest import InputOptions, parse_published
from eventledger.ingest import web as fetching
from eventledger.ingest.content import document_from_bytes
from eventledger.ingest.options import override
from eventledger.mentions.homes import OutletHomes
from eventledger.pipeline import extract_document
from eventledger.records import Document
from eventledger.store import Ledger
from eventledger.web.settings import WebSettings


@dataclass(frozen=True, slots=True)
class Report:
    """One report to add: ``content`` (text or HTML) or ``fetch_url``, and metadata."""

    content: str | None = None
    fetch_url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    source_url: str | None = None  # where pasted content came from


@dataclass(frozen=True, slots=True)
class Added:
    document_id: str
    added: bool  # False: the ledger already held this document
    event_ids: tuple[str, ...]
    problems: tuple[dict[str, str], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "added": self.added,
            "events": list(self.event_ids),
            "problems": list(self.problems),
        }


class Reporter:
    """Reads, extracts and stores reports, one at a time (the gazetteer is opened once)."""

    def __init__(self, ledger: Ledger, settings: WebSettings) -> None:
        self.ledger = ledger
        self.settings = settings
        self._lock = threading.Lock()
        self._gazetteer: Gazetteer | None = None

    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened on first use (callers hold :attr:`lock`)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.open()
        return self._gazetteer

    @property
    def lock(self) -> threading.Lock:
        return self._lock

    def add(self, report: Report) -> Added:
        """Read, extract and store ``report``. Raises UsageError for a report that makes no
        sense, FetchError for a URL that cannot (or may not) be fetched."""
        document = self._document(report)
        with self._lock:
            # the outlet's home as the ledger's stored articles of it say (mentions.homes)
            homes = OutletHomes(self.gazetteer(), self.ledger.outlet_texts)
            result = extract_document(document, self.gazetteer(), homes)
            added = self.ledger.add(result)
        problems = tuple(
            {"stage": p.stage, "code": p.code, "message": p.message} for p in result.problems
        )
        return Added(result.doc_id, added, tuple(e.id for e in result.events), problems)

    def _document(self, report: Report) -> Document:
        has_content = bool(report.content and report.content.strip())
        if has_content == bool(report.fetch_url):
            raise UsageError("Give either text or HTML to paste, or a URL to fetch (not both).")
        published = parse_published(report.published) if report.published else None
        options = InputOptions(
            published=published,
            url=report.source_url or None,
            outlet=report.outlet or None,
            max_bytes=self.settings.fetch_max_bytes,
        )
        if report.fetch_url:
            document = self._fetch(report.fetch_url.strip())
            options = replace(options, url=None)  # the fetched address is the document's URL
        else:
            raw = (report.content or "").encode("utf-8")
            document = document_from_bytes(
                raw, name="the pasted report", kind=None, max_bytes=options.max_bytes
            )
        document = override(document, options)
        return replace(document, title=report.title) if report.title else document

    def _fetch(self, url: str) -> Document:
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(f"{url[:200]}: not an http(s) address")
        policy = fetching.AddressPolicy(allow_private=self.settings.allow_private_fetch)
        with fetching.new_client(self.settings.fetch_timeout_s, trust_env=False) as client:
            return fetching.fetch(
                url,
                client,
                max_bytes=self.settings.fetch_max_bytes,
                policy=policy,
                total_s=self.settings.fetch_total_s,
            )
