"""Russian places: toponym recognition on NEREL (``data/nerel``), Russian Wikinews.

NEREL (Loukachevitch et al., 2021) annotates nested named entities in brat files; its CITY,
COUNTRY and STATE_OR_PROVINCE spans are the gold toponyms here (dev and test folders of v1.1,
split again by :func:`metrics.part_of` of the file name). Each text goes to the Russian place
finder (``lang.ru.places.find_places``). Recognition is a strict span match; a prediction on
a DISTRICT or LOCATION span (a district, a river, a square) is neither right nor wrong. NEREL
also tags adjectives as toponyms ("американских" COUNTRY, "московского" CITY); like the
demonyms of GeoWebNews, the project does not take them for places, so they are not scored.
``kind`` is the share of recognised toponyms whose gazetteer feature agrees with the gold
type (COUNTRY -> country, STATE_OR_PROVINCE -> admin1, CITY -> place or admin2): a cheap
check of resolution, as NEREL links entities to Wikidata, not GeoNames.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventledger.evaluate.metrics import part_of, prf
from eventledger.evaluate.results import DatasetScore, Metric, Scored, rows_by_part

ROOT = "data/nerel/NEREL-v1.1"
FOLDERS = ("dev", "test")
GOLD_TYPES = {
    "CITY": ("place", "admin2"),
    "COUNTRY": ("country",),
    "STATE_OR_PROVINCE": ("admin1",),
}
NEUTRAL_TYPES = frozenset({"DISTRICT", "LOCATION", "ADJECTIVE"})


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Outcome:
    tp: int
    fp: int
    fn: int
    kind_right: int


def read_ann(text: str) -> list[Entity]:
    """The continuous entity spans of a brat .ann file."""
    out = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T") or ";" in parts[1]:
            continue
        kind, start, end = parts[1].split(" ")
        out.append(Entity(int(start), int(end), kind))
    return out


def _adjectival(text: str, entity: Entity) -> bool:
    """A one-word toponym that is an adjective ("американских", "Московского")."""
    from eventledger.lang.ru.morph import words

    found = words(text, entity.start, entity.end)
    return entity.type in GOLD_TYPES and len(found) == 1 and "ADJF" in found[0].tags


def compare(gold: Sequence[Entity], predicted: Sequence[tuple[int, int, str]]) -> Outcome:
    toponyms = {(e.start, e.end): e.type for e in gold if e.type in GOLD_TYPES}
    neutral = {(e.start, e.end) for e in gold if e.type in NEUTRAL_TYPES}
    tp = fp = right = 0
    for start, end, feature in predicted:
        kind = toponyms.get((start, end))
        if kind is not None:
            tp += 1
            right += feature in GOLD_TYPES[kind]
        elif (start, end) not in neutral:
            fp += 1
    found = {(s, e) for s, e, _ in predicted}
    fn = sum(1 for span in toponyms if span not in found)
    return Outcome(tp, fp, fn, right)


def score_nerel(data: Path, *, fast: bool = False) -> DatasetScore:
    """Recognition P/R/F1 of the Russian place finder on NEREL's dev and test documents."""
    from eventledger.gazetteer import Gazetteer
    from eventledger.lang.ru.places import find_places

    gaz = Gazetteer.open()
    items = []
    for folder in FOLDERS:
        for path in sorted((data / ROOT / folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            gold = [
                e if not _adjectival(text, e) else Entity(e.start, e.end, "ADJECTIVE")
                for e in read_ann(path.with_suffix(".ann").read_text(encoding="utf-8"))
            ]
            start = time.perf_counter()
            mentions = find_places(text, gaz)
            seconds = time.perf_counter() - start
            predicted = [(m.span.start, m.span.end, m.place.feature) for m in mentions]
            key = f"nerel:{path.stem}"
            items.append(Scored(key, part_of(key), seconds, compare(gold, predicted)))
    if not items:
        raise FileNotFoundError(str(data / ROOT))
    notes = (
        "Gold: CITY, COUNTRY and STATE_OR_PROVINCE spans; strict span match.",
        "Time is the place finder alone.",
    )
    title = "Places in Russian: NEREL (Russian Wikinews), toponym recognition"
    return DatasetScore("nerel-places", title, rows_by_part(items, _aggregate), notes)


def _aggregate(items: Sequence[Scored]) -> tuple[Metric, ...]:
    outcomes: list[Outcome] = [i.detail for i in items]
    tp, fp, fn, right = (
        sum(getattr(o, k) for o in outcomes) for k in ("tp", "fp", "fn", "kind_right")
    )
    s = prf(tp, fp, fn)
    return (
        Metric("precision", s.precision, tp + fp),
        Metric("recall", s.recall, tp + fn),
        Metric("f1", s.f1, tp + fn),
        Metric("kind", right / tp if tp else None, tp),
    )
