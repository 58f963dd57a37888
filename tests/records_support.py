"""Hand-built records for the tests of the ledger, its exports and the web app: a span found
by its quote, and a document's whole ``Result`` (raw page, clean article, events)."""

from __future__ import annotations

from datetime import date

from eventledger.records import Article, Document, Event, Problem, Result, Span


def span(text: str, quote: str) -> Span:
    """The span of the first ``quote`` in ``text`` (so that ``text[start:end] == quote``)."""
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


def result(
    doc_id: str,
    text: str,
    events: tuple[Event, ...],
    *,
    title: str | None = None,
    published: date | None = date(2024, 6, 3),
    outlet: str = "Example",
    url: str | None = None,
    captions: tuple[str, ...] = (),
    problems: tuple[Problem, ...] = (),
) -> Result:
    """One document as the pipeline would hand it to the ledger: a small HTML page of ``text``
    (titled ``title``) and its clean English article, with ``events`` already coded."""
    head = f"<head><title>{title}</title></head>" if title else ""
    raw = f"<html>{head}<body><p>{text}</p></body></html>".encode()
    url = url or f"https://news.example/{doc_id}"
    document = Document(raw=raw, id=doc_id, url=url, outlet=outlet)
    article = Article(
        doc_id=doc_id,
        text=text,
        title=title,
        published=published,
        language="en",
        url=url,
        outlet=outlet,
        captions=captions,
    )
    return Result(document, doc_id, article, events, problems)
