"""Coding for languages other than English, one package per language, and the one place that
says which language's coder and finders read a text.

Each package reads its language's words with its own lexicons and morphology, and hands
its mentions to the language-neutral parts of :mod:`eventledger.code` (merging candidates
into events, dates, places and claims of an event), so every event record has the same shape
and the same grounding whatever the language of the article.

:func:`coded_as` picks the language a text is coded in; :func:`finders` gives that language's
mention finders. The pipeline (which coder), the document page (which finders mark the text)
and the casualty eval (which count reader) all ask here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

CODED = ("en", "ru")  # the languages with a coder; English also reads what no test can place


@dataclass(frozen=True, slots=True)
class Finders:
    """One language's mention finders, as its coder uses them."""

    triggers: Callable
    dates: Callable
    places: Callable
    counts: Callable
    actors: Callable
    attributions: Callable


def coded_as(language: str | None, text: str = "") -> str | None:
    """The language whose coder reads ``text``: its detected (or declared) ``language`` when
    there is a coder for it, None when there is none. A text too short for detection to name
    a language ("Погибли трое") is read by its script: mostly Cyrillic is Russian, anything
    else English."""
    if language is not None:
        return language if language in CODED else None
    letters = [ch for ch in text[:4000] if ch.isalpha()]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    return "ru" if letters and cyrillic * 2 > len(letters) else "en"


def finders(language: str | None) -> Finders:
    """The mention finders of a coded language (English for anything else)."""
    if language == "ru":
        from eventledger.lang.ru import actors, attribution, counts, dates, places, triggers
    else:
        from eventledger.mentions import actors, attribution, dates, places, triggers
        from eventledger.mentions import numbers as counts
    return Finders(
        triggers.find_triggers,
        dates.find_dates,
        places.find_places,
        counts.find_counts,
        actors.find_actors,
        attribution.find_attributions,
    )
