"""Actors named in Russian text, with the same ACLED names and types as the English
reader gives ("Police Forces of {country}", "Protesters ({country})", ...)."""

from __future__ import annotations

from eventledger.lang.ru.counts import CASUALTY_LEMMAS
from eventledger.lang.ru.morph import words
from eventledger.mentions.actors import ActorMention
from eventledger.records import Span

# lemma -> (name, ACLED type, armed)
_ACTORS: dict[str, tuple[str, str, bool]] = {
    **dict.fromkeys(
        "полиция полицейский омон силовик росгвардия нацгвардия спецназ".split(),
        ("Police Forces of {country}", "State forces", True),
    ),
    **dict.fromkeys(
        "армия военный военнослужащий солдат войско всу минобороны".split(),
        ("Military Forces of {country}", "State forces", True),
    ),
    **dict.fromkeys(
        "боевик террорист повстанец сепаратист экстремист джихадист".split(),
        ("Rebels ({country})", "Rebel group", True),
    ),
    **dict.fromkeys(
        "неизвестный нападавший стрелок злоумышленник".split(),
        ("Unidentified Armed Group ({country})", "Political militia", True),
    ),
    **dict.fromkeys(
        "протестующий демонстрант митингующий активист оппозиционер пикетчик".split(),
        ("Protesters ({country})", "Protesters", False),
    ),
    **dict.fromkeys(
        "житель ребенок школьник студент журналист пассажир прохожий мирный".split(),
        ("Civilians ({country})", "Civilians", False),
    ),
}


def find_actors(text: str, start: int, end: int) -> list[ActorMention]:
    """Actor mentions in ``text[start:end]``, in order."""
    found: list[ActorMention] = []
    ws = words(text, start, end)
    for i, w in enumerate(ws):
        entry = _ACTORS.get(w.lemma)
        if entry is not None:
            name, kind, armed = entry
            # "погиб полицейский": an armed group named as the victim is not the perpetrator.
            victim = i > 0 and bool(ws[i - 1].lemmas & CASUALTY_LEMMAS)
            span = Span.of(text, w.start, w.end)
            found.append(ActorMention(span, name, kind, armed and not victim))
    return found
