"""Event typing of single sentences: the coder's ACLED event type for a sentence, and its score.

Each sentence is coded on its own, as a one-sentence article (English, published on the date
the dataset gives, if any) handed straight to the coder (no page cleaning: a one-line text is
not a page). Its predicted label is the event type of the first event coded, or ``none``.

Gold labels come from a mapping of the dataset's own categories. Where the mapping allows more
than one ACLED type (a PLOVER "FIGHT" with heavy weapons is a battle or a shelling), a
prediction of any allowed type counts as right; otherwise the gold label is the first type.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eventledger.evaluate.metrics import NONE_LABEL, accuracy, macro_f1
from eventledger.evaluate.results import Metric, Scored
from eventledger.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Label:
    """A gold label: the ACLED event type (or ``none``) and every type that counts as right."""

    primary: str
    also: tuple[str, ...] = ()

    def against(self, predicted: str) -> str:
        """The gold label to score ``predicted`` against."""
        return predicted if predicted in self.also else self.primary


def code_sentence(text: str, published: date | None, gaz: Gazetteer) -> tuple[str, float]:
    """The ACLED event type the coder gives ``text`` (``none`` for no event), and the seconds."""
    from eventledger.code import code_events
    from eventledger.records import Article

    article = Article(
        doc_id="sentence",
        text=text,
        title=None,
        published=published,
        language="en",
        url=None,
        outlet=None,
    )
    start = time.perf_counter()
    try:
        events = code_events(article, gaz)
    except RecursionError:
        events = ()
    seconds = time.perf_counter() - start
    return (events[0].event_type if events else NONE_LABEL), seconds


@dataclass(frozen=True, slots=True)
class Typed:
    """One scored sentence: its gold label and the coder's."""

    gold: Label
    predicted: str

    @property
    def pair(self) -> tuple[str, str]:
        return self.gold.against(self.predicted), self.predicted


def aggregate(items: Sequence[Scored]) -> tuple[Metric, ...]:
    """accuracy over all sentences; macro-F1 over the ACLED types in the gold; accuracy on
    the sentences that report an event (typed) and on those that do not (none)."""
    pairs = [i.detail.pair for i in items]
    events = [(g, p) for g, p in pairs if g != NONE_LABEL]
    nones = [(g, p) for g, p in pairs if g == NONE_LABEL]
    return (
        Metric("accuracy", accuracy(pairs), len(pairs)),
        Metric("macro_f1", macro_f1(pairs), len(events)),
        Metric("typed_accuracy", accuracy(events), len(events)),
        Metric("none_accuracy", accuracy(nones), len(nones)),
    )
