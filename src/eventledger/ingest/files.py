"""Local inputs: a file, a directory walked in sorted order, or standard input."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from eventledger.errors import InputError
from eventledger.ingest import jsonl, warc
from eventledger.ingest.content import Kind, document_from_bytes
from eventledger.ingest.options import InputFailure, InputOptions, override, unreadable_message
from eventledger.records import Document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
KNOWN_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | jsonl.SUFFIXES


def read_path(path: Path, options: InputOptions) -> Iterator[Document | InputFailure]:
    """Every document under ``path``: one for a file, one per row for JSON Lines, all the
    known files of a directory. Raises InputError when ``path`` itself cannot be opened."""
    if path.is_dir():
        return read_directory(path, options)
    if not path.exists():
        raise InputError(f"no such file or directory: {str(path)!r} — check the path")
    if path.suffix.lower() in jsonl.SUFFIXES:
        return jsonl.read_jsonl(path, options)
    if warc.is_warc(path.name):
        return warc.read_warc(path, options)
    return iter([read_file(path, options)])


def read_file(path: Path, options: InputOptions) -> Document:
    """One HTML or text file; its kind comes from the suffix, else from its first bytes."""
    data = _read_bounded_file(path, options.max_bytes)
    document = document_from_bytes(
        data, name=str(path), kind=_kind_of(path), max_bytes=options.max_bytes
    )
    return override(replace(document, path=str(path)), options)


def read_directory(directory: Path, options: InputOptions) -> Iterator[Document | InputFailure]:
    """The known files under ``directory``, depth first, each folder's entries sorted by name;
    hidden entries, unknown suffixes and symlinked folders are skipped. Lazy: one file at a
    time is read."""
    for item in walk(directory):
        if isinstance(item, InputFailure):
            yield item
            continue
        try:
            yield from read_path(item, options)
        except InputError as error:
            yield InputFailure(str(item), str(error))


def walk(directory: Path) -> Iterator[Path | InputFailure]:
    """Paths of known files under ``directory`` in sorted order; unreadable folders become
    InputFailures so the walk goes on."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield InputFailure(str(directory), unreadable_message(directory, error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(Path(entry.path))
        elif entry.is_file() and (
            Path(entry.name).suffix.lower() in KNOWN_SUFFIXES or warc.is_warc(entry.name)
        ):
            yield Path(entry.path)


def read_stdin(stream: BinaryIO, options: InputOptions) -> Document:
    """Standard input, read up to the size limit; HTML or text is sniffed."""
    try:
        data = stream.read(options.max_bytes + 1)
    except OSError as error:
        raise InputError(f"cannot read standard input: {error.strerror or error}") from error
    document = document_from_bytes(data, name="stdin", kind=None, max_bytes=options.max_bytes)
    return override(document, options)


def _kind_of(path: Path) -> Kind | None:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def _read_bounded_file(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes: enough to tell that a file is too large."""
    try:
        with path.open("rb") as stream:
            return stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(unreadable_message(path, error)) from error
