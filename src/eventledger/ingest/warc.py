"""WARC files (.warc, .warc.gz): one Document per HTML response, streamed record by record.

Read with warcio. A record becomes a Document when it is a ``response`` whose HTTP status is
2xx and whose Content-Type is HTML (text/html, application/xhtml+xml); requests, metadata,
revisits, redirects, errors, images and the like are passed over. The Document's ``raw`` is
the HTTP payload (de-chunked and decompressed), ``id`` the WARC-Record-ID, ``url`` the
WARC-Target-URI, ``fetched_at`` the WARC-Date and ``path`` the WARC file. The charset the
HTTP header declares is used to decode it.

Each gzipped record is its own gzip member (as the WARC standard recommends), so a reader can
start at any record's offset: :func:`html_offsets` lists them, and :func:`read_warc` takes a
``start`` offset and a ``count`` of documents, which is how a batch run splits one big file
into shards. A file gzipped as a whole, or broken part-way, raises InputError naming it (the
documents before the break have been yielded).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from eventledger.errors import InputError
from eventledger.ingest.content import document_from_bytes
from eventledger.ingest.options import InputOptions, override, unreadable_message
from eventledger.records import Document

SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def is_warc(name: str) -> bool:
    """Whether a file name says WARC (``.warc`` or ``.warc.gz``, any case)."""
    return name.lower().endswith(SUFFIXES)


def read_warc(
    path: Path, options: InputOptions, *, start: int = 0, count: int | None = None
) -> Iterator[Document]:
    """The HTML responses of ``path`` as Documents, from the record at byte ``start`` on,
    at most ``count`` of them. Raises InputError when the file cannot be read as WARC."""
    if count is not None and count <= 0:
        return
    made = 0
    for record in _records(path, start):
        if not _is_html_response(record):
            continue
        yield _document(record, path, options)
        made += 1
        if made == count:
            return


@dataclass(frozen=True, slots=True)
class Offsets:
    """Where a WARC file's HTML responses are: see :func:`html_offsets`."""

    starts: list[int]  # byte offsets of responses 1, every+1, 2*every+1, ...
    total: int  # HTML responses before the end (or before the break)
    error: str | None = None  # why reading stopped early, when it did


def html_offsets(path: Path, every: int) -> Offsets:
    """Byte offsets of the 1st, (every+1)th, (2*every+1)th... HTML response of ``path``.
    Reads headers only; payloads are skipped. Raises InputError when it cannot be opened."""
    starts: list[int] = []
    total = 0
    with _open(path) as stream:
        records = _iterator(stream)
        try:
            for record in _guarded(records, path):
                if _is_html_response(record):
                    if total % every == 0:
                        starts.append(records.get_record_offset())
                    total += 1
        except InputError as error:
            return Offsets(starts, total, str(error))
    return Offsets(starts, total)


def _records(path: Path, start: int) -> Iterator[Any]:
    with _open(path) as stream:
        stream.seek(start)
        yield from _guarded(_iterator(stream), path)


def _open(path: Path) -> Any:
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(unreadable_message(path, error)) from error


def _iterator(stream: Any) -> Any:
    from warcio.archiveiterator import ArchiveIterator

    return ArchiveIterator(stream)


def _guarded(records: Any, path: Path) -> Iterator[Any]:
    """warcio's records, each checked to be a whole WARC record; warcio's failures, a file
    that is not WARC and one that ends inside a record become one-line InputErrors."""
    from warcio.exceptions import ArchiveLoadFailed

    previous = None
    try:
        for record in records:
            _check_whole(previous, path)  # warcio has read it to its end by now
            if record.format != "warc":
                raise InputError(f"{path}: not a WARC file (no WARC/1.x record header) — check it")
            previous = record
            yield record
        _check_whole(previous, path)
    except ArchiveLoadFailed as error:
        reason = " ".join(str(error).split())
        if "non-chunked gzip" in reason:
            reason = "gzipped as a whole, not record by record; fix it with `warcio recompress`"
        raise InputError(f"{path}: not a readable WARC file ({reason[:200]})") from error
    except (OSError, EOFError, ValueError) as error:  # bad gzip data, bad lengths
        raise InputError(
            f"{path}: broken WARC file ({error}); the records after it are lost"
        ) from error


def _check_whole(record: Any, path: Path) -> None:
    if record is not None and getattr(record.raw_stream, "limit", 0) > 0:
        where = record.rec_headers.get_header("WARC-Target-URI") or "a record"
        raise InputError(
            f"{path}: broken WARC file: it ends inside the record of {where}; "
            "that record and any after it are lost"
        )


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    mime = (record.http_headers.get_header("Content-Type") or "").partition(";")[0]
    return status.startswith("2") and mime.strip().lower() in _HTML_TYPES


def _document(record: Any, path: Path, options: InputOptions) -> Document:
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>") or None
    url = headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(options.max_bytes + 1)
    document = document_from_bytes(
        data,
        name=f"{path} record {record_id or url}",
        kind="html",
        max_bytes=options.max_bytes,
        declared=_charset(record.http_headers.get_header("Content-Type") or ""),
    )
    document = replace(
        document, id=record_id, url=url, fetched_at=headers.get_header("WARC-Date"), path=str(path)
    )
    return override(document, options)


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
