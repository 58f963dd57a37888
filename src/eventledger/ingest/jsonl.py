"""JSON Lines: one document per line, streamed so a file of any size is never held whole.

A row is an object with any of ``id, url, title, published, language, outlet, text, html``
(other keys are ignored). A line that is not such an object becomes a Document with a
"bad-jsonl" problem and empty text, so the lines around it are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventledger.errors import InputError
from eventledger.ingest.decode import binary_kind
from eventledger.ingest.options import InputOptions, fill, is_iso_published, unreadable_message
from eventledger.records import Document, Problem

SUFFIXES = frozenset({".jsonl", ".ndjson"})
FIELDS = ("id", "url", "title", "published", "language", "outlet", "text", "html")
_SKIP_CHUNK = 1 << 16


class BadLine(ValueError):
    """Why one line is not a usable row."""


def read_jsonl(path: Path, options: InputOptions) -> Iterator[Document]:
    """One Document per non-blank line of ``path``; raises InputError if it cannot be opened."""
    try:
        stream = path.open("rb")
    except OSError as error:
        raise InputError(unreadable_message(path, error)) from error
    with stream:
        what = binary_kind(stream.peek(4096)[:4096].removeprefix(b"\xef\xbb\xbf"))
        if what is not None:
            message = f"{path} looks like {what}, not JSON Lines — check the file"
            yield _broken(path.name, message, b"", "binary")
            return
        rows = 0
        for number, line in lines(stream, options.max_bytes):
            rows += 1
            yield read_row(line, number=number, path=path, options=options)
        if rows == 0:
            message = f"{path} has no rows — give it one JSON object per line"
            yield _broken(path.name, message, b"", "empty")


def lines(
    stream: BinaryIO, max_bytes: int, first_number: int = 1
) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the line end) for each non-blank line; None for a line
    over ``max_bytes``, which is skipped without being held. ``first_number``: the number
    of the line the stream is at (when reading on from the middle of a file)."""
    number = first_number - 1
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, None
            continue
        line = line.rstrip(b"\r\n")
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line.strip():
            yield number, line


def read_row(line: bytes | None, *, number: int, path: Path, options: InputOptions) -> Document:
    """The Document one line holds, or one carrying a "bad-jsonl" problem."""
    where = f"{path} line {number}"
    fallback_id = f"{path.name}:{number}"
    if line is None:
        message = f"{where}: longer than {options.max_bytes:,} bytes — fix or drop the line"
        return _broken(fallback_id, message, b"")
    try:
        row = _parse(line)
    except BadLine as error:
        return _broken(fallback_id, f"{where}: {error} — fix or drop the line", line)
    return fill(_document(row, line, where=where, fallback_id=fallback_id, path=path), options)


def _parse(line: bytes) -> dict[str, str | None]:
    try:
        value = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BadLine(f"not UTF-8 (byte {error.start + 1})") from error
    except json.JSONDecodeError as error:
        raise BadLine(f"invalid JSON ({error.msg} at column {error.colno})") from error
    except (ValueError, RecursionError) as error:
        raise BadLine(f"invalid JSON ({error})") from error
    if not isinstance(value, dict):
        raise BadLine(f"expected a JSON object, got {_json_type(value)}")
    if isinstance(value.get("id"), int) and not isinstance(value.get("id"), bool):
        value["id"] = str(value["id"])
    wrong = [
        f"{key!r} is {_json_type(value[key])}"
        for key in FIELDS
        if value.get(key) is not None and not isinstance(value[key], str)
    ]
    if wrong:
        raise BadLine(f"{', '.join(wrong)}; expected a string or null")
    return {key: _no_surrogates(value[key]) if _filled(value.get(key)) else None for key in FIELDS}


def _no_surrogates(text: str) -> str:
    """JSON may escape lone surrogates ("\\ud800") that no text encoding can hold: U+FFFD them."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _document(
    row: dict[str, str | None], line: bytes, *, where: str, fallback_id: str, path: Path
) -> Document:
    problems: list[Problem] = []
    published = row["published"]
    if published is not None and not is_iso_published(published.strip()):
        message = (
            f"{where}: published {published!r} is not an ISO 8601 date"
            " (YYYY-MM-DD or a date-time) — the row is kept without a date; fix the value"
        )
        problems.append(Problem("read", "bad-published", message))
        published = None
    text, html = row["text"], row["html"]
    if text is None and html is None:
        message = f"{where}: no text or html — fix or drop the line"
        problems.append(Problem("read", "empty", message))
        text, html = "", None
    return Document(
        raw=line,
        id=row["id"] or fallback_id,
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=published.strip() if published else None,
        language=row["language"],
        path=str(path),
        text=text,
        html=html,
        problems=tuple(problems),
    )


def _broken(doc_id: str, message: str, raw: bytes, code: str = "bad-jsonl") -> Document:
    return Document(raw=raw, id=doc_id, text="", problems=(Problem("read", code, message),))


def _filled(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while chunk := stream.readline(_SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    names |= {int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
