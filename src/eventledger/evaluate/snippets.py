"""Page text by must / must-not snippets, and publication dates: ``data/trafilatura-eval``.

990 pages (``html.tar.gz`` -> ``traf_html/<file>``, read straight from the archive, never
unpacked to disk) and ``evaldata.json``: url -> {file, with, without, date, ...}. As in
trafilatura's own evaluation, each "with" snippet found in the extracted text is a true
positive and each one missing a false negative; each "without" snippet found is a false
positive. Counts are summed over pages, then P/R/F1 computed. ``date_accuracy`` is the share of
pages with a gold date whose publication date we read is that day; ``date_found`` the share
where we read any date. Pages go through the whole pipeline as HTML files would; trafilatura
alone (``trafilatura.extract(html, url=url)``) is scored beside it on the snippets.

``--fast`` scores a fixed eighth of the pages (chosen by a hash of the URL).
"""

from __future__ import annotations

import json
import tarfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventledger.evaluate.metrics import in_fast_subset, part_of, prf
from eventledger.evaluate.results import DatasetScore, Metric, Scored, rows_by_part

NAME = "trafilatura-eval"
TITLE = "Page text: must/must-not snippets and publication dates (990 pages)"
BASELINE = "trafilatura alone"
FAST_ONE_IN = 8


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    file: str
    with_: tuple[str, ...]  # snippets the main text must contain
    without: tuple[str, ...]  # snippets it must not contain
    date: str | None  # gold publication date, YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class Outcome:
    tp: int
    fn: int
    fp: int
    date: bool | None  # None: no gold date to check
    found_date: bool


def load_pages(folder: Path, fast: bool = False) -> list[Page]:
    """The annotated pages, by URL (a fixed subset when ``fast``)."""
    gold = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in sorted(gold.items()):
        if fast and not in_fast_subset(url, FAST_ONE_IN):
            continue
        date = item.get("date") or None
        pages.append(
            Page(
                url,
                item["file"],
                tuple(item.get("with") or ()),
                tuple(item.get("without") or ()),
                date,
            )
        )
    return pages


def read_html(archive: Path, files: set[str]) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) for each wanted ``traf_html/<file>`` in the archive, streamed."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and name in files:
                handle = tar.extractfile(member)
                if handle is not None:
                    yield name, handle.read()


def snippet_counts(text: str, page: Page) -> tuple[int, int, int]:
    """(true positives, false negatives, false positives) of one extracted text."""
    tp = sum(1 for s in page.with_ if s in text)
    fp = sum(1 for s in page.without if s in text)
    return tp, len(page.with_) - tp, fp


def score_trafilatura_eval(data: Path, *, fast: bool = False) -> DatasetScore:
    """Snippet P/R/F1 and date accuracy of our page text, beside trafilatura alone."""
    import trafilatura

    from eventledger.evaluate.documents import from_html, timed_extract
    from eventledger.gazetteer import Gazetteer

    folder = data / "data" / NAME
    pages = load_pages(folder, fast)
    by_file = {p.file: p for p in pages}
    gaz = Gazetteer.open()
    ours, theirs = [], []
    for name, raw in read_html(folder / "html.tar.gz", set(by_file)):
        page = by_file[name]
        part = part_of(page.url)
        result, seconds = timed_extract(
            from_html(raw, name=name, doc_id=page.url, url=page.url), gaz
        )
        article = result.article
        published = article.published.isoformat() if article and article.published else None
        outcome = Outcome(
            *snippet_counts(article.text if article else "", page),
            date=(published == page.date) if page.date else None,
            found_date=published is not None,
        )
        ours.append(Scored(page.url, part, seconds, outcome))
        start = time.perf_counter()
        base = trafilatura.extract(raw, url=page.url) or ""
        seconds = time.perf_counter() - start
        theirs.append(
            Scored(page.url, part, seconds, Outcome(*snippet_counts(base, page), None, False))
        )
    notes = (
        f"{len(ours)} of the pages scored" + (" (the fixed --fast subset)." if fast else "."),
        "Many pages are German and other non-English sites: their text is scored, their events"
        " are not coded.",
    )
    rows = rows_by_part(ours, _aggregate) + rows_by_part(theirs, _aggregate_text, BASELINE)
    return DatasetScore(NAME, TITLE, rows, notes)


def _aggregate_text(items: Sequence[Scored]) -> tuple[Metric, ...]:
    outcomes: list[Outcome] = [i.detail for i in items]
    tp = sum(o.tp for o in outcomes)
    fn = sum(o.fn for o in outcomes)
    fp = sum(o.fp for o in outcomes)
    score = prf(tp, fp, fn)
    return (
        Metric("precision", score.precision, tp + fp),
        Metric("recall", score.recall, tp + fn),
        Metric("f1", score.f1, tp + fn),
    )


def _aggregate(items: Sequence[Scored]) -> tuple[Metric, ...]:
    outcomes: list[Outcome] = [i.detail for i in items]
    dated = [o.date for o in outcomes if o.date is not None]
    return _aggregate_text(items) + (
        Metric("date_accuracy", sum(dated) / len(dated) if dated else None, len(dated)),
        Metric(
            "date_found",
            sum(o.found_date for o in outcomes) / len(outcomes) if outcomes else None,
            len(outcomes),
        ),
    )
