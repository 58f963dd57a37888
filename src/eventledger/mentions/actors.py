"""Actors named in a sentence, with ACLED actor types.

Names follow ACLED's style where the text allows it: "Police Forces of Russia",
"Military Forces of Russia", "Protesters (Russia)", "Civilians (Russia)",
"Unidentified Armed Group (Poland)"; named groups keep their names ("Islamic State").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.mentions.taken import Taken
from eventledger.records import Span


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    name: str  # with "{country}" left for the coder to fill
    type: str
    armed: bool  # can perpetrate violence


_GROUPS: tuple[tuple[str, str, str], ...] = (
    # pattern, name, ACLED type
    (r"islamic state|isis|isil|daesh|is militants|is fighters", "Islamic State", "Rebel group"),
    (r"taliban", "Taliban", "Rebel group"),
    (r"al[- ]nusra( front)?|nusra front|jabhat al-nusra", "Al Nusrah Front", "Rebel group"),
    (r"al[- ]shabaab", "Al Shabaab", "Rebel group"),
    (r"al[- ]qaeda", "Al Qaeda", "Rebel group"),
    (r"boko haram", "Boko Haram", "Rebel group"),
    (r"houthis?|ansar allah", "Ansar Allah (Houthis)", "Rebel group"),
    (r"hamas", "Hamas", "Rebel group"),
    (r"hezbollah", "Hezbollah", "Political militia"),
    (
        r"ypg|kurdish fighters|people's protection units",
        "YPG: People's Protection Units",
        "Identity militia",
    ),
    (r"free syrian army|fsa", "Free Syrian Army", "Rebel group"),
    (
        r"(?:us|u\.s\.|american|united states)(?:-led)? (?:military|forces|troops|coalition|"
        r"military forces)|coalition (?:forces|aircraft|warplanes)|us-led coalition",
        "Military Forces of the United States",
        "External/Other forces",
    ),
)
_GENERIC: tuple[tuple[str, str, str, bool], ...] = (
    (
        r"police(?:men|man| officers?| forces?)?|riot police|omon|officers",
        "Police Forces of {country}",
        "State forces",
        True,
    ),
    (r"national guard(?:smen)?|rosgvardia", "National Guard of {country}", "State forces", True),
    (r"border guards?", "Border Guard of {country}", "State forces", True),
    (
        r"soldiers?|troops|army|military|armed forces|government forces|regime forces|"
        r"security forces|conscripts?|servicem[ae]n|air force|warplanes|jets|regime|"
        r"assad(?:'s|’s)? (?:forces|regime|air force)",
        "Military Forces of {country}",
        "State forces",
        True,
    ),
    (
        r"rebels?|insurgents?|militants?|jihadists?|terrorists?|fighters|armed opposition|"
        r"opposition fighters|separatists?",
        "Rebels ({country})",
        "Rebel group",
        True,
    ),
    (r"militia(?:men|s)?|paramilitar(?:y|ies)", "Militia ({country})", "Political militia", True),
    (
        r"gunm[ae]n|assailants?|attackers?|knifeman|shooter|bomber|suspect",
        "Unidentified Armed Group ({country})",
        "Political militia",
        True,
    ),
    (
        r"protesters?|demonstrators?|marchers|activists|picketers|mothers|protest(?:ers)?",
        "Protesters ({country})",
        "Protesters",
        False,
    ),
    (r"rioters|mob", "Rioters ({country})", "Rioters", True),
    (
        r"civilians?|residents|villagers|shoppers|children|women|journalists?|photojournalists?|"
        r"worshippers|students|people|passengers|family|families|mayor|teenager|bystanders|"
        r"pedestrians|worker|workers|doctors|patients",
        "Civilians ({country})",
        "Civilians",
        False,
    ),
)
_COMPILED = tuple(
    (re.compile(rf"\b(?:{p})\b", re.IGNORECASE), name, kind, True) for p, name, kind in _GROUPS
) + tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), n, k, a) for p, n, k, a in _GENERIC)


def find_actors(text: str, start: int, end: int) -> list[ActorMention]:
    """Actor mentions in ``text[start:end]``, in order, one per stretch of text."""
    taken = Taken()
    found: list[ActorMention] = []
    for pattern, name, kind, armed in _COMPILED:
        for m in pattern.finditer(text, start, end):
            if not taken.claim(m.start(), m.end()):
                continue
            found.append(ActorMention(Span.of(text, m.start(), m.end()), name, kind, armed))
    found.sort(key=lambda a: a.span.start)
    return found
