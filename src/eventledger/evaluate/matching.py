"""Predicted events against gold events: alignment, detection P/R/F1, field accuracies.

The rules are those of the project's shared yardstick (``shared/checks/el.py``), reimplemented
here so the product never imports ``../shared``; a test holds both to identical numbers.

A predicted event can match a gold event only when the event types agree, the countries agree
where both are known and, for incidents, the dates lie within 3 days where both are known.
Among possible matches the best score wins (a same date, kind, sub-event type and place each
add a point) in one greedy one-to-one pass. Over the matched pairs, fields are scored:
kind, sub-event type, exact date (incidents with a gold date), admin1 and place (where the gold
names one, compared as normalised names), fatalities low and high (where the gold reports any).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventledger.evaluate.metrics import prf

FIELDS = (
    "kind",
    "sub_event_type",
    "date",
    "admin1",
    "location",
    "fatalities_low",
    "fatalities_high",
)

_SUFFIXES = re.compile(
    r"\b(oblast|region|province|governorate|state|raion|district|krai|kray|republic of|"
    r"republic|of|the|city|county|prefecture|division|municipality|autonomous)\b"
)
# Transliteration variants the gold and the gazetteer spell differently.
_ALIASES = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "zaporozhye": "zaporizhzhia",
    "zaporizhia": "zaporizhzhia",
    "zaporizka": "zaporizhzhia",
    "lugansk": "luhansk",
    "nikolaev": "mykolaiv",
    "mykolayiv": "mykolaiv",
    "helmand": "hilmand",
    "wardak": "maidan wardak",
    "maydan wardak": "maidan wardak",
    "vardak": "maidan wardak",
    "belgorodskaya": "belgorod",
    "kurskaya": "kursk",
}


@dataclass(frozen=True, slots=True)
class EventFields:
    """The fields of one event that scoring reads, from a gold line or from `extract` output."""

    kind: str | None
    event_type: str | None
    sub_event_type: str | None
    date: str | None
    country: str | None
    admin1: str | None
    location: str | None
    fatalities_low: int | None
    fatalities_high: int | None

    @classmethod
    def from_gold(cls, g: Mapping[str, Any]) -> EventFields:
        """A gold event (``shared/gold/SCHEMA.md``); a missing kind reads as an incident."""
        return cls(
            g.get("kind", "incident"),
            g.get("event_type"),
            g.get("sub_event_type"),
            g.get("date"),
            g.get("country"),
            g.get("admin1"),
            g.get("location"),
            g.get("fatalities_low"),
            g.get("fatalities_high"),
        )

    @classmethod
    def from_output(cls, ev: Mapping[str, Any]) -> EventFields:
        """An event as ``eventledger extract`` prints it."""
        fat = ev.get("fatalities") or {}
        return cls(
            ev.get("kind"),
            ev.get("event_type"),
            ev.get("sub_event_type"),
            ev.get("date"),
            ev.get("country"),
            ev.get("admin1"),
            ev.get("location"),
            fat.get("low"),
            fat.get("high"),
        )


@dataclass(frozen=True, slots=True)
class FieldAccuracy:
    name: str
    value: float | None  # None when no matched pair had this field to score
    n: int


@dataclass(frozen=True, slots=True)
class EventScores:
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    fields: tuple[FieldAccuracy, ...]

    def field(self, name: str) -> FieldAccuracy:
        return next(f for f in self.fields if f.name == name)


# ---------------------------------------------------------------- places and dates


def norm_place(name: str | None) -> str | None:
    """A place name folded for comparison: ASCII, lower case, no 'Oblast'/'Province'/'the'."""
    if not name:
        return None
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("'", "").replace("’", "")
    s = _SUFFIXES.sub(" ", s)
    s = re.sub(r"[^a-z ]+", " ", s)
    s = " ".join(s.split())
    return _ALIASES.get(s, s) or None


def same_place(a: str | None, b: str | None) -> bool:
    """Same place name, allowing transliteration variants and an added or dropped word
    ('Maidan Wardak' vs 'Wardak'); never a mere prefix ('Niger' is not 'Nigeria')."""
    na, nb = norm_place(a), norm_place(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ta, tb = set(na.split()), set(nb.split())
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def date_close(a: str | None, b: str | None, days: int = 2) -> bool:
    """Both ISO dates (their first 10 characters) and at most ``days`` apart."""
    if not a or not b:
        return False
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= days
    except ValueError:
        return False


# ---------------------------------------------------------------- alignment


def match_score(gold: EventFields, pred: EventFields) -> float:
    """How well ``pred`` matches ``gold``; 0 means they cannot be the same event."""
    if gold.event_type != pred.event_type:
        return 0.0
    if gold.country and pred.country and gold.country != pred.country:
        return 0.0
    score = 1.0
    if gold.date and pred.date and gold.kind != "tally":
        if not date_close(gold.date, pred.date, 3):
            return 0.0
        score += 1
    if gold.kind == (pred.kind or "incident"):
        score += 1
    if gold.sub_event_type == pred.sub_event_type:
        score += 1
    if same_place(gold.admin1, pred.admin1) or same_place(gold.location, pred.location):
        score += 1
    return score


def align(golds: Sequence[EventFields], preds: Sequence[EventFields]) -> list[int | None]:
    """For each gold event, the index of its predicted event or None: greedy one-to-one,
    best score first (ties go to the later gold and predicted event, as in el.py)."""
    candidates = sorted(
        (
            (s, gi, pi)
            for gi, g in enumerate(golds)
            for pi, p in enumerate(preds)
            if (s := match_score(g, p)) > 0
        ),
        reverse=True,
    )
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in taken and pi not in used:
            taken[gi] = pi
            used.add(pi)
    return [taken.get(gi) for gi in range(len(golds))]


# ---------------------------------------------------------------- scoring


def _field_ok(name: str, gold: EventFields, pred: EventFields) -> bool | None:
    """Whether ``pred`` has the gold value of one field; None when the field is not scored."""
    if name in ("admin1", "location"):
        g = getattr(gold, name)
        return same_place(g, getattr(pred, name)) if g else None
    if name == "date":
        if not gold.date or gold.kind == "tally":
            return None
        return (pred.date or "")[:10] == gold.date
    if name == "kind":
        return (pred.kind or "incident") == (gold.kind or "incident")
    if name.startswith("fatalities"):
        if gold.fatalities_low is None and gold.fatalities_high is None:
            return None
        return getattr(pred, name) == getattr(gold, name)
    return getattr(pred, name) == getattr(gold, name)


def score_events(
    gold_docs: Mapping[str, Sequence[EventFields]],
    pred_docs: Mapping[str, Sequence[EventFields]],
) -> EventScores:
    """Detection P/R/F1 and field accuracies over every gold document (doc id -> events);
    a document without predictions counts all its gold events as missed."""
    tp = fp = fn = 0
    hits = {name: [0, 0] for name in FIELDS}
    for doc_id, golds in gold_docs.items():
        preds = pred_docs.get(doc_id, ())
        matches = align(golds, preds)
        matched = sum(1 for m in matches if m is not None)
        tp, fn, fp = tp + matched, fn + len(golds) - matched, fp + len(preds) - matched
        for gold, m in zip(golds, matches, strict=True):
            if m is None:
                continue
            for name in FIELDS:
                ok = _field_ok(name, gold, preds[m])
                if ok is not None:
                    hits[name][0] += int(ok)
                    hits[name][1] += 1
    p = prf(tp, fp, fn)
    fields = tuple(FieldAccuracy(k, h / n if n else None, n) for k, (h, n) in hits.items())
    return EventScores(tp, fp, fn, p.precision, p.recall, p.f1, fields)
