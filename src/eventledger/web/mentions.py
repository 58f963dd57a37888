"""What the mention finders see in a stored document's text, as marks for its page.

The ledger stores events and their evidence, not every mention the finders found on the
way; the document page runs the finders again on the stored clean text (they are pure
functions of it) to show triggers, dates, places, casualty counts, actors and attributions.
"""

from __future__ import annotations

from datetime import date

from eventledger.gazetteer import Gazetteer
from eventledger.lang import coded_as, finders
from eventledger.mentions.sentences import split_sentences
from eventledger.web.highlight import Mark

KINDS = {
    "m-trigger": "event trigger",
    "m-date": "date",
    "m-place": "place",
    "m-count": "casualty count",
    "m-actor": "actor",
    "m-attribution": "attribution",
}


def find_mentions(
    text: str, published: date | None, gaz: Gazetteer, language: str | None = None
) -> list[Mark]:
    """Every mention in ``text``, as marks labelled with what the finders of its language
    made of it (the Russian finders for a Russian document, as its coder read it)."""
    find = finders(coded_as(language, text))
    marks = [
        Mark(
            t.span.start,
            t.span.end,
            "m-trigger",
            f"trigger: {t.sub_event_type}",
            quote=t.span.quote,
        )
        for t in find.triggers(text)
    ]
    for d in find.dates(text, published):
        when = d.date.isoformat() if d.date else "unresolved"
        label = f"date: {when} ({d.precision})"
        marks.append(Mark(d.span.start, d.span.end, "m-date", label, quote=d.span.quote))
    for p in find.places(text, gaz):
        where = ", ".join(x for x in (p.place.name, p.place.admin1, p.place.country) if x)
        label = f"place: {where} ({p.place.feature})"
        marks.append(Mark(p.span.start, p.span.end, "m-place", label, quote=p.span.quote))
    for c in find.counts(text):
        label = f"{c.what}: {_range(c.low, c.high)}" + (f" ({c.qualifier})" if c.qualifier else "")
        marks.append(Mark(c.span.start, c.span.end, "m-count", label, quote=c.span.quote))
    for sentence in split_sentences(text):
        start, end = sentence.span.start, sentence.span.end
        for a in find.actors(text, start, end):
            label = f"actor: {a.name.replace('{country}', '').strip()} ({a.type})"
            marks.append(Mark(a.span.start, a.span.end, "m-actor", label, quote=a.span.quote))
        for at in find.attributions(text, start, end):
            label = f"attribution: {at.source} ({at.stance})"
            marks.append(
                Mark(at.span.start, at.span.end, "m-attribution", label, quote=at.span.quote)
            )
    return sorted(marks, key=lambda m: (m.start, -m.end))


def _range(low: int | None, high: int | None) -> str:
    if low == high:
        return str(low)
    if high is None:
        return f"{low} or more"
    if low is None:
        return f"up to {high}"
    return f"{low} to {high}"
