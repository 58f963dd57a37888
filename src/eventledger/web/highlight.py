"""Spans -> text cut into pieces, each knowing which marks cover it, for templates to render.

The templates escape every piece; this module only decides where marks begin and end.
Overlapping marks are flattened: a piece covered by two marks carries both. A span that does
not hold (outside the text, or ``text[start:end] != quote``) is not drawn, and is counted in
``Marked.dropped`` so a page can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlight: characters ``start:end``, a CSS class, a tooltip, an optional anchor id."""

    start: int
    end: int
    kind: str
    label: str = ""
    anchor: str | None = None
    quote: str | None = None  # when given, the mark is drawn only if the text still holds it


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marks: tuple[Mark, ...] = ()
    anchor: str | None = None  # the id of a mark that starts here

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(m.kind for m in self.marks))

    @property
    def label(self) -> str:
        return "; ".join(dict.fromkeys(m.label for m in self.marks if m.label))


@dataclass(frozen=True, slots=True)
class Marked:
    paragraphs: tuple[tuple[Piece, ...], ...]
    dropped: int  # marks whose span does not hold in this text


def mark_text(text: str, marks: Iterable[Mark]) -> Marked:
    """Cut ``text`` into paragraphs of pieces at every mark boundary."""
    valid: list[Mark] = []
    dropped = 0
    for m in marks:
        holds = 0 <= m.start < m.end <= len(text)
        if not holds or (m.quote is not None and text[m.start : m.end] != m.quote):
            dropped += 1
            continue
        valid.append(m)
    cuts = {0, len(text)}
    for m in valid:
        cuts.update((m.start, m.end))
    for br in _PARAGRAPH_BREAK.finditer(text):
        cuts.update((br.start(), br.end()))
    bounds = sorted(cuts)
    breaks = {(br.start(), br.end()) for br in _PARAGRAPH_BREAK.finditer(text)}
    paragraphs: list[tuple[Piece, ...]] = []
    current: list[Piece] = []
    anchored: set[str] = set()
    for start, end in zip(bounds, bounds[1:], strict=False):
        if (start, end) in breaks:
            if current:
                paragraphs.append(tuple(current))
            current = []
            continue
        covering = tuple(m for m in valid if m.start <= start and end <= m.end)
        anchor = next((m.anchor for m in covering if m.anchor and m.anchor not in anchored), None)
        if anchor:
            anchored.add(anchor)
        current.append(Piece(text[start:end], covering, anchor))
    if current:
        paragraphs.append(tuple(current))
    return Marked(tuple(paragraphs), dropped)
