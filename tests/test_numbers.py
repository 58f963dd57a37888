"""Casualty counts: parse_number and find_counts.

Phrases come from real reports: the seed case (tests/articles, Meduza CC BY 4.0), English
and Russian Wikinews (CC BY 2.5) in shared/data/open_news, and short phrases from the FA-KES
Syrian-war reports (shared/data/fakes-syria-dev, evaluation use).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.mentions.numbers import find_counts, parse_number

HERE = Path(__file__).parent
SEED = HERE / "articles" / "meduza-belgorod-conscripts.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared"
UCDP = SHARED / "data" / "ucdp-ged-sample" / "ucdpged_sample.csv"


def _triples(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(c.what, c.low, c.high) for c in find_counts(text)]


# ---------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("1,300", 1300),
        ("1 300", 1300),
        ("220000", 220000),
        ("2,319", 2319),
        ("three", 3),
        ("twenty-six", 26),
        ("Sixty-six", 66),
        ("Twenty six", 26),
        ("a hundred", 100),
        ("one hundred and twelve", 112),
        ("two thousand", 2000),
        ("a thousand", 1000),
        ("two thousand five hundred", 2500),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("3 million", 3_000_000),
        ("1.5 million", 1_500_000),
        ("zero", 0),
    ],
)
def test_parse_number_reads_digits_and_words(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize(
    "words", ["", "people", "two three", "twenty twenty", "and", "hundred and", "1,30", "1.5", "a"]
)
def test_parse_number_refuses_what_is_not_a_number(words):
    assert parse_number(words) is None


# ---------------------------------------------------------------- find_counts: one count

ONE_COUNT = [
    # (text, what, low, high, qualifier, quote)
    ("at least three conscripts were killed", "killed", 3, None, "at least", "at least three"),
    (
        "at least seven conscripts have been killed by shelling",
        "killed",
        7,
        None,
        "at least",
        "at least seven",
    ),
    ("The attackers opened fire, killing three.", "killed", 3, 3, None, "three"),
    ("ten people died in the explosion", "killed", 10, 10, None, "ten"),
    (
        "Chippewa Falls, Wisconsin where at least five died.",
        "killed",
        5,
        None,
        "at least",
        "at least five",
    ),
    ("Twenty-six civilians were also killed yesterday", "killed", 26, 26, None, "Twenty-six"),
    (
        "at least 22 people killed in U.S. air strikes",
        "killed",
        22,
        None,
        "at least",
        "at least 22",
    ),
    ("with the death toll rising to 22 people on Monday", "killed", 22, 22, "toll", "22"),
    ("bringing the toll to 20", "killed", 20, 20, "toll", "20"),
    ("The Observatory meanwhile updated to 18 its toll", "killed", 18, 18, "toll", "18"),
    (
        "Death toll in Syrian bombing raid on Aleppo rises to 76: monitor.",
        "killed",
        76,
        76,
        "toll",
        "76",
    ),
    ("one person killed", "killed", 1, 1, None, "one"),
    ("two policemen were shot dead", "killed", 2, 2, None, "two"),
    ("Air strikes kill dozens in Syrias Aleppo", "killed", 12, None, "dozens", "dozens"),
    ("an attack that left 4 dead", "killed", 4, 4, None, "4"),
    ("a shooting that left two people dead", "killed", 2, 2, None, "two"),
    ("27 dead in Syria", "killed", 27, 27, None, "27"),
    ("3 fatalities were reported", "killed", 3, 3, None, "3"),
    ("Turkeys state-run Ananolu Agency reported 15 deaths", "killed", 15, 15, None, "15"),
    (
        "Troops repelled the attack, wounding dozens of them.",
        "injured",
        12,
        None,
        "dozens",
        "dozens",
    ),
    ("66 people or more were injured", "injured", 66, None, "at least", "66 people or more"),
    (
        "Sixty-six people or more were injured yesterday",
        "injured",
        66,
        None,
        "at least",
        "Sixty-six people or more",
    ),
    ("three others injured", "injured", 3, 3, None, "three"),
    ("injuring four", "injured", 4, 4, None, "four"),
    ("four wounded", "injured", 4, 4, None, "four"),
    ("killed 31 terrorists including commanders", "killed", 31, 31, None, "31"),
    (
        "The battle has killed some 300 fighters on both sides",
        "killed",
        300,
        300,
        "about",
        "some 300",
    ),
    ("Around 130 people are reported to have died", "killed", 130, 130, "about", "Around 130"),
    ("has cost the lives of 136 civilians northeast of the city", "killed", 136, 136, None, "136"),
    ("the heavy fighting claimed the lives of 129 loyalists", "killed", 129, 129, None, "129"),
    ("Extremism takes hundreds of lives in Latakia.", "killed", 100, None, "hundreds", "hundreds"),
    ("Forces killed many hundreds of people.", "killed", 100, None, "hundreds", "many hundreds"),
    (
        "More than 210000 people have been killed in Syria",
        "killed",
        210000,
        None,
        "more than",
        "More than 210000",
    ),
    (
        "Over 40 dead in two suicide attacks on Afghan mosques",
        "killed",
        40,
        None,
        "more than",
        "Over 40",
    ),
    ("up to 30 people were killed", "killed", None, 30, "up to", "up to 30"),
    ("as many as 30 people were killed", "killed", None, 30, "up to", "as many as 30"),
    ("nearly 40 people were killed", "killed", None, 40, "nearly", "nearly 40"),
    ("between 10 and 15 people were killed", "killed", 10, 15, "between", "between 10 and 15"),
    ("10-15 people were killed", "killed", 10, 15, "between", "10-15"),
    ("two or three people were wounded", "injured", 2, 3, "between", "two or three"),
    ("a dozen people were killed", "killed", 12, 12, None, "a dozen"),
    ("two dozen people were killed", "killed", 24, 24, None, "two dozen"),
    # a dateline's year is no count
    (
        "August 24 2014 Hundreds dead as Islamic State seizes air base",
        "killed",
        100,
        None,
        "hundreds",
        "Hundreds",
    ),
    (
        "An airstrike killed Qasem Soleimani and eight others",
        "killed",
        9,
        9,
        None,
        "Qasem Soleimani and eight others",
    ),
    (
        "Ahmed Said and at least two others were injured",
        "injured",
        3,
        None,
        "at least",
        "Ahmed Said and at least two others",
    ),
    ("Airstrikes kill dozen Houthi rebels in Marib", "killed", 12, 12, None, "dozen"),
    (
        "Scores of Syrian troops and state employees were killed",
        "killed",
        20,
        None,
        "scores",
        "Scores",
    ),
    ("tens of people were killed", "killed", 10, None, "tens", "tens"),
    ("thousands of people were killed", "killed", 1000, None, "thousands", "thousands"),
    ("several soldiers were killed", "killed", 2, None, "several", "several"),
    ("a few civilians were wounded", "injured", 2, None, "a few", "a few"),
    (
        "several dozen Kurdish forces were also killed",
        "killed",
        24,
        None,
        "dozens",
        "several dozen",
    ),
    (
        "An unknown number of jihadists were also killed",
        "killed",
        2,
        None,
        "several",
        "An unknown number",
    ),
    ("Mortar shells killed a civilian and injured 14 others.", "killed", 1, 1, None, "a civilian"),
    ("a policeman was killed", "killed", 1, 1, None, "a policeman"),
    ("gunmen opened fire, killing a journalist", "killed", 1, 1, None, "a journalist"),
    ("The gunmen shot dead a man outside the mosque", "killed", 1, 1, None, "a man"),
    ("Police arrived and shot him dead.", "killed", 1, 1, None, "him"),
    ("He died today.", "killed", 1, 1, None, "He"),
    ("A day ago a 5-year-old child was killed", "killed", 1, 1, None, "a 5-year-old child"),
    ("The attacker was shot dead by police.", "killed", 1, 1, None, "The attacker"),
    ("One other person was injured in the altercation.", "injured", 1, 1, None, "One"),
    (
        "the strikes have been criticised for killing civilians",
        "killed",
        2,
        None,
        "plural",
        "civilians",
    ),
    ("no one was killed", "killed", 0, 0, "none", "no one"),
    ("Nobody was hurt in the blast.", "injured", 0, 0, "none", "Nobody"),
    ("No one was harmed in the attack.", "injured", 0, 0, "none", "No one"),
    ("The YPG reported no deaths in the attacks", "killed", 0, 0, "none", "no deaths"),
    (
        "Iran Protests: at Least 458 People Killed/11 Officially Sentenced",
        "killed",
        458,
        None,
        "at least",
        "at Least 458",
    ),
    (
        "At least 287 IS fighters among them 26 minors had been killed",
        "killed",
        287,
        None,
        "at least",
        "At least 287",
    ),
    ("the Islamic State had killed and executed 270 people", "killed", 270, 270, None, "270"),
    ("Syrian forces succeeded to kill 35 terrorists in an ambush", "killed", 35, 35, None, "35"),
    (
        "In Idlib twenty-eight heads of the Ahrar al-Sham militant group were killed",
        "killed",
        28,
        28,
        None,
        "twenty-eight",
    ),
    # coordinated victims: one total, as the gold counts an event's dead
    (
        "Twelve soldiers, 26 insurgents killed in Helmand clash",
        "killed",
        38,
        38,
        None,
        "Twelve soldiers, 26 insurgents",
    ),
    (
        "NATO soldier, 6 militants killed in attack at military camp in Afghanistan",
        "killed",
        7,
        7,
        None,
        "NATO soldier, 6 militants",
    ),
    (
        "Philippine clash leaves 18 soldiers, 5 militants dead",
        "killed",
        23,
        23,
        None,
        "18 soldiers, 5 militants",
    ),
    (
        "Three soldiers and two civilians were killed in the blast",
        "killed",
        5,
        5,
        None,
        "Three soldiers and two civilians",
    ),
    (
        "At least 12 soldiers, 26 insurgents killed in Kunar",
        "killed",
        38,
        None,
        "at least",
        "At least 12 soldiers, 26 insurgents",
    ),
    (
        "Drone strike kills Taliban commander, 4 others in Afghan northern Kunduz province",
        "killed",
        5,
        5,
        None,
        "Taliban commander, 4 others",
    ),
    (
        "The bomb killed three soldiers, two policemen and a civilian on Monday",
        "killed",
        6,
        6,
        None,
        "three soldiers, two policemen and a civilian",
    ),
    # one bare victim, headline style
    (
        "Police kill suspected gunman in Russia's Kabarda-Balkaria",
        "killed",
        1,
        1,
        None,
        "suspected gunman",
    ),
    (
        "Prominent Somali youth leader killed in Mogadishu",
        "killed",
        1,
        1,
        None,
        "Prominent Somali youth leader",
    ),
    ("Teen killed as Iran town protests for third day.", "killed", 1, 1, None, "Teen"),
    ("Man, 24, killed in Belfast shooting", "killed", 1, 1, None, "Man"),
    (
        "Gunmen kill doctor, his associate in east Afghanistan",
        "killed",
        2,
        None,
        "plural",
        "doctor",
    ),
    (
        "Philippine offensive kills 8 militants, wounds commander",
        "injured",
        1,
        1,
        None,
        "commander",
    ),
    # a headline toll
    ("Toll in Baghdad market bombing climbs to 60", "killed", 60, 60, "toll", "60"),
    ("Quake toll hits 300 in the north", "killed", 300, 300, "toll", "300"),
    ("Market bombing toll rises to 41", "killed", 41, 41, "toll", "41"),
    # bodies found count the dead
    ("Police find 14 bodies in a mass grave", "killed", 14, 14, None, "14"),
    ("Nine bodies were recovered from the river on Sunday", "killed", 9, 9, None, "Nine"),
    ("Eleven mutilated bodies dumped near the highway", "killed", 11, 11, None, "Eleven"),
    ("Rescuers pulled out 30 more bodies from the rubble", "killed", 30, 30, None, "30"),
    ("The bodies of 17 miners were brought to the surface", "killed", 17, 17, None, "17"),
    ("Body of missing reporter found in a canal", "killed", 1, 1, None, "missing reporter"),
    ("Villagers found a body near the old bridge", "killed", 1, 1, None, "a body"),
    ("A body was discovered in the forest", "killed", 1, 1, None, "A body"),
    # martyrs, in the Syrian reports' sense of the dead
    ("17 martyrs in the shelling of the town", "killed", 17, 17, None, "17"),
    # shoot dead / gun down in the present
    ("Troops shoot dead 4 robbers at a checkpoint", "killed", 4, 4, None, "4"),
    ("Gunmen gun down three traders in the market", "killed", 3, 3, None, "three"),
    # a number inside a hashtag-strewn noun phrase
    ("12 #Houthi fighters were killed in the strike", "killed", 12, 12, None, "12"),
    # a plural subject without its auxiliary, headline style
    ("Civilians killed as jets strike a fuel market", "killed", 2, None, "plural", "Civilians"),
    ("Nigeria: Villagers killed in reprisal raid", "killed", 2, None, "plural", "Villagers"),
    # a bare plural in a list shares the number before it; a possessive before a number
    (
        "Some 30 policemen, militiamen killed in the ambush",
        "killed",
        30,
        30,
        "about",
        "Some 30 policemen, militiamen",
    ),
    (
        "Car bomb kills mayor and his four guards",
        "killed",
        5,
        5,
        None,
        "mayor and his four guards",
    ),
    # killing verbs in every tense, and the army's "neutralised"
    ("Militants behead 3 hostages in the desert", "killed", 3, 3, None, "3"),
    ("Mob lynches two suspected thieves", "killed", 2, 2, None, "two"),
    ("Gunmen massacre 30 villagers at a funeral", "killed", 30, 30, None, "30"),
    ("Army: 40 terrorists neutralised in the forest", "killed", 40, 40, None, "40"),
    ("Bandits kill 12 traders on the highway", "killed", 12, 12, None, "12"),
    ("Gunmen kill couple in their home", "killed", 2, None, "plural", "couple"),
    # more headline shapes: a bare toll, "N+", lives lost, a subset closed by a comma
    ("Market blast: death toll 23", "killed", 23, 23, "toll", "23"),
    ("Toll from the floods reaches 120", "killed", 120, 120, "toll", "120"),
    ("40+ dead in the mosque attack", "killed", 40, None, "at least", "40+"),
    ("200-plus killed in two days of fighting", "killed", 200, None, "at least", "200-plus"),
    ("9 lives lost in the ferry attack", "killed", 9, 9, None, "9"),
    ("Six people, including two children, killed in the raid", "killed", 6, 6, None, "Six"),
    (
        "4 Britons, 2 Germans killed in the hotel attack",
        "killed",
        6,
        6,
        None,
        "4 Britons, 2 Germans",
    ),
    # "fatally" makes a wound a death; a suicide bomber counts among the dead
    ("4 policemen fatally wounded in the ambush", "killed", 4, 4, None, "4"),
    ("Bomber kills himself and 6 others", "killed", 7, 7, None, "himself and 6 others"),
    # a side's own dead
    ("Army kills 20 rebels, loses 3 men", "killed", 3, 3, None, "3"),
    ("ISIL lost 13 of its fighters as it took the town", "killed", 13, 13, None, "13"),
    # a sum whose parts' bounds differ stays a bound
    (
        "Over 40 militants, nearly 10 soldiers killed in the clash",
        "killed",
        40,
        None,
        "at least",
        "Over 40 militants, nearly 10 soldiers",
    ),
]


@pytest.mark.parametrize(("text", "what", "low", "high", "qualifier", "quote"), ONE_COUNT)
def test_find_counts_reads_the_casualty_phrase(text, what, low, high, qualifier, quote):
    counts = find_counts(text)
    assert (what, low, high, qualifier, quote) in [
        (c.what, c.low, c.high, c.qualifier, c.span.quote) for c in counts
    ], counts


# ---------------------------------------------------------------- find_counts: whole sentences

WHOLE_SENTENCES = [
    (
        "The gunmen killed 22 people and injured 24 others.",
        [("killed", 22, 22), ("injured", 24, 24)],
    ),
    ("18 civilians were killed and 12 injured", [("killed", 18, 18), ("injured", 12, 12)]),
    (
        "The rocket led to the killing of one person and the injury of 40 others.",
        [("killed", 1, 1), ("injured", 40, 40)],
    ),
    (
        "causing the death of one civilian and injury of 13 others",
        [("killed", 1, 1), ("injured", 13, 13)],
    ),
    (
        "Six civilians including a child were among at least 22 people killed in U.S. air strikes",
        [("killed", 22, None)],
    ),
    (
        "Thirteen civilians among them seven children were killed in aerial attacks",
        [("killed", 13, 13)],
    ),
    ("10 children among 18 dead as air raid hits Syria school", [("killed", 18, 18)]),
    ("killed 11 civilians including four children", [("killed", 11, 11)]),
    ("There were no casualties.", [("injured", 0, 0), ("killed", 0, 0)]),
    (
        "the war has killed more than 220000 people wounded at least one million",
        [("killed", 220000, None), ("injured", 1_000_000, None)],
    ),
    (
        "Mon Oct 31 2016 Over 3 Killed 40 Injured in Terrorists Rocket Attack",
        [("killed", 3, None), ("injured", 40, 40)],
    ),
    (
        "At least 30 Taliban killed, 12 injured in Afghan west province",
        [("killed", 30, None), ("injured", 12, 12)],
    ),
    (
        "The LCC said 27 people were killed and many others were wounded.",
        [("killed", 27, 27), ("injured", 2, None)],
    ),
    (
        "sparking fighting in which 17 people were killed two of them ambulance crew",
        [("killed", 17, 17)],
    ),
    (
        "40 people were killed and 120 were wounded some critically",
        [("killed", 40, 40), ("injured", 120, 120)],
    ),
    (
        "more than 50 troops were summarily executed 19 more were killed",
        [("killed", 50, None), ("killed", 19, 19)],
    ),
    (
        "Eleven civilians were killed in Saraqeb and another man died in Sheikh Mustafa",
        [("killed", 11, 11), ("killed", 1, 1)],
    ),
    (
        "The gunmen killed 3 soldiers and 2 civilians were wounded",
        [("killed", 3, 3), ("injured", 2, 2)],
    ),
    (
        "Philippine offensive kills 8 militants, wounds commander",
        [("killed", 8, 8), ("injured", 1, 1)],
    ),
    ("ASG member killed, soldier wounded in Sulu clash", [("killed", 1, 1)]),
    # the attackers after "by" are not among the dead
    ("Troops repel assault by 80 rebels, 4 soldiers killed", [("killed", 4, 4)]),
]


@pytest.mark.parametrize(("text", "expected"), WHOLE_SENTENCES)
def test_find_counts_keeps_killed_and_injured_apart(text, expected):
    assert _triples(text) == expected


# ---------------------------------------------------------------- not casualties

NOT_COUNTS = [
    "And our boys are getting paid 2,319 [rubles, or about $30], I think it is",
    "For more than eight months, Russia has been sending droves of conscripts",
    "President Vladimir Putin has been in power for more than eight months",
    "Brenton Tarrant, aged 28, appeared in Christchurch District Court",
    "two men aged 19 and 20 were killed",
    "The children aged from four to 10 and women were killed Thursday",
    "shortly before 19:00 local time (1800 UTC)",
    "At least 16 airstrikes were reported late Saturday",
    "13 raids were carried out on the town",
    "the 101 102 and 103 gas fields",
    "Section 8 of the law was killed in committee",
    "In 2011 the uprising began",
    "The archive characterizes events where four or more people are killed or injured by gunfire",
    "It added that troops repelled the attack killing and wounding dozens of insurgents",
    "It is unclear how many people were killed.",
    "The rebels threatened to kill 100 hostages",
    "have shown dozens of severely injured children receiving treatment",
    "The death toll could reach dozens of civilians",
    "the number of deaths was one of the highest daily tolls",
    "Maoist carrying reward of Rs 4 lakh killed in encounter",
    "700 people including 47 wounded had crossed the border",
    "Several killed, wounded in attacks in Afghan north",
    "на митинг никто не выходил против него",
    "В 2019 году погибли люди",
    "One of the conscripts’ vehicles after a shelling attack",
    "He had been sentenced to 12 years in prison",
    "Disease killed 30 cattle and 12 sheep in the district",
    "Toll road traffic rose to 300 vehicles a day",
    "The court sentenced 3 soldiers and 2 police officers over the killings",
    "They located an executed man in a ravine",
    "Six vehicles, two tanks destroyed in the raid that killed",
    "The two bodies agreed to share 5 reports a year",
    "The governing bodies of 3 nations met in Geneva",
    "Toll road traffic rose to 300 vehicles a day",
    "Bridge toll rises to 5 dollars",
    "Soldiers killed 12 cattle in the raid",
    "Troops have killed",
    "The rebels vowed to execute 5 hostages",
    "Troops neutralised 3 IEDs near the road",
    "Death toll 2011: a year in review",
    "The party lost 3 seats in the vote",
    "They could lose 5 soldiers if the talks fail",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_find_counts_ignores_numbers_that_are_not_casualties(text):
    assert find_counts(text) == []


def test_find_counts_reports_a_subset_only_inside_its_total():
    counts = find_counts("Air raid kills 21 at Syria market, including three children.")
    assert [(c.low, c.span.quote) for c in counts] == [(21, "21")]


# ---------------------------------------------------------------- spans and bounds


def test_find_counts_reads_only_the_given_range_and_indexes_the_full_text():
    text = "Ten people died on Monday. Two others were injured on Tuesday."
    second = text.index("Two")
    counts = find_counts(text, second, len(text))
    assert [(c.what, c.low, c.span.start, c.span.quote) for c in counts] == [
        ("injured", 2, second, "Two")
    ]


def test_find_counts_on_the_seed_article():
    text = SEED.read_text()
    counts = find_counts(text)
    killed = {(c.low, c.high, c.qualifier) for c in counts if c.what == "killed"}
    assert (7, None, "at least") in killed
    assert (3, None, "at least") in killed
    assert all(c.low != 2319 and c.low != 8 for c in counts)
    for c in counts:
        assert text[c.span.start : c.span.end] == c.span.quote


_WORDS = st.sampled_from(
    [
        "at least",
        "three",
        "22",
        "1,300",
        "people",
        "were",
        "killed",
        "injured",
        "and",
        "dead",
        "died",
        "no one",
        "the death toll rose to",
        "killing",
        "wounding",
        "dozens",
        "of them",
        "including",
        "a policeman",
        "was",
        "shot dead",
        ",",
        ".",
        "aged",
        "19:00",
        "погибли",
        "двое",
        "ранены",
        "some",
        "or more",
        "between",
        "to",
        "civilians",
        "He",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.integers(-5, 320), st.integers(-5, 320))
def test_find_counts_never_raises_and_spans_are_grounded(text, a, b):
    for c in find_counts(text, a, b):
        assert text[c.span.start : c.span.end] == c.span.quote
        assert max(0, a) <= c.span.start < c.span.end <= min(max(b, 0), len(text))


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=25).map(" ".join))
def test_find_counts_on_casualty_vocabulary_is_grounded_and_ordered(text):
    counts = find_counts(text)
    for c in counts:
        assert text[c.span.start : c.span.end] == c.span.quote
        assert c.low is None or c.high is None or c.low <= c.high
    assert [c.span.start for c in counts] == sorted(c.span.start for c in counts)


# ---------------------------------------------------------------- UCDP headlines


@pytest.mark.shared
@pytest.mark.skipif(not UCDP.exists(), reason="needs ../shared/data/ucdp-ged-sample")
def test_ucdp_headline_tolls_contain_the_best_estimate():
    """For headlines where a killed count is found: does its range contain UCDP's `best`?

    Many UCDP events are one location's share of a headline's national or daily total
    ("163 people died yesterday"), so the rate measures the data's granularity as much as the
    parser; the floor is modest and may only rise.
    """
    stated = hits = 0
    with UCDP.open(newline="") as f:
        for row in csv.DictReader(f):
            if not row["source_headline"]:
                continue
            counts = [
                c
                for part in row["source_headline"].split(";")
                for c in find_counts(part)
                if c.what == "killed"
            ]
            if not counts:
                continue
            best = float(row["best"])
            stated += 1
            hits += any(
                (c.low is None or c.low <= best) and (c.high is None or best <= c.high)
                for c in counts
            )
    rate = hits / stated
    print(f"UCDP headlines with a killed count: {stated}; range contains best: {rate:.3f}")
    assert stated >= 150
    assert rate >= 0.36
