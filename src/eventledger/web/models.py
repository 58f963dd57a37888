"""The API's response and request bodies, as documented in its OpenAPI schema.

Events are the records ``eventledger extract`` prints, plus ``document_id``. Handlers return
plain JSON (fast for long pages); tests check real responses against these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class SpanModel(BaseModel):
    start: int
    end: int
    quote: str


class RangeModel(BaseModel):
    low: int | None
    high: int | None
    qualifier: str | None


class ActorModel(BaseModel):
    role: Literal["actor1", "actor2", "associated"]
    name: str
    type: str


class ClaimModel(BaseModel):
    source: str
    via: str | None
    stance: Literal["asserts", "denies", "unconfirmed"]
    evidence: list[SpanModel]


class EventModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    document_id: str
    kind: Literal["incident", "tally"]
    event_type: str
    sub_event_type: str
    date: str | None
    date_start: str | None
    date_end: str | None
    date_precision: str
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    geo_precision: str
    actors: list[ActorModel]
    fatalities: RangeModel
    injured: RangeModel
    claims: list[ClaimModel]
    evidence: list[SpanModel]
    confidence: float


class EventPage(BaseModel):
    events: list[EventModel]
    next: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class IncidentPage(BaseModel):
    incidents: list[dict]
    next: str | None
    note: str | None = Field(None, description="Why the list is empty, when it is.")


class DocumentMeta(BaseModel):
    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    language: str | None
    path: str | None
    outlet_home: dict | None = Field(
        None,
        description="The outlet's home region the report was read with: a bare town name may "
        "stand for its namesake there (country, admin1, geonames_id); null when none was known.",
    )
    content_hash: str | None
    fetched_at: str | None
    ingested_at: str


class DocumentRecord(BaseModel):
    document: DocumentMeta
    text: str
    captions: list[str]
    problems: list[dict]
    events: list[dict]


class Summary(BaseModel):
    count: int
    facets: dict[str, list[dict]]


class ReportIn(BaseModel):
    """A report to add: ``text`` (plain text or an HTML page) or ``url`` to fetch."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Article text or the HTML of a page.")
    url: str | None = Field(None, description="An http(s) address to fetch instead.")
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date of publication.")
    outlet: str | None = None
    source_url: str | None = Field(None, description="Where pasted text came from.")


class ReportAdded(BaseModel):
    document_id: str
    added: bool = Field(description="False when the ledger already held this document.")
    events: list[str]
    problems: list[dict]


class Meta(BaseModel):
    version: str
    search: str
    writable: bool
    incidents: bool
    tile_url: str | None
