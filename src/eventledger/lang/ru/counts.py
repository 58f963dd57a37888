"""Counts of people killed or injured in Russian text: "погибли трое", "ранены четыре
человека", "не менее семи погибших", "погиб полицейский", "никто не пострадал".

Numerals are read by lemma, so every case of a number word has its value ("семерых",
"четырьмя", "двадцати пяти"); the casualty word is read by lemma too ("погибших",
"погибли", "гибели"). The span of a count is its number phrase, qualifier included.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from eventledger.lang.ru.morph import Word, words
from eventledger.records import Count, Span

_KILLED = frozenset(
    {
        "погибнуть",
        "погибший",
        "убить",
        "убитый",
        "скончаться",
        "умереть",
        "застрелить",
        "расстрелять",
        "гибель",
        "жертва",
    }
)
_INJURED = frozenset(
    {
        "ранить",
        "раненый",
        "ранение",
        "пострадать",
        "пострадавший",
        "травмировать",
        "госпитализировать",
        "травма",
    }
)
CASUALTY_LEMMAS = _KILLED | _INJURED
_UNITS = frozenset(
    """год лет час минута секунда сутки день неделя месяц км километр метр рубль доллар
    евро процент раз этаж выстрел ракета снаряд дрон беспилотник дом январь февраль март
    апрель май июнь июль август сентябрь октябрь ноябрь декабрь""".split()
)
_VALUES = {
    "один": 1,
    "оба": 2,
    "два": 2,
    "двое": 2,
    "три": 3,
    "трое": 3,
    "четыре": 4,
    "четверо": 4,
    "пять": 5,
    "пятеро": 5,
    "шесть": 6,
    "шестеро": 6,
    "семь": 7,
    "семеро": 7,
    "восемь": 8,
    "восьмеро": 8,
    "девять": 9,
    "девятеро": 9,
    "десять": 10,
    "десятеро": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "тринадцать": 13,
    "четырнадцать": 14,
    "пятнадцать": 15,
    "шестнадцать": 16,
    "семнадцать": 17,
    "восемнадцать": 18,
    "девятнадцать": 19,
    "двадцать": 20,
    "тридцать": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "шестьдесят": 60,
    "семьдесят": 70,
    "восемьдесят": 80,
    "девяносто": 90,
    "сто": 100,
    "двести": 200,
    "триста": 300,
    "четыреста": 400,
    "пятьсот": 500,
    "шестьсот": 600,
    "семьсот": 700,
    "восемьсот": 800,
    "девятьсот": 900,
    "полтора": 1,
}
_SCALES = {"тысяча": 1000, "миллион": 1_000_000}
# Vague amounts: lowest value and label, as the English reader gives them.
_VAGUE = {
    "несколько": (2, "several"),
    "десяток": (10, "tens"),
    "сотня": (100, "hundreds"),
    "тысяча": (1000, "thousands"),
}
# Qualifiers before a number, as lower-case word sequences.
_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("по", "меньшей", "мере"), "at least"),
    (("по", "крайней", "мере"), "at least"),
    (("как", "минимум"), "at least"),
    (("не", "менее"), "at least"),
    (("не", "меньше"), "at least"),
    (("более",), "more than"),
    (("больше",), "more than"),
    (("свыше",), "more than"),
    (("около",), "about"),
    (("порядка",), "about"),
    (("примерно",), "about"),
    (("приблизительно",), "about"),
    (("почти",), "nearly"),
    (("до",), "up to"),
)
_AUX = frozenset({"быть", "еще", "также", "тоже", "уже", "как", "минимум", "получить"})
# Words allowed between a number and its casualty word: "трое мирных жителей погибли".
_NP_TAGS = frozenset({"NOUN", "ADJF", "PRTF"})
_NOBODY = frozenset({"никто"})
_BREAKS = frozenset(',;:—–()«»"')
# "число погибших выросло до 15": the updated toll.
_TOLL_NOUNS = frozenset({"число", "количество"})


@dataclass(frozen=True, slots=True)
class _Number:
    start: int  # index of the first word (qualifier included)
    end: int  # index after the last word
    low: int | None
    high: int | None
    qualifier: str | None


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """Every count of people killed or injured in ``text[start:end]``, in text order."""
    end = len(text) if end is None else end
    found: dict[tuple[int, str], Count] = {}
    for a, b in _clauses(text, start, end):
        ws = words(text, a, b)
        numbers = list(_numbers(ws))
        for what, i in _casualty_words(ws):
            for count in _counts_at(text, ws, numbers, what, i):
                found.setdefault((count.span.start, count.what), count)
    return sorted(found.values(), key=lambda c: (c.span.start, c.what))


def _clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches between punctuation: a number and its casualty word share one."""
    a = start
    for k in range(start, end):
        if text[k] in _BREAKS:
            yield a, k
            a = k + 1
    yield a, end


def _casualty_words(ws: Sequence[Word]) -> Iterator[tuple[str, int]]:
    for i, w in enumerate(ws):
        if w.lemma in _KILLED or (w.lemmas & _KILLED and "NOUN" not in w.tags):
            yield "killed", i
        elif w.lemma in _INJURED or w.lemmas & _INJURED:
            yield "injured", i


def _counts_at(
    text: str, ws: Sequence[Word], numbers: list[_Number], what: str, i: int
) -> Iterator[Count]:
    if i >= 2 and ws[i - 1].text.lower() == "не" and ws[i - 2].lemma in _NOBODY:
        span = Span.of(text, ws[i - 2].start, ws[i - 2].end)
        both = ws[i].lemma == "пострадать"
        for kind in ("killed", "injured") if both else (what,):
            yield Count(kind, 0, 0, None, span)
        return
    if i >= 1 and ws[i - 1].lemma in _TOLL_NOUNS:
        toll = next((n for n in numbers if i < n.start <= i + 4), None)
        if toll is not None:
            value = toll.high if toll.qualifier == "up to" else toll.low
            span = Span.of(text, ws[toll.start].start, ws[toll.end - 1].end)
            if value is not None and toll.qualifier in (None, "up to"):
                span = Span.of(text, ws[toll.end - 1].start, ws[toll.end - 1].end)
                yield Count(what, value, value, "toll", span)
                return
            yield Count(what, toll.low, toll.high, toll.qualifier, span)
            return
    after = _number_after(ws, numbers, i)
    before = _number_before(ws, numbers, i)
    for number in (after, before):
        if number is not None:
            span = Span.of(text, ws[number.start].start, ws[number.end - 1].end)
            yield Count(what, number.low, number.high, number.qualifier, span)
            return
    one = _one_victim(ws, i)
    if one is not None:
        yield Count(what, 1, 1, None, Span.of(text, ws[one].start, ws[one].end))


def _number_after(ws: Sequence[Word], numbers: list[_Number], i: int) -> _Number | None:
    """ "погибли трое", "ранены были не менее семи человек"."""
    j = i + 1
    while j < len(ws) and ws[j].lemma in _AUX and not _starts_number(numbers, j):
        j += 1
    return next((n for n in numbers if n.start == j and not _unit_after(ws, n.end)), None)


def _number_before(ws: Sequence[Word], numbers: list[_Number], i: int) -> _Number | None:
    """ "четыре человека были ранены", "трое мирных жителей погибли", "семь погибших"."""
    j = i - 1
    while j >= 0 and (ws[j].lemma in _AUX or _NP_TAGS & ws[j].tags) and i - j <= 4:
        number = next((n for n in numbers if n.end == j), None)
        if number is not None and not _unit_after(ws, number.end):
            return number
        j -= 1
    return next((n for n in numbers if n.end == j + 1 and n.end == i), None)


def _starts_number(numbers: list[_Number], j: int) -> bool:
    return any(n.start == j for n in numbers)


def _unit_after(ws: Sequence[Word], j: int) -> bool:
    return j < len(ws) and ws[j].lemma in _UNITS


def _one_victim(ws: Sequence[Word], i: int) -> int | None:
    """ "погиб полицейский", "ранена женщина", "полицейский погиб": one named victim; also
    "погиб один военнослужащий", "военнослужащий ДНР погиб" (a noun of what the victim
    belongs to between them) and "ещё один ранен"."""
    verb = ws[i]
    if "sing" not in verb.tags or not ({"VERB", "PRTS"} & verb.tags):
        return None
    after = i + 2 if i + 1 < len(ws) and ws[i + 1].lemma == "один" else i + 1
    if after < len(ws) and _person_noun(ws[after]):
        return after
    j = i - 1
    while j >= 0 and i - j <= 3 and _belongs_to(ws[j]):
        j -= 1
    if j >= 0 and _person_noun(ws[j]):
        return j
    if i >= 1 and ws[i - 1].lemma == "один" and "nomn" in ws[i - 1].tags:
        return i - 1
    return None


def _belongs_to(word: Word) -> bool:
    """A noun naming what a victim belongs to ("сотрудник полиции", "военнослужащий ДНР")."""
    if "NOUN" not in word.tags or "inan" not in word.tags:
        return False
    return "gent" in word.tags or ("Fixd" in word.tags and word.text.isupper())


def _person_noun(word: Word) -> bool:
    return (
        ("NOUN" in word.tags or "ADJF" in word.tags and "anim" in word.any_tags)
        and "anim" in word.any_tags
        and "nomn" in word.tags
        and "sing" in word.tags
    ) or ("NPRO" in word.tags and word.lemma in {"он", "она"})


def _numbers(ws: Sequence[Word]) -> Iterator[_Number]:
    i = 0
    while i < len(ws):
        qual, q_len = _qualifier(ws, i)
        value = _value(ws, i + q_len)
        if value is None:
            i += 1
            continue
        low, high, label, n_len = value
        if qual in ("at least", "more than") and low is not None:
            yield _Number(i, i + q_len + n_len, low, None, qual)
        elif qual in ("up to", "nearly") and label is None:
            yield _Number(i, i + q_len + n_len, None, high, qual)
        else:
            yield _Number(i, i + q_len + n_len, low, high, label or qual)
        i += q_len + n_len


def _qualifier(ws: Sequence[Word], i: int) -> tuple[str | None, int]:
    for phrase, kind in _QUALIFIERS:
        if tuple(w.text.lower() for w in ws[i : i + len(phrase)]) == phrase:
            return kind, len(phrase)
    return None, 0


def _value(ws: Sequence[Word], i: int) -> tuple[int | None, int | None, str | None, int] | None:
    """(low, high, vague label, words used) of the number starting at word ``i``."""
    if i >= len(ws):
        return None
    w = ws[i]
    if "NUMB" in w.tags:
        if len(w.text) == 4 and w.text[:2] in ("19", "20"):
            return None  # a year
        n, used = int(w.text), 1
        if i + 1 < len(ws) and ws[i + 1].lemma in _SCALES:
            n, used = n * _SCALES[ws[i + 1].lemma], 2
        return n, n, None, used
    if w.lemma in _VAGUE and not (w.lemma == "тысяча" and i > 0 and _numeral(ws[i - 1])):
        low, label = _VAGUE[w.lemma]
        return low, None, label, 1
    total, used = 0, 0
    while i + used < len(ws) and _numeral(ws[i + used]):
        word = ws[i + used]
        if word.lemma in _SCALES:
            total = max(total, 1) * _SCALES[word.lemma]
        else:
            total += _VALUES[word.lemma]
        used += 1
    if used == 0 or (ws[i].lemma == "один" and "NUMR" not in ws[i].tags and used == 1):
        return None
    return total, total, None, used


def _numeral(word: Word) -> bool:
    return word.lemma in _VALUES or (word.lemma in _SCALES and "NOUN" in word.tags)
