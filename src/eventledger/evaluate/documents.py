"""Evaluation inputs -> Documents, read the way ``eventledger extract`` reads them.

A JSON Lines row goes through the same reader as a ``.jsonl`` input; an HTML file's bytes
through the same decoder as a file on the command line. So a score measures what a user gets.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from eventledger.gazetteer import Gazetteer
from eventledger.ingest import InputOptions
from eventledger.ingest.content import document_from_bytes
from eventledger.ingest.jsonl import FIELDS, read_row
from eventledger.mentions.homes import OutletHomes
from eventledger.pipeline import extract_document
from eventledger.records import Document, Result

_OPTIONS = InputOptions()


def from_row(
    row: Mapping[str, str | None], source: str = "eval.jsonl", number: int = 1
) -> Document:
    """The Document a JSON Lines row with these fields becomes (other keys are dropped)."""
    line = json.dumps({k: row.get(k) for k in FIELDS}, ensure_ascii=False).encode("utf-8")
    return read_row(line, number=number, path=Path(source), options=_OPTIONS)


def from_html(data: bytes, *, name: str, doc_id: str, url: str | None) -> Document:
    """The Document an HTML file with these bytes becomes, with its id and URL set."""
    doc = document_from_bytes(data, name=name, kind="html", max_bytes=_OPTIONS.max_bytes)
    return replace(doc, id=doc_id, url=url, path=name)


def timed_extract(
    doc: Document, gaz: Gazetteer, homes: OutletHomes | None = None
) -> tuple[Result, float]:
    """The whole per-document pipeline on ``doc``, and the seconds it took.

    ``homes`` is the run's memory of outlets, as ``eventledger extract`` keeps one over its
    inputs.
    """
    start = time.perf_counter()
    result = extract_document(doc, gaz, homes)
    return result, time.perf_counter() - start
