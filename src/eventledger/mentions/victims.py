"""Victims named one by one: "killed Qasem Soleimani", "Abu Mahdi al-Muhandis, who was also
killed", "Other victims included a Kataeb Hezbollah official and Mohammed Reda".

A report of a targeted killing often gives no figure: it names the dead, across sentences.
Each span found here is one person; the coder counts the distinct ones of an event (a roll
call, "at least" that many). Persons are told apart by their names: "Soleimani" is the
"Qasem Soleimani" named before. Described victims ("a Kataeb Hezbollah official") are one
person each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eventledger.records import Span

# A personal name: two to four capitalised words, with Arabic and other particles inside.
_WORD = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
_NAME = rf"{_WORD}(?:\s+(?:(?:al|el|bin|ibn|abu|de|van|von|da)[- ])?{_WORD}){{1,3}}"
# What may follow a name that is the whole object ("killed Qasem Soleimani, head of ..."), and
# not a modifier of a noun ("killed Islamic State fighters").
_AFTER_NAME = (
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|at|and|with|near|during|while|when|as|after|who|"
    r"outside|inside|along|by|late|early|last|this)\b)"
)
_ACTIVE = re.compile(
    rf"\b(?:killed|killing|assassinated|assassinating|murdered|executed)\s+(?P<name>{_NAME})"
    + _AFTER_NAME
)
_PASSIVE = re.compile(
    rf"(?P<name>{_NAME})(?:,\s+who)?\s+(?:was|had\s+been)\s+(?:also\s+)?"
    r"(?:killed|assassinated|shot\s+dead|murdered|executed)\b"
)
# "Abu Osama al-Iraqi and Amer al-Rafdan were killed": each name of the list.
_NAMES_PASSIVE = re.compile(
    rf"(?P<names>{_NAME}(?:,\s+{_NAME})*,?\s+and\s+{_NAME})\s+(?:were|had\s+been)\s+"
    r"(?:also\s+|both\s+)?(?:killed|assassinated|shot\s+dead|murdered|executed)\b"
)
_NAME_IN = re.compile(_NAME)
# "Other victims included A and B", "Among the dead were A, B and C".
_ROLL = re.compile(
    r"\b(?:(?:other|the)\s+(?:victims|dead)|those\s+killed|among\s+(?:the\s+)?(?:dead|victims|"
    r"those\s+killed))\s+(?:were|are|included|include|was)\s+",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_ITEM = re.compile(rf"(?:an?\s+[\w'’-]+(?:\s+[\w'’-]+){{0,4}}|{_NAME})$")
_ARTICLE = re.compile(r"(?:an?|the|his|her|their)\s", re.IGNORECASE)
_COUNT = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|some|dozens?|"
    r"hundreds?|both)\b",
    re.IGNORECASE,
)


# Every pattern hinges on one of these words; a sentence without any is skipped at once.
_CUE = re.compile(
    r"\b(?:killed|killing|assassinated|assassinating|murdered|executed|shot\s+dead|victims|dead"
    r"|those\s+killed)\b",
    re.IGNORECASE,
)


def may_name_victims(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a word a victim pattern hinges on (a cheap test)."""
    return _CUE.search(text, start, end) is not None


def find_victims(text: str, start: int, end: int, others: Iterable[Span] = ()) -> list[Span]:
    """Spans of the persons a sentence reports killed, one span each; names that overlap
    ``others`` (places, armed groups) are not persons."""
    if not may_name_victims(text, start, end):
        return []
    taken = [(s.start, s.end) for s in others]

    def person(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    found: list[Span] = []
    for pattern in (_ACTIVE, _PASSIVE):
        for m in pattern.finditer(text, start, end):
            a, b = m.span("name")
            if person(a, b):
                found.append(Span.of(text, a, b))
    for m in _NAMES_PASSIVE.finditer(text, start, end):
        for n in _NAME_IN.finditer(text, *m.span("names")):
            if person(*n.span()):
                found.append(Span.of(text, *n.span()))
    for m in _ROLL.finditer(text, start, end):
        found.extend(_roll(text, m.end(), end, person))
    return sorted(set(found), key=lambda s: s.start)


def _roll(text: str, start: int, end: int, person) -> list[Span]:
    """The items of a list of the dead, up to the clause's end; none if any item is a count
    ("two bodyguards": the casualty reader's) or not a person-like phrase."""
    stop = start
    while stop < end and text[stop] not in ".;:(\n":
        stop += 1
    items: list[Span] = []
    at = start
    pieces = _ITEM_SPLIT.split(text[start:stop])
    for i, piece in enumerate(pieces):
        at = text.find(piece, at, stop)
        a, b = at, at + len(piece)
        at = b
        if not piece:
            continue
        if _COUNT.search(piece):
            return []
        if i and _ARTICLE.match(piece) and items and text[items[-1].end] == ",":
            continue  # "Mohammed Reda, an airport protocol officer": who he was
        if not _ITEM.match(piece) or not (_ARTICLE.match(piece) or person(a, b)):
            return []  # a described person may belong to a group: "a Hezbollah official"
        items.append(Span.of(text, a, b))
    return items


def distinct(victims: Iterable[Span]) -> list[Span]:
    """One span per person: a name whose words all belong to a name seen before ("Soleimani"
    after "Qasem Soleimani") is that person again; descriptions are one person each."""
    kept: list[Span] = []
    seen: list[set[str]] = []
    described: set[str] = set()
    for v in victims:
        if not v.quote[:1].isupper():
            if v.quote.lower() not in described:
                described.add(v.quote.lower())
                kept.append(v)
            continue
        words = set(re.findall(r"[A-Z][\w'’-]+", v.quote))
        if any(words <= w or w <= words for w in seen):
            continue
        seen.append(words)
        kept.append(v)
    return kept
