"""What the command line says about every input, and what an unopenable input becomes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from eventledger.errors import UsageError
from eventledger.records import Document

_ISO_SHAPE = re.compile(
    r"\d{4}-\d{2}-\d{2}"  # the date
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"  # an optional time
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",  # and an optional offset
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class InputOptions:
    """Metadata given on the command line (--published, --url, --outlet, --lang).

    For files, URLs and stdin these override what the input says; for JSON Lines rows they
    only fill fields the row leaves empty.
    """

    published: str | None = None  # ISO 8601 date or date-time, checked by parse_published
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    max_bytes: int = 20_000_000  # per document


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that cannot be opened at all (missing path, refused URL)."""

    input: str
    message: str  # one line: names the input and says what to do


_META = ("published", "url", "outlet", "language")


def is_iso_published(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 date (YYYY-MM-DD) or date-time, offset optional."""
    if _ISO_SHAPE.fullmatch(value) is None:
        return False
    try:
        datetime.fromisoformat(value.upper())  # the shape is ISO; this checks the ranges
    except ValueError:
        return False
    return True


def parse_published(value: str) -> str:
    """Check a --published value and return it stripped; raise UsageError when it is not ISO."""
    text = value.strip()
    if not is_iso_published(text):
        raise UsageError(
            f"--published {value!r} is not an ISO 8601 date (YYYY-MM-DD or a date-time)"
        )
    return text


def override(document: Document, options: InputOptions) -> Document:
    """Set every metadata field the options give, whatever the document said."""
    given = {name: getattr(options, name) for name in _META if getattr(options, name) is not None}
    return replace(document, **given) if given else document


def fill(document: Document, options: InputOptions) -> Document:
    """Set only the metadata fields the document leaves empty."""
    given = {
        name: getattr(options, name)
        for name in _META
        if getattr(document, name) is None and getattr(options, name) is not None
    }
    return replace(document, **given) if given else document


def unreadable_message(path: Path, error: OSError) -> str:
    """The one-line message for a path the operating system would not open."""
    if isinstance(error, PermissionError):
        return f"cannot read {str(path)!r}: permission denied — check its permissions"
    if isinstance(error, FileNotFoundError):
        return f"no such file or directory: {str(path)!r} — check the path"
    reason = error.strerror or type(error).__name__
    return f"cannot read {str(path)!r}: {reason} — check the path"
