"""Date expressions in text, resolved against the publication date.

``find_dates(text, published, start, end)`` returns a
:class:`~eventledger.records.DateMention` for every date expression in ``text[start:end]``,
its span in the full text (the whole expression: "on January 16", "since March", "last
week"). What each kind of expression resolves to (``pub`` is the publication date):

======================================  ===========================  =========  ===========
expression                              date                         precision  date_start
======================================  ===========================  =========  ===========
"25 October 2017", "2019-01-13"         that day                     day        None
"January 16", "May 14th" (no year)      the latest such day <= pub   day        None
"16-17 January"                         the first day                day        16 (end 17)
"on Monday", "Saturday morning"         the latest Monday <= pub     day        None
"last Monday" / "next Monday"           strictly before / after pub  day        None
"today", "tonight", "this morning"      pub                          day        None
"overnight" (the night that ended)      pub                          day        None
"yesterday", "last night"               pub - 1                      day        None
"three days ago"                        pub - 3                      day        None
"the weekend", "last weekend"           the latest Saturday <= pub   day        Sat (end Sun)
"last week"                             pub - 7                      week       None
"this week", "earlier this week"        pub                          week       None
"in January", "last month", "March      the 15th of that month       month      None
2011"                                   (never after pub)
"in 2014", "last year"                  1 July of that year          year       None
                                        (never after pub)
"since March", "since July 11",         pub (the end of the period)  of the     its start
"since 2011"                                                         start
"for more than eight months",           pub                          the unit   pub - 8
"over the past two weeks"                                                       months...
"in recent months"                      pub                          month      None
"in recent weeks" / "recent days"       pub                          week       None
"so far", "to date"                     pub                          unknown    None
======================================  ===========================  =========  ===========

A year-less date is the most recent such date on or before publication, never after it,
except right after "coming", "next", "upcoming" or "forthcoming" ("the coming June 12"),
where it is the earliest such date on or after publication.
"Last week" is publication - 7 days, a day of the previous calendar week (rather than that
week's middle); a month is represented by its 15th and a year by 1 July, its middle, both
moved back to the publication day when they would fall after it.
``date_start`` and ``date_end`` are set only for periods (tallies: "since", "for the past
...", "in recent months"; ``date_end`` is then the publication date) and for explicit
multi-day ranges; a single day, week, month or year leaves them None.

Without a publication date, expressions that carry their own year still resolve ("25 October
2017", "March 2011", "in 2014"); everything else gets ``date=None`` and precision "unknown"
(never a silent fallback to today).

Not dates: numbers that are money, counts or labels ("2,319 rubles", "Section 8", "the 101
102 and 103 gas fields"), ages, clock times ("19:00"), "may" the verb (a month name must be
capitalised and carry a day, a year or a preposition: "May 14", "May 2019", "in May"), and
"Bloody Sunday"-style names. Russian: "7 апреля 2011 года", "7 апреля", "в понедельник",
"вчера", "сегодня", "в январе", "в 2014 году".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from eventledger.mentions.numbers import parse_number
from eventledger.records import DateMention, DatePrecision, Span

# ---------------------------------------------------------------- vocabulary

_MONTH_NUMBERS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_RU_MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
_RU_MONTHS_IN = {
    "январе": 1,
    "феврале": 2,
    "марте": 3,
    "апреле": 4,
    "мае": 5,
    "июне": 6,
    "июле": 7,
    "августе": 8,
    "сентябре": 9,
    "октябре": 10,
    "ноябре": 11,
    "декабре": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_RU_WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "четверг": 3,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
}
# Vague quantities of periods ("a few days ago"); numbers proper come from parse_number.
_VAGUE_NUMBERS = {
    "a": 1,
    "an": 1,
    "several": 3,
    "a few": 3,
    "few": 3,
    "couple": 2,
    "a couple of": 2,
}

# Month names are matched case-sensitively (capitalised), so "may" the verb is not a month.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?![a-z])"
)
_WEEKDAY = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY}|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
_NOT_AFTER_DAY = (
    r"(?!\d|[.:,]\d|\s*%|-year|\s*(?:people|persons|civilians|soldiers|others|of\s+them)\b)"
)
_PREP = r"(?:[Oo]n|[Ii]n|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Ss]ince|[Dd]uring|[Bb]efore|[Aa]fter)"
_PART = r"(?:early|mid|late|Early|Mid|Late)"
_NUMBER_WORD = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?:days?|weeks?|months?|years?|hours?)"

_F = re.IGNORECASE

# ---------------------------------------------------------------- patterns

_ISO = re.compile(rf"(?<![\d/.-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>{_DAY})(?![\d-])")
_NUMERIC = re.compile(
    rf"(?<![\d/.,-])(?P<a>{_DAY})(?P<sep>[./-])(?P<b>0?[1-9]|1[0-2]|{_DAY})(?P=sep)"
    rf"(?P<y>{_YEAR})(?![\d/.-]\d)"
)
_MONTH_DAY = re.compile(
    rf"(?:{_PREP}\s+(?:the\s+)?)?(?:{_WEEKDAY_PREFIX})?(?P<m>{_MONTH})\s+(?P<d>{_DAY}){_ORD}"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>{_DAY}){_ORD})?\b{_NOT_AFTER_DAY}"
    rf"(?:,?\s+(?P<y>{_YEAR})\b(?!\s*[-–/]\d))?"
)
_DAY_MONTH = re.compile(
    rf"(?:{_PREP}\s+)?(?:the\s+)?(?:{_WEEKDAY_PREFIX})?(?<![\d,.:/-])(?P<d>{_DAY}){_ORD}"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>{_DAY}){_ORD})?\s+(?:of\s+)?(?P<m>{_MONTH})"
    rf"(?:,?\s+(?P<y>{_YEAR})\b(?!\s*[-–/]\d))?"
)
_MONTH_YEAR = re.compile(
    rf"(?:(?:{_PREP}|[Oo]f)\s+)?(?:(?P<part>{_PART})[\s-]+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b"
    rf"(?!\s*[-–/]\d)"
)
_MONTH_ALONE = re.compile(
    rf"(?:(?P<prep>{_PREP}|[Oo]f|[Tt]hrough|[Ll]ast|[Tt]his|(?:[Tt]he\s+)?(?:end|beginning|start"
    rf"|middle)\s+of)\s+(?:(?P<part>{_PART})[\s-]+)?|(?P<bare>{_PART})[\s-]+)(?P<m>{_FULL_MONTH})"
    r"(?P<rel>\s+(?:this|last)\s+year)?\b(?!\s+\d)"
)
_YEAR_ALONE = re.compile(
    rf"(?P<prep>\b(?:{_PREP}|[Oo]f|[Tt]hroughout|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+|\b(?:in|In)\s+"
    rf"(?:early|late|mid)[\s-]+)(?P<y>{_YEAR})\b(?![-–/]\d|\s*(?:%|people|persons|civilians"
    r"|soldiers|troops|were|killed|dead|died)\b)"
)
_WEEKDAY_RE = re.compile(
    r"(?<!Bloody\s)(?<!Good\s)(?<!Black\s)(?<!Palm\s)(?<!Easter\s)(?<!Holy\s)(?<!Super\s)"
    rf"(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext|[Oo]n|[Ll]ate(?:\s+on)?|[Ee]arly(?:\s+on)?"
    rf"|[Bb]y|[Ss]ince|[Uu]ntil)\s+)?"
    rf"(?:the\s+early\s+hours\s+of\s+)?\b(?P<wd>{_WEEKDAY})\b"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
)
_RELATIVE_DAY = re.compile(
    r"\b(?P<w>the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?"
    r"|last\s+night|today|tonight|tomorrow|(?:earlier|later)\s+today"
    r"|this\s+(?:morning|afternoon|evening)"
    # "attacked a police post overnight": the night that ended on the report's day
    r"|(?<!an\s)overnight(?!\s+(?:into|to|on|from|between|of|curfews?|stays?|flights?|monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday)\b))\b",
    _F,
)
_AGO = re.compile(
    rf"\b(?P<n>{_NUMBER_WORD}|a\s+few|several|a\s+couple\s+of)\s+(?P<u>{_UNIT})\s+ago\b", _F
)
_WEEK_MONTH_YEAR = re.compile(
    r"\b(?P<w>(?:earlier|later|late|early)\s+(?:this|last)\s+(?:week|month|year)"
    r"|(?:last|this|past)\s+(?:week|month|year)|(?:over\s+|during\s+)?(?:the|this|last)\s+weekend)"
    r"\b",
    _F,
)
_RECENT = re.compile(
    r"\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past\s+few|last\s+few|past\s+several"
    r"|last\s+several|recent\s+few)\s+(?P<u>days|weeks|months|years)\b",
    _F,
)
_LAST_N = re.compile(
    r"\b(?:(?:in|over|during|within|for)\s+the\s+(?:past|last)|for\s+(?:more\s+than|over"
    r"|nearly|almost|about|some|close\s+to|the\s+past|the\s+last))\s+"
    rf"(?P<n>{_NUMBER_WORD}|\d+)?\s*(?P<u>{_UNIT})\b",
    _F,
)
_SO_FAR = re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far)(?P<year>\s+this\s+year)?\b", _F)
_SINCE_START = re.compile(
    r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?P<u>year|month|week)\b", _F
)
_FUTURE_BEFORE = re.compile(r"\b(?:coming|next|upcoming|forthcoming)\s+$", _F)
_SINCE = re.compile(r"\b[Ss]ince\s+(?:(?:early|mid|late)[\s-]+)?$")
# How far before a date the two patterns above look (a longer look made texts quadratic).
_LEAD_REACH = 40

_RU_DATE = re.compile(
    rf"(?<![\d.])(?P<d>{_DAY})\s+(?P<m>января|февраля|марта|апреля|мая|июня|июля|августа"
    rf"|сентября|октября|ноября|декабря)(?:\s+(?P<y>{_YEAR})(?:\s*(?:года|г\.))?)?(?![\w-])",
    _F,
)
_RU_MONTH_IN = re.compile(
    r"(?<![\w-])[вВ]\s+(?P<m>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре"
    rf"|октябре|ноябре|декабре)(?:\s+(?P<y>{_YEAR})(?:\s*(?:года|г\.))?)?(?![\w-])"
)
_RU_YEAR = re.compile(rf"(?<![\w-])[вВ]\s+(?P<y>{_YEAR})\s*(?:году|г\.)(?![\w-])")
_RU_WEEKDAY = re.compile(
    r"(?<![\w-])[вВ]о?\s+(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу"
    r"|воскресенье)(?![\w-])"
)
_RU_RELATIVE = re.compile(r"(?<![\w-])(?P<w>позавчера|вчера|сегодня|завтра)(?![\w-])", _F)


# ---------------------------------------------------------------- public API


def find_dates(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, resolved against ``published``.

    Spans index the full ``text`` and lie inside ``[start, end)``; mentions do not overlap
    and come in text order. See the module docstring for what each expression resolves to.
    """
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    sub = text[start:end]
    found: list[tuple[int, int, _Resolved]] = []
    for rule in _RULES:
        for a, b, resolved in rule(sub, published):
            if a < b and not any(a < y and x < b for x, y, _ in found):
                found.append((a, b, resolved))
    found.sort(key=lambda f: f[0])
    return [_since(sub, text, start, a, b, r, published) for a, b, r in found]


# A resolved expression before its span is attached: date, start, end, precision.
_Resolved = tuple[date | None, date | None, date | None, DatePrecision]
_Found = Iterator[tuple[int, int, _Resolved]]
_UNKNOWN: _Resolved = (None, None, None, "unknown")


def _since(
    sub: str, text: str, offset: int, a: int, b: int, r: _Resolved, pub: date | None
) -> DateMention:
    """'since March' is a period from March to publication; anything else stays as found."""
    lead = _SINCE.search(sub, max(0, a - _LEAD_REACH), a)
    if lead is None and not sub[a:b].lower().startswith("since") or r == _UNKNOWN:
        return DateMention(Span.of(text, offset + a, offset + b), *r)
    span = Span.of(text, offset + (lead.start() if lead else a), offset + b)
    begin = _period_start(r)
    if pub is None:
        return DateMention(span, None, begin, None, "unknown")
    if begin is not None and begin > pub:  # "since 2014" in a report of 2000: not a period
        return DateMention(span, *r)
    return DateMention(span, pub, begin, pub, r[3])


def _period_start(r: _Resolved) -> date | None:
    day, first, _, precision = r
    if day is not None and precision == "month":
        return day.replace(day=1)
    if day is not None and precision == "year":
        return date(day.year, 1, 1)
    return first or day


# ---------------------------------------------------------------- rules


def _iso(sub: str, pub: date | None) -> _Found:
    for m in _ISO.finditer(sub):
        day = _make(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is not None:
            yield m.start(), m.end(), (day, None, None, "day")


def _numeric(sub: str, pub: date | None) -> _Found:
    """dd.mm.yyyy and dd-mm-yyyy (day first); dd/mm/yyyy only when unambiguous."""
    for m in _NUMERIC.finditer(sub):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if m["sep"] == "/" and a <= 12 and b <= 12:
            continue
        d, mo = (b, a) if m["sep"] == "/" and b > 12 else (a, b)
        day = _make(y, mo, d)
        if day is not None:
            yield m.start(), m.end(), (day, None, None, "day")


def _absolute(sub: str, pub: date | None) -> _Found:
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(sub):
            ahead = bool(_FUTURE_BEFORE.search(sub, max(0, m.start() - _LEAD_REACH), m.start()))
            resolved = _day_of(m, pub, ahead)
            if resolved is not None:
                yield m.start(), m.end(), resolved


def _day_of(m: re.Match[str], pub: date | None, ahead: bool) -> _Resolved | None:
    month = _month_number(m["m"])
    d1, d2 = int(m["d"]), int(m["d2"]) if m["d2"] else None
    if d2 is not None and d2 <= d1:
        return None
    if m["y"]:
        first, last = _make(int(m["y"]), month, d1), _make(int(m["y"]), month, d2 or d1)
    else:
        first = _next(month, d1, pub) if ahead else _latest(month, d1, pub)
        last = first and _make(first.year, month, d2 or d1)
    if first is None or last is None:
        return _UNKNOWN if not m["y"] and pub is None else None
    return (first, first, last, "day") if d2 else (first, None, None, "day")


def _month_year(sub: str, pub: date | None) -> _Found:
    for m in _MONTH_YEAR.finditer(sub):
        mid = _month_mid(int(m["y"]), _month_number(m["m"]), pub)
        yield m.start(), m.end(), _point(mid, "month")


def _month_alone(sub: str, pub: date | None) -> _Found:
    for m in _MONTH_ALONE.finditer(sub):
        month = _month_number(m["m"])
        if pub is None:
            yield m.start(), m.end(), _UNKNOWN
            continue
        year = pub.year if month <= pub.month else pub.year - 1
        rel, prep = _norm(m["rel"]), _norm(m["prep"])
        if rel == "last year" or prep == "last" and month >= pub.month:
            year = pub.year - 1
        if rel == "this year":
            year = pub.year
        yield m.start(), m.end(), _point(_month_mid(year, month, pub), "month")


def _year_alone(sub: str, pub: date | None) -> _Found:
    for m in _YEAR_ALONE.finditer(sub):
        yield m.start(), m.end(), _point(_year_mid(int(m["y"]), pub), "year")


def _weekday(sub: str, pub: date | None) -> _Found:
    for m in _WEEKDAY_RE.finditer(sub):
        a = m.start() if m["mod"] else m.start("wd")
        if pub is None:
            yield a, m.end(), _UNKNOWN
            continue
        mod = _norm(m["mod"])
        back = (pub.weekday() - _WEEKDAYS[m["wd"].lower()]) % 7
        if mod == "last" and back == 0:
            back = 7
        if mod == "next":
            back = -((-back) % 7 or 7)
        yield a, m.end(), _point(_shift(pub, -back), "day")


def _relative_day(sub: str, pub: date | None) -> _Found:
    for m in _RELATIVE_DAY.finditer(sub):
        word = _norm(m["w"])
        back = (
            2
            if word.startswith("the day before")
            else (
                1
                if word.startswith(("yesterday", "last night"))
                else -1
                if word == "tomorrow"
                else 0
            )
        )
        yield m.start(), m.end(), _point(_shift(pub, -back), "day")


def _ago(sub: str, pub: date | None) -> _Found:
    for m in _AGO.finditer(sub):
        n = _count(m["n"])
        unit = m["u"].lower().rstrip("s")
        if n is None or unit == "hour":
            continue
        if pub is None:
            yield m.start(), m.end(), _UNKNOWN
            continue
        vague = _norm(m["n"]) in ("a few", "several", "a couple of")
        coarser = {"day": "week", "week": "month"}.get(unit, "year")
        precision = _precision(coarser if vague else unit)
        yield m.start(), m.end(), _point(_minus(pub, n, unit), precision)


def _week_month_year(sub: str, pub: date | None) -> _Found:
    for m in _WEEK_MONTH_YEAR.finditer(sub):
        words = _norm(m["w"])
        if pub is None:
            yield m.start(), m.end(), _UNKNOWN
        elif "weekend" in words:
            back = (pub.weekday() - 5) % 7 + (7 if "last" in words and pub.weekday() >= 5 else 0)
            saturday = _shift(pub, -back)
            sunday = min(saturday + timedelta(days=1), pub) if saturday else None
            yield m.start(), m.end(), (saturday, saturday, sunday, "day") if saturday else _UNKNOWN
        else:
            unit = words.split()[-1]
            last = "last" in words.split() or words.startswith("past")
            yield m.start(), m.end(), _calendar_unit(pub, unit, last)


def _calendar_unit(pub: date, unit: str, last: bool) -> _Resolved:
    if unit == "week":
        return _point(_shift(pub, -7) if last else pub, "week")
    if unit == "month":
        year, month = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        mid = _make(year, month, 15) if last else _month_mid(pub.year, pub.month, pub)
        return _point(mid, "month")
    return _point(_year_mid(pub.year - 1 if last else pub.year, pub), "year")


def _periods(sub: str, pub: date | None) -> _Found:
    for m in _RECENT.finditer(sub):
        unit = m["u"].lower().rstrip("s")
        precision = "week" if unit == "day" else _precision(unit)  # start unknown: be coarse
        yield m.start(), m.end(), (pub, None, pub, precision) if pub else _UNKNOWN
    for m in _LAST_N.finditer(sub):
        n = _count(m["n"]) if m["n"] else 1
        unit = m["u"].lower().rstrip("s")
        if n is None:
            continue
        if pub is None:
            yield m.start(), m.end(), _UNKNOWN
            continue
        unit, n = ("day", max(1, n // 24)) if unit == "hour" else (unit, n)
        yield m.start(), m.end(), (pub, _minus(pub, n, unit), pub, _precision(unit))
    for m in _SINCE_START.finditer(sub):
        if pub is None:
            yield m.start(), m.end(), _UNKNOWN
            continue
        unit = m["u"].lower()
        begin = _start_of(pub, unit)
        yield m.start(), m.end(), (pub, begin, pub, _precision(unit))
    for m in _SO_FAR.finditer(sub):
        if pub is None:
            yield m.start(), m.end(), _UNKNOWN
        elif m["year"]:
            yield m.start(), m.end(), (pub, date(pub.year, 1, 1), pub, "year")
        else:
            yield m.start(), m.end(), (pub, None, pub, "unknown")


def _russian(sub: str, pub: date | None) -> _Found:
    for m in _RU_DATE.finditer(sub):
        month, d = _RU_MONTHS[m["m"].lower()], int(m["d"])
        day = _make(int(m["y"]), month, d) if m["y"] else _latest(month, d, pub)
        if day is not None:
            yield m.start(), m.end(), (day, None, None, "day")
        elif pub is None and not m["y"]:
            yield m.start(), m.end(), _UNKNOWN
    for m in _RU_MONTH_IN.finditer(sub):
        month = _RU_MONTHS_IN[m["m"].lower()]
        if m["y"]:
            mid = _month_mid(int(m["y"]), month, pub)
        elif pub is not None:
            mid = _month_mid(pub.year if month <= pub.month else pub.year - 1, month, pub)
        else:
            yield m.start(), m.end(), _UNKNOWN
            continue
        yield m.start(), m.end(), _point(mid, "month")
    for m in _RU_YEAR.finditer(sub):
        yield m.start(), m.end(), _point(_year_mid(int(m["y"]), pub), "year")
    for m in _RU_WEEKDAY.finditer(sub):
        if pub is None:
            yield m.start(), m.end(), _UNKNOWN
        else:
            back = (pub.weekday() - _RU_WEEKDAYS[m["wd"].lower()]) % 7
            yield m.start(), m.end(), _point(_shift(pub, -back), "day")
    for m in _RU_RELATIVE.finditer(sub):
        back = {"позавчера": 2, "вчера": 1, "сегодня": 0, "завтра": -1}[m["w"].lower()]
        yield m.start(), m.end(), _point(_shift(pub, -back), "day")


# Earlier rules win overlaps: full dates before partial ones, periods before their parts.
_RULES: tuple[Callable[[str, date | None], _Found], ...] = (
    _iso,
    _numeric,
    _absolute,
    _periods,
    _month_year,
    _month_alone,
    _year_alone,
    _ago,
    _week_month_year,
    _relative_day,
    _weekday,
    _russian,
)


# ---------------------------------------------------------------- calendar helpers


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _latest(month: int, day: int, pub: date | None) -> date | None:
    """The latest month/day on or before ``pub`` (29 February looks back to a leap year)."""
    if pub is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    for year in range(pub.year, pub.year - 8, -1):
        candidate = _make(year, month, day)
        if candidate is not None and candidate <= pub:
            return candidate
    return None


def _next(month: int, day: int, pub: date | None) -> date | None:
    """The earliest month/day on or after ``pub`` ("the coming June 12")."""
    if pub is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    for year in range(pub.year, pub.year + 8):
        candidate = _make(year, month, day)
        if candidate is not None and candidate >= pub:
            return candidate
    return None


def _month_mid(year: int, month: int, pub: date | None) -> date | None:
    """The 15th, or the publication day when the month is the publication month."""
    mid = _make(year, month, 15)
    if mid is not None and pub is not None and (year, month) == (pub.year, pub.month):
        return min(mid, pub)
    return mid


def _year_mid(year: int, pub: date | None) -> date | None:
    """1 July, or the publication day when the year is the publication year."""
    mid = _make(year, 7, 1)
    return min(mid, pub) if mid is not None and pub is not None and year == pub.year else mid


def _shift(day: date | None, days: int) -> date | None:
    if day is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _point(day: date | None, precision: DatePrecision) -> _Resolved:
    return (day, None, None, precision) if day is not None else _UNKNOWN


def _minus(pub: date, n: int, unit: str) -> date | None:
    if unit in ("day", "week"):
        return _shift(pub, -n * (7 if unit == "week" else 1))
    months = n * 12 if unit == "year" else n
    year, month = divmod(pub.year * 12 + pub.month - 1 - months, 12)
    month += 1
    if not 1 <= year <= 9999:
        return None
    return date(year, month, min(pub.day, calendar.monthrange(year, month)[1]))


def _start_of(pub: date, unit: str) -> date | None:
    if unit == "year":
        return date(pub.year, 1, 1)
    if unit == "month":
        return pub.replace(day=1)
    return _shift(pub, -pub.weekday())


def _precision(unit: str) -> DatePrecision:
    return {"day": "day", "hour": "day", "week": "week", "month": "month"}.get(unit, "year")  # type: ignore[return-value]


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").lower()]


def _count(word: str) -> int | None:
    word = _norm(word)
    return _VAGUE_NUMBERS.get(word, parse_number(word))


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())
