"""Casualty counts: how many people a sentence says were killed or injured.

``find_counts(text, start, end)`` returns one :class:`~eventledger.records.Count` per number
phrase that the text ties to killing or injuring, with the span of the number phrase (its
qualifier included: "at least three"). The bounds follow the gold conventions (SCHEMA.md):

=====================================  =====  =====  ============
phrase                                 low    high   qualifier
=====================================  =====  =====  ============
"22 people killed"                     22     22     None
"at least / more than / over 7"        7      None   "at least" / "more than"
"66 people or more"                    66     None   "at least"
"up to / as many as 10"                None   10     "up to"
"nearly / almost 10"                   None   10     "nearly"
"about / around / some 300"            300    300    "about"
"between 5 and 8", "5 to 8", "5 or 6"  5      8      "between"
"a dozen"                              12     12     None
"dozens" / "tens" / "scores"           12/10/20 None "dozens" ...
"hundreds" / "thousands"               100/1000 None "hundreds" ...
"several" / "a few" / "some" / "many"  2      None   "several" ...
"killing civilians" (plural, no N)     2      None   "plural"
"a policeman was killed", "He died"    1      1      None
"no one was killed", "no casualties"   0      0      "none"
"the death toll rose to 20"            20     20     "toll"
=====================================  =====  =====  ============

How a number is tied to a casualty verb (the rules, tried in this order; the first rule to
claim a stretch of text wins):

* zero: "no one was killed", "nobody was hurt", "no casualties" (killed and injured);
* toll: "the death toll rose to N", "bringing the toll to N", "the number of dead reached N";
* object: a killing or injuring verb or noun right before the number ("killing three",
  "killed 22 people", "led to the killing of one person and the injury of 40 others",
  "has cost the lives of 136", "wounding dozens of them");
* subject: the number, a short noun phrase, then a passive or intransitive verb ("at least
  three conscripts were killed", "ten people died", "27 dead", "3 fatalities");
* "claimed 20 lives";
* one unnamed victim ("killing a journalist", "a policeman was shot dead", "He died");
* plural victims without a number ("killing civilians", "others were injured");
* Russian: "убиты двое", "погибли 5 человек", "погиб полицейский", "никто не пострадал".

Numbers that are not people are refused: units and times ("16 airstrikes", "eight months",
"19:00"), ages ("aged 19", "19-year-old"), years ("in 2011"), money ("2,319 rubles"),
labels ("Section 8"), a number of victims that is a part of a total ("six civilians were
among 22 killed", "killing 21, including four children": the four are left out), and verbs
that make the sentence hypothetical or negative ("could kill", "was not injured").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from eventledger.records import Count, Span

What = Literal["killed", "injured"]

# ---------------------------------------------------------------- number words

_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEEN_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000}

_UNIT = "one|two|three|four|five|six|seven|eight|nine"
_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNIT})\b)?|{_TEEN}|{_UNIT})"
_HUNDREDS = rf"(?:(?:a|{_UNIT})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
_UNDER_K = rf"(?:{_HUNDREDS}|{_SMALL})"
_WORDNUM = (
    rf"(?:(?:{_UNDER_K}|a)\s+(?:thousand|million)(?:\s+(?:and\s+)?{_UNDER_K})?|{_UNDER_K})"
)
_DIGITS = (
    r"(?<![\w.,:/$€£#№-])"
    r"(?:\d{1,3}(?:(?:,|[ \u00a0\u202f\u2009])\d{3})+(?![\d])|\d+(?:\.\d+)?)"
    r"(?:\s+(?:thousand|million))?"
    r"(?![\w:/]|[.,]\d)"
)
_NUM = rf"(?:{_DIGITS}|\b{_WORDNUM}\b)"
_VAGUE = (
    r"\b(?:half\s+a\s+dozen|a\s+dozen|dozens|tens\s+of\s+thousands|hundreds\s+of\s+thousands"
    r"|tens(?=\s+of\b)|scores|hundreds|thousands|millions|several|a\s+few"
    r"|a\s+couple(?=\s+of\b)|a\s+number(?=\s+of\b)|a\s+handful(?=\s+of\b)"
    r"|(?<!\bhow\s)(?<!\bso\s)(?<!\btoo\s)(?<!\bas\s)many|numerous|some)\b"
)
_QUAL = (
    r"\b(?:at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of"
    r"|more\s+than|well\s+over|just\s+over|over|upwards\s+of|in\s+excess\s+of"
    r"|up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than"
    r"|about|around|some|approximately|roughly|an\s+estimated|estimated"
    r"|nearly|almost|close\s+to|just\s+under|fewer\s+than|less\s+than"
    r"|a\s+total\s+of|another|a\s+further)\b"
)
_RANGE = (
    rf"(?:\bbetween\s+{_NUM}\s+and\s+{_NUM}"
    rf"|{_DIGITS}\s*[-–—]\s*{_DIGITS}"
    rf"|{_NUM}\s+(?:to|or)\s+{_NUM})"
)
# One number phrase: an optional qualifier, then a range, a number or a vague quantity.
_PHRASE = rf"(?:{_QUAL}\s+)?(?:{_RANGE}|{_NUM}|{_VAGUE})"

_PHRASE_PARTS = re.compile(
    rf"(?:(?P<q>{_QUAL})\s+)?(?:"
    rf"(?:between\s+)?(?P<a>{_NUM})\s*(?:-|–|—|\bto\b|\bor\b|\band\b)\s*(?P<b>{_NUM})"
    rf"|(?P<n>{_NUM})|(?P<v>{_VAGUE}))",
    re.IGNORECASE,
)

_QUAL_KIND = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "not less than": "at least", "a minimum of": "at least",
    "more than": "more than", "well over": "more than", "just over": "more than",
    "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "up to": "up to", "as many as": "up to", "at most": "up to", "no more than": "up to",
    "about": "about", "around": "about", "some": "about", "approximately": "about",
    "roughly": "about", "an estimated": "about", "estimated": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "fewer than": "nearly", "less than": "nearly",
    "a total of": None, "another": None, "a further": None,
}
_VAGUE_VALUE = {
    "dozens": (12, "dozens"), "tens": (10, "tens"), "scores": (20, "scores"),
    "hundreds": (100, "hundreds"), "thousands": (1000, "thousands"),
    "millions": (1_000_000, "millions"),
    "tens of thousands": (10_000, "tens of thousands"),
    "hundreds of thousands": (100_000, "hundreds of thousands"),
    "several": (2, "several"), "a few": (2, "a few"), "a couple": (2, "several"),
    "a number": (2, "several"), "a handful": (2, "several"), "some": (2, "some"),
    "many": (2, "many"), "numerous": (2, "many"),
}
_EXACT_VAGUE = {"a dozen": 12, "half a dozen": 6}


def parse_number(words: str) -> int | None:
    """The value of a number written in digits or English words, or None.

    "1,300" and "1 300" -> 1300; "twenty-six" -> 26; "a hundred" -> 100; "one hundred and
    twelve" -> 112; "two thousand" -> 2000; "a dozen" -> 12; "3 million" -> 3000000.
    """
    s = " ".join(words.strip().lower().replace("\u2010", "-").split())
    if not s:
        return None
    if s in _EXACT_VAGUE:
        return _EXACT_VAGUE[s]
    digits = re.fullmatch(r"(\d[\d,\s\u00a0\u202f\u2009]*(?:\.\d+)?)\s*(thousand|million)?", s)
    if digits:
        return _parse_digits(digits.group(1), digits.group(2))
    return _parse_words(re.split(r"[\s-]+", s))


def _parse_digits(body: str, scale: str | None) -> int | None:
    body = re.sub(r"[\s,\u00a0\u202f\u2009]", "", body)
    if not re.fullmatch(r"\d+(?:\.\d+)?", body):
        return None
    factor = _SCALE_WORDS.get(scale or "", 1)
    if "." in body:
        return round(float(body) * factor) if scale else None
    return int(body) * factor


def _parse_words(tokens: list[str]) -> int | None:
    """A small state machine over number words; None for anything that is not a number."""
    total = current = 0
    last = "start"
    for i, tok in enumerate(tokens):
        if tok in ("a", "an") and i == 0:
            current, last = 1, "a"
        elif tok == "and" and last in ("hundred", "scale"):
            last = "and"
        elif tok in _TENS_WORDS and last in ("start", "hundred", "and", "scale") and current % 100 == 0:
            current, last = current + _TENS_WORDS[tok], "tens"
        elif tok in _TEEN_WORDS and last in ("start", "hundred", "and", "scale"):
            current, last = current + _TEEN_WORDS[tok], "teen"
        elif tok in _UNIT_WORDS and last in ("start", "hundred", "and", "scale", "tens"):
            current, last = current + _UNIT_WORDS[tok], "unit"
        elif tok == "hundred" and last in ("a", "unit") and current < 10:
            current, last = current * 100, "hundred"
        elif tok in _SCALE_WORDS and last not in ("start", "and", "scale"):
            total, current, last = total + current * _SCALE_WORDS[tok], 0, "scale"
        else:
            return None
    if last in ("start", "a", "and"):
        return None
    return total + current


# ---------------------------------------------------------------- the value of a phrase


@dataclass(frozen=True, slots=True)
class _Value:
    low: int | None
    high: int | None
    qualifier: str | None


def _phrase_value(phrase: str) -> _Value | None:
    m = _PHRASE_PARTS.fullmatch(phrase.strip())
    if m is None:
        return None
    qual = _QUAL_KIND.get(_norm(m.group("q"))) if m.group("q") else None
    if m.group("a"):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or a > b:
            return None
        return _Value(a if qual not in ("up to", "nearly") else None, b, "between")
    if m.group("n"):
        n = parse_number(m.group("n"))
        return None if n is None else _qualified(n, qual)
    vague = _norm(m.group("v"))
    if vague in _EXACT_VAGUE:
        return _qualified(_EXACT_VAGUE[vague], qual)
    low, label = _VAGUE_VALUE[vague]
    return _Value(low, None, _norm(m.group("q")) and qual or label)


def _qualified(n: int, qual: str | None) -> _Value:
    if qual in ("at least", "more than"):
        return _Value(n, None, qual)
    if qual in ("up to", "nearly"):
        return _Value(None, n, qual)
    return _Value(n, n, qual)


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


# ---------------------------------------------------------------- vocabulary

_KILLED_VERBS = (
    r"killed|dead|died|die|dies|perished|slain|martyred|executed|murdered|massacred"
    r"|assassinated|beheaded|slaughtered|shot\s+dead|gunned\s+down|shot\s+and\s+killed"
    r"|fatally\s+(?:shot|wounded|injured|stabbed|hurt)|lost\s+(?:their|his|her)\s+li(?:ves|fe)"
    r"|deaths|fatalities"
)
_INJURED_VERBS = (
    r"injured|wounded|hurt|injuries|hospitali[sz]ed"
    r"|(?:suffered|sustained|received)\s+(?:\w+\s+)?(?:injuries|wounds)"
)
# Participles that also serve as active past tenses ("gunmen killed three").
_PARTICIPLES = re.compile(
    r"(?:killed|injured|wounded|hurt|executed|murdered|massacred|assassinated|beheaded"
    r"|slaughtered|slain|shot\s+dead|gunned\s+down|shot\s+and\s+killed|fatally\s+\w+)$",
    re.IGNORECASE,
)
_ACTIVE_KILLED = (
    r"kill|kills|killed|killing|shot\s+dead|shoots\s+dead|shooting\s+dead|gunned\s+down"
    r"|gunning\s+down|guns\s+down|executed|executing|executes|massacred|massacring"
    r"|murdered|murdering|murders|slaughtered|slaughtering|beheaded|beheading"
    r"|(?:claimed|claiming|claims|claim|cost|costing|costs|took|taking|takes|take)"
    r"\s+the\s+lives\s+of"
    r"|(?:the\s+)?deaths?\s+of|(?:the\s+)?killings?\s+of"
)
_ACTIVE_INJURED = (
    r"injure|injures|injured|injuring|wound|wounds|wounded|wounding"
    r"|(?:the\s+)?injur(?:y|ies)\s+(?:of|to)"
)
_BASE_FORMS = {"kill", "injure", "wound", "claim", "take"}

_PERSON_SG = (
    r"person|man|woman|child|boy|girl|baby|infant|toddler|teenager|teen|youth|civilian"
    r"|soldier|serviceman|servicewoman|policeman|policewoman|police\s+officer|officer"
    r"|(?:security\s+)?guard|militant|fighter|rebel|insurgent|terrorist|jihadist|gunman"
    r"|attacker|assailant|bomber|protester|protestor|demonstrator|student|journalist|reporter"
    r"|photographer|cameraman|worker|member|resident|villager|worshipper|pilgrim|passenger"
    r"|conscript|recruit|pupil|teacher|doctor|medic|paramedic|nurse|refugee|migrant|prisoner"
    r"|detainee|inmate|bystander|pedestrian|farmer|shepherd|fisherman|miner|peacekeeper"
    r"|commander|leader|official|employee|driver|mayor|governor|judge|lawyer|activist"
    r"|politician|candidate|priest|imam|cleric|chief|colonel|captain|lieutenant|sergeant"
    r"|trooper|marine|paratrooper|pilot|contractor|volunteer|suspect|perpetrator|victim"
    r"|father|mother|son|daughter|brother|sister|husband|wife|citizen|tourist|hostage"
    r"|shopkeeper|vendor|militiaman|mercenary|separatist|blogger|councillor|councilor"
)
_PERSON_PL = (
    r"people|persons|civilians|soldiers|troops|servicemen|policemen|police\s+officers"
    r"|officers|guards|militants|fighters|rebels|insurgents|terrorists|jihadists|gunmen"
    r"|attackers|protesters|protestors|demonstrators|children|kids|women|men|students"
    r"|journalists|reporters|workers|members|residents|villagers|worshippers|pilgrims"
    r"|passengers|conscripts|recruits|pupils|teachers|doctors|medics|paramedics|nurses"
    r"|refugees|migrants|prisoners|detainees|inmates|bystanders|pedestrians|farmers"
    r"|shepherds|fishermen|miners|peacekeepers|personnel|commanders|leaders|officials"
    r"|employees|relatives|victims|individuals|youths|teenagers|boys|girls|militiamen"
    r"|paramilitaries|loyalists|combatants|mercenaries|extremists|separatists|activists"
    r"|supporters|citizens|tourists|hostages|others"
)
# Words that end the noun phrase between a number and its verb.
_STOP = (
    r"(?:were|are|was|is|am|be|been|being|have|has|had|will|would|could|should|may|might"
    r"|must|can|did|do|does|and|or|but|nor|who|which|that|whom|whose|when|while|after"
    r"|before|since|as|than|if|because|where|said|says|say|told|reported|according|among"
    r"|amongst|including|incl|mostly|not|no|to|by|for|with|against|per|killed|dead|died"
    r"|injured|wounded|hurt|kill|kills|killing|injuring|wounding|also|were)"
)
# Nouns that say a number counts things, not people.
_NOT_PEOPLE = re.compile(
    r"\b(?:(?:air)?strikes?|raids?|sorties|shells?|rockets?|missiles?|bombs?|mortars?|rounds?"
    r"|attacks?|explosions?|blasts?|bombings?|drones?|planes?|jets?|aircraft|helicopters?"
    r"|vehicles?|cars?|trucks?|tanks?|buses|buildings?|houses?|homes?|villages?|towns?|cities"
    r"|districts?|km|kilometres?|kilometers?|miles?|metres?|meters?|hours?|days?|weeks?"
    r"|months?|years?|minutes?|seconds?|decades?|times|percent|per|cent|dollars?|rubles?"
    r"|roubles?|euros?|pounds?|cents?|hryvnias?|shots?|bullets?|grenades?|ieds?|mines?"
    r"|devices?|incidents?|operations?|cases?|points?|votes?|seats?|goals?|tons?|tonnes?"
    r"|kg|mm|am|pm|gmt|utc|o'clock|year-olds?|years?-old|storeys?|floors?|positions?"
    r"|checkpoints?|shootings?|stabbings?|clashes|battles?|protests?|rallies)\b",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*(?:year|month|week|day|hour|minute)s?\b|%|-?\s*(?:per\s*cent|percent)\b"
    r"|[\[(]?\s*(?:rubles?|roubles?|dollars?|euros?|pounds?|hryvnias?)\b"
    r"|\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|times|km|miles?"
    r"|metres?|meters?|kilometres?|kilometers?|am|pm|a\.m\.|p\.m\.|gmt|utc)\b)",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:aged|age|ages|section|article|division|brigade|battalion|regiment|resolution"
    r"|highway|route|road|unit|room|flight|page|chapter|part|level|phase|grade|no\.?|number"
    r"|paragraph|item|line|bus|block|building|house|apartment|district|zone|sector|km"
    r"|kilometre|kilometer|mile|covid|at|till|until|in|since|by|from|during|on|of|the"
    r"|year|years|january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)|[#№$€£]"
    r"|\d\s*(?:and|to|-|–)|\d,)\s*$",
    re.IGNORECASE,
)
_LABEL_ONLY_FOR_YEARS = re.compile(
    r"\b(?:at|till|until|in|since|by|from|during|on|of|the)\s*$", re.IGNORECASE
)
_SUBSET_BEFORE = re.compile(
    r"(?:\b(?:including|includes|include|incl\.?|among\s+them|among\s+whom|amongst\s+them"
    r"|of\s+whom|of\s+them|mostly|most\s+of\s+them|many\s+of\s+them|among\s+those)"
    r"|\bwere\s+among)\s*,?\s*$",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:to|could|would|will|might|may|can|cannot|not|never|n't|failed\s+to|trying\s+to"
    r"|tried\s+to|threatened\s+to|vowed\s+to|plans?\s+to|planned\s+to)\s+$",
    re.IGNORECASE,
)
_COMBINED_BEFORE = re.compile(
    r"\b(?:kill\w*|wound\w*|injur\w*|maim\w*|hurt\w*)\s+(?:and|or|and/or)\s+$", re.IGNORECASE
)
_COMBINED_AFTER = re.compile(
    r"\s+(?:and|or|and/or)\s+(?:kill\w*|wound\w*|injur\w*|maim\w*|hurt\w*|dead|missing)\b",
    re.IGNORECASE,
)
# What may follow a reduced passive ("3 people killed in ..."): anything but an object.
_REDUCED_PASSIVE_NEXT = re.compile(
    r"\s*(?:$|[.,;:!?)\]\"'”’—–-]|(?:in|on|at|by|during|when|after|as|since|near|across"
    r"|overnight|yesterday|today|tonight|last|this|earlier|and|while|including|following"
    r"|from|over|with|amid|inside|outside|around|throughout|so|because|due|each|every"
    r"|between|along|under|within|before|until|the\s+same|early|late|according|but|were"
    r"|was|have|had|on)\b)",
    re.IGNORECASE,
)

_W = r"[^\W\d][\w'’.-]*"

# ---------------------------------------------------------------- the rules

_F = re.IGNORECASE

_ZERO_SUBJECT = re.compile(
    r"\b(?P<num>no\s+one|no-one|nobody|none|no\s+(?:people|civilians|person|soldiers))"
    r"(?:\s+(?:of\s+)?(?:the\s+)?\w+){0,2}?"
    r"\s+(?:was|were|has\s+been|have\s+been|had\s+been|got|is|are)?\s*"
    r"(?:(?:reportedly|immediately|seriously|believed\s+to\s+have\s+been)\s+)?"
    r"(?P<verb>killed|injured|hurt|wounded|harmed|died|dead)\b"
    r"(?P<also>\s+(?:or|and|nor)\s+(?:injured|hurt|wounded|killed))?",
    _F,
)
_ZERO_NOUN = re.compile(
    r"\b(?P<num>no|without(?:\s+any)?)\s+(?:(?:immediate|reported|known|serious|other|human)\s+)?"
    r"(?P<verb>casualties|fatalities|deaths|injuries|victims|dead)\b"
    r"(?P<also>\s+(?:or|and|nor)\s+(?:injuries|injured|wounded))?",
    _F,
)
_TOLL = re.compile(
    r"\b(?:death|casualty|fatality|the|its|final|overall|official|updated|new)\s+toll\b"
    r"(?P<mid>[^.;!?]{0,60}?)\b(?:to|at|of|reached|hit|is|was|now|stands|stood|passed"
    r"|exceeded|topped)\s+(?P<num>" + _PHRASE + r")",
    _F,
)
_TOLL_AFTER = re.compile(
    r"\bupdated\s+to\s+(?P<num>" + _PHRASE + r")\s+(?:its|the|their)\s+(?:death\s+)?toll\b", _F
)
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?P<verb>dead|deaths|fatalities|martyrs|(?:people\s+|those\s+)?killed"
    r"|(?:people\s+|those\s+)?(?:injured|wounded)|injuries)\b"
    r"(?P<mid>[^.;!?]{0,50}?)\b(?:to|at|reached|hit|is|was|stands|stood)\s+(?P<num>"
    + _PHRASE + r")",
    _F,
)
_OBJECT = re.compile(
    rf"\b(?P<verb>{_ACTIVE_KILLED}|{_ACTIVE_INJURED})(?:\s+(?:also|reportedly|only))?"
    rf"\s+[\"“‘']?(?P<num>{_PHRASE})",
    _F,
)
_SUBJECT = re.compile(
    rf"(?P<num>{_PHRASE})"
    rf"(?P<np>(?:\s+(?!{_STOP}\b){_W}){{0,6}}?)"
    r"(?P<ormore>\s+or\s+more)?"
    r"(?:\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom|mostly|most\s+of\s+them"
    r"|many\s+of\s+them|incl\.?)\b[^.;:()]{0,60}?,?)?"
    r"(?:\s*,?\s*(?:who|that))?"
    r"(?P<aux>(?:\s+(?:were|are|was|is|have|has|had|having|been|being|got|get|also|all|both"
    r"|reported|reportedly|confirmed|said|believed|thought|to|found|left|later|since|now"
    r"|so\s+far|each|[a-z]+ly))*)"
    rf"\s+(?P<verb>{_KILLED_VERBS}|{_INJURED_VERBS})\b",
    _F,
)
_LIVES = re.compile(
    r"\b(?:claimed|claiming|claims|cost|costing|costs|took|taken|takes|taking)\s+"
    r"(?P<num>" + _PHRASE + r")\s+(?:of\s+)?(?:(?:more|other|civilian|innocent|human)\s+)?"
    r"(?P<verb>lives)\b",
    _F,
)
_ONE_OBJECT = re.compile(
    rf"\b(?P<verb>{_ACTIVE_KILLED}|{_ACTIVE_INJURED})\s+"
    rf"(?P<num>(?:a|an)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSON_SG})(?!['’]s)\b"
    r"|him\b|her(?=\s*(?:[,.;:!?]|$|\s(?:in|on|at|and|with|while|after|as|during|outside"
    r"|near|inside)\b)))",
    _F,
)
_SHOT_HIM_DEAD = re.compile(r"\bshot\s+(?P<num>him|her)\s+(?P<verb>dead)\b", _F)
_ONE_SUBJECT = re.compile(
    rf"(?P<num>\b(?:a|an|the|another)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSON_SG})"
    r"|\b(?:he|she)\b)"
    r"(?P<aux>(?:\s+(?:was|is|has|had|been|got|also|reportedly|later|[a-z]+ly))*)"
    rf"\s+(?P<verb>{_KILLED_VERBS}|{_INJURED_VERBS})\b",
    _F,
)
_NAMED_VICTIM = re.compile(
    r"(?P<num>(?<![\w'’-])(?!(?:It|This|That|There|Here|Nobody|No|None|Everyone|Someone"
    r"|Anyone|One|A|An|The|He|She|They|We|I|You|Who|What|Which|His|Her|Their|Its)\b)"
    r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)"
    r"(?P<aux>\s+(?:was|has\s+been|had\s+been)(?:\s+[a-z]+ly)?)"
    r"\s+(?P<verb>killed|shot\s+dead|assassinated|murdered|executed|slain|shot\s+and\s+killed"
    r"|injured|wounded)\b"
)
_PLURAL_OBJECT = re.compile(
    rf"\b(?P<verb>{_ACTIVE_KILLED}|{_ACTIVE_INJURED})\s+"
    rf"(?P<num>(?:(?!{_STOP}\b|{_WORDNUM}\b|a\b|an\b){_W}\s+){{0,2}}(?:{_PERSON_PL}))\b",
    _F,
)
_PLURAL_SUBJECT = re.compile(
    rf"(?P<num>(?<![\w'’-])(?:(?!{_STOP}\b|{_WORDNUM}\b|{_VAGUE}|a\b|an\b|one\b){_W}\s+){{0,2}}"
    rf"(?:{_PERSON_PL}))"
    r"(?P<aux>(?:\s+(?:were|are|have|had|been|being|also|all|both|reportedly|later"
    r"|[a-z]+ly))+)"
    rf"\s+(?P<verb>{_KILLED_VERBS}|{_INJURED_VERBS})\b",
    _F,
)

# Russian, the common shapes only.
_RU_NUM = (
    r"(?:\d+|один|одна|одного|одной|два|две|двое|двух|три|трое|тр[её]х|четыре|четверо"
    r"|четыр[её]х|пять|пятеро|пяти|шесть|шестеро|шести|семь|семеро|семи|восемь|восьми"
    r"|девять|девяти|десять|десяти|одиннадцать|двенадцать|тринадцать|четырнадцать"
    r"|пятнадцать|шестнадцать|семнадцать|восемнадцать|девятнадцать|двадцать|тридцать|сорок"
    r"|пятьдесят|сто|десятки|десятков|сотни|сотен|тысячи|несколько|нескольких)"
)
_RU_QUAL = (
    r"(?:по\s+меньшей\s+мере|по\s+крайней\s+мере|как\s+минимум|не\s+менее|не\s+меньше|более"
    r"|больше|свыше|около|порядка|примерно|приблизительно|почти|до)"
)
_RU_PHRASE = rf"(?:{_RU_QUAL}\s+)?{_RU_NUM}"
_RU_KILLED = r"(?:погиб\w*|убит\w*|скончал\w*|застрелен\w*|расстрелян\w*)"
_RU_INJURED = r"(?:ранен\w*|ранил\w*|пострадал\w*|получил\w*\s+ранени\w*|травмирован\w*)"
_RU_AFTER_VERB = re.compile(
    rf"(?<![\w-])(?P<verb>{_RU_KILLED}|{_RU_INJURED})(?:\s+(?:были|был|была|было|ещё|еще))?"
    rf"\s+(?P<num>{_RU_PHRASE})(?![\w-])",
    _F,
)
_RU_BEFORE_VERB = re.compile(
    rf"(?<![\w-])(?P<num>{_RU_PHRASE})(?:\s+[а-яё]+){{0,3}}?(?:\s+(?:были|был|была))?"
    rf"\s+(?P<verb>{_RU_KILLED}|{_RU_INJURED})(?![\w-])",
    _F,
)
_RU_ONE = re.compile(
    r"(?<![\w-])(?:(?P<pre>он|она)\s+)?(?:был\s+|была\s+)?"
    r"(?P<verb>погиб|погибла|убит|убита|скончался|скончалась|ранен|ранена|застрелен"
    r"|застрелена)(?![\w-])(?:\s+(?P<noun>(?!(?:в|во|на|и|от|при|после|под|у|из|с|со|за|до"
    r"|по|когда|а|но|же|ли|не)(?![\w-]))[а-яё]+))?",
    _F,
)
_RU_ZERO = re.compile(
    r"(?<![\w-])(?P<num>никто\s+не|без\s+(?:человеческих\s+)?жертв|жертв\s+нет"
    r"|погибших\s+нет|пострадавших\s+нет|без\s+пострадавших)"
    r"(?:\s+(?P<verb>пострадал|погиб|ранен|убит))?(?![\w-])",
    _F,
)
_RU_VALUES = {
    "один": 1, "одна": 1, "одного": 1, "одной": 1, "два": 2, "две": 2, "двое": 2, "двух": 2,
    "три": 3, "трое": 3, "трёх": 3, "трех": 3, "четыре": 4, "четверо": 4, "четырёх": 4,
    "четырех": 4, "пять": 5, "пятеро": 5, "пяти": 5, "шесть": 6, "шестеро": 6, "шести": 6,
    "семь": 7, "семеро": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9,
    "десять": 10, "десяти": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "сто": 100,
}
_RU_VAGUE = {
    "десятки": (10, "tens"), "десятков": (10, "tens"), "сотни": (100, "hundreds"),
    "сотен": (100, "hundreds"), "тысячи": (1000, "thousands"), "несколько": (2, "several"),
    "нескольких": (2, "several"),
}
_RU_QUAL_KIND = {
    "по меньшей мере": "at least", "по крайней мере": "at least", "как минимум": "at least",
    "не менее": "at least", "не меньше": "at least", "более": "more than",
    "больше": "more than", "свыше": "more than", "около": "about", "порядка": "about",
    "примерно": "about", "приблизительно": "about", "почти": "nearly", "до": "up to",
}


# ---------------------------------------------------------------- public API


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """Every count of people killed or injured in ``text[start:end]``, in text order.

    Spans index the full ``text``. A stretch of text is claimed by the first rule that
    matches it (see the module docstring), so one number yields at most one count, except
    "no casualties", which yields a zero for both killed and injured.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    sub = text[start:end]
    taken: list[tuple[int, int]] = []
    found: list[Count] = []
    for rule in _RULES:
        for what, a, b, value in rule(sub):
            if a >= b or any(a < y and x < b for x, y in taken):
                continue
            found.append(Count(what, value.low, value.high, value.qualifier,
                               Span.of(text, start + a, start + b)))
        taken.extend((c.span.start - start, c.span.end - start) for c in found)
    found.sort(key=lambda c: (c.span.start, c.what))
    return found


# Each rule yields (what, start, end, value) with offsets into the sentence.
_Hit = tuple[What, int, int, _Value]


def _zero(sub: str) -> Iterator[_Hit]:
    none = _Value(0, 0, "none")
    for m in _ZERO_SUBJECT.finditer(sub):
        yield _what(m.group("verb")), m.start("num"), m.end("num"), none
        if m.group("also"):
            yield _other(_what(m.group("verb"))), m.start("num"), m.end("num"), none
    for m in _ZERO_NOUN.finditer(sub):
        a, b, word = m.start("num"), m.end("verb"), m.group("verb").lower()
        if word in ("casualties", "victims") or m.group("also"):
            yield "killed", a, b, none
            yield "injured", a, b, none
        else:
            yield ("injured" if word == "injuries" else "killed"), a, b, none


def _toll(sub: str) -> Iterator[_Hit]:
    for m in _TOLL.finditer(sub):
        if re.search(r"\b(?:could|may|might|would|will|expected|feared|likely|predict)",
                     m.group("mid"), _F):
            continue
        yield from _valued("killed", m, _as_toll)
    for m in _TOLL_AFTER.finditer(sub):
        yield from _valued("killed", m, _as_toll)
    for m in _NUMBER_OF.finditer(sub):
        what: What = "killed" if re.search(r"dead|death|fatal|martyr|kill", m.group("verb"),
                                           _F) else "injured"
        yield from _valued(what, m, _as_toll)


def _as_toll(v: _Value) -> _Value:
    return _Value(v.low, v.high, "toll")


def _objects(sub: str) -> Iterator[_Hit]:
    for m in _OBJECT.finditer(sub):
        verb = _norm(m.group("verb"))
        before = sub[max(0, m.start() - 40):m.start()]
        if verb in _BASE_FORMS and _NEGATED_BEFORE.search(before):
            continue
        if _COMBINED_BEFORE.search(before) or _COMBINED_AFTER.match(sub, m.end("verb")):
            continue
        if _unit_follows(sub, m.end("num")) or _is_year(m.group("num")):
            continue
        yield from _valued(_active_what(verb), m)


def _subjects(sub: str) -> Iterator[_Hit]:
    for m in _SUBJECT.finditer(sub):
        if not _subject_ok(sub, m):
            continue
        for what, a, b, value in _valued(_what(m.group("verb")), m):
            if m.group("ormore") and value.low is not None:
                value, b = _Value(value.low, None, "at least"), m.end("ormore")
                if m.group("np"):
                    b = m.end("ormore")
            yield what, a, b, value


def _subject_ok(sub: str, m: re.Match[str]) -> bool:
    num, np, aux, verb = m.group("num"), m.group("np"), _norm(m.group("aux")), m.group("verb")
    before = sub[max(0, m.start() - 40):m.start()]
    if _SUBSET_BEFORE.search(before) or _is_label(before, num):
        return False
    if np and _NOT_PEOPLE.search(np) or _unit_follows(sub, m.end("num")):
        return False
    if re.search(r"\b(?:was|is)\b", aux) and not _is_one(num):
        return False
    if not _verb_ok(sub, m, aux, verb):
        return False
    return not _COMBINED_AFTER.match(sub, m.end("verb"))


def _verb_ok(sub: str, m: re.Match[str], aux: str, verb: str) -> bool:
    """A participle needs a passive auxiliary or must not be followed by an object."""
    if not _PARTICIPLES.search(verb):
        return True
    if re.search(r"\b(?:been|being|were|are|was|is|got|get)\b", aux):
        return True
    if re.search(r"\b(?:have|has|had|having)\b", aux):
        return False
    nxt = m.end("verb")
    if _OBJECT_START.match(sub, nxt):
        return False
    return bool(_REDUCED_PASSIVE_NEXT.match(sub, nxt))


_OBJECT_START = re.compile(rf"\s+[\"“‘']?(?:{_PHRASE}|(?:a|an|his|her|their|its)\b)", _F)


def _lives(sub: str) -> Iterator[_Hit]:
    for m in _LIVES.finditer(sub):
        yield from _valued("killed", m)


def _single(sub: str) -> Iterator[_Hit]:
    one = _Value(1, 1, None)
    for m in _ONE_OBJECT.finditer(sub):
        verb = _norm(m.group("verb"))
        before = sub[max(0, m.start() - 40):m.start()]
        if verb in _BASE_FORMS and _NEGATED_BEFORE.search(before):
            continue
        if _COMBINED_BEFORE.search(before) or _COMBINED_AFTER.match(sub, m.end("verb")):
            continue
        yield _active_what(verb), m.start("num"), m.end("num"), one
    for m in _SHOT_HIM_DEAD.finditer(sub):
        yield "killed", m.start("num"), m.end("num"), one
    for pattern in (_ONE_SUBJECT, _NAMED_VICTIM):
        for m in pattern.finditer(sub):
            aux, verb = _norm(m.group("aux")), m.group("verb")
            if re.search(r"\b(?:were|are)\b", aux) or not _verb_ok(sub, m, aux, verb):
                continue
            if _COMBINED_AFTER.match(sub, m.end("verb")):
                continue
            yield _what(verb), m.start("num"), m.end("num"), one


def _plural(sub: str) -> Iterator[_Hit]:
    some = _Value(2, None, "plural")
    for m in _PLURAL_OBJECT.finditer(sub):
        verb = _norm(m.group("verb"))
        before = sub[max(0, m.start() - 40):m.start()]
        if verb in _BASE_FORMS and _NEGATED_BEFORE.search(before):
            continue
        if _COMBINED_BEFORE.search(before) or _COMBINED_AFTER.match(sub, m.end("verb")):
            continue
        yield _active_what(verb), m.start("num"), m.end("num"), some
    for m in _PLURAL_SUBJECT.finditer(sub):
        aux, verb = _norm(m.group("aux")), m.group("verb")
        before = sub[max(0, m.start() - 30):m.start()]
        if re.search(r"(?:\d|\b(?:of|and|or|than|among|including|whom|" + _UNIT + r"))\s*$",
                     before, _F) or not _verb_ok(sub, m, aux, verb):
            continue
        if re.search(r"\b(?:have|has|had)\b", aux) and not re.search(r"\bbeen\b", aux) \
                and _PARTICIPLES.search(verb):
            continue
        if _COMBINED_AFTER.match(sub, m.end("verb")):
            continue
        yield _what(verb), m.start("num"), m.end("num"), some


def _russian(sub: str) -> Iterator[_Hit]:
    for m in _RU_ZERO.finditer(sub):
        none = _Value(0, 0, "none")
        verb = (m.group("verb") or "").lower()
        if verb.startswith(("погиб", "убит")):
            yield "killed", m.start("num"), m.end("num"), none
        elif verb.startswith("ранен"):
            yield "injured", m.start("num"), m.end("num"), none
        else:
            yield "killed", m.start("num"), m.end("num"), none
            yield "injured", m.start("num"), m.end("num"), none
    for pattern in (_RU_AFTER_VERB, _RU_BEFORE_VERB):
        for m in pattern.finditer(sub):
            value = _ru_value(m.group("num"))
            if value is not None and not _unit_follows(sub, m.end("num")):
                yield _ru_what(m.group("verb")), m.start("num"), m.end("num"), value
    for m in _RU_ONE.finditer(sub):
        key = "pre" if m.group("pre") else "noun" if m.group("noun") else None
        if key and not re.fullmatch(_RU_NUM, m.group(key), _F):
            yield _ru_what(m.group("verb")), m.start(key), m.end(key), _Value(1, 1, None)


_RULES = (_zero, _toll, _objects, _subjects, _lives, _single, _plural, _russian)


# ---------------------------------------------------------------- helpers


def _valued(what: What, m: re.Match[str], adjust=None) -> Iterator[_Hit]:
    value = _phrase_value(m.group("num"))
    if value is None:
        return
    yield what, m.start("num"), m.end("num"), adjust(value) if adjust else value


def _what(verb: str) -> What:
    return "injured" if re.match(
        r"(?:injur|wound|hurt|hospital|suffer|sustain|receiv)", verb, _F) and not re.match(
        r"fatally", verb, _F) else "killed"


def _active_what(verb: str) -> What:
    return "injured" if re.search(r"injur|wound", verb, _F) else "killed"


def _other(what: What) -> What:
    return "injured" if what == "killed" else "killed"


def _ru_what(verb: str) -> What:
    return "injured" if re.match(r"(?:ранен|ранил|пострадал|получил|травм)", verb, _F) \
        else "killed"


def _ru_value(phrase: str) -> _Value | None:
    m = re.fullmatch(rf"(?:(?P<q>{_RU_QUAL})\s+)?(?P<n>{_RU_NUM})", phrase.strip(), _F)
    if m is None:
        return None
    word = m.group("n").lower()
    qual = _RU_QUAL_KIND.get(_norm(m.group("q"))) if m.group("q") else None
    if word in _RU_VAGUE:
        low, label = _RU_VAGUE[word]
        return _Value(low, None, qual or label)
    n = int(word) if word.isdigit() else _RU_VALUES.get(word)
    return None if n is None else _qualified(n, qual)


def _unit_follows(sub: str, pos: int) -> bool:
    return bool(_UNIT_AFTER.match(sub, pos))


def _is_year(num: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", num.strip()))


def _is_label(before: str, num: str) -> bool:
    """'aged 19', 'Section 8', 'in 2011', 'March 2011', '$300', '10 and 13'."""
    if _QUAL_START.match(num):
        return bool(re.search(r"\b(?:aged|ages?)\s*$", before, _F))
    if _is_year(num):
        return bool(_LABEL_BEFORE.search(before) or _LABEL_ONLY_FOR_YEARS.search(before)
                    or re.search(r"[,(]\s*$", before))
    return bool(_LABEL_BEFORE.search(before)) and not _LABEL_ONLY_FOR_YEARS.search(before)


_QUAL_START = re.compile(_QUAL + r"\s", _F)


def _is_one(num: str) -> bool:
    value = _phrase_value(num)
    return value is not None and value.low == 1 and value.high == 1
