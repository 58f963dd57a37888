"""Who says it, in Russian: "сообщило МВД", "по данным полиции", "как сообщает ТАСС",
"по словам губернатора", "губернатор заявил"; and denials ("Кремль опроверг").

The source is the noun phrase on the other side of the saying verb, up to the clause's end;
"по данным X" and "по словам X" take the phrase after them.
"""

from __future__ import annotations

from eventledger.lang.ru.morph import Word, words
from eventledger.mentions.attribution import Attribution
from eventledger.records import Span

_SAY = frozenset(
    """сообщить сообщать заявить заявлять рассказать рассказывать передать передавать
    подтвердить подтверждать уточнить написать отметить информировать""".split()
)
_DENY = frozenset({"опровергнуть", "опровергать", "отрицать", "отвергнуть", "отвергать"})
_ACCORDING = frozenset({"данные", "слово", "информация", "сведение", "мнение"})
_NOT_SOURCES = frozenset({"он", "она", "они", "это", "что", "который", "кто", "также"})
_STOP = ',.;:—–()«»"'


def find_attributions(text: str, start: int, end: int) -> list[Attribution]:
    """Attributions inside ``text[start:end]`` (one sentence), in order of appearance."""
    ws = words(text, start, end)
    found: list[Attribution] = []
    for i, w in enumerate(ws):
        if w.lemma in _SAY | _DENY and "VERB" in w.tags or w.lemma in _DENY and "PRTS" in w.tags:
            stance = "denies" if w.lemma in _DENY else "asserts"
            phrase = _phrase(text, ws, i + 1, 1, "nomn") or _phrase(text, ws, i - 1, -1, "nomn")
        elif w.text.lower() == "по" and i + 1 < len(ws) and ws[i + 1].lemma in _ACCORDING:
            stance, phrase = "asserts", _phrase(text, ws, i + 2, 1, "gent")
        else:
            continue
        if phrase:
            a, b = phrase
            source = text[ws[a].start : ws[b].end]
            lo, hi = min(ws[a].start, w.start), max(ws[b].end, w.end)
            found.append(Attribution(source, stance, Span.of(text, lo, hi)))  # type: ignore[arg-type]
    return found


def _phrase(text: str, ws: list[Word], i: int, step: int, case: str) -> tuple[int, int] | None:
    """Up to four words from ``i`` in direction ``step`` that name a source: nouns,
    adjectives and names, stopping at punctuation or any other word. The word next to the
    verb must be able to stand in ``case`` (the subject of "сообщило" is nominative)."""
    allowed = {case, "Fixd", "LATN"}
    taken: list[int] = []
    j = i
    while 0 <= j < len(ws) and len(taken) < 4:
        w = ws[j]
        if taken and _broken(text, ws[taken[-1]], w, step):
            break
        # After the head, a genitive may follow it ("МВД Украины"); before it, only words
        # that agree with it ("областная полиция").
        wanted = allowed | {"gent"} if taken and step > 0 else allowed
        if not wanted & w.any_tags:
            break
        if not ({"NOUN", "ADJF", "LATN", "UNKN"} & w.tags) or w.lemma in _NOT_SOURCES:
            break
        taken.append(j)
        j += step
    if not taken or not any("NOUN" in ws[k].tags or "LATN" in ws[k].tags for k in taken):
        return None
    return min(taken), max(taken)


def _broken(text: str, a: Word, b: Word, step: int) -> bool:
    first, second = (a, b) if step > 0 else (b, a)
    return any(c in _STOP for c in text[first.end : second.start])
