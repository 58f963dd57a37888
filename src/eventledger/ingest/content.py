"""One blob of bytes (a file, stdin, a fetched page) -> a Document, with content problems."""

from __future__ import annotations

from typing import Literal

from eventledger.ingest.decode import binary_kind, decode, looks_like_html
from eventledger.records import Document, Problem

Kind = Literal["html", "text"]


def document_from_bytes(
    data: bytes,
    *,
    name: str,
    kind: Kind | None,
    max_bytes: int,
    declared: str | None = None,
) -> Document:
    """Decode ``data`` as HTML or text (``kind=None``: sniff which).

    ``name`` says where the bytes came from in messages. Empty, binary and oversized inputs
    become a Document with ``text=""`` and one problem; undecodable bytes are replaced and
    noted with an "encoding" problem.
    """
    if len(data) > max_bytes:
        message = f"{name} is larger than {max_bytes:,} bytes — split or trim it"
        return _unreadable(b"", "too-large", message)
    what = binary_kind(data)
    if what is not None:
        message = f"{name} looks like {what}, not text or HTML — convert it to text first"
        return _unreadable(data, "binary", message)
    decoded = decode(data, declared=declared, markup=kind != "text")
    if not decoded.text.strip("\ufeff \t\r\n\f\v"):
        message = f"{name} is empty (or only whitespace) — give it some text or HTML"
        return _unreadable(data, "empty", message)
    problems: tuple[Problem, ...] = ()
    if decoded.replaced:
        message = (
            f"{name}: {decoded.replaced} undecodable byte sequence(s) replaced while reading"
            f" it as {decoded.encoding} — re-save it as UTF-8"
        )
        problems = (Problem("read", "encoding", message),)
    if (kind or ("html" if looks_like_html(decoded.text) else "text")) == "html":
        return Document(raw=data, html=decoded.text, problems=problems)
    return Document(raw=data, text=decoded.text, problems=problems)


def _unreadable(raw: bytes, code: str, message: str) -> Document:
    return Document(raw=raw, text="", problems=(Problem("read", code, message),))
