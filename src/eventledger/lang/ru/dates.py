"""Russian dates: the shared date reader (which knows Russian month and weekday names,
"вчера", "сегодня") plus the words it lacks, resolved against the publication date."""

from __future__ import annotations

from datetime import date, timedelta

from eventledger.lang.ru.morph import words
from eventledger.mentions.dates import find_dates as find_shared_dates
from eventledger.records import DateMention, Span


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression in Russian ``text``, in text order."""
    found = find_shared_dates(text, published)
    taken = [(d.span.start, d.span.end) for d in found]
    found += [
        d
        for d in _eve(text, published)
        if not any(a < d.span.end and d.span.start < b for a, b in taken)
    ]
    return sorted(found, key=lambda d: d.span.start)


def _eve(text: str, published: date | None) -> list[DateMention]:
    """ "Накануне" alone is the day before publication; "накануне выборов" (on the eve of
    something) names no day."""
    if published is None:
        return []
    ws = words(text)
    out = []
    for i, w in enumerate(ws):
        if w.text.lower() != "накануне":
            continue
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        gap = text[w.end : nxt.start] if nxt else ""
        if nxt is not None and not gap.strip() and "NOUN" in nxt.tags and "gent" in nxt.tags:
            continue
        day = published - timedelta(days=1)
        out.append(DateMention(Span.of(text, w.start, w.end), day, None, None, "day"))
    return out
