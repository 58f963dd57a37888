"""Readers: inputs (paths, directories, JSON Lines, WARC, http(s) URLs, "-") -> Documents.

One public function, :func:`read_inputs`. An input that cannot be opened at all becomes an
:class:`InputFailure`; everything wrong with one document's content is a ``Problem`` on that
Document (stage "read"), with codes:

    empty        nothing but whitespace (a file, stdin, a JSON Lines row, a whole .jsonl)
    binary       NUL bytes, a known binary format, or mostly control bytes
    too-large    over ``InputOptions.max_bytes``; never read past that
    encoding     a warning: some bytes could not be decoded and became U+FFFD
    bad-jsonl    a JSON Lines line that is not an object of string/null fields
    bad-published  a JSON Lines row whose ``published`` is not ISO 8601 (the row is kept)

Documents with any of these but "encoding" and "bad-published" have ``text=""``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

import httpx

from eventledger.errors import InputError, UsageError
from eventledger.ingest import files, web
from eventledger.ingest.options import InputFailure, InputOptions, override, parse_published
from eventledger.records import Document

__all__ = ["InputFailure", "InputOptions", "parse_published", "read_inputs"]

_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")


def read_inputs(
    inputs: Sequence[str],
    options: InputOptions = InputOptions(),  # noqa: B008 -- frozen, so one shared default is safe
    *,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
) -> Iterator[Document | InputFailure]:
    """Every Document the inputs hold, in order, read lazily one at a time.

    Raises UsageError at once for nonsensical options; after that never raises for a bad
    input: it yields an InputFailure and goes on. Without ``client`` one is made (and closed)
    when the first URL comes; ``stdin`` defaults to the process's standard input.
    """
    if options.published is not None:
        parse_published(options.published)
    if options.max_bytes < 1:
        raise UsageError(f"max_bytes must be at least 1, not {options.max_bytes}")
    return _read_all(inputs, options, stdin, client)


def _read_all(
    inputs: Sequence[str],
    options: InputOptions,
    stdin: BinaryIO | None,
    client: httpx.Client | None,
) -> Iterator[Document | InputFailure]:
    with ExitStack() as owned:
        for item in inputs:
            try:
                if item.lower().startswith(("http://", "https://")):
                    if client is None:
                        client = owned.enter_context(web.new_client())
                    page = web.fetch(item, client, max_bytes=options.max_bytes)
                    yield override(page, options)
                else:
                    yield from _read_local(item, options, stdin)
            except InputError as error:
                yield InputFailure(item, str(error))


def _read_local(
    item: str, options: InputOptions, stdin: BinaryIO | None
) -> Iterator[Document | InputFailure]:
    if item == "-":
        yield files.read_stdin(stdin if stdin is not None else sys.stdin.buffer, options)
        return
    scheme = _SCHEME.match(item)
    if scheme:
        raise InputError(
            f"{item}: {scheme['scheme']}:// addresses are not supported — give an http(s) URL"
            " or a local path"
        )
    path = Path(item)
    if not path.exists():
        hint = f" (for a web page, give the full address: https://{item})"
        raise InputError(
            f"no such file or directory: {item!r} — check the path"
            + (hint if item.lower().startswith("www.") else "")
        )
    yield from files.read_path(path, options)
