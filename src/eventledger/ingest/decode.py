"""Bytes to text: byte-order marks, declared charsets, detection, and a sniff for binaries.

The order: a byte-order mark; strict UTF-8 (bytes that decode as UTF-8 almost never are
anything else, whatever a server or a stale ``<meta>`` claims); the charset the server
declared; the page's own ``<meta charset>`` or XML declaration; UTF-8 with a few broken
bytes replaced; a guess by charset-normalizer; and last cp1252 with replacement characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)
_MAGIC = (  # a few formats people hand over by mistake, to name them in the message
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
)
_CONTROL = frozenset(range(0x20)) - frozenset(b"\t\n\v\f\r\x1b") | {0x7F}
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05
_SCORE_BYTES = 65536
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h[1-6])[\s/>]", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int  # undecodable byte sequences that became U+FFFD


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, if any."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def binary_kind(data: bytes) -> str | None:
    """What ``data`` looks like when it is not text ("a PNG image", "binary data"), else None."""
    if bom_encoding(data) is not None:
        return None
    named = next((what for magic, what in _MAGIC if data.startswith(magic)), None)
    if named is not None:
        return named
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte in _CONTROL)
    if b"\x00" in head or controls > _MAX_CONTROL_SHARE * len(head):
        return "binary data"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>`` or XML declaration)."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def looks_like_html(text: str) -> bool:
    """Whether decoded text starts out as markup rather than prose."""
    return _HTML_START.search(text[:4096]) is not None


def decode(data: bytes, *, declared: str | None = None, markup: bool = False) -> Decoded:
    """Decode ``data``; ``declared`` is a charset from outside (an HTTP header).

    With ``markup`` the page's own declaration is consulted too. Never raises: bytes no
    codec accepts become U+FFFD, counted in ``replaced``.
    """
    bom = bom_encoding(data)
    if bom is not None:
        return _lenient(data, bom)
    inner = declared_charset(data) if markup else None
    for name in ("utf-8", declared, inner):
        codec = _codec(name)
        if codec is not None and (text := _strict(data, codec)) is not None:
            return Decoded(text, codec, 0)
    mostly_utf8 = _lenient(data, "utf-8")
    if _is_mostly_utf8(mostly_utf8.text, mostly_utf8.replaced):
        return mostly_utf8
    for guess in _guesses(data):
        if (text := _strict(data, guess)) is not None:
            return Decoded(text, guess, 0)
    return _lenient(data, "cp1252")


def _codec(name: str | None) -> str | None:
    """A Python codec for a declared charset, or None when unknown or not to be trusted."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):  # without a BOM such a declaration is wrong
        return None
    if codec in {"latin-1", "iso8859-1", "ascii"}:  # browsers read these as windows-1252
        return "cp1252"
    return codec


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _lenient(data: bytes, codec: str) -> Decoded:
    text = data.decode(codec, errors="replace")
    replaced = len(text) - len(data.decode(codec, errors="ignore"))  # one U+FFFD per bad run
    return Decoded(text, codec, replaced)


def _is_mostly_utf8(text: str, replaced: int) -> bool:
    """UTF-8 with a few broken bytes: far more good multibyte characters than bad ones."""
    good = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    return good >= 2 * replaced


def _guesses(data: bytes) -> list[str]:
    """Codecs to try, best first: charset-normalizer's ranking, except that among Latin
    single-byte code pages (which it tells apart poorly) cp1252 comes first unless its
    reading looks odder than another's (see ``_oddness``)."""
    ranked = list(dict.fromkeys(c for m in from_bytes(data) if (c := _codec(m.encoding))))
    if not ranked or not _is_latin(ranked[0]):
        return ranked
    latin = list(dict.fromkeys(["cp1252", *(c for c in ranked if _is_latin(c))]))
    sample = data[:_SCORE_BYTES]
    readings = {codec: _strict(sample, codec) for codec in latin}
    scored = sorted(
        (_oddness(text), order, codec)
        for order, (codec, text) in enumerate(readings.items())
        if text is not None
    )
    return [codec for _, _, codec in scored] + [c for c in ranked if c not in readings]


def _is_latin(codec: str) -> bool:
    """Whether a single-byte codec's upper half is mostly Latin letters."""
    upper = bytes(range(0xC0, 0x100)).decode(codec, errors="ignore")
    latin = sum(1 for char in upper if unicodedata.name(char, "").startswith("LATIN"))
    return latin > len(upper) // 2 and len(upper) == 0x40


def _oddness(text: str) -> int:
    """Signs of a wrong Latin code page: symbols inside words, C1 controls, the Icelandic
    letters cp1252 makes of Turkish ones, and the grave-accented vowels it makes of Czech
    ones in mid-word (where Italian, which has them, does not put them)."""
    inside = sum(
        1
        for before, char, after in zip(text, text[1:], text[2:], strict=False)
        if before.isalpha()
        and after.isalpha()
        and ((char > "\x7f" and not char.isalpha()) or char in "ìòù")
    )
    return inside + sum(1 for char in text if "\x80" <= char <= "\x9f" or char in "ðþÐÞ")
