"""Place mentions: toponyms in English news text, resolved against the gazetteer.

The stages, each small::

    text -> tokens -> runs of capitalised words -> segments (titles and person names cut out)
         -> longest gazetteer matches -> cues around each match -> filters -> resolution

A match is kept only when it reads as a place: "Russian authorities" (a demonym), "Russia
said" (a country acting), "President Vladimir Putin" (a person), "State Duma" (an
organisation), "in March" (a month) are not places. A match that is also a common word or a
small town needs a cue: "in"/"near" before it, "the city of" before it, ", Texas" after it,
or other places of its country in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from eventledger.gazetteer import (
    DIVISION_WORDS,
    Candidate,
    Gazetteer,
    distance_km,
    divisions_only,
    name_key,
    qualified,
    rank,
)
from eventledger.records import Place, PlaceMention, Span

# ---------------------------------------------------------------- word lists

# demonym=country ("-" where it names no one country); "_" stands for a space
_DEMONYMS = """
russian=RU ukrainian=UA syrian=SY polish=PL american=US british=GB iraqi=IQ iranian=IR
afghan=AF israeli=IL palestinian=PS turkish=TR kurdish=- belarusian=BY belarussian=BY
georgian=GE armenian=AM azerbaijani=AZ azeri=AZ chechen=RU lebanese=LB jordanian=JO
egyptian=EG libyan=LY tunisian=TN algerian=DZ moroccan=MA sudanese=SD ethiopian=ET
somali=SO kenyan=KE nigerian=NG malian=ML congolese=- yemeni=YE saudi=SA emirati=AE
qatari=QA kuwaiti=KW omani=OM bahraini=BH pakistani=PK indian=IN bangladeshi=BD
chinese=CN japanese=JP korean=- north_korean=KP south_korean=KR burmese=MM thai=TH
vietnamese=VN filipino=PH philippine=PH indonesian=ID malaysian=MY australian=AU
canadian=CA mexican=MX colombian=CO venezuelan=VE brazilian=BR peruvian=PE chilean=CL
argentine=AR argentinian=AR bolivian=BO french=FR german=DE italian=IT spanish=ES
dutch=NL belgian=BE swiss=CH austrian=AT swedish=SE norwegian=NO danish=DK finnish=FI
estonian=EE latvian=LV lithuanian=LT czech=CZ slovak=SK hungarian=HU romanian=RO
moldovan=MD bulgarian=BG serbian=RS croatian=HR bosnian=BA greek=GR cypriot=CY
albanian=AL kosovar=XK irish=IE scottish=GB welsh=GB english=- kazakh=KZ uzbek=UZ
tajik=TJ kyrgyz=KG turkmen=TM mongolian=MN taiwanese=TW nepali=NP sri_lankan=LK
new_zealand=NZ south_african=ZA zimbabwean=ZW ugandan=UG rwandan=RW cameroonian=CM
ghanaian=GH senegalese=SN nigerien=NE chadian=TD eritrean=ER mozambican=MZ haitian=HT
cuban=CU nicaraguan=NI honduran=HN guatemalan=GT salvadoran=SV ecuadorian=EC
hongkonger=HK crimean=UA tatar=- arab=- european=- african=- asian=- western=- sunni=-
shia=- shiite=- muslim=- christian=- jewish=- alawite=- druze=- yazidi=- houthi=-
pashtun=- baloch=- uighur=- uyghur=- rohingya=- hongkongers=HK serbians=RS kurds=-
"""
DEMONYMS: dict[str, str | None] = {
    word.replace("_", " "): (None if code == "-" else code)
    for word, code in (item.split("=") for item in _DEMONYMS.split())
}
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday today tonight yesterday"
_FUNCTION = (
    "a an the this that these those it its he she they we you i his her their our my your "
    "in on at of to for from by with without about after before during since until into onto "
    "over under near across through against among between around behind beyond and or but "
    "nor so yet if then than as when while where who whom whose which what why how all any "
    "both each every few many more most much no not only other some such there here also "
    "is are was were be been being has have had do does did will would shall should can "
    "could may might must one two three four five six seven eight nine ten first last "
    "next later earlier meanwhile however according despite although though because "
    "once now just even still already again ago"
)
# Capitalised words of news English that GeoNames also knows as some village.
_COMMON = (
    "army navy police guard guards forces force military troops government ministry "
    "minister president prime premier parliament congress senate assembly council court "
    "committee commission party front movement union federation republic kingdom state "
    "states empire agency office service services department bureau embassy consulate "
    "church mosque cathedral temple hospital university college school academy institute "
    "prison jail camp centre center station airport port bridge street road square park "
    "hall house palace tower building plaza market city town village region province "
    "district county north south east west northern southern eastern western central "
    "upper lower greater little great old middle national international federal "
    "independent democratic liberal conservative socialist communist islamic christian "
    "catholic orthodox muslim jewish arab god allah jesus christmas easter ramadan eid "
    "internet online twitter facebook youtube telegram instagram google apple amazon "
    "press news times post herald journal daily review media radio television tv "
    "human rights freedom liberty justice peace hope unity victory glory independence "
    "reading mobile nice bath march may june august police guard victoria of pride "
    "security defence defense interior foreign affairs health education finance energy "
    "emergency emergencies general colonel major captain sergeant lieutenant commander "
    "chief deputy director head leader spokesman spokeswoman spokesperson official "
    "officials authorities mr mrs ms dr sir lord lady king queen prince princess pope "
    "saint holy supreme high low royal imperial civil civic public people popular "
    "revolutionary revolution war peace world global worldwide team group network "
    "alliance coalition brigade battalion regiment division command operation task "
    "gate gates mount mountain mountains river lake sea ocean gulf bay island islands "
    "valley hill hills desert coast border frontier crossing checkpoint base airbase "
    "white black red green blue golden silver friday jazeera al the"
)
_TITLES = frozenset(
    """president presidents prime minister ministers premier chancellor secretary governor
    mayor senator sen rep representative congressman congresswoman judge justice ambassador
    general gen colonel col lieutenant lt captain capt sergeant sgt major maj commander
    admiral marshal chief deputy spokesman spokeswoman spokesperson mr mrs ms miss dr sir
    lord lady king queen prince princess emir sec sheikh sheik imam ayatollah pope cardinal
    bishop archbishop patriarch metropolitan father reverend rev rabbi mullah gov
    ex-president ex-prime former acting interim vice vice-president leader director head
    chairman chairwoman professor prof officer agent detective inspector superintendent
    commissioner prosecutor attorney lawyer journalist reporter activist blogger""".split()
)
_ORGANISATION_WORDS = frozenset(
    """ministry committee council court party army forces force guard police service
    agency office department university institute college school academy airlines airways
    bank group company corporation times post herald journal tribune daily news
    observatory center centre media network press radio tv television telegraph gazette
    monitor standard mirror express today independent review weekly magazine club fc
    united city's duma assembly parliament congress senate commission foundation union
    federation front movement brigade battalion regiment division command authority
    administration government cabinet embassy consulate mission organization
    organisation association society league fund trust hospital prison jail airport
    stadium mosque church cathedral square street avenue road bridge park hall plaza
    tower palace house building market station university's people's republic
    republic's directorate prefecture headquarters""".split()
)
_ACTOR_VERBS = frozenset(
    """said says say told tells claimed claims claim denied denies deny admitted admits
    admit accused accuses accuse announced announces announce warned warns warn insisted
    insists vowed vows threatened threatens invaded invades invade attacked attacks
    launched launches launch killed kills struck strikes bombed bombs shelled shells sent
    sends has have had will would could should wants wanted plans planned refused refuses
    rejected rejects condemned condemns called calls demanded demands responded responds
    agreed agrees signed signs supports supported backed backs recognized recognised
    imposed imposes expelled expels summoned summons deployed deploys retaliated blamed
    blames urged urges pledged pledges ordered orders decided decides carried continues
    continued is was acknowledged acknowledges reported reports confirmed confirms
    stated states added adds noted notes wrote tweeted""".split()
)
_SPEECH_VERBS = frozenset(
    """said says told tells claimed claims denied denies admitted admits accused accuses
    announced announces warned warns insisted insists vowed vows stated states added adds
    noted notes wrote writes tweeted tweets acknowledged acknowledges confirmed confirms
    reported reports argued argues explained explains asked asks replied replies
    continued continues believes thinks""".split()
)
_DIRECTIONS = frozenset(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west northeastern
    northwestern southeastern southwestern north-eastern north-western south-eastern
    south-western upper lower greater inner outer""".split()
)
_LOCATIVE = frozenset(
    """in at near outside inside across around throughout into from to towards toward
    via through within between nearby off""".split()
)
_DESCRIPTORS = frozenset(
    """city town village settlement hamlet capital port suburb district region province
    oblast governorate state county municipality neighbourhood neighborhood area
    outskirts""".split()
)
# "the towns of Akhtarin and Dabiq": a plural descriptor heads a list of names.
_PLURAL_DESCRIPTORS = frozenset(
    """cities towns villages settlements hamlets suburbs districts regions provinces oblasts
    governorates states counties municipalities neighbourhoods neighborhoods areas""".split()
)
_CONNECTORS = frozenset(
    "of the and de da do dos das del della di la le les upon du van von".split()
)
# Regions the gazetteer has no entry for, kept whole so that "America" in "Latin America" or
# "East" in "Middle East" is not read as a place (continents are entries of their own).
_NOT_PLACES = frozenset(
    name_key(p)
    for p in (
        "Latin America",
        "Central America",
        "Middle East",
        "Near East",
        "Far East",
        "Eastern Europe",
        "Western Europe",
        "Central Europe",
        "Southeast Asia",
        "South Asia",
        "Central Asia",
        "East Asia",
        "West Africa",
        "East Africa",
        "North Africa",
        "Southern Africa",
        "Central Africa",
        "Horn of Africa",
        "Sub-Saharan Africa",
        "European Union",
        "Soviet Union",
        "Red Cross",
        "Red Crescent",
        "Islamic State",
        "United Nations",
        "New Year",
        "Human Rights Watch",
        "White House",
        "Amnesty International",
        "Al Jazeera",
        "Al-Jazeera",
        "Al Qaeda",
        "Al-Qaeda",
        "Voice of America",
        "Bank of America",
        "Red Sea",
        "Black Sea",
        "Dead Sea",
        "Eurasia",
        "Australasia",
    )
)
MONTHS = frozenset(_MONTHS.split())
WEEKDAYS = frozenset(_WEEKDAYS.split())
FUNCTION_WORDS = frozenset(_FUNCTION.split())
COMMON_WORDS = frozenset(_COMMON.split()) | FUNCTION_WORDS | MONTHS | WEEKDAYS

_WHOLE_AREAS = frozenset({"country", "continent"})  # read like countries: "Europe said"
SMALL_TOWN = 50_000  # below this a bare name needs a cue
TINY_TOWN = 1_000  # below this it needs a strong cue


def demonym_country(word: str) -> str | None:
    """The country a demonym points to: "Russian" -> "RU"; None for "Kurdish" or non-demonyms."""
    return DEMONYMS.get(" ".join(word.casefold().split()))


# ---------------------------------------------------------------- records of this stage


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    possessive: bool  # followed by 's (not part of the token)

    @property
    def folded(self) -> str:
        return self.text.casefold().rstrip(".")

    @property
    def capitalised(self) -> bool:
        return _capitalised(self.text)


@dataclass(frozen=True, slots=True)
class _Match:
    """Tokens that name gazetteer entries, and the capitalised words touching them."""

    tokens: tuple[_Token, ...]
    key: str
    candidates: tuple[Candidate, ...]
    left: _Token | None = None  # "Vladimir" in "Vladimir Putin" is left of "Putin"
    right: _Token | None = None
    division_next: bool = False  # the right neighbour is a division word ending the name
    linked: bool = False  # "of" or "del" joins it to another capitalised word
    sentence_initial: bool = False
    end: int = -1  # span end: the name, or the name plus its division word

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def word(self) -> str:
        """The folded word when the match is one word, else ''."""
        return self.tokens[0].folded if len(self.tokens) == 1 else ""


@dataclass(frozen=True, slots=True)
class _Cues:
    """What the words around a match say about it."""

    locative: bool = False  # "in X", "near X"
    descriptor: bool = False  # "the city of X", "the town X"
    division: bool = False  # "X region", "X Oblast", "the region of X"
    qualifier: tuple[Candidate, ...] = ()  # ", Texas" after it
    country_hint: str | None = None  # "the Polish city of X", "Russia's X region"
    actor: bool = False  # "X said", "Russia's leadership"
    person: bool = False  # "X, who ...", "X posted"
    dateline: bool = False  # "WASHINGTON (AP) —", "COLUMBUS, Ohio (AP) —"
    currency: bool = False  # "40 US dollars", "US$3.7m"
    listed: bool = False  # "the towns of X and Y": the descriptor covers the names after it
    part_of: bool = False  # "in Nigeria's north-east": a part of the possessive country

    @property
    def strong(self) -> bool:
        return bool(self.qualifier) or self.descriptor or self.division or self.dateline


# ---------------------------------------------------------------- the stage


def find_places(
    text: str,
    gaz: Gazetteer,
    *,
    start: int = 0,
    end: int | None = None,
    context_countries: frozenset[str] = frozenset(),
    home: Place | None = None,
) -> list[PlaceMention]:
    """Toponyms in ``text[start:end]``, resolved, in text order; spans index ``text``.

    ``home`` is the division the text's outlet writes about (``mentions.homes``): it counts
    as one more name of the text when a name's namesakes are weighed.
    """
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    tokens = _tokens(text, start, end)
    segments = [seg for run in _runs(text, tokens) for seg in _segments(run)]
    found = gaz.candidates(_keys(segments))
    matches = [m for seg in segments for m in _match_segment(text, seg, found, start)]
    qualifier_keys = {k for m in matches for k in _qualifier_keys(text, m, end)}
    qualifiers = gaz.candidates(qualifier_keys) if qualifier_keys else {}
    pairs = _link_neighbours(text, [_cues(text, m, qualifiers, start, end) for m in matches])
    lowered = _lowercase_words(text, start, end)
    kept = [i for i, (m, c) in enumerate(pairs) if _reads_as_place(m, c, lowered)]
    anchors = _anchors(tokens, pairs, context_countries)
    chosen = [(i, _resolve(*pairs[i], anchors.without(pairs[i][0].key))) for i in kept]
    resolved = [(pairs[i], c) for i, c in chosen if c is not None]
    resolved += _transcribed(text, segments, matches, gaz, anchors, (start, end))
    resolved.sort(key=lambda item: item[0][0].start)
    embedded = _embedded_divisions(pairs, set(kept))
    moved = resolved
    for _ in range(2):  # the second round follows the names the first one moved
        surroundings = _surroundings([*moved, *embedded], home)
        moved = [(pair, _prefer_region(*pair, c, surroundings, home)) for pair, c in resolved]
    return [
        PlaceMention(Span.of(text, match.start, match.end), choice.place)
        for (match, _cues), choice in moved
    ]


# Where place names are Arabic, written without short vowels and transcribed into Latin
# letters many ways; the consonant skeleton of a name means something only there.
ARABIC_SPEAKING = frozenset(
    "AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split()
)


def _transcribed(
    text: str,
    segments: Sequence[list[_Token]],
    matches: Sequence[_Match],
    gaz: Gazetteer,
    anchors: _Anchors,
    bounds: tuple[int, int],
) -> list[tuple[tuple[_Match, _Cues], Candidate]]:
    """Names the gazetteer knows only in another spelling, after "in" or "the village of".

    "Qustul Maaf" is GeoNames' "Qastal Ma'af": a capitalised name with no entry of its own,
    read as a place by the words before it, is looked up by its consonant skeleton among
    the towns and divisions of the Arabic-speaking countries the text is about (see
    :meth:`Gazetteer.transliterated`). Without such a country in view nothing is guessed.
    """
    countries = set(anchors.without("")) & ARABIC_SPEAKING
    if not countries:
        return []
    taken = {token.start for match in matches for token in match.tokens}
    out = []
    for segment in segments:
        if len(segment) > 3 or any(t.start in taken for t in segment):
            continue
        if segment[0].folded in COMMON_WORDS or not all(t.capitalised for t in segment):
            continue
        key = _key(segment, 0, len(segment))
        candidates = gaz.transliterated(key, countries)
        if not candidates:
            continue
        for match in _match_segment(text, segment, {key: candidates}, bounds[0]):
            match, cues = _cues(text, match, {}, *bounds)
            if (cues.locative or cues.descriptor) and not (cues.person or cues.actor):
                choice = _resolve(match, cues, anchors.without(match.key))
                out += [((match, cues), choice)] if choice else []
    return out


# ---------------------------------------------------------------- tokens and runs

# The abbreviations of US states and Canadian provinces in news style ("Springfield, Ill.",
# "Charleston, W.Va."), as (country, the division's name). A dotted word form counts only
# after a comma, where it qualifies a town: "Mass." or "Ill." elsewhere is another word.
_STATE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    abbreviation: (country, name.replace("_", " "))
    for country, pairs in (
        (
            "US",
            """Ala.=Alabama Ariz.=Arizona Ark.=Arkansas Calif.=California Colo.=Colorado
            Conn.=Connecticut Del.=Delaware Fla.=Florida Ga.=Georgia Ill.=Illinois
            Ind.=Indiana Kan.=Kansas Kans.=Kansas Ky.=Kentucky La.=Louisiana Md.=Maryland
            Mass.=Massachusetts Mich.=Michigan Minn.=Minnesota Miss.=Mississippi
            Mo.=Missouri Mont.=Montana Neb.=Nebraska Nebr.=Nebraska Nev.=Nevada
            N.H.=New_Hampshire N.J.=New_Jersey N.M.=New_Mexico N.Y.=New_York
            N.C.=North_Carolina N.D.=North_Dakota Okla.=Oklahoma Ore.=Oregon Oreg.=Oregon
            Pa.=Pennsylvania Penn.=Pennsylvania R.I.=Rhode_Island S.C.=South_Carolina
            S.D.=South_Dakota Tenn.=Tennessee Tex.=Texas Vt.=Vermont Va.=Virginia
            Wash.=Washington W.Va.=West_Virginia Wis.=Wisconsin Wisc.=Wisconsin
            Wyo.=Wyoming""",
        ),
        (
            "CA",
            """Ont.=Ontario Que.=Quebec Alta.=Alberta Sask.=Saskatchewan Man.=Manitoba
            B.C.=British_Columbia N.S.=Nova_Scotia N.B.=New_Brunswick
            P.E.I.=Prince_Edward_Island Nfld.=Newfoundland_and_Labrador""",
        ),
    )
    for abbreviation, name in (item.split("=") for item in pairs.split())
}
_WORD_ABBREVIATION = "|".join(
    re.escape(a[:-1]) for a in sorted(_STATE_ABBREVIATIONS, key=len, reverse=True)
)

_TOKEN = re.compile(
    rf"(?<=, )(?:{_WORD_ABBREVIATION})\.(?!\w)"  # Springfield, Ill.
    r"|(?:[A-Z]\.){2,}"  # U.S., D.C.
    r"|(?:St|Ste|Mt|Ft)\.(?=\s+[A-Z])"  # St. Petersburg
    r"|[^\W\d_](?:[\w'’\-]*[^\W_])?"
)
_POSSESSIVE = re.compile(r"['’]s$")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ag|an|ar|as|ash|at|az|ud|ul)-(?=[A-Z])")
_ABBREVIATIONS = frozenset({"US", "UK", "USA", "UAE", "DRC", "DPRK", "PRC"})


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_ARABIC_ARTICLE.match(word))


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    tokens = []
    for found in _TOKEN.finditer(text, start, end):
        word, possessive = found.group(), False
        if len(word) > 2 and _POSSESSIVE.search(word):
            word, possessive = word[:-2], True
        tokens.append(_Token(found.start(), found.start() + len(word), word, possessive))
    return tokens


def _runs(text: str, tokens: Sequence[_Token]) -> list[list[_Token]]:
    """Maximal sequences of capitalised words joined by single spaces (and connectors)."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, token in enumerate(tokens):
        joined = bool(current) and _adjacent(text, current[-1], token)
        if token.capitalised and (_usable(token) or _shouted_name(text, tokens, i)):
            if not joined:
                _close(runs, current)
                current = []
            current.append(token)
        elif joined and token.folded in _CONNECTORS and _next_capitalised(text, tokens, i):
            current.append(token)
        else:
            _close(runs, current)
            current = []
    _close(runs, current)
    return runs


def _usable(token: _Token) -> bool:
    """Skip acronyms (NATO, ISIS, SBU) except the country ones the gazetteer knows."""
    word = token.text
    return not (
        word.isupper() and len(word) <= 5 and "." not in word and word not in _ABBREVIATIONS
    )


def _shouted_name(text: str, tokens: Sequence[_Token], i: int) -> bool:
    """A short word in capitals that is part of a name in a dateline or headline.

    "NEW YORK (AP) —", "SAN DIEGO", "PARIS (Reuters) -": two such words side by side, or
    one followed by a dateline's bracket or dash. The place filters still ask a shouted
    name for a strong cue.
    """
    word = tokens[i].text
    if not (word.isupper() and word.isalpha() and len(word) >= 2):
        return False
    pairs = [(tokens[i - 1], tokens[i])] if i > 0 else []
    pairs += [(tokens[i], tokens[i + 1])] if i + 1 < len(tokens) else []
    for left, right in pairs:
        other = right if left is tokens[i] else left
        if _adjacent(text, left, right) and other.text.isupper() and other.text.isalpha():
            return True
    return bool(_DATELINE_BRACKET.match(text, tokens[i].end))


_DATELINE_BRACKET = re.compile(
    r"[ \u00a0]*(?:\((?:AP|Reuters|AFP|CNN|UPI)\)|[—–]|--?[ \u00a0])"  # (AP), dashes
)


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    return not left.possessive and text[left.end : right.start] in (" ", "\u00a0")


def _next_capitalised(text: str, tokens: Sequence[_Token], i: int) -> bool:
    """Whether a capitalised word follows the connector at ``i``, directly or after an
    article ("Republic of the Congo"; not "Qustul Maaf and the Nisr mountain")."""
    for j in (i + 1, i + 2):
        if j >= len(tokens) or not _adjacent(text, tokens[j - 1], tokens[j]):
            return False
        if tokens[j].capitalised:
            return True
        if j == i + 2 or tokens[i].folded not in _OF or tokens[j].folded not in _ARTICLES:
            return False
    return False


_OF = frozenset({"of", "de", "di", "du", "del"})
_ARTICLES = frozenset({"the", "la", "le", "les"})


def _close(runs: list[list[_Token]], run: list[_Token]) -> None:
    while run and not run[-1].capitalised:
        run.pop()
    if run:
        runs.append(run)


def _segments(run: list[_Token]) -> list[list[_Token]]:
    """Cut a run at titles; the capitalised words after a title are a person's name.

    "Belgorod Governor Vyacheslav Gladkov" -> ["Belgorod"];
    "President Vladimir Putin" -> [].
    """
    segments: list[list[_Token]] = []
    current: list[_Token] = []
    after_title = False
    for token in run:
        if token.folded in _TITLES:
            segments.append(current)
            current, after_title = [], True
        elif not after_title:
            current.append(token)
    segments.append(current)
    return [s for s in segments if any(t.capitalised for t in s)]


def _subsequences(segment: Sequence[_Token]) -> Iterable[tuple[int, int]]:
    """(i, j) for tokens i..j-1 that start and end on a capitalised content word."""
    n = len(segment)
    for i in range(n):
        if not _starts_name(segment, i):
            continue
        for j in range(min(n, i + 7), i, -1):
            if segment[j - 1].capitalised and segment[j - 1].folded not in FUNCTION_WORDS:
                yield i, j


def _starts_name(segment: Sequence[_Token], i: int) -> bool:
    token = segment[i]
    if not token.capitalised:
        return False
    if token.folded == "the":  # "The Hague", "The Gambia"
        return i + 1 < len(segment)
    return token.folded not in FUNCTION_WORDS


def _key(segment: Sequence[_Token], i: int, j: int) -> str:
    return name_key(" ".join(_spelled_out(t.text) for t in segment[i:j]))


def _spelled_out(word: str) -> str:
    """ "Ill." -> "Illinois"; other words as they are."""
    found = _STATE_ABBREVIATIONS.get(word)
    return found[1] if found else word


def _abbreviation(match: _Match) -> tuple[str, str] | None:
    """(country, division) when the match is a state's abbreviation: "Calif.", "N.D."."""
    return _STATE_ABBREVIATIONS.get(match.tokens[0].text) if len(match.tokens) == 1 else None


def _keys(segments: Iterable[Sequence[_Token]]) -> set[str]:
    return {_key(seg, i, j) for seg in segments for i, j in _subsequences(seg)}


# ---------------------------------------------------------------- matching


def _match_segment(
    text: str, segment: list[_Token], found: dict[str, tuple[Candidate, ...]], floor: int
) -> list[_Match]:
    """Longest matches first, left to right, without overlaps."""
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(segment)
    for i, j in sorted(_subsequences(segment), key=lambda ij: (ij[0] - ij[1], ij[0])):
        if any(taken[i:j]):
            continue
        key = _key(segment, i, j)
        if key in _NOT_PLACES:  # "South America" is not "America"
            taken[i:j] = [True] * (j - i)
        elif key in found:
            spans.append((i, j, key))
            taken[i:j] = [True] * (j - i)
    return [
        _Match(
            tokens=tuple(segment[i:j]),
            key=key,
            candidates=found[key],
            left=_content_word(segment, i - 1),
            right=_content_word(segment, j),
            division_next=_division_next(segment, j),
            linked=_linked(segment, i, j),
            sentence_initial=_sentence_initial(text, segment[i].start, floor),
            end=segment[j - 1].end,
        )
        for i, j, key in sorted(spans)
    ]


def _content_word(segment: Sequence[_Token], i: int) -> _Token | None:
    """The capitalised word at ``i``, unless it is a function word or a day ("strikes around
    Damascus Thursday": the day is not part of the name)."""
    if not 0 <= i < len(segment):
        return None
    token = segment[i]
    if token.folded in WEEKDAYS:
        return None
    return token if token.capitalised and token.folded not in FUNCTION_WORDS else None


def _division_next(segment: Sequence[_Token], j: int) -> bool:
    """A division word ends the name after the match: "Kharkiv Oblast".

    Not in "Colorado State University" or "Mississippi State's center".
    """
    word = _content_word(segment, j)
    return (
        word is not None
        and word.folded in DIVISION_WORDS
        and not word.possessive
        and _content_word(segment, j + 1) is None
    )


def _linked(segment: Sequence[_Token], i: int, j: int) -> bool:
    """ "Voice of America", "Curva del Diablo": a connector ties the match into a longer name.

    "the Province of Sulu" and "Russia and Ukraine" do not count.
    """
    before = segment[i - 1].folded if i >= 2 else ""
    if before in _CONNECTORS and before not in ("and", "the"):
        head = segment[i - 2].folded
        if head not in _DESCRIPTORS and head not in DIVISION_WORDS:
            return True
    after = segment[j].folded if j < len(segment) else ""
    return after in _CONNECTORS and after not in ("and", "the")


_OPENERS = "\"“”'‘’([{—–-*•·"


def _sentence_initial(text: str, position: int, floor: int) -> bool:
    i = position - 1
    while i >= floor and (text[i] in _OPENERS or text[i] in " \t\u00a0"):
        i -= 1
    return i < floor or text[i] in ".!?:;\n…"


# ---------------------------------------------------------------- cues

_DIVISION_AFTER = re.compile(r"[ \u00a0]+([A-Za-z]+)\b(?![ \u00a0]+[A-Z])")
_QUALIFIER = re.compile(
    r",[ \u00a0]+((?:[A-Z][\w'’.-]*|(?:[A-Z]\.){2,})(?:[ \u00a0]+[A-Z][\w'’.-]*){0,2})"
)
_DATELINE = re.compile(r"(?:,[ \u00a0]+[A-Z][\w.]*(?:[ \u00a0]+[A-Z][\w.]*)?)?[ \u00a0]*[(—–-]")
_FOLLOWING_WORD = re.compile(r"[ \u00a0]*(,?)[ \u00a0]*([a-z]+)[ \u00a0]*([a-z]*)")


def _words_before(text: str, position: int, floor: int, count: int) -> list[str]:
    """Up to ``count`` folded words before ``position`` in the same clause, nearest last."""
    window = text[max(floor, position - 60) : position].rpartition("\n")[2]
    words = re.findall(r"[\w'’.-]+|[^\w\s]", window)
    out: list[str] = []
    for word in reversed(words):
        if not word[0].isalnum():
            break
        out.append(word.casefold())
        if len(out) == count:
            break
    return out[::-1]


def _qualifier_keys(text: str, match: _Match, end: int) -> list[str]:
    found = _QUALIFIER.match(text, match.end, end)
    if not found:
        return []
    words = [_spelled_out(w) for w in found.group(1).split()]
    return [name_key(" ".join(words[:n])) for n in range(1, len(words) + 1)]


def _qualifier(
    text: str, match: _Match, qualifiers: dict[str, tuple[Candidate, ...]], end: int
) -> tuple[Candidate, ...]:
    """The candidates of ``match`` that lie in the area named after its comma.

    A state's name before another state's (or a country's before a country's) is a list:
    "Oklahoma, Pennsylvania" does not place a village called Oklahoma in Pennsylvania.
    """
    levels = {c.place.feature for c in match.candidates if c.match in ("name", "alias")}
    for key in reversed(_qualifier_keys(text, match, end)):
        areas = _areas(qualifiers.get(key, ()))
        if {a.place.feature for a in areas} & levels & _WIDE:
            return ()
        kept = qualified(match.candidates, areas)
        if kept:
            return tuple(kept)
    return ()


_WIDE = frozenset({"country", "admin1"})


def _areas(readings: Iterable[Candidate]) -> list[Candidate]:
    """The readings of a qualifier: its countries and states, else its counties.

    "Arizona, California, Colorado" is a list: "Colorado" after "California" names the US
    state, not a Brazilian municipality that has a Califórnia in it.
    """
    readings = list(readings)
    wide = [q for q in readings if q.place.feature in _WIDE]
    return wide or [q for q in readings if q.place.feature == "admin2"]


def _cues(
    text: str,
    match: _Match,
    qualifiers: dict[str, tuple[Candidate, ...]],
    floor: int,
    end: int,
) -> tuple[_Match, _Cues]:
    before = _words_before(text, match.start, floor, 5)
    trimmed = before[:-1] if before[-1:] == ["the"] else before
    if len(trimmed) > 1 and trimmed[-1] in _DIRECTIONS and trimmed[-2] in _LOCATIVE:
        trimmed = trimmed[:-1]  # "in central Mali": the locative reaches past the direction
    last = trimmed[-1] if trimmed else ""
    named = trimmed[-2] if last == "of" and len(trimmed) > 1 else last
    listed = named in _PLURAL_DESCRIPTORS
    descriptor = named in _DESCRIPTORS or listed
    division = descriptor and named in DIVISION_WORDS
    after = _DIVISION_AFTER.match(text, match.end, end)
    is_country = any(c.place.feature in _WHOLE_AREAS for c in match.candidates)
    divisions = any(c.place.feature == "admin1" for c in match.candidates)
    state_after = bool(after) and after.group(1).casefold() in ("state", "province")
    if (
        after
        and after.group(1).casefold() in DIVISION_WORDS
        and (not is_country or (divisions and state_after))
    ):
        # "Niger state" is Nigeria's, not the country, whose name it shares
        match, division = replace(match, end=after.end(1)), True
    elif after and after.group(1).casefold() in _BORDER_WORDS and not is_country:
        division = True
    abbreviation = _abbreviation(match)
    if abbreviation or _names_a_division(match):  # "Ill.", "Gwinnett County"
        division = True
    dateline = (
        match.sentence_initial
        and match.tokens[0].text.isupper()
        and bool(_DATELINE.match(text, match.end, end))
    )
    return match, _Cues(
        dateline=dateline,
        listed=listed,
        locative=last in _LOCATIVE or (descriptor and any(w in _LOCATIVE for w in trimmed)),
        descriptor=descriptor,
        division=division,
        qualifier=_qualifier(text, match, qualifiers, end),
        country_hint=abbreviation[0] if abbreviation else _country_hint(trimmed),
        actor=last not in _LOCATIVE and _acts(text, match, end, is_country),
        person=last not in _LOCATIVE and not division and _person(text, match, end),
        currency=bool(_CURRENCY.match(text, match.end, end)),
        part_of=last in _LOCATIVE and bool(_PART_AFTER.match(text, match.end, end)),
    )


# "in Nigeria's north-east", "in Burkina Faso's restive north": a part of the country.
_PART_AFTER = re.compile(
    r"['’]s\s+(?:(?:far|restive|volatile|remote|troubled|mountainous)\s+)?"
    r"(?:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central"
    r"|interior|border(?:lands?)?|heartland)\b",
    re.IGNORECASE,
)


# A town has no border of its own: "near the New York border" is the state's (a country
# keeps its reading: "the Mexico border").
_BORDER_WORDS = frozenset({"border", "borders", "border's"})
_CURRENCY = re.compile(r"\$|[ \u00a0]+dollars?\b")


def _country_hint(before: Sequence[str]) -> str | None:
    """ "the Polish city of X" -> PL."""
    words = list(before[:-1]) if before[-1:] == ["of"] else list(before)
    if len(words) >= 2 and words[-1] in _DESCRIPTORS:
        return demonym_country(words[-2])
    return None


def _acts(text: str, match: _Match, end: int, is_country: bool) -> bool:
    """A name used as an actor: "Russia said", "Iran admitted", "Russia's leadership"."""
    following = _FOLLOWING_WORD.match(text, match.end, end)
    comma, verb = (following.group(1), following.group(2)) if following else ("", "")
    if is_country and (match.tokens[-1].possessive or (not comma and verb in _ACTOR_VERBS)):
        return True
    return not comma and verb in _SPEECH_VERBS


def _person(text: str, match: _Match, end: int) -> bool:
    """ "Marina posted", "Amman, who was described", "Graham continued"."""
    following = _FOLLOWING_WORD.match(text, match.end, end)
    if not following or not match.word:
        return False
    comma, word, next_word = following.groups()
    if comma:
        return word in ("who", "whose") or (word == "the" and next_word in _PERSON_NOUNS)
    return len(word) > 4 and word.endswith("ed") and word not in _PLACE_VERBS


_PERSON_NOUNS = frozenset(
    """mother father son daughter wife husband brother sister widow widower aunt uncle
    grandmother grandfather head leader founder director spokesman spokeswoman""".split()
)
_PLACE_VERBS = frozenset("based located situated controlled occupied annexed held".split())


_LIST_JOINER = r",\s*(?:and\s+)?|\s+and\s+"
_COORDINATOR = r",?\s+(?:and|or)\s+"  # not a bare comma: "Washington, D.C." is one place


def _link_neighbours(text: str, pairs: list[tuple[_Match, _Cues]]) -> list[tuple[_Match, _Cues]]:
    """Cues that pass between neighbouring names.

    "Donetsk, Luhansk, and Kherson regions": every item of the list is a division.
    "the towns of Akhtarin and Dabiq": every item of the list is a town.
    "Russia's Belgorod region": the possessive country places what follows it, and
    "Chhattisgarh's Bijapur district" the possessive state.
    """
    out = list(pairs)
    for i in range(1, len(out)):
        match, cue = out[i]
        previous, previous_cue = out[i - 1]
        between = text[previous.end : match.start]
        if previous_cue.listed and re.fullmatch(_LIST_JOINER, between):
            shared = replace(cue, descriptor=True, division=cue.division or previous_cue.division)
            out[i] = (match, replace(shared, listed=True))
    for i in range(len(out) - 1, 0, -1):
        match, cue = out[i]
        previous, previous_cue = out[i - 1]
        between = text[previous.end : match.start]
        if cue.division and re.fullmatch(_LIST_JOINER, between):
            out[i - 1] = (previous, replace(previous_cue, division=True))
        countries = [c for c in previous.candidates if c.place.feature == "country"]
        states = [c for c in previous.candidates if c.place.feature == "admin1"]
        if previous.tokens[-1].possessive and countries and re.fullmatch(r"['’]s\s+", between):
            hint = cue.country_hint or countries[0].place.country
            out[i] = (match, replace(cue, country_hint=hint))
        elif previous.tokens[-1].possessive and states and re.fullmatch(r"['’]s\s+", between):
            # "Chhattisgarh's Bijapur district": the possessive state holds what follows it
            inside = qualified(match.candidates, states)
            if inside and not cue.qualifier:
                out[i] = (match, replace(cue, qualifier=tuple(inside)))
    for i in range(1, len(out)):
        (left, left_cue), (right, right_cue) = out[i - 1], out[i]
        if re.fullmatch(_COORDINATOR, text[left.end : right.start]):
            if _state_of(right, right_cue) and _has_division(left, _state_of(right, right_cue)):
                out[i - 1] = (left, replace(left_cue, division=True))
            if _state_of(left, left_cue) and _has_division(right, _state_of(left, left_cue)):
                out[i] = (right, replace(right_cue, division=True))
    return out


def _state_of(match: _Match, cues: _Cues) -> str | None:
    """The country of the first-level division a name reads as first, if it does.

    Names listed with such a division are divisions of that country too: "Oregon and
    Washington laws" are those of two states, not of a state and the capital.
    """
    if cues.qualifier:
        return None
    head = rank(match.candidates)[0].place
    return head.country if head.feature == "admin1" else None


def _has_division(match: _Match, country: str) -> bool:
    return any(c.place.feature == "admin1" and c.place.country == country for c in match.candidates)


# ---------------------------------------------------------------- filters


def _lowercase_words(text: str, start: int, end: int) -> frozenset[str]:
    return frozenset(re.findall(r"\b[a-z][a-z'-]+\b", text[start:end]))


def _reads_as_place(match: _Match, cues: _Cues, lowered: frozenset[str]) -> bool:
    if _abbreviation(match):
        return True
    if cues.actor or cues.person or cues.currency or _part_of_longer_name(match):
        return False
    head = rank(match.candidates)[0]
    word = match.word
    if word in DEMONYMS or (
        match.tokens[-1].possessive and head.place.feature in _WHOLE_AREAS and not cues.part_of
    ):
        return False  # "Russia's leadership"; but "in Nigeria's north-east" is a place
    if word in MONTHS or word in WEEKDAYS or word in _DIRECTIONS:
        return bool(cues.qualifier) or (word in _DIRECTIONS and cues.division)
    if word and (word in COMMON_WORDS or word in lowered or _shouted(match.tokens[0].text)):
        return cues.strong or (cues.locative and _population(match) >= 100_000)
    if word and not any(c.match in ("name", "alias") for c in match.candidates):
        return cues.strong or _close_alternate(match, head, 0.5 if cues.locative else 0.7)
    if word and match.sentence_initial and head.place.feature in ("place", "admin2"):
        return cues.strong or cues.locative or head.place.population >= 100_000
    return True


def _shouted(word: str) -> bool:
    """All capitals, as in headlines and datelines, but not "UK" or "U.S."."""
    return word.isupper() and "." not in word and word not in _ABBREVIATIONS


def _part_of_longer_name(match: _Match) -> bool:
    """ "Vladimir Putin", "Kyiv Independent", "Hyde Park Corner", "Voice of America".

    A division named with its division word names the area an office serves: "Gwinnett
    County" in "Gwinnett County Police" and "Kharkiv Oblast" in "Kharkiv Oblast
    Administration" are places.
    """
    left, right = match.left, match.right
    if left is None and not match.linked and _names_a_division(match):
        return False
    if any(t is not None and t.folded in _ORGANISATION_WORDS for t in (left, right)):
        return True
    if right is not None and not match.division_next:
        return True
    if left is not None and left.folded not in _DIRECTIONS:
        return True
    if match.linked and not any(c.place.feature == "country" for c in match.candidates):
        return True
    return False


def _names_a_division(match: _Match) -> bool:
    """ "Gwinnett County", "Kharkiv Oblast": a division word ends the name, capitalised."""
    last = match.tokens[-1]
    return (
        len(match.tokens) > 1
        and last.folded in DIVISION_WORDS
        and last.capitalised
        and any(c.place.feature in ("admin1", "admin2") for c in match.candidates)
    )


def _population(match: _Match) -> int:
    return max(c.place.population for c in match.candidates)


def _close_alternate(match: _Match, head: Candidate, similarity: float) -> bool:
    """ "Kiev" for Kyiv: a big place, under a spelling close to its name.

    GeoNames' alternate names include nicknames and old names ("Whitehall" for Atlanta,
    "Molotov" for Perm) that read as other words in news.
    """
    ratio = SequenceMatcher(None, match.key, name_key(head.place.name)).ratio()
    return ratio >= similarity and head.place.population >= (
        SMALL_TOWN if similarity < 0.7 else 100_000
    )


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class _Anchors:
    """Evidence for the countries a text is about, by the name that gave it."""

    base: Counter[str]  # the caller's context and the demonyms
    by_name: dict[str, Counter[str]]

    def without(self, key: str) -> Counter[str]:
        """The countries in view, not counting the name ``key`` itself; weight 2 or more."""
        total = Counter(self.base)
        for name, share in self.by_name.items():
            if name != key:
                total.update(share)
        return Counter({code: weight for code, weight in total.items() if weight >= 2})


def _anchors(
    tokens: Sequence[_Token],
    pairs: Sequence[tuple[_Match, _Cues]],
    context: frozenset[str],
) -> _Anchors:
    """Countries named, places that can only be in one country, demonyms, the caller's."""
    base: Counter[str] = Counter({code: 3 for code in context})
    for token in tokens:
        code = demonym_country(token.text)
        if code:
            base[code] += 1
    by_name: dict[str, Counter[str]] = {}
    for match, cues in pairs:
        share = by_name.setdefault(match.key, Counter())
        if cues.country_hint:
            share[cues.country_hint] += 1
        for country, weight in _clear_countries(match, cues).items():
            share[country] = max(share[country], weight)
    return _Anchors(base, by_name)


def _clear_countries(match: _Match, cues: _Cues) -> Counter[str]:
    candidates = cues.qualifier or match.candidates
    ranked = rank(candidates)
    head = ranked[0].place
    if head.feature == "continent":  # in no one country
        return Counter()
    others = [c.place.population for c in ranked if c.place.country != head.country]
    if head.feature == "country" or (not others and (head.population >= 100_000 or cues.qualifier)):
        return Counter({head.country: 2})
    if head.population >= 100_000 and head.population >= 5 * max(others, default=0):
        return Counter({head.country: 1})
    return Counter()


def _resolve(match: _Match, cues: _Cues, anchors: Counter[str]) -> Candidate | None:
    candidates = list(cues.qualifier or match.candidates)
    if cues.division:
        candidates = divisions_only(candidates) or candidates
    else:  # "Sun" is no "Sunskiy Rayon" without "district" next to it
        candidates = [c for c in candidates if not _stem_only(c)] or candidates
    if cues.country_hint:
        hinted = [c for c in candidates if c.place.country == cues.country_hint]
        candidates = hinted or candidates
    if match.word in COMMON_WORDS and anchors and not cues.qualifier:
        candidates = [c for c in candidates if anchors.get(c.place.country)]
        if not candidates:
            return None
    choice = _prefer_context(rank(candidates), anchors)
    return choice if _big_enough(match, choice, cues, anchors) else None


def _region_of(place: Place) -> tuple[str, str | None]:
    return place.country, (place.name if place.feature == "admin1" else place.admin1)


# Places of a text lie this close to one another, or in one first-level division, when the
# text is about one area: the local namesake of a name is the one among them.
NEARBY_KM = 100.0


def _surroundings(
    resolved: Sequence[tuple[tuple[_Match, _Cues], Candidate]],
    home: Place | None = None,
) -> dict[str, tuple[tuple[Place, ...], ...]]:
    """Per match key, the places every other name of the text resolved to, name by name.

    The outlet's home, when known, is one more such name.
    """
    by_key: dict[str, dict[int, Place]] = {}
    for (match, _cues), choice in resolved:
        if choice.place.feature != "continent":  # a country only bars namesakes abroad
            places = by_key.setdefault(match.key, {})
            places[choice.place.geonames_id or 0] = choice.place
            if choice.place.feature == "admin2":
                places.update(_county_readings(match))
    extra = ((home,),) if home is not None else ()
    return {
        key: tuple(tuple(places.values()) for k, places in by_key.items() if k != key) + extra
        for key in {match.key for (match, _cues), _choice in resolved}
    }


def _embedded_divisions(
    pairs: Sequence[tuple[_Match, _Cues]], kept: set[int]
) -> list[tuple[tuple[_Match, _Cues], Candidate]]:
    """Divisions named inside the names of bodies, as evidence of the area, not as places.

    "the Texas Department of Criminal Justice" is no toponym of the text, but it says the
    story is in Texas: "Palestine" in it is the Texas town.
    """
    out = []
    for i, (match, cues) in enumerate(pairs):
        head = rank(match.candidates)[0]
        if i not in kept and head.place.feature == "admin1" and head.match == "name":
            out.append(((match, cues), head))
    return out


def _county_readings(match: _Match) -> dict[int, Place]:
    """Every county a bare county name may be: "Henry County" is in a dozen states.

    A county name says which state a text is about only together with the other names of
    the text, so each of its readings can vouch for a namesake in its state ("Paris" beside
    "Henry County" is the Paris of Tennessee, where both are).
    """
    return {
        c.place.geonames_id or 0: c.place for c in match.candidates if c.place.feature == "admin2"
    }


def _support(place: Place, others: Sequence[Sequence[Place]]) -> int:
    """How many other names of the text lie in the division of ``place`` or near it.

    A name of the division itself ("Virginia" beside "Alexandria") counts twice.
    """
    region = _region_of(place)
    return sum(
        2 if any(p.feature == "admin1" and _region_of(p) == region for p in places) else 1
        for places in others
        if any(_near(place, p, region) for p in places)
    )


def _near(place: Place, other: Place, region: tuple[str, str | None]) -> bool:
    if region[1] is not None and _region_of(other) == region:
        return True
    if place.feature != "place" or other.feature != "place":
        return False
    if None in (place.lat, place.lon, other.lat, other.lon):
        return False
    return distance_km(place, other) <= NEARBY_KM


def _prefer_region(
    match: _Match,
    cues: _Cues,
    choice: Candidate,
    surroundings: dict[str, tuple[tuple[Place, ...], ...]],
    home: Place | None = None,
) -> Candidate:
    """The namesake among the other places of the text, when they point away from the choice.

    "Gainesville" in a story that names Atlanta and Athens, Georgia, is Gainesville, Georgia,
    not the bigger Gainesville in Florida; "Alexandria" in a story about Virginia is not the
    Egyptian city. It takes another name of the text near the namesake (a name of its
    division counts twice; a hamlet needs two, a country three to be unseated), and more of
    them than the chosen reading has. A namesake in the chosen reading's country must not be
    dwarfed by it ("Boston" in a story about upstate New York is still Boston); one abroad
    wins only when no other name of the text lies in the country of the chosen reading.
    """
    if cues.qualifier or cues.country_hint:
        return choice
    if choice.match == "alias" and choice.place.feature != "country":
        return choice
    others = surroundings.get(match.key, ())
    if not others or choice.place.feature == "continent":
        return choice
    scored = [
        (_support(c.place, others), c.place.population, c)
        for c in match.candidates
        if c.place.feature in ("place", "admin2", "admin1")
        and c is not choice
        and (c.match in ("name", "alias") or c.match == choice.match)
        and _may_unseat(c.place, choice.place, others, _local(c.place, home))
    ]
    if not scored:
        return choice
    support, population, best = max(scored, key=lambda s: (s[0], s[1]))
    needed = 3 if choice.place.feature == "country" else 1
    needed += population < TINY_TOWN  # a hamlet needs more than one neighbour
    if support < needed or support <= _support(choice.place, others):
        return choice
    return best


def _local(place: Place, home: Place | None) -> bool:
    return home is not None and _region_of(place) == _region_of(home)


# A town in the outlet's home division is the one its readers know, unless the namesake is
# this many times bigger: "Charlotte" in a Michigan paper is Charlotte, Michigan.
LOCAL_DWARF = 200


def _may_unseat(
    place: Place, chosen: Place, others: Sequence[Sequence[Place]], local: bool = False
) -> bool:
    """Whether ``place`` is not dwarfed by the chosen reading, or barred by its country.

    The test comes before the best-supported namesake is picked, so that a hamlet vouched
    for by the most names does not shield a town that may win ("Manhattan" beside Kansas
    towns is Manhattan, Kansas, even when an Illinois village has more neighbours).
    """
    if chosen.feature == "country" and place.population * 1000 < chosen.population:
        return False  # "China" beside Houston is not China, Texas
    if place.country == chosen.country:  # only a city is famous enough to hold its name
        dwarf = LOCAL_DWARF if local else 50
        small = chosen.population < SMALL_TOWN or place.population * dwarf >= chosen.population
        return chosen.feature == "place" and small
    home = sum(1 for places in others if any(p.country == chosen.country for p in places))
    if chosen.population >= SMALL_TOWN:  # a city abroad holds while one name is at home
        return home == 0
    return _support(place, others) > home  # a village, while more names are elsewhere


def _stem_only(candidate: Candidate) -> bool:
    return candidate.match == "variant" and candidate.place.feature == "admin2"


def _prefer_context(ranked: list[Candidate], anchors: Counter[str]) -> Candidate:
    """The best-ranked reading in a country the text is about, unless it is dwarfed.

    "Georgia" among Michigan and Wisconsin is the state; "London" in a story about Ohio
    is still London, England.
    """
    top = ranked[0]
    if top.match == "alias" or not anchors or anchors.get(top.place.country):
        return top
    anchored = [c for c in ranked if anchors.get(c.place.country)]
    if not anchored:
        return top
    best = max(anchored, key=lambda c: anchors[c.place.country])
    if top.place.feature == "country":
        return best if best.place.feature == "admin1" else top
    dwarfed = top.place.population >= 1_000_000 and top.place.population > 20 * max(
        best.place.population, 1
    )
    return top if dwarfed else best


def _big_enough(match: _Match, choice: Candidate, cues: _Cues, anchors: Counter[str]) -> bool:
    """Small places, and places far from what the text is about, need a cue.

    A text with no country in view takes any place after "in"; one about Hong Kong takes
    "Tin Hau" there but not "Lam" in Bavaria.
    """
    place = choice.place
    if (
        cues.strong
        and not cues.qualifier
        and anchors
        and not anchors.get(place.country)
        and place.feature == "place"
        and place.population < SMALL_TOWN
    ):
        # "the Jubar district of the capital" in a text about Syria: not a hamlet in Germany
        return False
    if cues.strong or place.feature in _WHOLE_AREAS or choice.match == "alias":
        return True
    if anchors and not anchors.get(place.country):
        if place.feature == "admin1":
            return cues.locative
        return place.population >= 1_000_000 or (cues.locative and place.population >= SMALL_TOWN)
    if place.feature == "admin1" or place.population >= SMALL_TOWN:
        return True
    if place.population < TINY_TOWN and place.feature == "place":
        return cues.locative and bool(anchors)
    return cues.locative or (bool(anchors) and not match.word)
