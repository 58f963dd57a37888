"""Event triggers: words that report a political-violence or protest event, with ACLED types.

Each trigger names a sub-event type (ACLED's exact names). A sentence often holds several
(``killed by shelling``); the coder keeps the most specific one. Whether the trigger reports
something that happened (not a plan, a hypothetical or a denial) is judged here too, from
the words around it in its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.mentions.taken import Taken
from eventledger.records import Span


@dataclass(frozen=True, slots=True)
class Trigger:
    span: Span
    sub_event_type: str
    rank: int  # lower is more specific
    happened: bool  # the wording itself reports a past event (a finite past verb, "took place")


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    sub_event_type: str
    past: bool  # a match is itself a past-tense report


def _rule(sub_event_type: str, pattern: str, past: bool = False) -> _Rule:
    return _Rule(re.compile(pattern, re.IGNORECASE), sub_event_type, past)


# Ordered from most to least specific: the first rule that matches a word wins that word.
# Territory changes hands only when what was taken is a place: "captured the town of X".
_TERRITORY = (
    r"(?=\s+(?:(?:the|a|an|most of|part of|parts of|control of|about|several|key|strategic|"
    r"nearby|two|three|\d+)\s+)*(?:(?-i:[A-Z])|(?:towns?|city|cities|villages?|districts?|"
    r"areas?|bases?|regions?|provinces?|border crossings?|crossings?|gas fields?|oil fields?|"
    r"fields|airports?|hills?|neighbou?rhoods?|territory|positions?|checkpoints?|"
    r"strongholds?|suburbs?)\b))"
)

_RULES: tuple[_Rule, ...] = (
    _rule(
        "Chemical weapon",
        r"\b(chemical (weapons? )?(attacks?|massacres?|strikes?)|chemical weapons?|"
        r"gas (attacks?|massacres?)|"
        r"gassing|gassed|sarin|chlorine (gas|attack|bombs?)|nerve agents?|poison(ous)? gas|"
        r"toxic gas(es)?)\b",
    ),
    _rule(
        "Suicide bomb",
        r"\b(suicide (car |truck )?bomb(ers?|ings?|s)?|suicide (attacks?|attackers?|"
        r"vests?|blasts?|bombing)|blew (himself|herself|themselves) up|car bomb ramming)\b",
    ),
    _rule(
        "Air/drone strike",
        r"\b(air ?strikes?|air[- ]raids?|airstrikes?|warplanes?|war planes?|"
        r"fighter jets?|drone (strikes?|attacks?)|drones?|helicopter gunships?|barrel bombs?|"
        r"aerial (bombardment|attacks?|strikes?)|air force|raids|helicopters? dropped|"
        r"barrel-bombs?|air campaign|air war|bombing (raids?|runs?|sorties))\b",
    ),
    _rule(
        "Air/drone strike", r"\b(bombed|pounded|struck) by (jets|warplanes|aircraft|planes)\b", True
    ),
    # "Syrian government forces bombed a hospital": a state's bombing is from the air; an
    # armed group's ("militants bombed a bus") is a planted bomb, below.
    _rule(
        "Air/drone strike",
        r"\b(forces|army|military|jets|warplanes|aircraft|planes|coalition|regime|air force)"
        r"( \w+ly)? bombed\b",
        True,
    ),
    # "Israeli strikes killed at least 30", "US-led strikes on Syria": a state's strikes from the
    # air (not workers' strikes, which no one is killed by).
    _rule(
        "Air/drone strike",
        r"\b(?-i:[A-Z][a-z]*(?:i|ian|an|ese|ish|ch)|US|U\.S\.|NATO)(-led)? strikes"
        r"(?= (on|killed|kill|hit|targeted|against)\b)|\b[\w.]+-led strikes\b"
        r"|\b(?-i:[A-Z][a-z]*(?:i|ian|an|ese|ish|ch)|US|NATO) strike(?= (kills|killed|hits|hit)\b)",
    ),
    _rule(
        "Shelling/artillery/missile attack",
        r"\b(shell(ing|s)|shelled|shellfire|artillery|"
        r"mortars?|mortared|rockets?|missiles?|bombard(ed|ment|ments)|grad|mlrs|"
        r"cross-border fire)\b",
    ),
    _rule("Grenade", r"\b(hand )?grenades?\b"),
    _rule(
        "Remote explosive/landmine/IED",
        r"\b((car|roadside|truck|parcel|pipe|nail) bombs?|"
        r"ieds?|improvised explosive( devices?)?|landmines?|land mines?|explosive devices?|"
        r"bombs?|bomb(ing|ings)|bombed(?![- ]out)|bombs? (exploded|went off|blast)|blasts?|"
        r"explosions?|exploded|detonated|detonation)\b",
    ),
    _rule(
        "Sexual violence",
        r"\b(raped|rapes?|sexual(ly)? (assault(ed)?|violence|abused?))\b",
    ),
    _rule(
        "Abduction/forced disappearance",
        r"\b(kidnapp(ed|ing|ings)|abduct(ed|ion|ions|ing)|"
        r"taken hostage|held hostage|hostage-taking|forcibly disappeared)\b",
    ),
    _rule(
        "Excessive force against protesters",
        r"\b((police|troops|security forces|soldiers)( in [A-Z][\w-]+)? "
        r"(shot|shot dead|killed|opened fire on) ((at least|more than|some|about|nearly) )?"
        r"(\w+ )?(protesters|demonstrators|a protester|a teenage protester)|"
        r"live (rounds?|ammunition) (at|on) (\w+ )?(protesters|demonstrators|a protester)|"
        r"protesters? (were |was )?(shot dead|killed))\b",
        True,
    ),
    _rule(
        "Violent demonstration",
        r"\b((?<!anti-)riot(s|ed|ing|ers)?(?! (police|polices|gear|squads?|units?|officers|troops|"
        r"control|shields?|act|vans?))|rioters|"
        r"(petrol|gasoline) bombs?|molotov cocktails?|stormed (the )?parliament|"
        r"tried to storm|violence broke out|clashes broke out|violent (protests?|clashes))\b",
    ),
    # "Some protesters responded by throwing Molotov cocktails": demonstrators' own violence,
    # told as what they did.
    _rule(
        "Violent demonstration",
        r"\b((protesters|demonstrators) (\w+ ){0,2}(threw|throwing|hurled|hurling|set fire|"
        r"torched|stormed|attacked|vandali[sz]ed|smashed|clashed|fought|burned)|"
        r"(threw|throwing|hurled|hurling) (stones|rocks|bottles|firebombs|fire bombs))\b",
        True,
    ),
    _rule("Mob violence", r"\b(mob|mobs|lynch(ed|ing|ings)?|vigilantes?)\b"),
    _rule(
        "Armed clash",
        r"\b(clash(es|ed)?|fighting|fought|battles?|battled|gun ?battles?|gunfights?|"
        r"shoot-?outs?|(killed|shot dead) in an? (\w+ )?encounter|"
        r"firefights?|exchanges? of fire|exchanged fire|repelled (an? )?(\w+ )?attack|"
        r"ambush(ed|es)?|offensive|skirmish(es)?|insurgent attack)\b",
    ),
    # "troops killed six militants in North Waziristan": state forces killing armed men.
    _rule(
        "Armed clash",
        r"\b(troops|soldiers|security forces|(the )?army|police|forces) (\w+ly )?"
        r"(killed|shot dead|neutrali[sz]ed) ((at least|more than|some|about|nearly) )?(\w+ ){0,2}"
        r"(suspected )?(militants|insurgents|rebels|terrorists|fighters|gunmen|jihadists|bandits|"
        r"extremists|separatists|guerrillas)\b",
        True,
    ),
    _rule(
        "Government regains territory",
        r"\b(recaptured|retook|retaken( control( of)?)?|regained control( of)?|"
        r"recapture|(?<!-)liberated)" + _TERRITORY,
        True,
    ),
    _rule(
        "Non-state actor overtakes territory",
        r"\b(captured|seized (full |total |complete )?control( of)?|seized|"
        r"(took|taken) (full |total |complete )?control( of)?|took over|taken over|overran|overrun|"
        r"managed to control|seizes|captures|(?<!to )seize|"
        r"took(?= (an?|the|several|two|three|\d+) (areas?|villages?|towns?|"
        r"hills?|districts?|neighbou?rhoods?|positions?|checkpoints?|bases?)\b))" + _TERRITORY,
        True,
    ),
    _rule(
        "Attack",
        r"\b(stabb(ed|ing|ings)|knife attack|knifeman|shot dead|shot and killed|"
        r"shootings?|gunman|gunmen|opened fire|massacred?|assassinat(ed|ion)|murdered|murders|"
        r"executed|executions?|beheaded|hacked to death|beaten to death|ramming attack|"
        r"car-ramming|tortured|killing spree|attacked|attacks?|shot|beat up|beaten( up)?|"
        r"beatings?)\b",
    ),
    # "The bodies of seven men with gunshot wounds were found": killed, by someone.
    _rule(
        "Attack",
        r"\b(bod(y|ies)\b[^.;]{0,60}?\b(gunshot wounds?|bullet[- ]riddled|shot in the head|"
        r"signs of torture)\b[^.;]{0,60}?\b(found|discovered|dumped|recovered)|"
        r"(found|discovered|recovered)\b[^.;]{0,40}?\bbod(y|ies)\b[^.;]{0,60}?\b"
        r"(gunshot wounds?|bullet[- ]riddled|shot in the head|signs of torture))\b",
        True,
    ),
    # "Three Palestinians were killed by Israeli fire": shot at, by whoever fired.
    _rule("Attack", r"\b(killed|wounded|injured|shot) by (\w+ )?(gun)?fire\b", True),
    # "Hezbollah guerrillas killed the deputy chief", "Militants stormed a village, killing
    # 40": an armed group killing someone, or storming a place.
    _rule(
        "Attack",
        r"\b(gunmen|militants|guerrillas|rebels|insurgents|jihadists|militiamen|assailants|"
        r"attackers|terrorists|bandits|extremists|herdsmen|separatists) (\w+ly |have |had )?"
        r"(killed|shot dead|murdered|executed|kidnapped|stormed|raided)\b",
        True,
    ),
    _rule(
        "Protest with intervention",
        r"\b(tear ?gas|water ?cannons?|rubber bullets|pepper spray|"
        r"(police|authorities|officers) (dispersed|broke up|detained|arrested|cracked down)|"
        r"dispersed|mass detentions|forcibly dispersed|cracked down|crackdown|"
        r"разогнал\w*|задержан\w*)\b",
    ),
    _rule(
        "Peaceful protest",
        r"\b(protest(s|ed|ers|ing)?|demonstrat(ions?|ors?|ed)|rall(y|ies|ied)|"
        r"(?-i:marched|marches|march|marchers)|picket(s|ed|ing)?|vigils?|sit-ins?|hunger strikes?|"
        r"took to the streets|general strike|went on strike|митинг\w*|акци\w+ протеста|"
        r"протест\w*|пикет\w*)\b",
    ),
    _rule(
        "Arrests",
        r"\b(arrested|arrests?|detained|detentions?|taken into custody|apprehended|"
        r"rounded up)\b",
    ),
    _rule(
        "Looting/property destruction",
        r"\b(loot(ed|ing)|torched|set fire to|set on fire|"
        r"vandali[sz]ed|demolished|bulldozed|razed|destroyed (homes|houses|property|buildings))\b",
    ),
    _rule(
        "Looting/property destruction",
        r"\bburn(ed|t)( down)? (?!out\b)(\w+ ){0,3}(homes|houses|huts|villages)\b",
        True,
    ),
    _rule(
        "Agreement",
        r"\b(ceasefire|cease-fire|truce|peace (deal|agreement|accord)|"
        r"prisoner (exchange|swap)|signed an agreement|reached an agreement|"
        r"announce(d|s)? (a )?deal)\b",
    ),
    _rule(
        "Disrupted weapons use",
        r"\b(defused|intercepted|shot down|(foiled|thwarted)(?= (an? |the )?(\w+ ){0,2}"
        r"(bomb(ing)?s?|explosives?|ieds?|suicide|attacks?|missiles?|rockets?|drones?|plots?)\b))",
        True,
    ),
    _rule(
        "Change to group/activity",
        r"\b(troop withdrawal|withdrawal of (\w+ )?troops|"
        r"announce[ds]? (the )?withdrawal|pulled out (its|their) troops)\b",
    ),
)

_RANK = {r.sub_event_type: i for i, r in enumerate(_RULES)}

# Past-tense report around a trigger: an auxiliary + participle, a past verb, or "took place".
_PAST_NEAR = re.compile(
    r"\b(was|were|had been|have been|has been|got|came under|took place|taken place|happened|"
    r"occurred|"
    r"broke out|erupted|held|staged|killed|killing|died|wounded|injured|left|carried out|"
    r"launched|fired|hit|struck|targeted|pounded|dropped|opened|attacked|gathered|marched|"
    r"rallied|protested|blocked|surrounded|stormed|fought|used|arrested|detained|began|"
    r"started|continued|continuing|"
    r"прошл\w*|прошел|состоял\w*|погиб\w*|убит\w*|ранен\w*|задержа\w*|взорва\w*|обстрел\w*)\b",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"\b[a-z]{3,}ed\b")
# Participles that describe a noun rather than tell what happened.
_NOT_FINITE = frozenset(
    "armed based related linked loaded packed laden suspected alleged reported planned "
    "unidentified unexploded improvised detained banned named called armoured armored "
    "coordinated organised organized united".split()
)
_IRREGULAR_PAST = re.compile(
    r"\b(blew|went off|tore through|rocked|shook|began|hit|struck|threw|shot|fled|ran|"
    r"overran|took|set off|broke|beat|swept)\b"
)
# Words that make the clause not a report of a happened event.
_IRREALIS = re.compile(
    r"\b(could|would|might|shall|should|plans?(?: to|(?=\s+(?:an?\s+)?$))|planning to|planned|"
    r"threaten(s|ed)? to|threatening to|promised|vowed|pledged|intends? to|aims? to|if|unless|"
    r"fear(s|ed)? (that|of)|"
    r"postpone[ds]?|postponing|cancel(l?ed|s)?|call(ed)? off|"
    r"concerned that|risk of|potential|possible|proposed|proposals? to|calls? for|calling for|"
    r"deny|denies|denied|"
    r"did not|didn't|never|no longer|not been|were not|was not|wasn't|weren't|(has|have|had) not|"
    r"hasn't|haven't|hadn't|approval (of|for)|authori[sz]ation (of|for)|against|ban on|"
    r"anti-|law|bill|warned|accused .* of planning|charged|charges?|accused|suspicion|"
    r"suspected of|convicted|sentenced|indicted|trial|prosecuted|guilty|acquitted)\b",
    re.IGNORECASE,
)
# Modal verbs that are also names or months ("May", "Will") count only in lower case.
_MODAL_LOWER = re.compile(r"\b(may|will|won't)\b")
# "have attacked journalists previously": a habit or history, not one event.
_HABITUAL = re.compile(
    r"\b(previously|in the past|before that|for years|for decades|often|frequently)\b", re.I
)
# "her husband, who was arrested in May": a relative clause tells a person's history.
_RELATIVE_PAST = re.compile(
    r"\b(who|whom|whose \w+)\s+(was|were|had been|has been|have been)\s+(\w+\s+)?$", re.I
)
_CLAUSE_BREAK = re.compile(r"[;:,—–()\[\]]|\b(and|but|while|whereas|after|before|when)\b")
# "the debate about who was responsible for an alleged gas attack", "denied responsibility for
# the bombing": who bears the blame for an event presupposes it happened, so a modal or a denial
# before these words does not reach it.
_PRESUPPOSED = re.compile(r"\b(?:responsib(?:le|ility)|blamed?|blaming)\s+for\b", re.I)


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Every event trigger in ``text[start:end]``, one per word, most specific rule first."""
    end = len(text) if end is None else end
    taken = Taken()
    found: list[Trigger] = []
    for rank, rule in enumerate(_RULES):
        for m in rule.pattern.finditer(text, start, end):
            if not taken.claim(m.start(), m.end()):
                continue
            span = Span.of(text, m.start(), m.end())
            found.append(Trigger(span, rule.sub_event_type, rank, rule.past or _is_past(text, m)))
    found.sort(key=lambda t: t.span.start)
    return [t for i, t in enumerate(found) if not _is_modifier_of_previous(found, i, text)]


_NOT_EVENTS = re.compile(
    r"\b(shooting (range|practice|star)|rocket science|protest (law|song)s?|"
    r"fighting (corruption|crime|poverty|disease|fires?|for|to|against|the virus|covid\S*|"
    r"climate)|fought (for|to|against)|battles? (against|over|for|with) (corruption|cancer|"
    r"covid|the virus|addiction))\b",
    re.I,
)


# "Serbia lodged an official protest with Albania": a diplomatic note, not a demonstration.
_NOTE_OF_PROTEST = re.compile(
    r"\b(lodged|filed|issued|sent|registered|delivered|made)\s+(an?\s+|its\s+)?(\w+\s+)?$", re.I
)


def _is_modifier_of_previous(found: list[Trigger], i: int, text: str) -> bool:
    """'shelling attacks': the generic 'attacks' only repeats the trigger before it."""
    t = found[i]
    if _NOT_EVENTS.match(text, t.span.start):
        return True
    if t.span.quote.lower().startswith("protest") and _NOTE_OF_PROTEST.search(
        text, max(0, t.span.start - 40), t.span.start
    ):
        return True
    if i == 0 or t.sub_event_type != "Attack":
        return False
    prev = found[i - 1]
    return t.span.start - prev.span.end <= 1 and prev.rank < t.rank


def _is_past(text: str, m: re.Match[str]) -> bool:
    word = m.group(0).lower()
    if word.endswith("ed") and not word.endswith(("armed", "based", "related", "linked")):
        return True
    window = text[max(0, m.start() - 40) : min(len(text), m.end() + 40)]
    if _PAST_NEAR.search(window):
        return True
    # "A suicide bomber ... crashed into a patrol": the trigger's own clause goes on in a
    # finite past verb.
    after = text[m.end() : min(len(text), m.end() + 60)]
    after = _CLAUSE_BREAK.split(after, maxsplit=1)[0]
    return any(w.lower() not in _NOT_FINITE for w in _PAST_VERB.findall(after)) or bool(
        _IRREGULAR_PAST.search(after)
    )


# How far back a clause is looked at: a cue further from its trigger than this, with no
# comma or conjunction between, governs something else (and a longer look made a text with
# no sentence breaks quadratic).
CLAUSE_REACH = 300


def clause_reach(text: str, sentence_start: int, position: int) -> int:
    """Where a clause ending at ``position`` is read from: the sentence's start, or a word's
    start at most :data:`CLAUSE_REACH` characters back."""
    start = max(sentence_start, position - CLAUSE_REACH)
    if start > sentence_start:
        space = text.find(" ", start, position)
        start = space + 1 if space >= 0 else position
    return start


def clause_before(text: str, sentence_start: int, position: int) -> str:
    """The part of the clause that precedes ``position`` (from the last clause break, read
    from :func:`clause_reach`)."""
    head = text[clause_reach(text, sentence_start, position) : position]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def is_irrealis(text: str, sentence_start: int, trigger: Trigger) -> bool:
    """True when the trigger sits in a hypothetical, planned, negated or denied clause."""
    before = clause_before(text, sentence_start, trigger.span.start)
    presupposed = list(_PRESUPPOSED.finditer(before))
    if presupposed:
        before = before[presupposed[-1].end() :]
    if _RELATIVE_PAST.search(
        text, max(sentence_start, trigger.span.start - 40), trigger.span.start
    ):
        return True
    after = text[trigger.span.end : trigger.span.end + 60]
    if _HABITUAL.search(after.split(".")[0]):
        return True
    return bool(_IRREALIS.search(before) or _MODAL_LOWER.search(before)) or bool(
        re.match(r"\s*(law|bill|laws)\b", text[trigger.span.end : trigger.span.end + 8], re.I)
    )


# A determiner, then at most three modifiers that do not make the noun a new event: a date
# ("the August 21 attacks", "the late June attacks") or an evaluative word ("the failed attack").
_MODIFIER = (
    r"(?:(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|\d{1,2}(?:st|nd|rd|th)?|early|mid|late|failed|foiled|alleged|"
    r"apparent|suspected|reported|deadly|deadliest|latest|recent|earlier|previous|same|"
    r"twin|double|initial|first|second|brazen|horrific|brutal|bloody)"
)
_ANAPHOR = re.compile(
    r"\b(the|this|that|these|those|its|"
    r"(today|yesterday|tonight|last night|(monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)( night| morning| evening)?)['’]?s)\s+(" + _MODIFIER + r"\s+){0,3}$",
    re.I,
)


def is_anaphoric(text: str, trigger: Trigger) -> bool:
    """'The shooting began at 10:39': a definite noun that refers back to an event."""
    if trigger.span.quote.lower().endswith("ed"):
        return False
    return bool(_ANAPHOR.search(text, max(0, trigger.span.start - 48), trigger.span.start))


def specificity(sub_event_type: str) -> int:
    """Rank of a sub-event type (lower is more specific)."""
    return _RANK.get(sub_event_type, len(_RULES))
