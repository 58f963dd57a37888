"""Casualty counts: how many people a sentence says were killed or injured.

``find_counts(text, start, end)`` returns one :class:`~eventledger.records.Count` per number
phrase that the text ties to killing or injuring, with the span of the number phrase (its
qualifier included: "at least three"). The bounds follow the gold conventions (SCHEMA.md):

=======================================  ========  =====  ==================
phrase                                   low       high   qualifier
=======================================  ========  =====  ==================
"22 people killed"                       22        22     None
"at least 7" / "more than 7" / "over 7"  7         None   "at least" / "more than"
"66 people or more"                      66        None   "at least"
"up to 10" / "as many as 10"             None      10     "up to"
"nearly 10" / "almost 10"                None      10     "nearly"
"about / around / some 300"              300       300    "about"
"between 5 and 8", "5 to 8", "5 or 6"    5         8      "between"
"a dozen"                                12        12     None
"dozens" / "tens of" / "scores"          12/10/20  None   "dozens" / ...
"hundreds" / "thousands"                 100/1000  None   "hundreds" / ...
"several" / "a few" / "some" / "many"    2         None   "several" / ...
"killing civilians" (no number)          2         None   "plural"
"a policeman was killed", "He died"      1         1      None
"no one was killed", "no casualties"     0         0      "none"
"the death toll rose to 20"              20        20     "toll"
=======================================  ========  =====  ==================

How a number is tied to a casualty. The rules are tried in this order, and a stretch of
text claimed by one rule is not read again by a later one:

* zero: "no one was killed", "nobody was hurt", "no casualties" (a zero for killed and for
  injured);
* toll: "the death toll rose to N", "bringing the toll to N", "the number of dead reached N",
  "Toll in ... climbs to N", "Kabul toll climbs to N" (headlines);
* coordinated victims, read as one total as the gold counts an event's dead: "Twelve
  soldiers, 26 insurgents killed" (38), "NATO soldier, 6 militants killed" (7), "killing
  three soldiers, two policemen and a civilian" (6); the span covers the whole list; a later
  bare plural shares the number before it ("Some 25 policemen, militiamen killed": 25); a sum
  of parts with different bounds is a bound ("over 40 militants, nearly 10 soldiers": >= 40);
* object: a killing or injuring verb or noun right before the number ("killing three",
  "killed 22 people", "led to the killing of one person and the injury of 40 others",
  "has cost the lives of 136", "wounding dozens of them");
* subject: the number, a short noun phrase, then a passive or intransitive verb ("at least
  three conscripts were killed", "ten people died", "27 dead", "3 fatalities", "6 martyrs",
  "9 lives lost", "40+ dead"; "4 policemen fatally wounded" is a death);
* "claimed 20 lives"; a side's own dead, "Army kills 20 rebels, loses 3 men";
* bodies found: "police find 12 bodies", "12 bodies were recovered", "the bodies of 12 men",
  "body of journalist found", "a body was found" (a number before "bodies" needs a verb of
  finding: "the two bodies agreed" are institutions);
* one victim, no number ("killing a journalist", "a policeman was shot dead", "He died");
* one bare victim, headline style ("Police kill suspected gunman", "Teen killed in ...",
  "Man, 24, killed in ...");
* plural victims, no number ("killing civilians", "others were injured", and in a headline
  without its auxiliary, "Civilians killed in air strike").

Russian text is read by ``lang.ru.counts``.

Numbers that are not people are refused: units and times ("16 airstrikes", "eight months",
"19:00"), ages ("aged 19", "19-year-old"), years ("in 2011"), money ("2,319 rubles"),
labels ("Section 8"), things counted after the number ("killed 30 cattle"), a part of a
total ("killing 21, including four children": the four are not reported; "six civilians
were among 22 killed": only the 22), and verbs made hypothetical or negative ("could kill",
"vowed to kill", "were not injured").
Counts are per mention: choosing among several counts of one event is the coder's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from eventledger.records import Count, Span

What = Literal["killed", "injured"]
_F = re.IGNORECASE

# ---------------------------------------------------------------- number words

_UNIT_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEEN_WORDS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000}

_UNIT = "one|two|three|four|five|six|seven|eight|nine"
_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNIT})\b)?|{_TEEN}|{_UNIT})"
_HUNDREDS = rf"(?:(?:a|{_UNIT})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
_UNDER_K = rf"(?:{_HUNDREDS}|{_SMALL})"
_WORDNUM = (
    r"(?:(?:two|three|four|five|six|seven|eight|nine)\s+dozen"
    rf"|(?:{_UNDER_K}|a)\s+(?:thousand|million)(?:\s+(?:and\s+)?{_UNDER_K})?|{_UNDER_K})"
)
_DIGITS_CORE = (
    r"(?:\d{1,3}(?:(?:,|[ \u00a0\u202f\u2009])\d{3})+(?!\d)|\d+(?:\.\d+)?)"
    r"(?:\s+(?:thousand|million))?"
    r"(?![\w/]|[.,:]\d)"
)
_DIGITS = r"(?<![\w.,:/$€£#№-])" + _DIGITS_CORE
_NUM = rf"(?:{_DIGITS}|\b{_WORDNUM}\b)"

# Vague quantities: value, label. Looked up after normalising whitespace and case.
_VAGUE_VALUE = {
    "half a dozen": (6, None),
    "a dozen": (12, None),
    "dozen": (12, None),  # headline style: "airstrikes kill dozen Houthi rebels"
    "several dozen": (24, "dozens"),
    "a few dozen": (24, "dozens"),
    "dozens": (12, "dozens"),
    "tens of thousands": (10_000, "tens of thousands"),
    "hundreds of thousands": (100_000, "hundreds of thousands"),
    "many hundreds": (100, "hundreds"),
    "many thousands": (1000, "thousands"),
    "many dozens": (12, "dozens"),
    "several hundred": (200, "hundreds"),
    "a few hundred": (200, "hundreds"),
    "several thousand": (2000, "thousands"),
    "a few thousand": (2000, "thousands"),
    "tens": (10, "tens"),
    "scores": (20, "scores"),
    "hundreds": (100, "hundreds"),
    "thousands": (1000, "thousands"),
    "millions": (1_000_000, "millions"),
    "several": (2, "several"),
    "a few": (2, "a few"),
    "a couple": (2, "several"),
    "a number": (2, "several"),
    "a handful": (2, "several"),
    "some": (2, "some"),
    "many": (2, "many"),
    "numerous": (2, "many"),
    "an unknown number": (2, "several"),
    "an unspecified number": (2, "several"),
    "an undetermined number": (2, "several"),
    "a large number": (2, "many"),
    "a significant number": (2, "many"),
}
# The qualifiers of a count told by a word for a crowd ("dozens", "scores"), not a figure.
VAGUE_QUALIFIERS = frozenset(label for _, label in _VAGUE_VALUE.values() if label)
_VAGUE = (
    r"\b(?:half\s+a\s+dozen|a\s+dozen"
    # headline style, the article dropped: "Dozen killed in blast", "kill dozen rebels"
    r"|(?:(?<!\w\s)|(?<=\bkill\s)|(?<=\bkills\s)|(?<=\bkilled\s))dozen(?=\s+[a-z])"
    r"|(?:several|a\s+few)\s+(?:dozen|hundred|thousand)\b"
    r"|many\s+(?:dozens|hundreds|thousands)\b"
    r"|dozens|tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens(?=\s+of\b)|scores"
    r"|hundreds|thousands|millions|several|a\s+few"
    r"|(?:a\s+couple|a\s+number|a\s+handful"
    r"|an?\s+(?:unknown|unspecified|undetermined|large|significant)\s+number)(?=\s+of\b)"
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
_QUAL_KIND = {
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "a minimum of": "at least",
    "more than": "more than",
    "well over": "more than",
    "just over": "more than",
    "over": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "up to": "up to",
    "as many as": "up to",
    "at most": "up to",
    "no more than": "up to",
    "about": "about",
    "around": "about",
    "some": "about",
    "approximately": "about",
    "roughly": "about",
    "an estimated": "about",
    "estimated": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "fewer than": "nearly",
    "less than": "nearly",
    "a total of": None,
    "another": None,
    "a further": None,
}
_RANGE = (
    rf"(?:\bbetween\s+{_NUM}\s+and\s+{_NUM}"
    rf"|{_DIGITS}\s*[-–—]\s*{_DIGITS_CORE}"
    rf"|{_NUM}\s+(?:to|or)\s+{_NUM})"
)
# One number phrase: an optional qualifier, then a range, a number or a vague quantity.
_PHRASE = rf"(?:{_QUAL}\s+)?(?:{_RANGE}|{_NUM}|{_VAGUE})"
_PHRASE_RE = re.compile(_PHRASE, _F)
_VAGUE_WORDS = "|".join(k.replace(" ", r"\s+") for k in sorted(_VAGUE_VALUE, key=len, reverse=True))
_PHRASE_PARTS = re.compile(
    rf"(?:(?P<q>{_QUAL})\s+)?(?:"
    rf"between\s+(?P<a>{_NUM})\s+and\s+(?P<b>{_NUM})"
    rf"|(?P<a2>{_DIGITS})\s*[-–—]\s*(?P<b2>{_DIGITS_CORE})"
    rf"|(?P<a3>{_NUM})\s+(?:to|or)\s+(?P<b3>{_NUM})"
    rf"|(?P<n>{_NUM})"
    rf"|(?P<v>{_VAGUE_WORDS}))",
    _F,
)


def parse_number(words: str) -> int | None:
    """The value of a number written in digits or English words, or None.

    "1,300" and "1 300" -> 1300; "twenty-six" -> 26; "a hundred" -> 100; "one hundred and
    twelve" -> 112; "two thousand" -> 2000; "a dozen" -> 12; "3 million" -> 3000000.
    """
    s = " ".join(words.strip().lower().replace("\u2010", "-").split())
    if s in ("a dozen", "half a dozen"):
        return _VAGUE_VALUE[s][0]
    digits = re.fullmatch(r"(\d[\d,\s\u00a0\u202f\u2009]*(?:\.\d+)?)\s*(thousand|million)?", s)
    if digits:
        return _parse_digits(digits.group(1), digits.group(2))
    return _parse_words(re.split(r"[\s-]+", s)) if s else None


def _parse_digits(body: str, scale: str | None) -> int | None:
    groups = re.split(r"[\s,\u00a0\u202f\u2009]+", body.strip())
    if len(groups) > 1 and not (
        1 <= len(groups[0]) <= 3
        and all(len(g) == 3 for g in groups[1:-1])
        and re.fullmatch(r"\d{3}(?:\.\d+)?", groups[-1])
    ):
        return None
    body = "".join(groups)
    factor = _SCALE_WORDS.get(scale or "", 1)
    if "." in body:
        return round(float(body) * factor) if scale else None
    return int(body) * factor


def _parse_words(tokens: list[str]) -> int | None:
    """A small state machine over number words; None for anything that is not a number."""
    total = current = 0
    last = "start"
    open_after = ("start", "hundred", "and", "scale")
    for i, tok in enumerate(tokens):
        if tok in ("a", "an") and i == 0:
            current, last = 1, "a"
        elif tok == "and" and last in ("hundred", "scale"):
            last = "and"
        elif tok in _TENS_WORDS and last in open_after and current % 100 == 0:
            current, last = current + _TENS_WORDS[tok], "tens"
        elif tok in _TEEN_WORDS and last in open_after:
            current, last = current + _TEEN_WORDS[tok], "teen"
        elif tok in _UNIT_WORDS and last in (*open_after, "tens"):
            current, last = current + _UNIT_WORDS[tok], "unit"
        elif tok == "dozen" and last == "unit" and total == 0 and current < 11:
            current, last = current * 12, "scale"  # "two dozen"
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
    ends = [m.group(k) for k in ("a", "b", "a2", "b2", "a3", "b3") if m.group(k)]
    if ends:
        a, b = parse_number(ends[0]), parse_number(ends[1])
        if a is None or b is None or a >= b:
            return None
        return _Value(None if qual in ("up to", "nearly") else a, b, "between")
    if m.group("n"):
        n = parse_number(m.group("n"))
        return None if n is None else _qualified(n, qual)
    low, label = _VAGUE_VALUE[_norm(m.group("v"))]
    if label is None:  # "a dozen": an exact number
        return _qualified(low, qual)
    return _Value(low, None, qual if qual in ("at least", "more than") else label)


def _qualified(n: int, qual: str | None) -> _Value:
    if qual in ("at least", "more than"):
        return _Value(n, None, qual)
    if qual in ("up to", "nearly"):
        return _Value(None, n, qual)
    return _Value(n, n, qual)


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


# ---------------------------------------------------------------- vocabulary

# Verbs and nouns after a subject ("three were killed", "27 dead", "3 fatalities").
_KILLED_AFTER = (
    r"killed|dead|died|die|dies|perished|slain|martyred|executed|murdered|massacred"
    r"|assassinated|beheaded|slaughtered|lynched|neutrali[sz]ed|shot\s+dead|gunned\s+down"
    r"|shot\s+and\s+killed|fatally\s+(?:shot|wounded|injured|stabbed|hurt)"
    r"|lost\s+(?:their|his|her)\s+li(?:ves|fe)|lives\s+(?:(?:were|have\s+been|had\s+been)\s+)?lost"
)
_INJURED_AFTER = (
    r"injured|wounded|hurt|hospitali[sz]ed"
    r"|(?:suffered|sustained|received)\s+(?:\w+\s+)?(?:injuries|wounds)"
)
_COUNT_NOUNS = r"deaths|fatalities|martyrs|injuries"
# Participles that are also active past tenses ("gunmen killed three").
_PARTICIPLE = re.compile(
    r"(?:killed|injured|wounded|hurt|executed|murdered|massacred|assassinated|beheaded"
    r"|slaughtered|slain|lynched|neutrali[sz]ed|shot\s+dead|gunned\s+down|shot\s+and\s+killed"
    r"|fatally\s+\w+)$",
    _F,
)
# Verbs and nouns before an object ("killing three", "the deaths of 20").
_KILLING = (
    r"kill|kills|killed|killing|shot\s+dead|shoots?\s+dead|shooting\s+dead|gunned\s+down"
    r"|gunning\s+down|guns?\s+down|execute|executed|executing|executes|massacres?|massacred"
    r"|massacring|murder|murdered|murdering|murders|slaughters?|slaughtered|slaughtering"
    r"|beheads?|beheaded|beheading|lynch|lynches|lynched|lynching|neutrali[sz](?:e|es|ed|ing)"
)
_KILLING_NOUNS = (
    r"(?:claimed|claiming|claims|claim|cost|costing|costs|took|taking|takes|take|taken)"
    r"\s+(?:the\s+)?lives\s+of|(?:the\s+)?deaths?\s+of|(?:the\s+)?killings?\s+of"
)
_INJURING = r"injure|injures|injured|injuring|wound|wounds|wounded|wounding"
_INJURING_NOUNS = r"(?:the\s+)?injur(?:y|ies)\s+(?:of|to)"
# A plain form after "to", "could", "vowed to": "vowed to kill 100" is no count.
_BASE_FORMS = {
    "kill",
    "injure",
    "wound",
    "shoot dead",
    "gun down",
    "execute",
    "massacre",
    "murder",
    "slaughter",
    "behead",
    "lynch",
    "neutralise",
    "neutralize",
    "lose",
}

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
    r"|bandit|herder|herdsman|robber|thief|trader|vigilante|kidnapper|guerrill?a|commando"
    r"|jawan|cadre|maoist|hunter|settler|informant|mourner|bodyguard|elder|motorist"
    r"|labou?rer|islamist|smuggler|poacher"
    r"|(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old"
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
    r"|supporters|citizens|tourists|hostages|others|bandits|herders|herdsmen|robbers|thieves"
    r"|traders|vigilantes|kidnappers|guerrill?as|commandos|jawans|cadres|maoists|hunters"
    r"|settlers|informants|mourners|bodyguards|elders|motorists|labou?rers|islamists|smugglers"
    r"|poachers|cultists|pirates|dissidents|opponents|suspects|babies|infants|couple"
)
# Words that end the noun phrase between a number and its verb.
_STOP = (
    r"(?:were|are|was|is|am|be|been|being|have|has|had|will|would|could|should|may|might"
    r"|must|can|did|do|does|and|or|but|nor|who|which|that|whom|whose|when|while|after"
    r"|before|since|as|than|if|because|where|said|says|say|told|reported|according|among"
    r"|amongst|including|incl|mostly|not|no|to|by|for|with|against|per|killed|dead|died"
    r"|injured|wounded|hurt|kill|kills|killing|injuring|wounding|also|how)"
)
_QUANT = (
    r"(?:a|an|one|many|some|several|few|dozens|hundreds|thousands|scores|tens|numerous|how"
    r"|no|any|all|more|most|other|both|number|dozen|left|earlier|later|then|meanwhile)"
)
_DET = r"(?:the|these|those|its|their|his|her|our|your|this|that)"
_PREP = (
    r"(?:in|on|at|of|from|into|onto|near|inside|outside|across|over|under|during|after"
    r"|before|between|among|through|via|per|about|around|meanwhile)"
)
_W = r"[^\W\d][\w'’.-]*"
# An adjective-like word before a plural victim noun ("Syrian soldiers", "al-Nusra terrorists").
_ADJ = rf"(?!{_STOP}\b|{_WORDNUM}\b|{_QUANT}\b|{_DET}\b|{_PREP}\b){_W}"

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
    r"|checkpoints?|shootings?|stabbings?|clashes|battles?|protests?|rallies|animals"
    r"|cattle|sheep|cows|dogs|horses|birds|trees|crops|lakhs?|crores?|rupees)\b",
    _F,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*(?:year|month|week|day|hour|minute)s?\b|%|-?\s*(?:per\s*cent|percent)\b"
    r"|[\[(]?\s*(?:rubles?|roubles?|dollars?|euros?|pounds?|hryvnias?)\b"
    r"|(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|times|km|miles?"
    r"|metres?|meters?|kilometres?|kilometers?|am|pm|a\.m\.|p\.m\.|gmt|utc)\b)",
    _F,
)
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:aged(?:\s+(?:from|between))?|ages?\s+(?:from|between)|age|ages|section|article|division|brigade|battalion|regiment|resolution"
    r"|highway|route|road|unit|room|flight|page|chapter|part|level|phase|grade|no\.?|number"
    r"|paragraph|item|line|bus|block|apartment|zone|sector|covid|year|rs\.?|inr|usd|rupees"
    r"|" + _MONTHS + r")"
    r"|[#№$€£]|\d\s*(?:and|to|-|–)|\d,)\s*$",
    _F,
)
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:at|till|until|in|since|by|from|during|on|of|the|early|late|mid)|[,(]"
    # "August 24 2014 Hundreds dead": a dateline's year
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}"
    r"(?:st|nd|rd|th)?)?)\s*$",
    _F,
)
_SUBSET_BEFORE = re.compile(
    r"\b(?:including|includes|include|incl\.?|among\s+them|among\s+whom|amongst\s+them"
    r"|of\s+whom|of\s+them|mostly|most\s+of\s+them|many\s+of\s+them|among\s+those)\s*,?\s*$",
    _F,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:to|could|would|will|might|may|can|cannot|not|never|n't|failed\s+to|trying\s+to"
    r"|tried\s+to|threatened\s+to|vowed\s+to|plans?\s+to|planned\s+to)\s+$",
    _F,
)
_COMBINED_BEFORE = re.compile(
    r"\b(?P<verb>kill\w*|wound\w*|injur\w*|maim\w*|hurt\w*|dead)\s+(?:and|or|and/or)\s+$", _F
)
_COMBINED_AFTER = re.compile(
    r"(?:\s+(?:and|or|and/or)\s+(?P<verb>kill\w*|wound\w*|injur\w*|maim\w*|hurt\w*|dead|missing)"
    r"|\s*[,/&]\s*(?P<listed>killed|wounded|injured|hurt|dead|missing))\b",
    _F,
)
_ABLE_TO = re.compile(
    r"\b(?:succeeded|managed|able|went\s+on|continued|continues|continue)\s+to\s+$", _F
)
# A participle used as an adjective ("severely injured children", "dead and injured people").
_ADJECTIVAL_BEFORE = re.compile(
    r"\b(?:the|a|an|of|and|or|as\s+well\s+as|with|several|many|dozens|hundreds|some|severely"
    r"|seriously|critically|badly|lightly|slightly|most|more|other|were|are|was|is|been"
    r"|being|no|any|newly|recently)\s*$",
    _F,
)
# What may follow a reduced passive ("3 people killed in ..."): anything but an object.
_REDUCED_PASSIVE_NEXT = re.compile(
    r"\s*(?:$|[.,;:!?)\]\"'”’—–/&-]|(?:in|on|at|by|during|when|after|as|since|near|across"
    r"|overnight|yesterday|today|tonight|last|this|earlier|and|while|including|following"
    r"|from|over|with|amid|inside|outside|around|throughout|so|because|due|each|every"
    r"|between|along|under|within|before|until|the\s+same|early|late|according|but|were"
    r"|was|have|had)\b)",
    _F,
)
_OBJECT_START = re.compile(rf"\s+[\"“‘']?(?:{_PHRASE}|(?:a|an|his|her|their|its)\b)", _F)
_CASUALTY_NEXT = re.compile(
    r"\s+(?:(?:people|others|more)\s+)?(?:(?:were|are|have\s+been|had\s+been)\s+)?"
    r"(?:injured|wounded|killed|dead|hurt|died)\b",
    _F,
)
# Case-sensitive, so that "IS killed 270" (Islamic State) stays active.
_PASSIVE_BEFORE = re.compile(
    r"\b(?:[Ww]ere|[Ww]as|[Aa]re|[Ii]s|[Bb]een|[Bb]eing|[Bb]e|[Gg]ot)\s+(?:[a-z]+ly\s+)?$"
)
_QUANTITY_BEFORE = re.compile(
    rf"(?:\d|\b(?:of|and|or|than|among|including|whom|{_WORDNUM}|{_QUANT}))"
    rf"(?:\s+{_W})?\s*$",
    _F,
)

# ---------------------------------------------------------------- the rules' patterns

_ZERO_SUBJECT = re.compile(
    r"\b(?P<num>no\s+one|no-one|nobody|none|no\s+(?:people|civilians|person|soldiers))"
    r"(?:\s+(?:of\s+)?(?:the\s+)?[^\W\d]\w*){0,2}?"
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
    r"(?:\b(?:death|casualty|fatality|the|its|final|overall|official|updated|new)\s+|^\s*)toll\b"
    r"(?P<mid>[^.;!?]{0,80}?)\b(?:to|at|of|reach(?:es|ed)|hits?|is|was|now|stands|stood"
    rf"|pass(?:es|ed)|exceed(?:s|ed)|tops|topped|nears|estimated)\s+(?P<num>{_PHRASE})(?!\s+of\b)",
    _F,
)
# A headline toll named by what it counts: "Kabul toll climbs to 40", "Quake toll hits 300".
_TOLL_RISES = re.compile(
    r"\btoll\s+(?:rises|rose|risen|climbs|climbed|jumps|jumped|mounts|mounted|increases"
    r"|increased|soars|soared|reaches|reached|hits|hit|tops|topped|passes|passed|nears|neared"
    rf"|up|now|at)\s+(?:to\s+|at\s+)?(?P<num>{_PHRASE})(?!\s+of\b)"
    rf"|\bdeath\s+toll\s*:?\s+(?P<num2>{_DIGITS})",
    _F,
)
_TOLL_AFTER = re.compile(
    rf"\bupdated\s+to\s+(?P<num>{_PHRASE})\s+(?:its|the|their)\s+(?:death\s+)?toll\b", _F
)
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?:[\w'’-]+\s+){0,6}?"
    r"(?P<verb>dead|deaths|fatalities|martyrs|killed|injured|wounded|injuries)\b"
    r"(?P<mid>[^.;!?]{0,120}?)\b(?:to|at|reached|hit|is|was|stands|stood)\s+"
    rf"(?P<num>{_PHRASE})(?!\s+of\b)",
    _F,
)
_OBJECT = re.compile(
    rf"\b(?P<verb>{_KILLING_NOUNS}|{_INJURING_NOUNS}|{_KILLING}|{_INJURING})"
    rf"(?:\s+(?:also|reportedly|only))?\s+[\"“‘']?(?P<num>{_PHRASE})",
    _F,
)
_NP_WORD = re.compile(
    rf"\s+#?(?:(?-i:IS)\b|(?!{_STOP}\b){_W}|and(?=\s+(?!{_WORDNUM}\b|a\b|an\b|another\b)[^\W\d]))",
    _F,
)
_SUBJECT_TAIL = re.compile(
    r"(?P<ormore>\s+or\s+more|\+|-plus\b)?"
    r"(?P<subset>\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom|mostly"
    r"|most\s+of\s+them|many\s+of\s+them|incl\.?)"
    rf"(?:\s+(?:(?!{_STOP}\b)(?:{_W}|\d[\d,]*)|and)){{1,8}}?,?)?"
    r"(?:\s*\([^()]{0,30}\))?"
    r"(?:\s*,?\s*(?:who|that))?"
    r"(?P<aux>(?:\s+(?:were|are|was|is|have|has|had|having|been|being|got|get|also|all|both"
    r"|reported|reportedly|confirmed|said|believed|thought|estimated|to|found|left|later|since"
    r"|now"
    r"|so\s+far|each|(?!fatally\b)[a-z]+ly))*)"
    rf"\s+(?P<verb>{_KILLED_AFTER}|{_INJURED_AFTER}|{_COUNT_NOUNS})\b",
    _F,
)
_LIVES = re.compile(
    r"\b(?:claimed|claiming|claims|cost|costing|costs|took|taken|takes|taking)\s+"
    rf"(?P<num>{_PHRASE})\s+(?:of\s+)?(?:(?:more|other|civilian|innocent|human)\s+)?"
    r"(?P<verb>lives)\b",
    _F,
)
# A side's own dead: "Army kills 20 rebels, loses 3 men", "ISIL lost 13 of its fighters"
# (people only: "lost 3 seats" is not).
_LOST_MEN = re.compile(
    rf"\b(?P<verb>lose|loses|lost|losing)\s+(?P<num>{_PHRASE})\s+(?:of\s+(?:its|their)\s+)?"
    rf"(?:{_ADJ}\s+){{0,2}}?(?:{_PERSON_PL})\b",
    _F,
)
_ONE_OBJECT = re.compile(
    rf"\b(?P<verb>{_KILLING_NOUNS}|{_INJURING_NOUNS}|{_KILLING}|{_INJURING})\s+"
    rf"(?P<num>(?:a|an)\s+(?:(?!{_STOP}\b|{_PREP}\b)[\w'’-]+\s+){{0,3}}?(?:{_PERSON_SG})"
    r"(?!['’]s)\b|him\b|her(?=\s*(?:[,.;:!?]|$|\s(?:in|on|at|and|with|while|after|as|during"
    r"|outside|near|inside)\b)))",
    _F,
)
_SHOT_HIM_DEAD = re.compile(r"\bshot\s+(?P<num>him|her)\s+(?P<verb>dead)\b", _F)
_SUBJECT_AUX = (
    r"(?P<aux>(?:\s+(?:was|were|is|are|has|have|had|been|got|also|all|both|reportedly|later"
    r"|(?!fatally\b)[a-z]+ly))*)"
)
_ONE_SUBJECT = re.compile(
    rf"(?P<num>\b(?:a|an|the|another)\s+(?:(?!{_STOP}\b|{_PREP}\b)[\w'’-]+\s+){{0,3}}?"
    rf"(?:{_PERSON_SG})|\b(?:he|she)\b)"
    rf"{_SUBJECT_AUX}\s+(?P<verb>{_KILLED_AFTER}|{_INJURED_AFTER})\b",
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
    rf"\b(?P<verb>{_KILLING}|{_INJURING})\s+"
    rf"(?P<num>(?:{_ADJ}\s+){{0,2}}(?:{_PERSON_PL}))\b",
    _F,
)
_PLURAL_SUBJECT = re.compile(
    rf"(?P<num>(?<![\w'’-])(?:{_ADJ}\s+){{0,2}}(?:{_PERSON_PL}))"
    rf"{_SUBJECT_AUX}\s+(?P<verb>{_KILLED_AFTER}|{_INJURED_AFTER})\b",
    _F,
)

# Bodies found are a count of the dead: "12 bodies found", "police find 12 bodies", "the bodies
# of 12 men were recovered", "body of journalist found in river", "a body was found". A number
# before "bodies" needs a verb of finding, as "the two bodies" may be institutions.
_FIND = (
    r"(?:found|finds?|finding|discover(?:ed|s|ing)?|recover(?:ed|s|ing)?|retriev(?:e|ed|es|ing)"
    r"|exhum(?:e|ed|es|ing)|unearth(?:ed|s|ing)?|locat(?:e|ed|es|ing)|dug\s+up|pulled\s+out"
    r"|dumped|washed\s+up|identif(?:y|ied|ies|ying))"
)
_BODIES_FOUND = re.compile(
    rf"\b{_FIND}\s+(?:(?:the|another|a\s+further)\s+)?(?P<num>{_PHRASE})\s+"
    rf"(?:dead\s+|more\s+|{_ADJ}\s+){{0,2}}?bodies\b",
    _F,
)
_BODIES_SUBJECT = re.compile(
    rf"(?P<num>{_PHRASE})\s+(?:dead\s+|more\s+|{_ADJ}\s+){{0,2}}?bodies\b(?:\s+(?!{_FIND}\b){_W}){{0,4}}?"
    rf"\s+(?:(?:were|have\s+been|had\s+been|been|later|also)\s+)*{_FIND}\b",
    _F,
)
_BODIES_OF = re.compile(
    rf"\bbodies\s+of\s+(?P<num>{_PHRASE})"
    rf"(?=\s+(?:{_ADJ}\s+){{0,3}}?(?:{_PERSON_PL}|{_PERSON_SG})\b)",
    _F,
)
_ONE_BODY = re.compile(
    rf"\bbody\s+of\s+(?P<num>(?:(?:a|an)\s+)?(?:{_ADJ}\s+){{0,2}}?(?:{_PERSON_SG}))(?!['’]s)\b"
    rf"|\b{_FIND}\s+(?P<num2>an?\s+(?:dead\s+)?body)\b"
    rf"|(?P<num3>\ban?\s+(?:dead\s+)?body)\s+(?:(?:was|has\s+been|had\s+been)\s+)?{_FIND}\b",
    _F,
)

# Coordinated victims: "Twelve soldiers, 26 insurgents killed", "NATO soldier, 6 militants
# killed", "kills Taliban commander, 4 others". Each item is a number phrase with a victim noun
# or one bare victim; the list is read as one total, as the gold counts an event's dead. A
# later item may be a bare plural that shares the number before it: "Some 25 police officers,
# militias killed" and "5 soldiers and civilians killed" count 25 and 5 in all.
_GROUP_PL = rf"(?:{_PERSON_PL}|taliban|taleban|police|militias?)"
_ITEM_ADJ = rf"(?!(?:{_KILLING}|{_INJURING})\b){_ADJ}"
# After a number, a capitalised plural is a people too: "3 Israelis, 2 Palestinians killed".
_DEMONYM_PL = r"(?-i:[A-Z][a-z]{2,}s)"
_NUM_ITEM = (
    rf"(?:(?:his|her|their|its)\s+)?(?P<n>{_PHRASE})\s+(?:{_ITEM_ADJ}\s+){{0,3}}?"
    rf"(?:{_GROUP_PL}|{_PERSON_SG}|{_DEMONYM_PL})(?!['’]s)\b"
)
_ONE_ITEM = (
    rf"(?:(?:a|an|his|her|their)\s+)?(?:{_ITEM_ADJ}\s+){{0,2}}?(?:{_PERSON_SG})(?!['’]s)\b"
    r"|\b(?:himself|herself|self)\b"  # "Suicide bomber kills himself and 3 others"
)
_PL_ITEM = rf"(?P<pl>(?:{_ITEM_ADJ}\s+){{0,2}}?{_GROUP_PL})(?!['’]s)\b"
_ITEM = rf"(?:{_NUM_ITEM}|{_ONE_ITEM})"
_ITEM_RE = re.compile(rf"(?:{_NUM_ITEM}|{_ONE_ITEM}|{_PL_ITEM})", _F)
_ITEM_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
_LATER_ITEM = rf"(?:{_ITEM}|{_PL_ITEM})".replace("?P<n>", "").replace("?P<pl>", "")
_ITEM_LIST = rf"{_ITEM.replace('?P<n>', '')}(?:{_ITEM_SEP}{_LATER_ITEM})+"
_COORD_SUBJECT = re.compile(rf"(?<![\w'’-])(?P<num>{_ITEM_LIST})", _F)
_COORD_OBJECT = re.compile(
    rf"\b(?P<verb>{_KILLING}|{_INJURING})(?:\s+(?:also|reportedly))?\s+(?P<num>{_ITEM_LIST})",
    _F,
)
_ACTIVE_BEFORE = re.compile(rf"\b(?:{_KILLING}|{_INJURING})\s+$", _F)
# A list after an agent's preposition begins with the attackers, not the victims.
_AGENT_BEFORE = re.compile(r"\b(?:by|against|between)\s+$", _F)
# Where a bare singular victim may open a subject: a headline's start, after a colon or bar.
_HEADLINE_START = re.compile(r"(?:^|[:|.!?\"“]\s*)$")
# One bare victim in headline style: "Police kill suspected gunman", "Teen killed in ...".
_BARE_OBJECT = re.compile(
    rf"\b(?P<verb>{_KILLING}|{_INJURING})\s+"
    rf"(?P<num>(?:(?!{_STOP}\b|{_PREP}\b|{_DET}\b){_W}\s+){{0,2}}?(?:{_PERSON_SG}))(?!['’]s)\b",
    _F,
)
_MORE_VICTIMS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:his|her|their)\s", _F)
_BARE_SUBJECT = re.compile(
    rf"(?P<num>(?<![\w'’-])(?:{_ADJ}\s+){{0,3}}?(?:{_PERSON_SG}))(?:\s*,\s*\d{{1,2}}\s*,)?"
    rf"{_SUBJECT_AUX}\s+(?P<verb>{_KILLED_AFTER}|{_INJURED_AFTER})\b",
    _F,
)


# ---------------------------------------------------------------- public API


# Every rule needs one of these stems; a sentence without any is skipped at once.
# The verbs the victim patterns hinge on: after their subject, before their object.
_VERB_AFTER = re.compile(rf"\b(?:{_KILLED_AFTER}|{_INJURED_AFTER}|{_COUNT_NOUNS})\b", _F)
_VERB_BEFORE = re.compile(rf"\b(?:{_KILLING}|{_INJURING})\b", _F)
_CASUALTY_WORD = re.compile(
    r"kill|dead|died|\bdies?\b|death|injur|wound|hurt|harm|fatal|slain|martyr|execut|murder"
    r"|massacr|assassin|behead|slaughter|lynch|neutrali[sz]|shot|shoots?\s+dead|gun\w*\s+down|lives|lost\s+(?:their|his|her)\s+li"
    r"|perish|hospitali|casualt|toll|\blos(?:e|es|t|ing)\b|\bbod(?:y|ies)\b|погиб|убит|ранен|ранил|пострадал|скончал|застрел"
    r"|расстрел|травм|жертв",
    _F,
)


class _Hit(NamedTuple):
    """One count a rule found: offsets into the sentence, and the stretch it claims."""

    what: What
    start: int
    end: int
    value: _Value
    claim: tuple[int, int]


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """Every count of people killed or injured in ``text[start:end]``, in text order.

    Spans index the full ``text`` and lie inside ``[start, end)``. A stretch of text is
    read by the first rule that claims it (see the module docstring), so one number yields
    at most one count, except "no casualties", a zero for both killed and injured.
    """
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    sub = text[start:end]
    if not _CASUALTY_WORD.search(sub):
        return []
    taken: list[tuple[int, int]] = []
    found: list[Count] = []
    for rule in _RULES:
        mine: list[_Hit] = []
        for hit in rule(sub):
            same = [h.claim for h in mine if h.what == hit.what]
            if hit.start < hit.end and not _overlaps(hit.claim, taken + same):
                mine.append(hit)
        taken.extend(h.claim for h in mine)
        found.extend(
            Count(
                h.what,
                h.value.low,
                h.value.high,
                h.value.qualifier,
                Span.of(text, start + h.start, start + h.end),
            )
            for h in mine
        )
    found.sort(key=lambda c: (c.span.start, c.what))
    return found


def _overlaps(claim: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    a, b = claim
    return any(a < y and x < b for x, y in spans)


# ---------------------------------------------------------------- the rules

_NONE = _Value(0, 0, "none")
_ONE = _Value(1, 1, None)
_SOME = _Value(2, None, "plural")


def _zero(sub: str) -> Iterator[_Hit]:
    for m in _ZERO_SUBJECT.finditer(sub):
        what = _what(m.group("verb"))
        yield _Hit(what, m.start("num"), m.end("num"), _NONE, m.span())
        if m.group("also") or m.group("verb").lower() == "harmed":
            yield _Hit(_other(what), m.start("num"), m.end("num"), _NONE, m.span())
    for m in _ZERO_NOUN.finditer(sub):
        word = m.group("verb").lower()
        whats: tuple[What, ...] = ("killed", "injured")
        if word not in ("casualties", "victims") and not m.group("also"):
            whats = ("injured",) if word == "injuries" else ("killed",)
        for what in whats:
            yield _Hit(what, m.start("num"), m.end("verb"), _NONE, m.span())


def _toll(sub: str) -> Iterator[_Hit]:
    for m in _TOLL.finditer(sub):
        if not re.search(
            r"\b(?:could|may|might|would|will|expected|feared|likely|predict)", m.group("mid"), _F
        ) and not _things_after(sub, m.end("num")):
            yield from _valued("killed", m, toll=True)
    for pattern in (_TOLL_RISES, _TOLL_AFTER):
        for m in pattern.finditer(sub):
            key = "num2" if m.groupdict().get("num2") else "num"
            if key == "num2" and _is_year(m.group(key)):  # "Death toll 2011: a review"
                continue
            if not _things_after(sub, m.end(key)) and not _unit_follows(sub, m.end(key)):
                yield from _valued("killed", m, toll=True, key=key)
    for m in _NUMBER_OF.finditer(sub):
        what: What = "injured" if re.search(r"injur|wound", m.group("verb"), _F) else "killed"
        yield from _valued(what, m, toll=True)


def _objects(sub: str) -> Iterator[_Hit]:
    for m in _OBJECT.finditer(sub):
        if not _active_ok(sub, m):
            continue
        if _unit_follows(sub, m.end("num")) or _is_year(m.group("num")):
            continue
        if _number_is_subject(sub, m.end("num")):  # "3 Killed 40 Injured"
            continue
        if _things_after(sub, m.end("num")):  # "kill 30 cattle"
            continue
        yield from _valued(_active_what(m.group("verb")), m)


_NOUN_AFTER = re.compile(rf"(?:\s+(?!{_STOP}\b|{_PREP}\b){_W}){{1,3}}", _F)


_PERSON_WORD = re.compile(rf"(?:{_GROUP_PL}|{_PERSON_SG})$", _F)


def _things_after(sub: str, pos: int) -> bool:
    """Whether the words right after a number count things: 'destroyed 3 vehicles'."""
    m = _NOUN_AFTER.match(sub, pos)
    words = m.group().split() if m else []
    for word in words:
        if _PERSON_WORD.match(word):
            return False
        if _NOT_PEOPLE.fullmatch(word):
            return True
    return False


def _number_is_subject(sub: str, pos: int) -> bool:
    nxt = _CASUALTY_NEXT.match(sub, pos)
    return nxt is not None and not _OBJECT_START.match(sub, nxt.end())


def _subjects(sub: str) -> Iterator[_Hit]:
    for phrase in _PHRASE_RE.finditer(sub):
        before = sub[max(0, phrase.start() - 40) : phrase.start()]
        if _SUBSET_BEFORE.search(before) or _is_label(before, phrase.group()):
            continue
        if _unit_follows(sub, phrase.end()):
            continue
        if not _CASUALTY_WORD.search(sub, phrase.end(), phrase.end() + 200):
            continue
        tail = _subject_tail(sub, phrase)
        if tail is None:
            continue
        value = _phrase_value(phrase.group())
        if value is None:
            continue
        end = phrase.end()
        if tail.group("ormore") and value.low is not None:
            value, end = _Value(value.low, None, "at least"), tail.end("ormore")
        yield _Hit(
            _what(tail.group("verb")), phrase.start(), end, value, (phrase.start(), tail.end())
        )


_NP_MAX_WORDS = 8


def _subject_tail(sub: str, phrase: re.Match[str]) -> re.Match[str] | None:
    """The verb that makes the number its subject, across a short noun phrase."""
    pos = phrase.end()
    for _ in range(_NP_MAX_WORDS + 1):
        tail = _SUBJECT_TAIL.match(sub, pos)
        if tail is not None and _tail_ok(sub, phrase.group(), sub[phrase.end() : pos], tail):
            return tail
        word = _NP_WORD.match(sub, pos)
        if word is None:
            return None
        pos = word.end()
    return None


def _tail_ok(sub: str, num: str, np: str, tail: re.Match[str]) -> bool:
    aux, verb = _norm(tail.group("aux")), tail.group("verb")
    if np and _NOT_PEOPLE.search(np) or re.search(r"\b(?:the|of|a|an)\s*$", np, _F):
        return False
    if (
        tail.group("subset")
        and not tail.group("subset").endswith(",")
        and _PARTICIPLE.search(verb)
        and not re.search(r"\b(?:were|are|was|is|been|have|has|had)\b", aux)
    ):
        return False  # "700 people including 47 wounded": the verb is the subset's
    if re.search(r"\b(?:was|is)\b", aux) and not _is_one(num):
        return False
    return _verb_ok(sub, tail, aux, verb) and not _combined_after(sub, tail.end("verb"), verb)


def _verb_ok(sub: str, m: re.Match[str], aux: str, verb: str) -> bool:
    """A participle needs a passive auxiliary, or must not be followed by an object."""
    if re.fullmatch(r"dead", verb, _F) and re.search(r"\b(?:have|has|had)\b", aux):
        return False
    if not _PARTICIPLE.search(verb):
        return True
    if re.search(r"\b(?:been|being|were|are|was|is|got|get)\b", aux):
        return True
    if re.search(r"\b(?:have|has|had|having)\b", aux):
        return False
    nxt = m.end("verb")
    obj = _OBJECT_START.match(sub, nxt)
    if obj is not None and not _CASUALTY_NEXT.match(sub, obj.end()):
        return False
    return obj is not None or bool(_REDUCED_PASSIVE_NEXT.match(sub, nxt))


def _scan(pattern: re.Pattern[str], verbs: re.Pattern[str], sub: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sub)``, skipped outright when the verb every match needs is absent:
    the large victim patterns are slow to try at every position of a sentence."""
    return pattern.finditer(sub) if verbs.search(sub) else iter(())


def _coordinated(sub: str) -> Iterator[_Hit]:
    for m in _scan(_COORD_SUBJECT, _VERB_AFTER, sub):
        first = _ITEM_RE.match(m.group("num"))
        bare_start = first is not None and not first.group("n")
        if bare_start and not _HEADLINE_START.search(sub[: m.start()]):
            continue
        before = sub[max(0, m.start() - 40) : m.start()]
        if _SUBSET_BEFORE.search(before) or _ACTIVE_BEFORE.search(before):
            continue
        if _AGENT_BEFORE.search(before):  # "attack by 100 militants, 5 soldiers killed"
            continue
        tail = _SUBJECT_TAIL.match(sub, m.end())
        if tail is None or tail.group("subset") or tail.group("ormore"):
            continue
        aux, verb = _norm(tail.group("aux")), tail.group("verb")
        if re.search(r"\b(?:was|is)\b", aux) or not _verb_ok(sub, tail, aux, verb):
            continue
        if _combined_after(sub, tail.end("verb"), verb):
            continue
        yield from _total(sub, m, _what(verb), (m.start(), tail.end()))
    for m in _scan(_COORD_OBJECT, _VERB_BEFORE, sub):
        if _active_ok(sub, m) and not _number_is_subject(sub, m.end("num")):
            if not _CASUALTY_NEXT.match(sub, m.end()):
                yield from _total(sub, m, _active_what(m.group("verb")), m.span())


def _total(sub: str, m: re.Match[str], what: What, claim: tuple[int, int]) -> Iterator[_Hit]:
    """The sum of a list of victims; nothing when an item is not a count of people."""
    values, items = [], 0
    for item in _ITEM_RE.finditer(m.group("num")):
        items += 1
        num = item.group("n")
        if item.group("pl"):
            if not values:
                return
            continue  # shares the number before it
        if num is None:
            values.append(_ONE)
            continue
        if _NOT_PEOPLE.search(item.group()) or _is_year(num) or _unit_follows(num + " ", 0):
            return
        value = _phrase_value(num)
        if value is None:
            return
        values.append(value)
    if items < 2:
        return
    if len(values) == 1:  # one number shared by the list: its own qualifier stands
        yield _Hit(what, m.start("num"), m.end("num"), values[0], claim)
        return
    # An unknown low ("nearly 10") adds at least nothing; an unknown high leaves the sum open.
    lows, highs = [v.low for v in values], [v.high for v in values]
    low = None if all(v is None for v in lows) else sum(v or 0 for v in lows)
    high = None if None in highs else sum(v for v in highs if v is not None)
    if low is None and high is None:
        return
    yield _Hit(what, m.start("num"), m.end("num"), _Value(low, high, _sum_kind(low, high)), claim)


def _sum_kind(low: int | None, high: int | None) -> str | None:
    if low == high:
        return None
    if high is None:
        return "at least"
    return "up to" if low is None else "between"


def _bare(sub: str) -> Iterator[_Hit]:
    """One victim named by a bare noun, as headlines do ("Police kill suspected gunman")."""
    for m in _scan(_BARE_OBJECT, _VERB_BEFORE, sub):
        before = sub[max(0, m.start() - 40) : m.start()]
        adjectival = _PARTICIPLE.search(m.group("verb")) and _ADJECTIVAL_BEFORE.search(before)
        if _active_ok(sub, m) and not adjectival and _REDUCED_PASSIVE_NEXT.match(sub, m.end()):
            more = _MORE_VICTIMS.match(sub, m.end())  # "kill doctor, his associate"
            value = _SOME if more else _ONE
            yield _Hit(_active_what(m.group("verb")), *m.span("num"), value, m.span())
    for m in _scan(_BARE_SUBJECT, _VERB_AFTER, sub):
        aux, verb = _norm(m.group("aux")), m.group("verb")
        if (
            _HEADLINE_START.search(sub[: m.start()])
            and not re.search(r"\b(?:were|are|have|has|had)\b", aux)
            and _verb_ok(sub, m, aux, verb)
            and not _combined_after(sub, m.end("verb"), verb)
        ):
            yield _Hit(_what(verb), *m.span("num"), _ONE, m.span())


# "killed Qasem Soleimani and eight others", "Ahmed Said and two others were killed": a
# named victim and a count of the others, one more than the count.
_NAMED = r"(?-i:[A-Z][\w'’-]+)(?:\s+(?:(?:al|el|bin|ibn|abu)[- ])?(?-i:[A-Z][\w'’-]+)){1,3}"
_NAME_AND_OTHERS = re.compile(
    rf"(?:\b(?P<verb>{_KILLING})\s+(?P<name>{_NAMED})|(?P<name2>(?<![\w'’-]){_NAMED}))"
    rf"(?:,[^,.;]{{1,60}},)?\s+(?:and|along\s+with|as\s+well\s+as)\s+"
    rf"(?P<num>{_PHRASE})\s+others\b"
    rf"(?(name2){_SUBJECT_AUX}\s+(?P<verb2>{_KILLED_AFTER}|{_INJURED_AFTER})\b)",
    _F,
)


def _named_and_others(sub: str) -> Iterator[_Hit]:
    if "others" not in sub.lower():
        return
    for m in _NAME_AND_OTHERS.finditer(sub):
        value = _phrase_value(m.group("num"))
        if value is None or value.low is None:
            continue
        high = value.high + 1 if value.high is not None else None
        what = _what(m.group("verb") or m.group("verb2"))
        start = m.start("name") if m.group("name") else m.start("name2")
        yield _Hit(
            what,
            start,
            m.end("num") + len(" others"),
            _Value(value.low + 1, high, value.qualifier),
            m.span(),
        )


def _lives(sub: str) -> Iterator[_Hit]:
    for m in _LIVES.finditer(sub):
        yield from _valued("killed", m)
    for m in _LOST_MEN.finditer(sub):
        if _active_ok(sub, m):
            yield from _valued("killed", m)


_BODY_WORD = re.compile(r"\bbod(?:y|ies)\b", _F)


def _bodies(sub: str) -> Iterator[_Hit]:
    if not _BODY_WORD.search(sub):
        return
    for pattern in (_BODIES_FOUND, _BODIES_SUBJECT, _BODIES_OF):
        for m in pattern.finditer(sub):
            before = sub[max(0, m.start("num") - 40) : m.start("num")]
            if not _SUBSET_BEFORE.search(before) and not _is_label(before, m.group("num")):
                yield from _valued("killed", m)
    for m in _ONE_BODY.finditer(sub):
        key = next(k for k in ("num", "num2", "num3") if m.group(k))
        yield _Hit("killed", *m.span(key), _ONE, m.span())


def _single(sub: str) -> Iterator[_Hit]:
    for m in _ONE_OBJECT.finditer(sub):
        if _active_ok(sub, m):
            yield _Hit(_active_what(m.group("verb")), *m.span("num"), _ONE, m.span())
    for m in _SHOT_HIM_DEAD.finditer(sub):
        yield _Hit("killed", *m.span("num"), _ONE, m.span())
    for pattern in (_ONE_SUBJECT, _NAMED_VICTIM):
        for m in pattern.finditer(sub):
            if _passive_subject_ok(sub, m, plural=False, named=pattern is _NAMED_VICTIM):
                yield _Hit(_what(m.group("verb")), *m.span("num"), _ONE, m.span())


def _plural(sub: str) -> Iterator[_Hit]:
    for m in _scan(_PLURAL_OBJECT, _VERB_BEFORE, sub):
        before = sub[max(0, m.start() - 40) : m.start()]
        adjectival = _PARTICIPLE.search(m.group("verb")) and _ADJECTIVAL_BEFORE.search(before)
        if _active_ok(sub, m) and not adjectival:
            yield _Hit(_active_what(m.group("verb")), *m.span("num"), _SOME, m.span())
    for m in _scan(_PLURAL_SUBJECT, _VERB_AFTER, sub):
        # a headline drops the auxiliary: "Civilians killed in air strike on Idlib"
        headline = _HEADLINE_START.search(sub[: m.start()]) is not None
        if _passive_subject_ok(sub, m, plural=True, headline=headline):
            yield _Hit(_what(m.group("verb")), *m.span("num"), _SOME, m.span())


def _passive_subject_ok(
    sub: str, m: re.Match[str], plural: bool, named: bool = False, headline: bool = False
) -> bool:
    """A passive subject: its auxiliary agrees, and a participle has one unless in a headline."""
    aux, verb = _norm(m.group("aux")), m.group("verb")
    if re.search(r"\b(?:was|is)\b" if plural else r"\b(?:were|are)\b", aux):
        return False
    participle = _PARTICIPLE.search(verb) or re.fullmatch(r"dead", verb, _F)
    if participle and not re.search(r"\b(?:was|were|is|are|been|being|got)\b", aux):
        if not headline or aux:
            return False
    if (plural or named) and _QUANTITY_BEFORE.search(sub[max(0, m.start() - 40) : m.start()]):
        return False
    return _verb_ok(sub, m, aux, verb) and not _combined_after(sub, m.end("verb"), verb)


def _active_ok(sub: str, m: re.Match[str]) -> bool:
    """Not 'vowed to kill', not 'killing and wounding N' (one figure for both)."""
    verb = _norm(m.group("verb"))
    before = sub[max(0, m.start() - 40) : m.start()]
    if verb in _BASE_FORMS and _NEGATED_BEFORE.search(before) and not _ABLE_TO.search(before):
        return False
    if _PARTICIPLE.search(verb) and _PASSIVE_BEFORE.search(before):
        return False
    pair = _COMBINED_BEFORE.search(before)
    if pair and _kind(pair.group("verb")) != _kind(verb):
        return False
    return not _combined_after(sub, m.end("verb"), verb)


def _combined_after(sub: str, pos: int, verb: str) -> bool:
    """'killed or injured', 'wounded or missing': one figure for two kinds of victim."""
    pair = _COMBINED_AFTER.match(sub, pos)
    return pair is not None and _kind(pair.group("verb") or pair.group("listed")) != _kind(verb)


def _kind(verb: str) -> str:
    verb = verb.lower()
    if verb.startswith("missing"):
        return "missing"
    return "injured" if re.match(r"(?:wound|injur|maim|hurt)", verb) else "killed"


_RULES: tuple[Callable[[str], Iterator[_Hit]], ...] = (
    _zero,
    _toll,
    _named_and_others,
    _coordinated,
    _objects,
    _subjects,
    _lives,
    _bodies,
    _single,
    _bare,
    _plural,
)


# ---------------------------------------------------------------- helpers


def _valued(what: What, m: re.Match[str], toll: bool = False, key: str = "num") -> Iterator[_Hit]:
    value = _phrase_value(m.group(key))
    if value is None:
        return
    if toll:
        value = _Value(value.low, value.high, "toll")
    yield _Hit(what, m.start(key), m.end(key), value, m.span())


def _what(verb: str) -> What:
    if re.match(r"fatally", verb, _F):
        return "killed"
    injured = re.match(r"(?:injur|wound|hurt|hospital|suffer|sustain|receiv)", verb, _F)
    return "injured" if injured else "killed"


def _active_what(verb: str) -> What:
    return "injured" if re.search(r"injur|wound", verb, _F) else "killed"


def _other(what: What) -> What:
    return "injured" if what == "killed" else "killed"


def _unit_follows(sub: str, pos: int) -> bool:
    return bool(_UNIT_AFTER.match(sub, pos))


def _is_year(num: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", num.strip()))


def _is_label(before: str, num: str) -> bool:
    """'aged 19', 'aged from 4 to 10', 'Section 8', 'in 2011', 'March 2011', '$300'."""
    if _QUAL_START.match(num):
        return bool(re.search(r"\b(?:aged|ages?)(?:\s+(?:from|between))?\s*$", before, _F))
    if _is_year(num) and _YEAR_BEFORE.search(before):
        return True
    return bool(_LABEL_BEFORE.search(before))


_QUAL_START = re.compile(_QUAL + r"\s", _F)


def _is_one(num: str) -> bool:
    value = _phrase_value(num)
    return value is not None and value.low == 1 and value.high == 1
