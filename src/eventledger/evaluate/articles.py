"""Events in whole articles against hand-checked gold: ``gold/{en,ru,fakes}_dev.jsonl``, each
file alone and all three pooled (``gold-all``).

The article texts are assembled exactly as ``shared/checks/gold_bar.py`` does: the rows of
``data/open_news/open_news_conflict_sample.jsonl``, the FA-KES reports of
``data/fakes-syria-dev/fakes_dev.jsonl`` (published = their ``event_date``) and the seed case
(``cases/meduza-belgorod-conscripts/article.txt``, published 2023-05-24), each read as a JSON
Lines row and run through the whole pipeline. Predictions are scored by :mod:`matching`
(detection P/R/F1; kind, sub-event type, date, admin1, place and fatalities over matched pairs).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventledger.evaluate.matching import FIELDS, EventFields, score_events
from eventledger.evaluate.metrics import part_of
from eventledger.evaluate.results import DatasetScore, Metric, Scored, rows_by_part

SEED_ID = "seed-meduza-belgorod-conscripts"
TITLES = {
    "en_dev.jsonl": "Events in whole articles: English Wikinews, Global Voices, the seed case",
    "ru_dev.jsonl": "Events in whole articles: Russian Wikinews and Meduza",
    "fakes_dev.jsonl": "Events in whole articles: FA-KES Syrian war reports, 2013-2015",
    "all": "Events in whole articles: every gold file pooled (English, Russian, FA-KES)",
}
# ``gold="all"``: every gold file, pooled, so a field is scored over all the matched events
# (gold-ru alone has five dated, placed events: one event moves its scores by 0.2).
POOLED = ("en_dev.jsonl", "ru_dev.jsonl", "fakes_dev.jsonl")


@dataclass(frozen=True, slots=True)
class GoldArticle:
    doc_id: str
    events: tuple[EventFields, ...]
    raw: tuple[dict[str, Any], ...]  # the gold events as written (incident keys, notes)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def load_gold(path: Path) -> list[GoldArticle]:
    return [
        GoldArticle(
            g["doc_id"], tuple(EventFields.from_gold(e) for e in g["events"]), tuple(g["events"])
        )
        for g in read_jsonl(path)
    ]


def load_texts(data: Path, wanted: set[str]) -> list[dict[str, Any]]:
    """The JSON Lines rows of the wanted articles, as gold_bar.py assembles them."""
    rows = read_jsonl(data / "data" / "open_news" / "open_news_conflict_sample.jsonl")
    fakes = data / "data" / "fakes-syria-dev" / "fakes_dev.jsonl"
    if fakes.exists():
        for r in read_jsonl(fakes):
            rows.append(
                {
                    "id": r["id"],
                    "title": r["title"],
                    "text": r["text"],
                    "outlet": r["outlet"],
                    "published": r["event_date"],
                }
            )
    rows = [r for r in rows if r["id"] in wanted]
    if SEED_ID in wanted:
        seed = data / "cases" / "meduza-belgorod-conscripts" / "article.txt"
        rows.append(
            {
                "id": SEED_ID,
                "published": "2023-05-24",
                "text": seed.read_text(),
                "url": None,
                "title": None,
            }
        )
    return rows


def extract_articles(
    data: Path, gold: Sequence[GoldArticle]
) -> dict[str, tuple[dict[str, Any], float]]:
    """doc id -> (the ``extract`` record of that article, seconds it took)."""
    from eventledger.evaluate.documents import from_row, timed_extract
    from eventledger.gazetteer import Gazetteer
    from eventledger.mentions.homes import OutletHomes
    from eventledger.serialize import result_to_dict

    gaz = Gazetteer.open()
    homes = OutletHomes(gaz)  # one run over the texts, as ``eventledger extract`` makes
    out = {}
    for i, row in enumerate(load_texts(data, {g.doc_id for g in gold}), 1):
        result, seconds = timed_extract(from_row(row, "gold.jsonl", i), gaz, homes)
        out[result.doc_id] = (result_to_dict(result), seconds)
    return out


def score_gold(data: Path, *, fast: bool = False, gold: str = "en_dev.jsonl") -> DatasetScore:
    """Detection and field accuracies on one gold file (or ``"all"`` of them, pooled), per
    part (fast: the same run)."""
    name = "gold-" + gold.split("_")[0]
    files = [f for f in POOLED if (data / "gold" / f).exists()] if gold == "all" else [gold]
    articles = [a for f in files for a in load_gold(data / "gold" / f)]
    extracted = extract_articles(data, articles)
    items = []
    for article in articles:
        record, seconds = extracted.get(article.doc_id, ({"events": []}, 0.0))
        preds = tuple(EventFields.from_output(e) for e in record.get("events", []))
        items.append(Scored(article.doc_id, part_of(article.doc_id), seconds, (article, preds)))
    notes = [f"{sum(len(a.events) for a in articles)} gold events in {len(articles)} articles."]
    missing = [a.doc_id for a in articles if a.doc_id not in extracted]
    if missing:
        notes.append(f"no text found for {len(missing)} articles: {', '.join(missing[:5])}")
    return DatasetScore(name, TITLES.get(gold, gold), rows_by_part(items, _aggregate), tuple(notes))


def _aggregate(items: Sequence[Scored]) -> tuple[Metric, ...]:
    golds = {i.key: i.detail[0].events for i in items}
    preds = {i.key: i.detail[1] for i in items}
    s = score_events(golds, preds)
    metrics = [
        Metric("precision", s.precision, s.tp + s.fp),
        Metric("recall", s.recall, s.tp + s.fn),
        Metric("f1", s.f1, s.tp + s.fn),
    ]
    metrics += [Metric(f.name, f.value, f.n) for f in (s.field(k) for k in FIELDS)]
    return tuple(metrics)
