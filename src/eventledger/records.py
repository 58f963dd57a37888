"""The records that flow between stages.

Document -> Article -> Mentions -> Events. Every record is a frozen dataclass; every fact
found in text carries a :class:`Span` into the article's clean text, with the invariant
``text[span.start:span.end] == span.quote``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EventKind = Literal["incident", "tally"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
GeoPrecision = Literal["place", "admin2", "admin1", "country", "unknown"]
Stance = Literal["asserts", "denies", "unconfirmed"]
ActorRole = Literal["actor1", "actor2", "associated"]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of an article's clean text, and the text they hold."""

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong with one document; data, not a crash."""

    stage: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """One input as read: raw bytes plus whatever metadata came with it.

    ``text`` is set when the input was already text (a .txt/.md file, a JSON Lines ``text``
    field); ``html`` when it was a page. Both may be set (JSON Lines rows with both: the text
    is the body and the HTML supplies metadata).
    """

    raw: bytes
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or date-time as given
    language: str | None = None
    path: str | None = None
    text: str | None = None
    html: str | None = None
    fetched_at: str | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """Clean body text of a document, with page furniture removed and captions apart."""

    doc_id: str
    text: str
    title: str | None
    published: date | None
    language: str | None
    url: str | None
    outlet: str | None
    captions: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


# ---------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class Count:
    """A grounded count of people killed or injured ("at least three conscripts were killed")."""

    what: Literal["killed", "injured"]
    low: int | None
    high: int | None
    qualifier: str | None  # "at least", "up to", "about", "more than", "dozens", ...
    span: Span  # the number phrase, e.g. "at least three"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved against the publication date."""

    span: Span
    date: date | None  # the day (or representative day) it names
    date_start: date | None
    date_end: date | None
    precision: DatePrecision


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: a gazetteer entry."""

    name: str  # English name of the entry itself
    feature: Literal["place", "admin2", "admin1", "country", "continent"]
    country: str  # ISO 3166-1 alpha-2; "" for a continent
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int = 0


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    place: Place


@dataclass(frozen=True, slots=True)
class Actor:
    role: ActorRole
    name: str
    type: str  # one of ACTOR_TYPES


@dataclass(frozen=True, slots=True)
class Range:
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None

    def overlaps(self, other: Range) -> bool:
        """Whether the two ranges can hold one figure (an open bound reaches any value)."""
        high = self.high if self.high is not None else math.inf
        other_high = other.high if other.high is not None else math.inf
        return (self.low or 0) <= other_high and (other.low or 0) <= high


@dataclass(frozen=True, slots=True)
class Claim:
    source: str
    via: str | None
    stance: Stance
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: GeoPrecision = "unknown"


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: one incident, or a tally over a period."""

    id: str
    kind: EventKind
    event_type: str
    sub_event_type: str
    date: date | None
    date_start: date | None
    date_end: date | None
    date_precision: DatePrecision
    where: Location
    actors: tuple[Actor, ...] = ()
    fatalities: Range = field(default_factory=Range)
    injured: Range = field(default_factory=Range)
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Result:
    """Everything extraction learned about one document."""

    document: Document
    doc_id: str
    article: Article | None
    events: tuple[Event, ...]
    problems: tuple[Problem, ...]
    # The outlet's home region the article was read with (``mentions.homes``): a bare town
    # name may stand for its namesake there. None when the outlet had no home yet.
    home: Place | None = None
