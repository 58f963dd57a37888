"""Sentences and paragraphs of a clean text, as spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.records import Span

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an upper-case letter, digit or opening quote; common abbreviations do not end one.
_END = re.compile(r"""[.!?]["'”’)\]]*(?=\s+["'“‘(\[]?[A-ZА-ЯЁ0-9])""")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt maj cpl pvt adm gov sen rep st mt ft no vs etc
    jan feb mar apr aug sep sept oct nov dec u.s u.k u.n e.g i.e approx est inc ltd co corp
    jr sr rev hon pres""".split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    paragraph: int  # index of the paragraph the sentence belongs to
    index: int  # index of the sentence in the text


_WORD_BEFORE = re.compile(r"[\w.]+$")


def _is_abbreviation(text: str, dot: int) -> bool:
    # The word before the dot: looked for in the few characters before it, not the whole text
    # (an abbreviation is short; scanning from the start made long texts quadratic).
    word = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not word:
        return False
    token = word.group().lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; each span is trimmed of surrounding whitespace."""
    out: list[Sentence] = []
    for p_index, para in enumerate(_PARAGRAPH.finditer(text)):
        start = para.start()
        for end_match in _END.finditer(text, para.start(), para.end()):
            if text[end_match.start()] == "." and _is_abbreviation(text, end_match.start()):
                continue
            _add(out, text, start, end_match.end(), p_index)
            start = end_match.end()
        _add(out, text, start, para.end(), p_index)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(Span.of(text, start, end), paragraph, len(out)))
