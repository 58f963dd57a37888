"""Document -> Result: the per-document pipeline (read, clean, find mentions, code events).

Every stage is a pure function of its input record; the shared things are the gazetteer,
opened once per process and read-only, and, when the caller keeps one, the run's memory of
outlets' home regions (``mentions.homes.OutletHomes``), which each English article reads
before it is coded and then adds to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from eventledger.clean import clean
from eventledger.code import code_article, code_events
from eventledger.gazetteer import Gazetteer
from eventledger.lang import CODED, coded_as
from eventledger.mentions.homes import OutletHomes
from eventledger.records import Article, Document, Event, Place, Problem, Result
from eventledger.serialize import result_to_dict

SUPPORTED_LANGUAGES = frozenset(CODED)
# Read problems after which there is no text to work on.
UNREADABLE = frozenset({"empty", "binary", "too-large", "bad-jsonl"})


def content_hash(doc: Document) -> str:
    """SHA-256 of the raw input, hex."""
    return hashlib.sha256(doc.raw).hexdigest()


def document_id(doc: Document) -> str:
    """The input's own id when it has one, else a stable hash of its content."""
    return doc.id or f"doc-{content_hash(doc)[:16]}"


def extract_document(doc: Document, gaz: Gazetteer, homes: OutletHomes | None = None) -> Result:
    """Run every per-document stage on one document.

    ``homes``, when given, is what the run knows of outlets' home regions: an English article
    is coded with its outlet's home, then teaches ``homes`` its own place names.
    """
    doc_id = document_id(doc)
    if any(p.stage == "read" and p.code in UNREADABLE for p in doc.problems):
        return Result(doc, doc_id, None, (), doc.problems)
    article = clean(doc, doc_id)
    problems = doc.problems + article.problems
    if not article.text.strip():
        return Result(doc, doc_id, article, (), problems)
    language = coded_as(article.language, article.text)
    if language is None:
        problem = Problem(
            "code",
            "unsupported-language",
            f"language '{article.language}' is not coded yet "
            f"(supported: {', '.join(sorted(SUPPORTED_LANGUAGES))}); "
            "no events were extracted",
        )
        return Result(doc, doc_id, article, (), problems + (problem,))
    try:
        if language == "ru":
            from eventledger.lang.ru.code import code_events as code_russian

            events, home = code_russian(article, gaz), None
        else:
            events, home = _code_english(article, gaz, homes)
    except RecursionError:
        problem = Problem("code", "too-complex", "the text is too deeply structured to code")
        return Result(doc, doc_id, article, (), problems + (problem,))
    except Exception as exc:  # noqa: BLE001 - one document's failure is data, not a crash
        problem = Problem(
            "code",
            "internal-error",
            f"coding failed ({type(exc).__name__}: {exc}); the text is kept — please report it",
        )
        return Result(doc, doc_id, article, (), problems + (problem,))
    return Result(doc, doc_id, article, events, problems, home)


def _code_english(
    article: Article, gaz: Gazetteer, homes: OutletHomes | None
) -> tuple[tuple[Event, ...], Place | None]:
    """Code an article with its outlet's home as known before it (returned with the events);
    then learn the article's place names, as the coder read them (the spans of the text
    alone; see ``Coded``)."""
    if homes is None or not article.outlet:
        return code_events(article, gaz), None
    home = homes.home(article.outlet)
    coded = code_article(article, gaz, home)
    homes.learn_mentions(article.outlet, coded.places)
    return coded.events, home


def extract_all(docs: Iterable[Document], gaz: Gazetteer | None = None) -> Iterator[Result]:
    """Extract every document, learning outlets' homes as it goes."""
    gaz = gaz or Gazetteer.open()
    homes = OutletHomes(gaz)
    for doc in docs:
        yield extract_document(doc, gaz, homes)


def extract_one(
    text_or_html: str | bytes,
    *,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """The public ``eventledger.extract``: one article in, one output record out."""
    from eventledger.ingest import InputOptions, parse_published
    from eventledger.ingest.content import document_from_bytes
    from eventledger.ingest.options import override

    if published is not None:
        published = parse_published(published)
    raw = text_or_html.encode("utf-8") if isinstance(text_or_html, str) else text_or_html
    options = InputOptions(published=published, url=url, outlet=outlet, language=language)
    doc = document_from_bytes(raw, name="the input", kind=None, max_bytes=options.max_bytes)
    doc = override(doc, options)
    if title is not None:
        doc = replace(doc, title=title)
    return result_to_dict(extract_document(doc, Gazetteer.open()))
