"""Page text against hand-extracted article bodies: ``data/scrapinghub-aeb``.

181 web pages (``html/<id>.html.gz``) with the article body a person extracted
(``ground-truth.json``: id -> {articleBody, url}). Each page goes through the whole pipeline as
a JSON Lines row ``{id, url, html}`` would (as ``shared/checks/aeb.py`` feeds it), and its clean
text is scored against ``articleBody`` by bag-of-words token precision, recall and F1, averaged
over pages (the metric of aeb.py). Trafilatura alone (``trafilatura.extract(html, url=url)``) is
scored beside it; ``f1_ratio`` is our F1 over trafilatura's on the same pages.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from eventledger.evaluate.metrics import PRF, mean, part_of, token_prf
from eventledger.evaluate.results import DatasetScore, Metric, Row, Scored, rows_by_part

NAME = "scrapinghub-aeb"
TITLE = "Page text: token P/R/F1 against hand-extracted article bodies (181 pages)"
BASELINE = "trafilatura alone"


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str | None
    html: str
    body: str  # the gold article body


def load_pages(folder: Path) -> list[Page]:
    """Every page of the benchmark that has both its HTML and its gold body, by id."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, gold in sorted(truth.items()):
        path = folder / "html" / f"{page_id}.html.gz"
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
                pages.append(
                    Page(page_id, gold.get("url"), fh.read(), gold.get("articleBody") or "")
                )
    return pages


def score_aeb(data: Path, *, fast: bool = False) -> DatasetScore:
    """Token P/R/F1 of our page text and of trafilatura alone, per part (fast: the same run)."""
    import trafilatura

    from eventledger.evaluate.documents import from_row, timed_extract
    from eventledger.gazetteer import Gazetteer

    pages = load_pages(data / "data" / NAME)
    gaz = Gazetteer.open()
    ours, theirs = [], []
    for i, page in enumerate(pages, 1):
        doc = from_row({"id": page.id, "url": page.url, "html": page.html}, NAME, i)
        result, seconds = timed_extract(doc, gaz)
        text = result.article.text if result.article else ""
        ours.append(Scored(page.id, part_of(page.id), seconds, token_prf(text, page.body)))
        start = time.perf_counter()
        base = trafilatura.extract(page.html, url=page.url) or ""
        seconds = time.perf_counter() - start
        theirs.append(Scored(page.id, part_of(page.id), seconds, token_prf(base, page.body)))
    base_rows = rows_by_part(theirs, _aggregate, BASELINE)
    our_rows = rows_by_part(ours, _aggregate)
    our_rows = tuple(_with_ratio(r, b) for r, b in zip(our_rows, base_rows, strict=True))
    notes = (
        "Token F1 per page (lower-cased \\w+ tokens, bag of words), averaged over pages.",
        "Our time is the whole per-document pipeline (page text, mentions, events);"
        " trafilatura's is its extraction only.",
    )
    return DatasetScore(NAME, TITLE, our_rows + base_rows, notes)


def _aggregate(items: Sequence[Scored]) -> tuple[Metric, ...]:
    scores: list[PRF] = [i.detail for i in items]
    return (
        Metric("precision", mean(s.precision for s in scores), len(scores)),
        Metric("recall", mean(s.recall for s in scores), len(scores)),
        Metric("f1", mean(s.f1 for s in scores), len(scores)),
    )


def _with_ratio(ours: Row, base: Row) -> Row:
    """Our row with ``f1_ratio``: our F1 over the baseline's on the same part."""
    f1, base_f1 = ours.value("f1"), base.value("f1")
    ratio = f1 / base_f1 if f1 is not None and base_f1 else None
    return replace(ours, metrics=ours.metrics + (Metric("f1_ratio", ratio, ours.documents),))
