"""How well reports are linked into incidents: pairwise and B-cubed precision, recall, F1.

The scorer, :func:`score_linking`, compares two clusterings of the same items. For gold
files such as ``../shared/gold/fakes_dev.jsonl`` (each gold event carries an
``incident_key``; events in different articles with the same key are one incident):

- :func:`gold_clusters` gives item -> incident key, an item being (doc id, index of the gold
  event in its article);
- :func:`align` matches each gold event to at most one extracted event of the same article
  (evidence wording, then type, kind and date);
- :func:`predicted_clusters` maps each item to the incident its aligned event was linked
  into (an unaligned gold event is its own cluster: a linking miss as much as an
  extraction miss);
- :func:`evaluate_linking` does all of it for extracted records; :func:`oracle_reports`
  turns the gold events themselves into reports, to score the linker apart from extraction.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any

from eventledger.fingerprint import fingerprint
from eventledger.link import Incident, Linker, Report, reports_of
from eventledger.records import Actor, Claim, Event, Location, Range, Span

Item = Hashable


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)


@dataclass(frozen=True, slots=True)
class LinkingScore:
    """Pairwise and B-cubed scores of a clustering, with the counts behind them."""

    pairwise: PRF
    bcubed: PRF
    items: int
    gold_clusters: int
    predicted_clusters: int
    gold_pairs: int
    predicted_pairs: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "pairwise": _prf_dict(self.pairwise),
            "bcubed": _prf_dict(self.bcubed),
            "items": self.items,
            "gold_clusters": self.gold_clusters,
            "predicted_clusters": self.predicted_clusters,
            "gold_pairs": self.gold_pairs,
            "predicted_pairs": self.predicted_pairs,
        }


def score_linking(
    predicted: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]
) -> LinkingScore:
    """Score a predicted clustering against a gold one.

    Both map item -> cluster label (any hashable; labels of the two sides are unrelated).
    The items scored are the keys of ``gold``: an item missing from ``predicted`` counts as
    a cluster of its own, and predicted items absent from ``gold`` are ignored.

    - Pairwise: precision = |pairs together in both| / |pairs together in predicted|,
      recall = the same over |pairs together in gold|; 1.0 when the denominator is 0.
    - B-cubed (Bagga & Baldwin 1998): per item, precision = |its predicted cluster ∩ its
      gold cluster| / |its predicted cluster|, recall = the same over |its gold cluster|;
      averaged over items.
    """
    items = list(gold)
    pred = {i: ("pred", predicted[i]) if i in predicted else ("alone", i) for i in items}
    gold_sets = _clusters(gold, items)
    pred_sets = _clusters(pred, items)
    gold_pairs = _pairs(gold_sets.values())
    pred_pairs = _pairs(pred_sets.values())
    both = len(gold_pairs & pred_pairs)
    pairwise = PRF.of(
        both / len(pred_pairs) if pred_pairs else 1.0,
        both / len(gold_pairs) if gold_pairs else 1.0,
    )
    b_p = b_r = 0.0
    for i in items:
        g, p = gold_sets[gold[i]], pred_sets[pred[i]]
        shared = len(g & p)
        b_p += shared / len(p)
        b_r += shared / len(g)
    n = len(items)
    bcubed = PRF.of(b_p / n if n else 1.0, b_r / n if n else 1.0)
    return LinkingScore(pairwise, bcubed, n, len(gold_sets), len(pred_sets),
                        len(gold_pairs), len(pred_pairs))


def _clusters(labels: Mapping[Item, Hashable], items: Iterable[Item]) -> dict[Hashable, frozenset]:
    grouped: dict[Hashable, set[Item]] = {}
    for i in items:
        grouped.setdefault(labels[i], set()).add(i)
    return {k: frozenset(v) for k, v in grouped.items()}


def _pairs(clusters: Iterable[frozenset]) -> set[frozenset]:
    return {frozenset(p) for c in clusters for p in combinations(c, 2)}


def _prf_dict(s: PRF) -> dict[str, float]:
    return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}


# ---------------------------------------------------------------- gold and alignment


def gold_clusters(gold_records: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], str]:
    """(doc id, index of the event in its article) -> ``incident_key``, for keyed events."""
    return {
        (rec["doc_id"], i): ev["incident_key"]
        for rec in gold_records
        for i, ev in enumerate(rec["events"])
        if ev.get("incident_key")
    }


_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _match(gold_event: Mapping[str, Any], event: Mapping[str, Any]) -> float:
    """How well an extracted event matches a gold event of the same article (0 to ~1.8)."""
    quotes = " ".join(s["quote"] for s in event.get("evidence") or ())
    gold_words = _words(gold_event.get("evidence") or "")
    wording = len(gold_words & _words(quotes)) / len(gold_words) if gold_words else 0.0
    return (
        wording
        + 0.3 * (event.get("sub_event_type") == gold_event.get("sub_event_type"))
        + 0.2 * (event.get("event_type") == gold_event.get("event_type"))
        + 0.2 * (event.get("date") == gold_event.get("date"))
        + 0.1 * (event.get("kind") == gold_event.get("kind"))
    )


def align(
    gold_records: Iterable[Mapping[str, Any]],
    extracted: Mapping[str, Sequence[Mapping[str, Any]]],
    minimum: float = 0.5,
) -> dict[tuple[str, int], str]:
    """(doc id, gold event index) -> id of the extracted event it matches, one to one.

    ``extracted`` maps doc id -> that article's extracted event dicts. Pairs are taken best
    first; a pair scoring under ``minimum`` is no match.
    """
    found: dict[tuple[str, int], str] = {}
    for rec in gold_records:
        doc_id = rec["doc_id"]
        events = extracted.get(doc_id) or ()
        scored = sorted(
            ((_match(g, e), i, e["id"]) for i, g in enumerate(rec["events"]) for e in events),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used: set[str] = set()
        for s, i, event_id in scored:
            if s < minimum or (doc_id, i) in found or event_id in used:
                continue
            found[(doc_id, i)] = event_id
            used.add(event_id)
    return found


def predicted_clusters(
    alignment: Mapping[tuple[str, int], str], incidents: Iterable[Incident]
) -> dict[tuple[str, int], str]:
    """(doc id, gold event index) -> id of the incident its aligned event belongs to."""
    incident_of = {r.id: inc.id for inc in incidents for r in inc.members}
    return {item: incident_of[ev] for item, ev in alignment.items() if ev in incident_of}


def evaluate_linking(
    gold_records: Sequence[Mapping[str, Any]], extract_records: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """Link the extracted records' events and score the result against the gold keys.

    ``extract_records`` are ``eventledger extract`` output records whose ``document.id`` is
    the gold ``doc_id``. Returns the score (:meth:`LinkingScore.as_dict`) plus ``aligned``,
    the number of gold events matched to an extracted event.
    """
    linker = Linker()
    extracted: dict[str, list[Mapping[str, Any]]] = {}
    for rec in extract_records:
        extracted[rec["document"]["id"]] = rec.get("events") or []
        linker.add(reports_of(rec))
    gold = gold_clusters(gold_records)
    alignment = align(gold_records, extracted)
    predicted = predicted_clusters(alignment, linker.incidents())
    return {**score_linking(predicted, gold).as_dict(), "aligned": len(alignment)}


def evaluate_oracle(
    gold_records: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]],
    gazetteer: Any = None,
) -> dict[str, Any]:
    """Link the gold events themselves and score the result: the linker apart from extraction.

    ``articles`` maps doc id -> {"outlet", "text"}. Places are resolved through ``gazetteer``
    (an :class:`eventledger.gazetteer.Gazetteer`) when given, as extraction would.
    """
    linker = Linker()
    for rec in gold_records:
        linker.add(oracle_reports(rec, articles.get(rec["doc_id"]) or {}, gazetteer))
    predicted = {
        (r.document_id, int(r.id.rsplit(":g", 1)[1])): inc.id
        for inc in linker.incidents()
        for r in inc.members
    }
    return score_linking(predicted, gold_clusters(gold_records)).as_dict()


def oracle_reports(
    gold_record: Mapping[str, Any], article: Mapping[str, Any], gazetteer: Any = None
) -> list[Report]:
    """The gold events of one article as reports (event ids ``<doc id>:g<index>``)."""
    doc_id = gold_record["doc_id"]
    published = gold_record.get("published")
    mark = fingerprint(article.get("text") or "")
    return [
        Report(
            _gold_event(f"{doc_id}:g{i}", ev, gazetteer),
            doc_id,
            article.get("outlet"),
            date.fromisoformat(published) if published else None,
            None,
            mark,
        )
        for i, ev in enumerate(gold_record["events"])
    ]


def _gold_event(event_id: str, ev: Mapping[str, Any], gazetteer: Any) -> Event:
    day = date.fromisoformat(ev["date"]) if ev.get("date") else None
    actors = tuple(
        Actor(role, ev[role], "") for role in ("actor1", "actor2") if ev.get(role)
    )
    source = ev.get("source_of_claim") or "unknown"
    return Event(
        id=event_id,
        kind=ev["kind"],
        event_type=ev["event_type"],
        sub_event_type=ev["sub_event_type"],
        date=day,
        date_start=date.fromisoformat(ev["date_start"]) if ev.get("date_start") else None,
        date_end=None,
        date_precision=ev.get("date_precision") or ("day" if day else "unknown"),
        where=_gold_place(ev, gazetteer),
        actors=actors,
        fatalities=Range(ev.get("fatalities_low"), ev.get("fatalities_high")),
        injured=Range(ev.get("injured_low"), ev.get("injured_high")),
        claims=(Claim(source, None, "asserts"),),
        evidence=(Span(0, len(ev.get("evidence") or ""), ev.get("evidence") or ""),),
    )


def _gold_place(ev: Mapping[str, Any], gazetteer: Any) -> Location:
    base = Location(country=ev.get("country"), admin1=ev.get("admin1"),
                    location=ev.get("location"), precision=ev.get("geo_precision") or "unknown")
    if gazetteer is None or not ev.get("location") or not ev.get("country"):
        return base
    name = ev["location"].split(" - ")[0]
    for place in gazetteer.lookup(name):
        if place.country == ev["country"] and place.lat is not None:
            return Location(country=base.country, admin1=base.admin1, location=base.location,
                            lat=place.lat, lon=place.lon, geonames_id=place.geonames_id,
                            precision=base.precision)
    return base
