"""Mentions -> Events: the event coder.

Each sentence that holds an event trigger reporting something that happened becomes a
*candidate*: the trigger's ACLED type, the sentence's dates, places, casualty counts, actors
and attributions. Candidates that describe the same happening (compatible type, date and
place) merge into one event, so an incident mentioned three times is one event. Aggregate
statements ("at least seven killed in recent months") become tallies, never incidents.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from eventledger.gazetteer import Gazetteer
from eventledger.mentions.actors import ActorMention, find_actors
from eventledger.mentions.attribution import Attribution, find_attributions, resolve_source
from eventledger.mentions.dates import find_dates
from eventledger.mentions.numbers import VAGUE_QUALIFIERS, find_counts, parse_number
from eventledger.mentions.places import demonym_country, find_places
from eventledger.mentions.sentences import Sentence, split_sentences
from eventledger.mentions.triggers import (
    Trigger,
    clause_before,
    find_triggers,
    is_anaphoric,
    is_irrealis,
    specificity,
)
from eventledger.mentions.victims import distinct, find_victims, may_name_victims
from eventledger.records import (
    Actor,
    Article,
    Claim,
    Count,
    DateMention,
    Event,
    Location,
    Place,
    PlaceMention,
    Range,
    Span,
)
from eventledger.taxonomy import event_type_of

_TALLY_WORDS = re.compile(
    r"\b(so far|to date|in recent (weeks|months|years)|in total|a total of|over the past|"
    r"during the past|in the past (few )?(days|weeks|months|years)|since the (start|beginning)|"
    r"this year|last year|that week|this week|regularly|every (day|week)|overall|cumulative|"
    r"death toll since|since (january|february|march|april|may|june|july|august|september|"
    r"october|november|december|\d)|(have|has) been (killed|injured|wounded)|have died|"
    r"(has|have) (killed|cost|claimed)|deadly \w+ (shootings|attacks|bombings))\b",
    re.IGNORECASE,
)
_DEEP = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One sentence's report of an event."""

    sentence: Sentence
    sub_event_type: str
    kind: str
    date: DateMention | None
    where: Location
    place_from_text: bool
    killed: Count | None
    injured: Count | None
    actors: tuple[ActorMention, ...]
    attributions: tuple[Attribution, ...]
    anaphoric: bool = False  # refers back to an event named earlier ("the attack")
    said_date: bool = False  # its date is the day a source spoke ("said on Tuesday"): by then
    by_dateline: bool = False  # a headline dated only by the report's dateline: by then too
    elsewhere: bool = False  # "in other parts of the city": not where the story's last event was
    part: Span | None = None  # the part of the sentence it rests on, when not all of it
    victims: tuple[Span, ...] = ()  # persons it names as killed, one span each

    @property
    def evidence(self) -> Span:
        return self.part or self.sentence.span


@dataclass(frozen=True, slots=True)
class _Context:
    article: Article
    gaz: Gazetteer
    sentences: tuple[Sentence, ...]
    places: dict[int, tuple[PlaceMention, ...]]
    dates: dict[int, tuple[DateMention, ...]]
    main: Location
    reported: date | None  # the day the report speaks from: its dateline, else publication
    dateline: DateMention | None = None
    counts: dict[tuple[int, int], tuple[Count, ...]] = field(default_factory=dict)
    landmarks: dict[str, PlaceMention] = field(default_factory=dict)  # see _landmarks
    named: tuple[PlaceMention, ...] = ()  # every place name of the text (see Coded)
    lead_day: DateMention | None = None  # the day a toll-telling lead names (see _lead_day)


def code_events(article: Article, gaz: Gazetteer, home: Place | None = None) -> tuple[Event, ...]:
    """Code the events an article reports; ``home`` is its outlet's (``mentions.homes``)."""
    return code_article(article, gaz, home).events


@dataclass(frozen=True, slots=True)
class Coded:
    """An article's events, and the place names its text holds (read before any country
    context, so the spans are those of the text alone: a home only picks among namesakes)."""

    events: tuple[Event, ...]
    places: tuple[PlaceMention, ...]


def code_article(article: Article, gaz: Gazetteer, home: Place | None = None) -> Coded:
    """:func:`code_events`, with the place names read on the way (what an outlet's home is
    learnt from, without reading the text again)."""
    ctx = _context(article, gaz, home)
    candidates: list[Candidate] = []
    for sentence in ctx.sentences:
        cand = _candidate(sentence, ctx, candidates)
        if cand is not None:
            candidates.extend(_enumerated(cand, ctx))
        else:
            _attach_counts(sentence, ctx, candidates)
    candidates = _violent_protests(candidates)
    groups = [g for g in _merge(candidates) if not _is_background(g, ctx.reported)]
    events = tuple(_event(group, i + 1, ctx) for i, group in enumerate(groups))
    return Coded(events, ctx.named)


def _is_background(group: list[Candidate], published: date | None) -> bool:
    """Events long before publication are history, not news ("the 9/11 attacks of 2001")."""
    dated = [c.date for c in group if c.date is not None and c.date.date is not None]
    if published is None or not dated or group[0].kind != "incident":
        return False
    latest = max(dated, key=lambda d: d.date)
    if latest.precision == "year" and latest.date.year < published.year:
        return True
    if all(d.precision in ("month", "year") for d in dated) and (
        latest.date.year,
        latest.date.month,
    ) < (published.year, published.month):
        # "In August 2022, a similar attack ...", "the air war launched last September": an
        # incident told only by a past month is cited in passing, not reported (ACLED codes an
        # earlier incident only when its day can be told)
        return True
    return (published - latest.date).days > 400


# ---------------------------------------------------------------- context


def _context(article: Article, gaz: Gazetteer, home: Place | None = None) -> _Context:
    text = article.text
    sentences = tuple(split_sentences(text))
    found = named = find_places(text, gaz, home=home)
    places = _where_things_happen(text, found)
    countries = Counter(pm.place.country for pm in places)
    if countries:
        top = countries.most_common(1)[0][1]
        context = frozenset(c for c, n in countries.items() if n * 2 >= top)
        found = find_places(text, gaz, context_countries=context, home=home)
        places = _where_things_happen(text, found)
    dateline = _dateline(text, find_dates(text, article.published, 0, _DATELINE_REACH))
    reported = dateline.date if dateline is not None else article.published
    dates = [d for d in find_dates(text, reported) if dateline is None or d.span != dateline.span]
    by_sentence = _by_sentence(sentences, places)
    dated = _by_sentence(sentences, dates)
    return _Context(
        article,
        gaz,
        sentences,
        by_sentence,
        dated,
        _main_place(places, gaz, _demonyms(text)),
        reported,
        dateline,
        landmarks=_landmarks(text, [pm for pms in by_sentence.values() for pm in pms]),
        named=tuple(named),
        lead_day=_lead_day(text, sentences, dated),
    )


# A dateline: the report's own date at its head, alone or after "Published"/"Posted on" or a
# news agency's name ("... Monitor AFP Sunday 26 Jul 2015 Rebel rockets ...").
_DATELINE_REACH = 300
_DATELINE_BEFORE = re.compile(
    r"(?:^\W*(?:(?:published|posted|updated)(?:\s+on)?\W*)?|\b(?-i:[A-Z]{2,6})\)?[\s,:–—-]*)$",
    re.IGNORECASE,
)
_YEAR_IN = re.compile(r"\b(19|20)\d\d\b")


# "..., Human Rights Watch said on Tuesday": the day of the statement, not of the event.
_REPORTED_ON = re.compile(
    r"\b(said|says|reported|announced|stated|added|confirmed|claimed|declared|wrote|"
    r"tweeted|told (reporters|journalists|the press|\w+)|(statement|report|video|communiqu[eé])"
    r"\s+(issued|released|published|posted)(\s+(early|late))?)\s*,?\s*(on\s+)?$",
    re.IGNORECASE,
)


# "airstrikes were reported late Saturday": the passive tells when the events were seen.
_REPORTED_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+reported\s*,?\s*(on\s+)?$", re.I)


# '"... behind it," Fabius told reporters': a quote, then the name of who said it.
_QUOTED_SPEAKER = re.compile(r"[\"”]\s*,?\s*(?:[A-Z][\w'’.-]*\s+){1,4}(?:told|said|says|added)\b")


def _said_when(text: str, span: Span) -> bool:
    before = max(0, span.start - 40)
    return bool(_REPORTED_ON.search(text, before, span.start)) and not _REPORTED_PASSIVE.search(
        text, before, span.start
    )


def _dateline(text: str, heads: list[DateMention]) -> DateMention | None:
    """The dateline at the head of a report: a full date (with its year) that opens the text
    or follows an agency's name. It dates the report, not an event, so relative days ("on
    Sunday") count back from it rather than from metadata that may disagree."""
    for d in heads:
        if d.date is None or d.precision != "day" or d.date_start is not None:
            continue
        if not _YEAR_IN.search(d.span.quote):
            continue
        if _DATELINE_BEFORE.search(text[: d.span.start]):
            return d
    return None


def _where_things_happen(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """Place mentions less continents (too coarse to locate an event) and countries that only
    name an actor ("US air strikes", "Russia said")."""
    return [
        pm
        for pm in places
        if pm.place.feature != "continent"
        and not (pm.place.feature == "country" and _ACTOR_NOUN.match(text, pm.span.end))
        and not _REPORTED_IN.search(text, max(0, pm.span.start - 60), pm.span.start)
        and not _ACROSS_BORDER.search(text, max(0, pm.span.start - 30), pm.span.start)
        and not _BURIED_IN.search(text, max(0, pm.span.start - 40), pm.span.start)
        and not _FIRED_FROM.search(text, max(0, pm.span.start - 40), pm.span.start)
    ]


def _by_sentence(sentences: tuple[Sentence, ...], mentions: list) -> dict[int, tuple]:
    out: dict[int, list] = {}
    i = 0
    for m in sorted(mentions, key=lambda m: m.span.start):
        while i < len(sentences) and sentences[i].span.end <= m.span.start:
            i += 1
        if i < len(sentences) and sentences[i].span.start <= m.span.start:
            out.setdefault(i, []).append(m)
    return {k: tuple(v) for k, v in out.items()}


def _location(pm: PlaceMention) -> Location:
    p = pm.place
    return Location(
        country=p.country,
        admin1=p.admin1 if p.feature != "admin1" else p.name,
        admin2=p.admin2 if p.feature != "admin2" else p.name,
        location=p.name if p.feature == "place" else None,
        lat=p.lat,
        lon=p.lon,
        geonames_id=p.geonames_id,
        precision=p.feature,
    )


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _demonyms(text: str) -> Counter[str]:
    """The countries the text's demonyms point to ("Syrian forces" -> SY), by count."""
    return Counter(
        code for m in _CAPITALISED.finditer(text) if (code := demonym_country(m.group()))
    )


def _main_place(
    places: list[PlaceMention], gaz: Gazetteer, demonyms: Counter[str] | None = None
) -> Location:
    """The article's dominant place: the most named country, then its most named region. A
    demonym ("Syrian forces") counts half a naming for a country the text also names."""
    if not places:
        return Location()
    countries: Counter[str] = Counter(pm.place.country for pm in places)
    for code, n in (demonyms or Counter()).items():
        if code in countries:
            countries[code] += n / 2
    country = countries.most_common(1)[0][0]
    regions = Counter(
        pm.place.admin1 if pm.place.feature != "admin1" else pm.place.name
        for pm in places
        if pm.place.country == country and pm.place.feature != "country"
    )
    regions.pop(None, None)
    if regions:
        admin1, n = regions.most_common(1)[0]
        if n >= 2 or len(regions) == 1:
            region = gaz.admin1(country, admin1)
            if region is not None:
                return replace(_location(PlaceMention(places[0].span, region)), admin2=None)
            return Location(country=country, admin1=admin1, precision="admin1")
    c = gaz.country(country)
    return Location(
        country=country,
        lat=c.lat if c else None,
        lon=c.lon if c else None,
        geonames_id=c.geonames_id if c else None,
        precision="country",
    )


# ---------------------------------------------------------------- candidates


def _candidate(sentence: Sentence, ctx: _Context, earlier: list[Candidate]) -> Candidate | None:
    text = ctx.article.text
    s = sentence.span
    triggers = [
        t
        for t in find_triggers(text, s.start, s.end)
        if not is_irrealis(text, s.start, t) and not _attempted_takeover(text, s.start, t)
    ]
    if not triggers or _WAR_TOLL.search(text, s.start, s.end):
        return None
    counts = list(_counts(ctx, s.start, s.end))
    if not any(c.what == "killed" for c in counts):
        counts += _one_death(text, s) or _bombers(text, s, triggers)
    dates = ctx.dates.get(sentence.index, ()) + _relative_to_story(text, s, earlier)
    if not (
        any(t.happened for t in triggers)
        or dates
        or counts
        or (_bare_headline(ctx) and any(_headline_verb(text, t) for t in triggers))
    ):
        return None
    fresh = [t for t in triggers if not is_anaphoric(text, t)]
    sub_type = _choose_type(fresh or triggers)
    if sub_type == "Attack" and _on_armed_men(text, fresh or triggers, counts):
        sub_type = "Armed clash"
    tally = _is_tally(text, s, dates)
    if tally and sub_type in _TERRITORY:
        # "Since late last week the rebels have taken over Kasab": a change of control happens
        # once, in that stretch of time; no running total. Dated by the stretch's start.
        tally, dates = False, tuple(_stretch_start(d) for d in dates)
    if tally and not counts and not any(t.sub_event_type in _PROTEST_TYPES for t in triggers):
        # "The regime has been using barrel bombs since 2012": a state of affairs, no tally.
        return None
    if earlier and not fresh:
        referent = _referent(triggers, earlier, sentence)
        here = _own_region(sentence, ctx, triggers)
        if (here is not None and not _same_region(here, referent)) or (
            tally and referent.kind != "tally"
        ):
            # "The battle in Latakia has killed some 300": the place (or the running total)
            # names another happening than the one before; the one of that place and kind,
            # if any, else a new event.
            there = [
                c
                for c in earlier
                if (here is None or (c.place_from_text and _same_region(here, c)))
                and (c.kind == "tally") == tally
                and event_type_of(c.sub_event_type) == event_type_of(referent.sub_event_type)
            ]
            if not there and tally and (here is None or not counts):
                # A running total that only refers back is background; one of a place the
                # text names ("The battle in Latakia has killed some 300") is a tally of its own.
                return None
            referent = there[0] if there else None
        if referent is not None and not _other_day(dates, referent):
            mention = _mention_of(referent, sentence, ctx, counts, dates)
            mention = replace(mention, victims=_victims(sentence, ctx, mention.actors))
            if referent.sub_event_type in _TERRITORY and sub_type not in _TERRITORY:
                # "the fighting" after a capture tells of the fighting, not of the capture
                mention = replace(mention, sub_event_type=sub_type)
            return mention
    elif not fresh and not (dates or counts):
        return None  # "That attack has spurred demands ...": no report of it to refer back to
    triggers = fresh or triggers  # "a protest had taken place before the attack": a new protest
    anchor = min(triggers, key=lambda t: t.rank).span.start
    if sub_type == "Arrests" and not _political_arrest(text, s, counts):
        return None
    actors = tuple(find_actors(text, s.start, s.end))
    if sub_type in _TAKERS:
        taking = min((t for t in triggers if t.sub_event_type in _TAKERS), key=lambda t: t.rank)
        sub_type = _taken_by(actors, taking.span.start, text, s.start) or sub_type
    previous = _previous_in_paragraph(sentence, earlier)
    kind = "tally" if tally else "incident"
    spoken = [d for d in dates if _said_when(text, d.span)]
    said_date = by_dateline = False
    date_mention = _choose_date(tuple(d for d in dates if d not in spoken), kind, text)
    if date_mention is None and previous is not None and previous.date is not None:
        # The day of the report before: only the day its source spoke, if that was all.
        date_mention, said_date = previous.date, previous.said_date
        by_dateline = previous.by_dateline
        if _QUOTED_SPEAKER.search(text, s.start, s.end):
            # '"... there was a chemical massacre ..." Fabius told reporters': a statement
            # names the happening; the day of the story around it only bounds it.
            said_date = True
    if date_mention is None and spoken:
        date_mention, said_date = _choose_date(tuple(spoken), kind, text), True
    dateline = ctx.dateline
    if date_mention is None and dateline is not None and s.start <= dateline.span.start < s.end:
        # A datelined headline tells that day's news: what it reports happened by then.
        date_mention, by_dateline = dateline, True
    elsewhere = bool(_ELSEWHERE.search(text, s.start, s.end)) and bool(earlier)
    if date_mention is None and (elsewhere or _SAME_DAY.search(text, s.start, s.end)):
        # "a few hours before the attack"; "in other parts of the city": the same time
        dated = [c.date for c in earlier if c.date is not None]
        date_mention = dated[-1] if dated else None
    lead = ctx.lead_day if date_mention is None and kind == "incident" else None
    if lead is not None and not 0 < sentence.index <= 6:
        lead = None  # only the first paragraphs tell the lead's incidents
    if lead is not None and all(c.date in (None, lead) or c.by_dateline for c in earlier):
        # "At least 14 people were killed in violence across Iraq on Monday." then "In
        # Baghdad, a car bomb ...": a lead that tells the day's toll dates the incidents told
        # under it, until the story tells another day.
        date_mention = lead
    places = _places_of(sentence, ctx) or _landmark_places(sentence, ctx) or _capital(sentence, ctx)
    where, from_text = _choose_place(places, None if elsewhere else previous, ctx.main, anchor)
    if elsewhere and not places and where.country:
        where, from_text = _country_level(where.country, ctx.gaz), False
    if _NATIONWIDE.search(text, s.start, s.end) and where.country:
        where, from_text = _country_level(where.country, ctx.gaz), True
    return Candidate(
        sentence,
        sub_type,
        kind,
        date_mention,
        where,
        from_text,
        _pick(counts, "killed"),
        _pick(counts, "injured"),
        actors,
        tuple(find_attributions(text, s.start, s.end)),
        said_date=said_date,
        by_dateline=by_dateline,
        elsewhere=elsewhere,
        victims=_victims(sentence, ctx, actors),
    )


# "in Forbury Gardens in Reading", "in the Jobar neighborhood of Damascus": a landmark the
# gazetteer does not know, placed by the text.
_LANDMARK_IN = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)"
    r"(?:\s+(?:neighbou?rhood|district|quarter|suburb|area|camp))?"
    r"(?=,?\s+(?:in|near|outside|of)\s+(?:the\s+)?[A-Z])"
)


def _landmark_places(sentence: Sentence, ctx: _Context) -> tuple[tuple[PlaceMention, bool], ...]:
    """A sentence that names no known place but a landmark ("a protest had taken place in
    Forbury Gardens") that the article placed earlier ("in Forbury Gardens in Reading"): the
    landmark stands for that place, as a mention of the landmark's own words."""
    text = ctx.article.text
    s = sentence.span
    found = []
    for name, pm in ctx.landmarks.items():
        if pm.span.start >= s.start:
            continue  # placed only later in the article
        at = text.find(name, s.start, s.end)
        if at >= 0:
            span = Span.of(text, at, at + len(name))
            found.append((PlaceMention(span, pm.place), True))
    return tuple(found)


# "suburbs of the capital", "the Syrian capital": the capital of the country the article is
# about (or that the demonym names); not "the capital of Hasakah province", a province's or a
# state's capital, or money. Read only where a sentence names no place ("the capital, Kabul"
# names one).
_THE_CAPITAL = re.compile(
    r"\b(?:the|its)\s+(?:(?:country|nation)['’]s\s+|(?P<demonym>(?-i:[A-Z][a-z]+))\s+)?"
    r"(?P<word>capital)(?:\s+city)?\b(?!,?\s+(?:of|punishment|gains?|markets?|investments?|"
    r"flight|expenditure|spending)\b)",
    re.IGNORECASE,
)


def _capital(sentence: Sentence, ctx: _Context) -> tuple[tuple[PlaceMention, bool], ...]:
    """A sentence that names no place but "the capital": the capital of the article's country
    (or of the country its demonym names), as a mention of the word "capital"."""
    text = ctx.article.text
    s = sentence.span
    for m in _THE_CAPITAL.finditer(text, s.start, s.end):
        demonym = m.group("demonym")
        country = demonym_country(demonym) if demonym else ctx.main.country
        if demonym and country is None:
            continue  # "the provincial capital", "the Kurdish capital"
        place = ctx.gaz.capital(country) if country else None
        if place is None:
            continue
        mention = PlaceMention(Span.of(text, m.start("word"), m.end("word")), place)
        return ((_around(mention, ctx), True),)
    return ()


def _landmarks(text: str, places: list[PlaceMention]) -> dict[str, PlaceMention]:
    """Each landmark the article places ("Forbury Gardens in Reading"), at its first
    placement, with the known place that placement names."""
    places = sorted(places, key=lambda pm: pm.span.start)
    starts = [pm.span.start for pm in places]
    located: dict[str, PlaceMention] = {}
    for m in _LANDMARK_IN.finditer(text):
        i = bisect_right(starts, m.end())
        if i < len(places) and places[i].span.start <= m.end() + 12:
            located.setdefault(m.group(1), places[i])
    return located


def _bare_headline(ctx: _Context) -> bool:
    """Whether the whole text is one headline ("Police fire tear gas at Kenya protesters"):
    one short sentence with no closing stop, told in the headline's present tense."""
    text = ctx.article.text.strip()
    return (
        len(ctx.sentences) == 1
        and len(text.split()) <= 20
        and not text.endswith((".", "?", "!", ":"))
    )


# A headline's present tense: "Thousands rally", "Protesters clash", "Police fire tear gas";
# not "braces for protests", "bans protests", "warns of attacks".
_HEADLINE_VERB = re.compile(
    r"rall(?:y|ies)|march(?:es)?|protest|clash(?:es)?|storms?|riot|attacks?|raids?|seizes?"
    r"|captures?|retakes?|burns?|loot|arrests?|detains?",
    re.IGNORECASE,
)
_HEADLINE_FIRE = re.compile(r"\b(?:fire|fires|use|uses|hurl|hurls)\s+$", re.IGNORECASE)
_NO_SUBJECT = frozenset(
    "a an the of for on over against to in at by with bans ban warns warn braces brace plans "
    "plan fears fear threatens threaten calls call urges urge vows vow".split()
)


def _headline_verb(text: str, trigger: Trigger) -> bool:
    """Whether a headline's trigger is its present-tense verb after a subject ("Thousands
    rally"), or the weapon of one ("Police fire tear gas")."""
    if _HEADLINE_FIRE.search(text, max(0, trigger.span.start - 12), trigger.span.start):
        return True
    before = text[: trigger.span.start].split()
    return bool(
        _HEADLINE_VERB.fullmatch(trigger.span.quote)
        and before
        and before[-1].isalpha()
        and before[-1].lower() not in _NO_SUBJECT
    )


_LEAD_TOLL = re.compile(
    r"\b(?:killed|died|dead|wounded|injured|violence|attacks|clashes|bombings)\b", re.I
)


def _lead_day(
    text: str, sentences: tuple[Sentence, ...], dates: dict[int, tuple[DateMention, ...]]
) -> DateMention | None:
    """The one day the article's first sentence tells a toll or violence on, when that
    sentence holds no event word of its own (else it is coded, or discarded, as one)."""
    if not sentences:
        return None
    lead = sentences[0].span
    if not _LEAD_TOLL.search(lead.quote) or find_triggers(text, lead.start, lead.end):
        return None
    days = [d for d in dates.get(0, ()) if d.precision == "day" and d.date_start is None]
    return days[0] if len(days) == 1 else None


# "In other parts of the city, the police used water cannon": the same day, another place.
_ELSEWHERE = re.compile(
    r"\b(in other parts of|elsewhere in|in another part of|in other (areas|districts|cities|"
    r"towns|neighbou?rhoods)|elsewhere)\b",
    re.IGNORECASE,
)


def _counts(ctx: _Context, start: int, end: int) -> tuple[Count, ...]:
    """The casualty counts of a sentence, read once however many rules ask for them."""
    key = (start, end)
    if key not in ctx.counts:
        ctx.counts[key] = tuple(find_counts(ctx.article.text, start, end))
    return ctx.counts[key]


# "Nabil Hasan al-Quaety, a journalist, died ... after being shot": one named victim.
_ONE_DEATH = re.compile(
    r"\b(he|she|[A-Z][\w’'-]+(?:\s+(?:al-|bin\s+|de\s+)?[A-Z][\w’'-]+)+)\b[^.;]{0,80}?\b"
    r"(died|was killed|was shot dead|was murdered|was assassinated|was beheaded|"
    r"was stabbed to death)\b"
)
_PLURAL_NEAR = re.compile(r"\b(they|were|people|civilians|others|and|both)\b", re.IGNORECASE)


def _one_death(text: str, s: Span) -> list[Count]:
    m = _ONE_DEATH.search(text, s.start, s.end)
    if not m or _PLURAL_NEAR.search(text, m.start(2) - 12, m.start(2)):
        return []
    return [Count("killed", 1, 1, None, Span.of(text, m.start(2), m.end(2)))]


def _victims(
    sentence: Sentence, ctx: _Context, actors: tuple[ActorMention, ...] | None = None
) -> tuple[Span, ...]:
    """The persons a sentence names as killed; names of places and armed groups are not."""
    text, s = ctx.article.text, sentence.span
    if not may_name_victims(text, s.start, s.end):
        return ()
    if actors is None:
        actors = tuple(find_actors(text, s.start, s.end))
    others = [pm.span for pm in ctx.places.get(sentence.index, ())] + [a.span for a in actors]
    return tuple(find_victims(text, s.start, s.end, others))


def _roll_call(group: list[Candidate]) -> Count | None:
    """'killed Qasem Soleimani' ... 'Abu Mahdi al-Muhandis, who was also killed' ... 'Other
    victims included a Kataeb Hezbollah official and Mohammed Reda': with no figure, the dead
    an event's reports name, each once: at least that many."""
    victims = distinct(sorted({v for c in group for v in c.victims}, key=lambda v: v.start))
    if not victims:
        return None
    n = len(victims)
    return Count("killed", n, None, "at least", victims[0])


# "An Islamic State attack on an army post killed 29 soldiers": armed men are the victims, so
# ACLED codes a battle, not violence against civilians. Not captives put to death ("executed
# three soldiers") nor those no longer armed ("former soldiers", "off-duty police").
_ARMED_VICTIMS = re.compile(
    r"\s+(?:(?:more|other|government|army|regime|security|military|police|border|[A-Z]\w+)\s+)?"
    r"(?:soldiers|troops|servicemen|policemen|police\s+officers|officers|gendarmes|militants"
    r"|fighters|insurgents|rebels|militiamen|guards|jihadists|members\s+of\s+the\s+security)\b"
)
_OPEN_ATTACK = re.compile(
    r"attack(?:s|ed|ers)?|gunm[ae]n|opened fire|shootings?|shot|assailants|militants attacked",
    re.IGNORECASE,
)


def _on_armed_men(
    text: str,
    triggers: list[Trigger],
    counts: Sequence[Count],
    open_attack: re.Pattern[str] = _OPEN_ATTACK,
    armed_victims: re.Pattern[str] = _ARMED_VICTIMS,
) -> bool:
    """Whether an open attack (its main trigger matching ``open_attack``) hurt only armed men
    (every casualty count followed by ``armed_victims``); each language gives its patterns."""
    best = min(triggers, key=lambda t: t.rank)
    if not open_attack.fullmatch(best.span.quote):
        return False
    hurt = [c for c in counts if c.what in ("killed", "injured")]
    return bool(hurt) and all(armed_victims.match(text, c.span.end) for c in hurt)


# "ISIS suicide bombers detonated an explosives-laden truck": ACLED counts the bombers among
# the dead; with no other toll they are the toll ("bombers", no number: two or more).
_BOMBERS = re.compile(
    r"\b(?:(?P<n>\w+)\s+)?suicide\s+(?:car\s+|truck\s+)?"
    r"bomber(?P<plural>s)?\b",
    re.IGNORECASE,
)


def _bombers(text: str, s: Span, triggers: list[Trigger]) -> list[Count]:
    if not any(t.sub_event_type == "Suicide bomb" for t in triggers):
        return []
    m = _BOMBERS.search(text, s.start, s.end)
    if m is None:
        return []
    span = Span.of(text, m.start(), m.end())
    if not m.group("plural"):
        return [Count("killed", 1, 1, None, span)]
    n = parse_number(m.group("n")) if m.group("n") else None
    return [Count("killed", n, n, None, span) if n else Count("killed", 2, None, "plural", span)]


def _enumerated(cand: Candidate, ctx: _Context) -> list[Candidate]:
    """'four shootings that week, including one in Gilroy, killing three, and another in
    Chippewa Falls where at least five died': one incident per place with its own toll, and
    the sentence's aggregate (if any) as a tally without their figures."""
    text = ctx.article.text
    s = cand.sentence.span
    killed = [c for c in _counts(ctx, s.start, s.end) if c.what == "killed"]
    towns = [
        pm for pm, _ in _places_of(cand.sentence, ctx) if pm.place.feature in ("place", "admin2")
    ]
    if len(killed) < 2 or len({pm.place.geonames_id for pm in towns}) < 2 or cand.anaphoric:
        return [cand]
    parts: list[Candidate] = []
    start = s.start
    for count in killed:
        end = _clause_end(text, count.span.end, s.end)
        inside = [pm for pm in towns if start <= pm.span.start < end]
        if inside:
            town = min(inside, key=lambda pm: abs(pm.span.start - count.span.start))
            part = Span.of(text, *_trim(text, start, end))
            parts.append(
                replace(
                    cand,
                    kind="incident",
                    where=_location(town),
                    place_from_text=True,
                    killed=count,
                    injured=None,
                    part=part,
                    date=cand.date if cand.kind == "incident" else _week_of(cand.date),
                )
            )
        start = end
    if len(parts) < 2:
        return [cand]
    head = [replace(cand, killed=None, injured=None)] if cand.kind == "tally" else []
    return head + parts


def _week_of(dm: DateMention | None) -> DateMention | None:
    """A tally's period date, as a point for the incidents enumerated inside it."""
    if dm is None or dm.date is None:
        return dm
    return DateMention(dm.span, dm.date, None, None, dm.precision)


_PART_END = re.compile(r"[,;]|\band\b")


def _clause_end(text: str, position: int, limit: int) -> int:
    m = _PART_END.search(text, position, limit)
    return m.start() if m else limit


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Time told from the story's own last dated event, not from the report's date: "a day
# before", "two days later", "the next day", "that week".
_STORY_TIME = re.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|six|\d{1,2}) days? (?P<dir>before|after|earlier|later)"
    r"|the (?P<adj>next|following|previous) day|the day (?P<dir2>before|after)"
    r"|(?P<week>that week|the same week|that same week)"
    r"|(?P<hours>(?:less than |more than |about |some )?(?:a few|several|\w+|\d+) hours "
    r"(?:before|after|earlier|later)|earlier that day|later that day|(?:that )?same day))\b",
    re.IGNORECASE,
)


def _relative_to_story(text: str, s: Span, earlier: list[Candidate]) -> tuple[DateMention, ...]:
    """Dates of a sentence told relative to the last event dated to a day. "That week" is
    the seven days up to that event, dated by their middle (ACLED's convention for a week)."""
    anchor = next(
        (
            c.date.date
            for c in reversed(earlier)
            if c.date is not None and c.date.date and c.date.precision == "day" and not c.said_date
        ),
        None,
    )
    if anchor is None:
        return ()
    found = []
    for m in _STORY_TIME.finditer(text, s.start, s.end):
        span = Span.of(text, m.start(), m.end())
        if m.group("hours"):
            found.append(DateMention(span, anchor, None, None, "day"))
            continue
        if m.group("week"):
            start = anchor - timedelta(days=6)
            found.append(DateMention(span, anchor - timedelta(days=3), start, anchor, "week"))
            continue
        words = (m.group("n") or "a").lower()
        n = 1 if words == "a" else parse_number(words)
        direction = (m.group("dir") or m.group("dir2") or m.group("adj") or "").lower()
        sign = -1 if direction in ("before", "earlier", "previous") else 1
        found.append(DateMention(span, anchor + timedelta(days=sign * n), None, None, "day"))
    return tuple(found)


_SAME_DAY = re.compile(
    r"\b((a few|several|two|three|four|\d+) hours (before|after|earlier|later)|earlier that day|"
    r"later that day|the same day|that same day|minutes (before|after))\b",
    re.IGNORECASE,
)
_POLITICAL = re.compile(
    r"\b(protesters?|demonstrators?|activists?|opposition|journalists?|politicians?|leaders?|"
    r"candidates?|members|militants?|rebels?|insurgents?|dissidents?|bloggers?|mercenar(y|ies)|"
    r"individuals|people|students|lawyers|organi[sz]ers|directors?|officials?|deputy|mayor)\b",
    re.IGNORECASE,
)


def _political_arrest(text: str, s: Span, counts: list[Count]) -> bool:
    """ACLED codes arrests of political or conflict actors, not of a suspect in a crime."""
    return bool(_POLITICAL.search(text, s.start, s.end)) or bool(
        re.search(r"\b\d{2,}\b(?!-year|\s*years?\s+old)", text[s.start : s.end])
    )


def _own_region(sentence: Sentence, ctx: _Context, triggers: Sequence[Trigger]) -> Location | None:
    """The first-level region a sentence names after a locative word near one of its
    triggers ("the battle in Latakia"), if any; not where someone else went ("arrived in
    Damascus to press ... to investigate Wednesday's alleged attack")."""
    named = [
        pm
        for pm, locative in _places_of(sentence, ctx)
        if locative and any(abs(pm.span.start - t.span.start) <= 60 for t in triggers)
    ]
    regions = [_location(pm) for pm in named if pm.place.feature in ("place", "admin2", "admin1")]
    return regions[0] if regions else None


def _same_region(here: Location, cand: Candidate) -> bool:
    there = cand.where
    if not cand.place_from_text or not there.country:
        return True
    if here.country != there.country:
        return False
    return not (here.admin1 and there.admin1) or here.admin1 == there.admin1


def _referent(triggers: list[Trigger], earlier: list[Candidate], sentence: Sentence) -> Candidate:
    """What "the attack" refers back to: the first event of its type, else the event of the
    sentence just before ("repelled an attack on Haditha. 20 were killed in the failed
    attack"), else the first event."""
    types = {event_type_of(t.sub_event_type) for t in triggers}
    same = [c for c in earlier if event_type_of(c.sub_event_type) in types and c.kind == "incident"]
    if same:
        return same[0]
    previous = _previous_in_paragraph(sentence, earlier)
    if previous is not None and previous.sentence.index == sentence.index - 1:
        return previous
    return earlier[0]


def _other_day(dates: tuple[DateMention, ...], previous: Candidate) -> bool:
    """Whether the sentence dates its "the attack" to a day the referent cannot be on; a
    day inside the referent's coarser month or week ("last month" ... "on June 28") refines
    it instead."""
    days = {d.date for d in dates if d.precision == "day" and d.date_start is None}
    if not days or previous.date is None or previous.date.date is None:
        return False
    known = previous.date
    if previous.said_date:
        return not any(d <= known.date for d in days)
    if known.precision == "month":
        return not any((d.year, d.month) == (known.date.year, known.date.month) for d in days)
    if known.precision == "week":
        return not any(abs((d - known.date).days) <= 6 for d in days)
    return known.date not in days


def _mention_of(
    previous: Candidate,
    sentence: Sentence,
    ctx: _Context,
    counts: list[Count],
    dates: tuple[DateMention, ...] = (),
) -> Candidate:
    """A sentence that refers back to an event ("The shooting began at 10:39") adds to it,
    and fills what the first report left open: the day, when that was only the day a source
    spoke or a coarser month or week ("last month" ... "on June 28"), and the place, when
    that was only the article's main one."""
    text = ctx.article.text
    s = sentence.span
    own = _choose_date(tuple(d for d in dates if not _said_when(text, d.span)), "incident", text)
    if own is not None and (
        previous.said_date
        or previous.date is None
        or _DEEP_DATE[own.precision] < _DEEP_DATE[previous.date.precision]
    ):
        previous = replace(previous, date=own, said_date=False, by_dateline=False)
    if not previous.place_from_text:
        anchor = s.start
        where, from_text = _choose_place(_places_of(sentence, ctx), None, ctx.main, anchor)
        if from_text:
            previous = replace(previous, where=where, place_from_text=True)
    return replace(
        previous,
        sentence=sentence,
        anaphoric=True,
        killed=_pick(counts, "killed"),
        injured=_pick(counts, "injured"),
        actors=tuple(find_actors(text, s.start, s.end)),
        attributions=tuple(find_attributions(text, s.start, s.end)),
    )


def _choose_type(triggers: list[Trigger]) -> str:
    best = min(triggers, key=lambda t: t.rank)
    types = {t.sub_event_type for t in triggers}
    # "police defused a bomb", "foiled a car bomb attack": the weapon was not used.
    if "Disrupted weapons use" in types and event_type_of(best.sub_event_type) in (
        "Explosions/Remote violence",
        "Violence against civilians",
    ):
        return "Disrupted weapons use"
    if best.sub_event_type == "Peaceful protest":
        if types & {"Arrests", "Protest with intervention"}:
            return "Protest with intervention"
    if best.sub_event_type == "Arrests" and "Peaceful protest" in types:
        return "Protest with intervention"
    if best.sub_event_type == "Armed clash" and types & {
        "Peaceful protest",
        "Protest with intervention",
    }:
        return "Violent demonstration"
    ground_war = best.sub_event_type == "Armed clash" or (
        event_type_of(best.sub_event_type) == "Explosions/Remote violence"
        and best.sub_event_type != "Suicide bomb"
    )
    if ground_war and types & _TERRITORY:
        # "killed in fighting ... as ISIL overran a town", "backed by government shelling took
        # an area south of the city": the ground changed hands, which is what ACLED codes.
        taken = [t for t in triggers if t.sub_event_type in _TERRITORY]
        return min(taken, key=lambda t: t.rank).sub_event_type
    return best.sub_event_type


# "a conflict that has killed more than 100,000 people": the war's toll is background.
_WAR_TOLL = re.compile(
    r"\b(war|conflict|uprising|insurgency|crisis|revolt|revolution|violence)\s+(that|which)\s+"
    r"(has|have|had)\s+(\w+\s+)?(killed|claimed|left)\b",
    re.IGNORECASE,
)


_TERRITORY = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)


# "struggling to recapture areas lost to ISIS": an attempt at the ground is fighting, not a
# change of control (the fighting has triggers of its own).
_ATTEMPT = re.compile(
    r"\b(?:try|tries|tried|trying|struggl(?:e|es|ed|ing)|attempt(?:s|ed|ing)?|seek(?:s|ing)?"
    r"|sought|fail(?:s|ed)?|bid|push(?:es|ed|ing)?|effort|offensive|battle|fight(?:s|ing)?"
    r"|poised|ready|about|hop(?:e|es|ed|ing)|plan(?:s|ned|ning)?|aim(?:s|ed|ing)?|vow(?:s|ed)?"
    r"|intend(?:s|ed)?|threaten(?:s|ed|ing)?|set)"
    # "attempts by loyalist forces to overrun", "planned to break the lines ... and recapture"
    r"(?:\s+by\s+[\w'’ -]{1,40}?)?\s+"
    r"to\s+(?:(?:\w+\s+)?|[^.;]{0,80}?\s+and\s+)$",
    re.IGNORECASE,
)


def _attempted_takeover(text: str, sentence_start: int, trigger: Trigger) -> bool:
    if trigger.sub_event_type not in _TERRITORY:
        return False
    at = trigger.span.start
    return bool(
        _ATTEMPT.search(clause_before(text, sentence_start, at))
        or _ATTEMPT.search(text, max(sentence_start, at - 150), at)
    )


# Who takes the ground decides ACLED's type, whatever the verb: "government forces have taken
# control of villages" is the government regaining territory; "Kurdish fighters recaptured
# Kobane" is a non-state actor taking it.
_TAKERS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _taken_by(
    actors: tuple[ActorMention, ...], anchor: int, text: str, sentence_start: int
) -> str | None:
    """The territory type by who took it: the first armed actor of the capture word's clause
    (its subject: "the army backed by allied militia has captured", "after the ISIL terrorists
    overran"), else of the sentence before it ("Islamic State killed 270 soldiers ... when
    they captured"), else the nearest after it ("was retaken by rebels")."""
    armed = [a for a in actors if a.armed]
    breaks = list(_SUBCLAUSE.finditer(text, sentence_start, anchor))
    clause = breaks[-1].end() if breaks else sentence_start
    subjects = [a for a in armed if clause <= a.span.start and a.span.end <= anchor]
    subjects = subjects or [a for a in armed if a.span.end <= anchor]
    after = [a for a in armed if a.span.start > anchor]
    if subjects:
        taker = min(subjects, key=lambda a: a.span.start)
    elif after:
        taker = min(after, key=lambda a: a.span.start)
    else:
        return None
    if taker.type == "State forces":
        return "Government regains territory"
    return "Non-state actor overtakes territory"


_SUBCLAUSE = re.compile(r"[;:,()]|\b(?:after|when|while|that|which|who|as|before|since)\b", re.I)


def _stretch_start(dm: DateMention) -> DateMention:
    """ "since late last week" as the happening's date: the week it began in."""
    if dm.date_start is None or dm.precision == "day":
        return dm
    return replace(dm, date=dm.date_start, date_start=None, date_end=None)


def _is_tally(text: str, s: Span, dates: tuple[DateMention, ...]) -> bool:
    if any(d.date_start is not None and d.precision != "day" for d in dates):
        return True
    day_dated = any(d.precision == "day" and d.date_start is None for d in dates)
    return not day_dated and bool(_TALLY_WORDS.search(text, s.start, s.end))


_RANGE_GAP = re.compile(
    r"^[\s,]*(and|to|through|until|till|into|-|–)\s+(early\s+|late\s+)?(on\s+)?$", re.I
)


def _day_range(days: list[DateMention], text: str) -> DateMention | None:
    """'late Saturday and early Sunday': two nearby days joined by 'and'/'to' are one span."""
    for first, last in zip(days, days[1:], strict=False):
        gap = text[first.span.end : last.span.start]
        if 0 < (last.date - first.date).days <= 3 and _RANGE_GAP.match(gap):
            return DateMention(first.span, last.date, first.date, last.date, "day")
    return None


def _choose_date(dates: tuple[DateMention, ...], kind: str, text: str = "") -> DateMention | None:
    known = [d for d in dates if d.date is not None]
    if kind == "tally":
        periods = [d for d in known if d.date_start is not None]
        return periods[0] if periods else (known[0] if known else None)
    points = [d for d in known if d.date_start is None] or known
    days = sorted((d for d in points if d.precision == "day"), key=lambda d: d.span.start)
    joined = _day_range(days, text)
    if joined is not None:
        return joined
    return min(points, key=lambda d: _DEEP_DATE[d.precision]) if points else None


_DEEP_DATE = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


_ACTOR_NOUN = re.compile(
    r"(\s+|-)(military|forces|troops|army|police|government|officials?|president|authorities|"
    r"embassy|navy|air force|soldiers|state media|ministry|leaders?|administration|diplomats?|"
    r"led|backed|based|raids?|strikes?|air ?strikes?|airstrikes?|coalition|warplanes|jets|drones?|"
    r"bombers|missiles?|shelling|artillery|special forces|intelligence|regime|"
    r"said|says|claimed|announced)\b",
    re.IGNORECASE,
)
# "a new one is being planned now in Rio": a place in a planned or hypothetical clause.
_IRREALIS_PLACE = re.compile(r"\b(planned|planning|plans|will|would|could|might|may|if|unless)\b")
_NATIONWIDE = re.compile(
    r"\b(nationwide|across the country|throughout the country|all over)\b", re.I
)


_LOCATIVE = re.compile(
    r"\b(in|at|near|outside|inside|into|on|from|across|around|of|town|city|village|district|"
    r"province|region|capital|port|suburb|outskirts)\s+(the\s+)?([\w’'-]+\s+){0,4}$",
    re.IGNORECASE,
)


# "in a report issued in New York", "told reporters in Geneva": where it was said, not done.
_REPORTED_IN = re.compile(
    r"\b(report|statement|press conference|news conference|briefing|interview|speech|"
    r"said|says|told (reporters|journalists|\w+)|speaking|spoke|announced|"
    r"(issued|released|published|based|headquartered))\s+(\w+\s+){0,3}in\s+(the\s+)?$",
    re.IGNORECASE,
)
# "a border crossing with Turkey": the country across the border, not where it happened.
_ACROSS_BORDER = re.compile(r"\bborder(s| crossings?)?\s+with\s+(the\s+)?$", re.IGNORECASE)


# "a rocket fired from Gaza hit a school bus near Ashkelon": where the fire came from; the
# event happened where it struck.
_FIRED_FROM = re.compile(
    r"\b(?:fired|launched|shot|lobbed|flown)\s+(?:\w+\s+)?from\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "was buried in Beit Shemesh", "his funeral in Najaf": where a victim was laid to rest.
_BURIED_IN = re.compile(
    r"\b(?:buried|laid\s+to\s+rest|interred|funerals?|cemetery|graveyard)\b[^.;]{0,25}"
    r"\b(?:in|at|of)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _places_of(sentence: Sentence, ctx: _Context) -> tuple[tuple[PlaceMention, bool], ...]:
    """Place mentions of a sentence, each with whether a locative word precedes it ("in",
    "town of"), less countries that only name an actor ("US forces")."""
    text = ctx.article.text
    start = sentence.span.start
    mentions = [
        pm
        for pm in ctx.places.get(sentence.index, ())
        if not _IRREALIS_PLACE.search(clause_before(text, start, pm.span.start))
    ]
    # A town resolved into a country that neither the article's main place nor the sentence
    # names is a namesake ("al-Bureij northeast of Aleppo" is not Al Burayj in Gaza).
    named = {pm.place.country for pm in mentions if pm.place.feature == "country"}
    home = ctx.main.country
    if home and any(pm.place.country == home for pm in mentions):
        mentions = [
            pm
            for pm in mentions
            if pm.place.country == home
            or pm.place.country in named
            or pm.place.feature == "country"
        ]
    return tuple(
        (
            _around(pm, ctx),
            bool(_LOCATIVE.search(text, max(start, pm.span.start - 40), pm.span.start)),
        )
        for pm in mentions
    )


_AROUND_BEFORE = re.compile(
    r"\b(?:near|outside|around|(?:outskirts|suburbs?|edge|countryside)\s+of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+"
    r"(?:the\s+)?(?:(?:city|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_AROUND_AFTER = re.compile(r"\s*(?:countryside|suburbs?|outskirts)\b", re.IGNORECASE)


def _around(pm: PlaceMention, ctx: _Context) -> PlaceMention:
    """ "near Damascus", "the Moscow suburbs": a city that is a first-level division of its own
    stands for the division around it (Rif Dimashq, Moscow Oblast), as ACLED codes it."""
    if pm.place.feature != "place":
        return pm
    text = ctx.article.text
    if not (
        _AROUND_BEFORE.search(text, max(0, pm.span.start - 40), pm.span.start)
        or _AROUND_AFTER.match(text, pm.span.end)
    ):
        return pm
    region = ctx.gaz.surrounding_region(pm.place)
    return replace(pm, place=region) if region is not None else pm


def _choose_place(
    mentions: tuple[tuple[PlaceMention, bool], ...],
    previous: Candidate | None,
    main: Location,
    anchor: int,
) -> tuple[Location, bool]:
    """The sentence's place: after a locative word, near the trigger, then the most specific."""
    if mentions:

        def key(m: tuple[PlaceMention, bool]) -> tuple:
            pm, locative = m
            distance = abs(pm.span.start - anchor)
            return (not locative, distance > 80, _DEEP[pm.place.feature], distance)

        best, _ = min(mentions, key=key)
        if best.place.feature == "country":
            # "strikes throughout Syria and into Iraq": a bare country defers to the article's
            # own, more specific place when that place lies in one of the named countries.
            named = {pm.place.country for pm, _ in mentions}
            if main.country in named and main.precision != "country":
                return main, False
            if main.country in named:
                return _location(
                    next(pm for pm, _ in mentions if pm.place.country == main.country)
                ), True
        return _location(best), True
    if previous is not None:
        return previous.where, previous.place_from_text
    return main, False


def _pick(counts: list[Count], what: str) -> Count | None:
    return _best_count([c for c in counts if c.what == what])


def _previous_in_paragraph(sentence: Sentence, earlier: list[Candidate]) -> Candidate | None:
    if earlier and earlier[-1].sentence.paragraph == sentence.paragraph:
        return earlier[-1]
    return None


def _attach_counts(sentence: Sentence, ctx: _Context, candidates: list[Candidate]) -> None:
    """'A gunman opened fire on Saturday. Twenty-two people were killed.' A trigger-less
    sentence right after an event adds its figures; with a day of its own ("On January 16, at
    least three were killed") it is an incident of that day."""
    previous = _previous_in_paragraph(sentence, candidates)
    text = ctx.article.text
    s = sentence.span
    counts = list(_counts(ctx, s.start, s.end))
    later, wounds, _ = _told_later(text, s, counts, candidates, _DIED_OF_WOUNDS, _UPDATED_TOLL)
    if later is not None:
        previous = later
    elif previous is None or previous.sentence.index != sentence.index - 1:
        return
    if _TALLY_WORDS.search(text, s.start, s.end):
        return
    killed, injured = _pick(counts, "killed"), _pick(counts, "injured")
    victims = () if killed else _victims(sentence, ctx)
    # "The Taliban denied any losses.": a denial (or a refusal to confirm) of the report before
    doubted = not (killed or injured or victims) and _DOUBT.search(text, s.start, s.end)
    if not (killed or injured or victims or doubted):
        return
    if doubted and not any(a.stance != "asserts" for a in find_attributions(text, s.start, s.end)):
        return
    actors = tuple(find_actors(text, s.start, s.end))
    dates = ctx.dates.get(sentence.index, ())
    own_day = _choose_date(dates, "incident", text)
    if own_day is not None and (wounds or not _CALENDAR.search(own_day.span.quote)):
        own_day = None  # "He died today": the victim of the event before, not a new event
    if own_day is None and previous.kind == "tally":
        return
    candidates.append(
        replace(
            previous,
            sentence=sentence,
            killed=killed,
            injured=injured,
            kind="incident" if own_day is not None else previous.kind,
            date=own_day or previous.date,
            attributions=_sources(text, s, previous),
            actors=actors,
            victims=victims,
        )
    )


_DOUBT = re.compile(r"\b(?:denied|denies|rejected|not (?:yet )?(?:\w+ )?confirmed|declined to)\b")


def _told_later(
    text: str,
    s: Span,
    counts: Sequence[Count],
    candidates: list[Candidate],
    died_of_wounds: re.Pattern[str],
    updated_toll: re.Pattern[str],
) -> tuple[Candidate | None, bool, bool]:
    """ "He died of his wounds on Friday", "Later, the death toll rose to 18": the victims, or
    the updated toll, of the incident told last, wherever the report tells it. The incident
    the sentence ``s`` adds to (None if it tells neither), whether it tells a death of wounds,
    and whether it updates a toll; each language gives its own two patterns."""
    wounds = bool(died_of_wounds.search(text, s.start, s.end))
    updated = any(c.qualifier == "toll" for c in counts) and bool(
        updated_toll.search(text, s.start, s.end)
    )
    incidents = [c for c in candidates if c.kind == "incident"]
    later = incidents[-1] if incidents and (wounds or updated) else None
    return later, wounds, updated


# "the death toll rose to 18", "the toll has climbed to 76": an update of a toll told before.
_UPDATED_TOLL = re.compile(
    r"\b(?:death\s+)?toll\b[^.;]{0,40}?\b(?:rose|risen|rises|climbed|jumped|increased|"
    r"reached|grew|mounted)\b",
    re.IGNORECASE,
)


# A victim of the attack told before died of wounds, days later perhaps: the attack's toll
# (ACLED's latest figure), not a new event, wherever in the report it is told.
_DIED_OF_WOUNDS = re.compile(
    r"\b(?:died|dies|succumbed)\b[^.;]{0,30}?\b(?:of|from|to)\s+(?:his|her|their|the)\s+"
    r"(?:\w+\s+)?(?:wounds|injuries)\b",
    re.IGNORECASE,
)


# "He added that at least 16 were killed": the speaker of the sentence before goes on.
_GOES_ON = re.compile(
    r"\W*(?:he|she|they|it|the\s+(?:group|monitor|observatory|ministry|agency|statement))\s+"
    r"(?:also\s+)?(?:added|said|says|stated|noted|told|explained|reported)\b",
    re.IGNORECASE,
)


def _sources(text: str, s: Span, previous: Candidate | None) -> tuple[Attribution, ...]:
    """The sentence's attributions; a sentence that opens with "He added" has the previous
    report's source."""
    own = tuple(find_attributions(text, s.start, s.end))
    if own or previous is None or not _GOES_ON.match(text, s.start):
        return own
    return previous.attributions


_CALENDAR = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)


# Cities that GeoNames files as countries whose first-level divisions are the city's own
# districts. ACLED (and the gold) name the city as admin1 and the district below it.
_CITY_TERRITORIES = {"HK": "Hong Kong", "MO": "Macau"}


def _conventional(where: Location) -> Location:
    city = _CITY_TERRITORIES.get(where.country or "")
    if city is None:
        return where
    if where.precision == "country":
        return replace(where, admin1=city, location=city)
    district = where.admin1 if where.admin1 != city else None
    location = where.location or (district if where.precision == "admin1" else None)
    return replace(where, admin1=city, admin2=district, location=location)


def _country_level(code: str, gaz: Gazetteer) -> Location:
    c = gaz.country(code)
    return Location(
        country=code,
        lat=c.lat if c else None,
        lon=c.lon if c else None,
        geonames_id=c.geonames_id if c else None,
        precision="country",
    )


# ---------------------------------------------------------------- merging


def _compatible(a: Candidate, b: Candidate, spans: tuple[DateMention, ...] = ()) -> bool:
    """Whether two candidates can be one event. ``spans`` are the multi-day datings of the
    group ``b`` belongs to ("late Saturday and early Sunday"): two days inside one of them are
    that one stretch."""
    if (a.elsewhere or b.elsewhere) and a.sentence.index != b.sentence.index:
        return False
    if a.kind != b.kind or event_type_of(a.sub_event_type) != event_type_of(b.sub_event_type):
        return False
    da = a.date.date if a.date else None
    db = b.date.date if b.date else None
    if (
        da
        and db
        and a.kind == "incident"
        and not _days_overlap(a.date, b.date)
        and not any(_days_overlap(a.date, x) and _days_overlap(b.date, x) for x in spans)
    ):
        soft = _by_then(a, b) or _by_then(b, a)
        if not soft and not (_in_period(a.date, b.date) or _in_period(b.date, a.date)):
            return False  # "In August 2022, a similar attack" is not Saturday's attack
    wa, wb = a.where, b.where
    if wa.country and wb.country and wa.country != wb.country:
        return False
    if a.place_from_text and b.place_from_text:
        if wa.admin1 and wb.admin1 and wa.admin1 != wb.admin1:
            return False
        if wa.location and wb.location and wa.location != wb.location:
            return False
    if a.killed and b.killed and a.kind == "tally" and _range_of(a.killed) != _range_of(b.killed):
        return False
    return True


def _by_then(c: Candidate, other: Candidate) -> bool:
    """Whether ``c`` is dated only by the day it was told and ``other`` can have happened by
    then: a source's statement bounds the event from above; a headline's dateline tells the
    latest news, of the two days before, and with a toll that can be the same figure."""
    days = (c.date.date - other.date.date).days
    if c.said_date:
        return days > 0
    recent = days <= 2 or (days <= 31 and c.sub_event_type == other.sub_event_type)
    return c.by_dateline and days > 0 and recent and _tolls_agree(c, other)


def _tolls_agree(a: Candidate, b: Candidate) -> bool:
    """Whether their death tolls can be one figure: "18 killed" and "26 also killed" are two."""
    if a.killed is None or b.killed is None:
        return True
    return _range_of(a.killed).overlaps(_range_of(b.killed))


def _in_period(coarse: DateMention, other: DateMention) -> bool:
    """Whether a dating coarser than a day ("last month", "this week", "in 2014") can hold the
    other one's day; a day's dating holds only its own day (see :func:`_days_overlap`)."""
    a, b = coarse.date, other.date
    if coarse.precision == "month":  # its 15th stands for it; a month and a half either way
        return abs((a - b).days) <= 46
    if coarse.precision == "week":
        return abs((a - b).days) <= 7
    if coarse.precision == "year":
        return a.year == b.year
    return coarse.precision != "day"


def _days_overlap(a: DateMention, b: DateMention) -> bool:
    """Whether two datings can be the same days: "late Saturday and early Sunday" spans both."""
    return (a.date_start or a.date) <= b.date and (b.date_start or b.date) <= a.date


_STATE_FORCE = re.compile(
    r"\b(police(m[ae]n)?|officers?|troops|soldiers|security forces|riot police|army|guards?|"
    r"gendarmes?)\b",
    re.IGNORECASE,
)
_PROTESTERS = re.compile(r"\b(protesters?|demonstrators?|marchers|crowds?)\b", re.IGNORECASE)
_PROTEST_TYPES = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)


def _violent_protests(candidates: list[Candidate]) -> list[Candidate]:
    """ACLED's rules for force at protests. State forces shooting at or attacking protesters
    is force against the protest, not an attack on civilians; and where the demonstrators
    themselves were violent that day ("protesters threw Molotov cocktails"), the whole
    gathering is a violent demonstration (Riots), whatever the police did."""
    out = []
    for c in candidates:
        s = c.sentence.span
        text = s.quote
        if c.sub_event_type == "Attack" and _STATE_FORCE.search(text) and _PROTESTERS.search(text):
            c = replace(c, sub_event_type="Excessive force against protesters")
        out.append(c)
    riots = [c for c in out if c.sub_event_type == "Violent demonstration" and c.kind == "incident"]
    if not riots:
        return out
    return [
        replace(c, sub_event_type="Violent demonstration")
        if c.kind == "incident"
        and c.sub_event_type in _PROTEST_TYPES
        and any(_same_gathering(c, r) for r in riots)
        else c
        for c in out
    ]


def _same_gathering(a: Candidate, b: Candidate) -> bool:
    if a.where.country and b.where.country and a.where.country != b.where.country:
        return False
    da, db = a.date, b.date
    if da is not None and db is not None and da.date and db.date:
        return da.date == db.date
    return True


def _overnight(dm: DateMention | None) -> bool:
    """ "late Saturday and early Sunday": one stretch over two days in a row (not "over the
    past two days", which holds each day's own strikes)."""
    return (
        dm is not None
        and dm.precision == "day"
        and dm.date is not None
        and dm.date_start is not None
        and (dm.date - dm.date_start).days == 1
    )


def _merge(candidates: list[Candidate]) -> list[list[Candidate]]:
    groups: list[list[Candidate]] = []
    for cand in candidates:
        for group in groups:
            spans = tuple(c.date for c in group if _overnight(c.date))
            if all(_compatible(cand, other, spans) for other in group):
                group.append(cand)
                break
        else:
            groups.append([cand])
    return groups


# ---------------------------------------------------------------- events


def _event(group: list[Candidate], n: int, ctx: _Context) -> Event:
    article = ctx.article
    # The gravest protest form; a battle that changed who holds the ground (ACLED codes the
    # change of control); else the most specific weapon ("barrel bombs" over "bombing").
    sub_type = min(
        (c.sub_event_type for c in group),
        key=lambda t: (_severity(t), t not in _TERRITORY, specificity(t)),
    )
    kind = group[0].kind
    # A headline's dateline yields to a day the text tells, not to a coarser month.
    told = [c for c in group if c.date is not None and not c.said_date]
    dated = [c.date for c in told if not c.by_dateline] + [c.date for c in told if c.by_dateline]
    # Only the day a source spoke (or the dateline): the event happened by then, on a day
    # the text does not tell, so its precision is "unknown" like an undated tally's.
    by_then = not dated
    dated = dated or [c.date for c in group if c.date is not None]
    dm = min(dated, key=lambda d: _DEEP_DATE[d.precision]) if dated else None
    told = [c.where for c in group if c.place_from_text] or [c.where for c in group]
    where = _as_written(
        _conventional(min(told, key=lambda w: _DEEP.get(w.precision, 4))), group, ctx
    )
    # A sentence that only refers back to the event ("Monday's attack, the deadliest since
    # ...") may carry another event's figures: its counts serve only when nothing else does.
    direct = [c for c in group if not c.anaphoric]
    # "reportedly killing at least 19" against the monitor's "at least 16": a figure hedged
    # and unsourced yields to a sourced one, as do the unsourced ones that repeat it.
    tolled = [c for c in direct if c.killed]
    if any(_hedged(c) and not c.attributions for c in tolled):
        direct = [c for c in tolled if c.attributions and not _hedged(c)] or direct
    killed = (
        _best_count([c.killed for c in direct if c.killed])
        or _first_count([c.killed for c in group if c.killed])
        or _roll_call(group)
    )
    injured = _best_count([c.injured for c in direct if c.injured]) or _first_count(
        [c.injured for c in group if c.injured]
    )
    evidence = _unique_spans([c.evidence for c in group])
    event_date, date_start, precision = _event_date(dm, ctx.reported)
    if by_then and dm is not None and kind == "incident":
        precision = "unknown"
    return Event(
        id=f"{article.doc_id}:e{n}",
        kind=kind,  # type: ignore[arg-type]
        event_type=event_type_of(sub_type),
        sub_event_type=sub_type,
        date=event_date,
        date_start=date_start,
        date_end=dm.date_end if dm and dm.date_end and dm.date_start else None,
        date_precision=precision,  # type: ignore[arg-type]
        where=where,
        actors=_actors(group, sub_type, where, ctx),
        fatalities=_range_of(killed) if killed else Range(),
        injured=_range_of(injured) if injured else Range(),
        claims=_claims(group, ctx),
        evidence=evidence,
        confidence=_confidence(dm, where, killed, group),
    )


# A place name as English news writes it: "Raqqa", "Haditha", "Jenin" for GeoNames' "Ar
# Raqqah", "Ḩadīthah", "Janīn". Title-case ASCII words only; a shouted dateline or an
# abbreviation keeps the gazetteer's name.
_PLAIN_NAME = re.compile(r"[A-Z][a-z'’]+(?:[ -](?:al-|el-)?[A-Z][a-z'’]+){0,3}")


def _as_written(where: Location, group: list[Candidate], ctx: _Context) -> Location:
    """The event's town under the name its reports write, when they write it plainly."""
    if where.location is None or where.geonames_id is None:
        return where
    spelled = Counter(
        pm.span.quote
        for c in group
        for pm in ctx.places.get(c.sentence.index, ())
        if pm.place.geonames_id == where.geonames_id
        and _PLAIN_NAME.fullmatch(pm.span.quote)
        and pm.place.feature == "place"
    )
    for name, _ in spelled.most_common():
        # a spelling the gazetteer files under that place ("Raqqa"), not a misspelling or a
        # possessive without its apostrophe ("Aleppos") that only a looser reading matched
        if any(p.geonames_id == where.geonames_id for p in ctx.gaz.lookup(name)):
            return replace(where, location=name)
    return where


_HEDGED = re.compile(r"\b(?:reportedly|allegedly|unconfirmed|purportedly)\b", re.I)


def _hedged(c: Candidate) -> bool:
    return bool(_HEDGED.search(c.sentence.span.quote))


def _event_date(dm: DateMention | None, reported: date | None):
    if dm is None:
        # Undated: it happened by the day the report tells the news (precision "unknown").
        return reported, None, "unknown"
    return dm.date, dm.date_start, dm.precision


_SEVERITY = (
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Violent demonstration",
    "Mob violence",
)


def _severity(sub_type: str) -> int:
    return _SEVERITY.index(sub_type) if sub_type in _SEVERITY else -1


def _best_count(counts: list[Count]) -> Count | None:
    if not counts:
        return None
    tolls = [c for c in counts if c.qualifier == "toll"]
    if tolls:
        return tolls[-1]
    return _largest(counts)


def _largest(counts: list[Count]) -> Count:
    """The largest figure, a figure over a word for a crowd ("at least 12 were killed" over
    "killing scores"); of equal ones, the more careful "at least 22" over a headline's "22",
    then the wider range."""
    counts = [c for c in counts if c.qualifier not in VAGUE_QUALIFIERS] or counts
    return max(counts, key=lambda c: (c.low or 0, c.high is None, c.high or 0))


def _first_count(counts: list[Count]) -> Count | None:
    """The latest updated toll, else the figure reported first."""
    tolls = [c for c in counts if c.qualifier == "toll"]
    return tolls[-1] if tolls else (counts[0] if counts else None)


def _range_of(count: Count) -> Range:
    qualifier = None if count.qualifier == "toll" else count.qualifier
    return Range(count.low, count.high, qualifier)


def _unique_spans(spans: list[Span]) -> tuple[Span, ...]:
    seen: dict[tuple[int, int], Span] = {}
    for s in spans:
        seen.setdefault((s.start, s.end), s)
    return tuple(seen.values())


def _claims(group: list[Candidate], ctx: _Context) -> tuple[Claim, ...]:
    article = ctx.article
    outlet = article.outlet
    claims: dict[tuple[str, str], Claim] = {}
    for cand in group:
        for att in cand.attributions:
            source = resolve_source(att.source, article.text, att.span.start, outlet)
            via = outlet if outlet and source.lower() != outlet.lower() else None
            key = (source.lower(), att.stance)
            if key not in claims:
                claims[key] = Claim(source, via, att.stance, (att.span,))
    if not any(c.stance == "asserts" for c in claims.values()):
        first = group[0].evidence
        claims[("", "asserts")] = Claim(outlet or "unattributed", None, "asserts", (first,))
    return tuple(sorted(claims.values(), key=lambda c: c.stance != "asserts"))


# "three conscripts were killed": an armed group named as the victim is the target, not the actor.
_VICTIM = re.compile(
    r"[^.;:]{0,25}?\b(were|was|have been|has been|had been|got)\s+(\w+\s+)?(killed|wounded|"
    r"injured|shelled|attacked|hit|shot|targeted|abducted|kidnapped|captured)\b",
    re.IGNORECASE,
)


def _actors(
    group: list[Candidate], sub_type: str, where: Location, ctx: _Context
) -> tuple[Actor, ...]:
    country = ctx.gaz.country(where.country) if where.country else None
    country_name = country.name if country else "unknown country"
    text = ctx.article.text
    mentions = [a for c in group for a in c.actors]
    names: list[tuple[str, str, bool]] = []
    for m in mentions:
        armed = m.armed and not _VICTIM.match(text, m.span.end)
        entry = (m.name.format(country=country_name), m.type, armed)
        if entry not in names:
            names.append(entry)
    protest = event_type_of(sub_type) in ("Protests", "Riots")
    if protest:
        first = [n for n in names if n[1] in ("Protesters", "Rioters")]
        second = [n for n in names if n[1] == "State forces"]
    else:
        first = [n for n in names if n[2]]
        second = [n for n in names if not n[2] or n not in first[:1]]
    actors: list[Actor] = []
    if protest and not first:
        first = [(f"Protesters ({country_name})", "Protesters", False)]
    if first:
        actors.append(Actor("actor1", first[0][0], first[0][1]))
    rest = [n for n in second if not first or n != first[0]]
    if rest:
        actors.append(Actor("actor2", rest[0][0], rest[0][1]))
    for extra in [n for n in names if n not in first[:1] and n not in rest[:1]][:3]:
        actors.append(Actor("associated", extra[0], extra[1]))
    return tuple(actors)


def _confidence(
    dm: DateMention | None, where: Location, killed: Count | None, group: list[Candidate]
) -> float:
    score = 0.4
    score += 0.15 if dm is not None and dm.precision == "day" else 0.0
    score += 0.15 if any(c.place_from_text for c in group) else 0.0
    score += 0.1 if killed is not None else 0.0
    score += 0.1 if any(c.attributions for c in group) else 0.0
    score += 0.05 * min(len(group) - 1, 2)
    return min(score, 0.95)
