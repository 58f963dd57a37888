"""Place mentions in news text: which capitalised words are places, and which places.

The sentences are quoted from the seed case (Meduza, CC BY 4.0) and the open news sample in
shared/data/open_news (English Wikinews CC BY 2.5, Global Voices CC BY 3.0).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.gazetteer import Gazetteer
from eventledger.mentions.places import _may_unseat, demonym_country, find_places
from eventledger.records import Place

SEED_ARTICLE = Path(__file__).resolve().parent / "articles" / "meduza-belgorod-conscripts.txt"


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The full index; the same file as tests/test_gazetteer.py's, built once."""
    path = tmp_path_factory.getbasetemp() / "gazetteer" / "index.sqlite"
    return Gazetteer.open(path)


def places(text: str, gaz: Gazetteer, **options: object) -> list[tuple[str, str, str, str]]:
    return [
        (m.span.quote, m.place.name, m.place.feature, m.place.country)
        for m in find_places(text, gaz, **options)  # type: ignore[arg-type]
    ]


# ---------------------------------------------------------------- places found

PLACE_CASES = [
    (
        "At the start of September 2022, the Russian authorities began sending conscripts in "
        "large numbers to the country’s Belgorod region, which borders Ukraine.",
        [
            ("Belgorod region", "Belgorod Oblast", "admin1", "RU"),
            ("Ukraine", "Ukraine", "country", "UA"),
        ],
    ),
    (
        "7x7 found that at least seven conscripts have been killed by shelling in the Belgorod "
        "region in recent months.",
        [("Belgorod region", "Belgorod Oblast", "admin1", "RU")],
    ),
    (
        "The latest on the armed incursion into Russia’s Belgorod region",
        [("Belgorod region", "Belgorod Oblast", "admin1", "RU")],
    ),
    (
        "In January, [Belgorod] Governor Vyacheslav Gladkov posted a photo of a dugout.",
        [("Belgorod", "Belgorod", "place", "RU")],
    ),
    (
        "The Kremlin has annexed Ukraine’s Donetsk, Luhansk, Zaporizhzhia, and Kherson regions.",
        [
            ("Donetsk", "Donetsk", "admin1", "UA"),
            ("Luhansk", "Luhansk", "admin1", "UA"),
            ("Zaporizhzhia", "Zaporizhzhia", "admin1", "UA"),
            ("Kherson regions", "Kherson", "admin1", "UA"),
        ],
    ),
    (
        "An individual has been arrested after Paweł Adamowicz, mayor of the Polish city of "
        "Gdańsk, was stabbed last night whilst on stage at a fundraising event.",
        [("Gdańsk", "Gdańsk", "place", "PL")],
    ),
    (
        "On Saturday morning, a gunman shot shoppers at a Walmart store in the U.S. border city "
        "of El Paso, Texas, with the death toll rising to 22 people on Monday.",
        [
            ("U.S.", "United States", "country", "US"),
            ("El Paso", "El Paso", "place", "US"),
            ("Texas", "Texas", "admin1", "US"),
        ],
    ),
    (
        "On Saturday evening in Forbury Gardens in Reading, Berkshire, UK shortly before 19:00 "
        "local time, a mass stabbing killed three people.",
        [
            ("Reading", "Reading", "place", "GB"),
            ("Berkshire", "England", "admin1", "GB"),
            ("UK", "United Kingdom", "country", "GB"),
        ],
    ),
    (
        "On Sunday in London, England, according to witness accounts and authorities, a man "
        "wearing a fake suicide vest entered a store.",
        [("London", "London", "place", "GB"), ("England", "England", "admin1", "GB")],
    ),
    (
        "The shooting took place in the Tsuen Wan district.",
        [("Tsuen Wan district", "Tsuen Wan", "admin1", "HK")],
    ),
    (
        "For the first time in the sixteen weeks of protests in Hong Kong, police fired and "
        "landed a live round on a protester yesterday.",
        [("Hong Kong", "Hong Kong", "country", "HK")],
    ),
    (
        "On May 25th, it was time for a demonstration in Porto Alegre. On June 1st, a similar "
        "protest happened in Minas Gerais.",
        [
            ("Porto Alegre", "Porto Alegre", "place", "BR"),
            ("Minas Gerais", "Minas Gerais", "admin1", "BR"),
        ],
    ),
    (
        "A car bomb was on Monday rammed into a military base in Maidan Shahr in the centre of "
        "Afghanistan's Maidan Wardak province.",
        [("Maidan Shahr", "Maydanshakhr", "place", "AF")],
    ),
    (
        "Another shooting took place thirteen hours later in Dayton, Ohio where ten people died.",
        [("Dayton", "Dayton", "place", "US"), ("Ohio", "Ohio", "admin1", "US")],
    ),
    (
        "Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in the city of "
        "Aden, in southern Yemen, on Tuesday after being shot in his car.",
        [
            ("Yemen", "Yemen", "country", "YE"),
            ("Aden", "Aden", "place", "YE"),
            ("Yemen", "Yemen", "country", "YE"),
        ],
    ),
    (
        "A spokesperson said an attack that day on an Iraqi air base housing U.S. military "
        "personnel near Mosul produced no casualties.",
        [("U.S.", "United States", "country", "US"), ("Mosul", "Mosul", "place", "IQ")],
    ),
    (
        "On Thursday, Sviatlana Tsikhanouskaya held a rally in Minsk, Belarus.",
        [("Minsk", "Minsk", "place", "BY"), ("Belarus", "Belarus", "country", "BY")],
    ),
    (
        "Anti-government protests have been taking place since Tuesday in the Serbian capital "
        "Belgrade after the government announced new lockdown measures.",
        [("Belgrade", "Belgrade", "place", "RS")],
    ),
    (
        "The lawsuit tried to overturn the results in Georgia, Michigan, Pennsylvania, and "
        "Wisconsin.",
        [
            ("Georgia", "Georgia", "admin1", "US"),
            ("Michigan", "Michigan", "admin1", "US"),
            ("Pennsylvania", "Pennsylvania", "admin1", "US"),
            ("Wisconsin", "Wisconsin", "admin1", "US"),
        ],
    ),
    (
        "Clashes between Syrian government forces and rebels continued in Raqqa and Aleppo.",
        [("Raqqa", "Ar Raqqah", "place", "SY"), ("Aleppo", "Aleppo", "place", "SY")],
    ),
    (
        "Shelling hit the outskirts of Kiev and the Kharkiv region overnight.",
        [("Kiev", "Kyiv", "place", "UA"), ("Kharkiv region", "Kharkiv", "admin1", "UA")],
    ),
    (
        "WASHINGTON (AP) — The Senate voted on Tuesday.",
        [("WASHINGTON", "Washington", "place", "US")],
    ),
    (
        "NEW YORK (AP) — The Latest on the fatal shooting.",
        [("NEW YORK", "New York City", "place", "US")],
    ),
    (
        "SAN DIEGO (AP) - The National Guard faces a deadline.",
        [("SAN DIEGO", "San Diego", "place", "US")],
    ),
    ("PARIS (Reuters) - Police said two men were held.", [("PARIS", "Paris", "place", "FR")]),
    (
        "The ambassador of the Republic of Armenia met the Czech Republic's envoy.",
        [("Republic of Armenia", "Armenia", "country", "AM")],
    ),
    (
        "Migrants continue to arrive in Europe, and aid groups work across Asia and Africa.",
        [
            ("Europe", "Europe", "continent", ""),
            ("Asia", "Asia", "continent", ""),
            ("Africa", "Africa", "continent", ""),
        ],
    ),
    (
        "Trade between North America and South America grew.",
        [
            ("North America", "North America", "continent", ""),
            ("South America", "South America", "continent", ""),
        ],
    ),
    (
        "(NEW YORK) — Police officers responding to a call",
        [("NEW YORK", "New York City", "place", "US")],
    ),
    # A weekday after a name is the day, not part of a longer name ("Damascus Thursday").
    (
        "Shells fell on villages around Aleppo Tuesday, residents said.",
        [("Aleppo", "Aleppo", "place", "SY")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PLACE_CASES)
def test_find_places_resolves_real_sentences(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert places(text, gaz) == expected


# ---------------------------------------------------------------- not places

NOT_PLACE_CASES = [
    ("Russia said it would retaliate against the strikes.", "Russia"),
    ("Russia's leadership promised that no conscripts would be involved.", "Russia"),
    ("Iran admitted downing the Ukrainian jet.", "Iran"),
    ("Late on Sunday, Turkey invaded the north-east of the country.", "Turkey"),
    ("On Thursday, the United States killed Qasem Soleimani in an airstrike.", "United States"),
    ("The Russian authorities have not officially reported these deaths.", "Russian"),
    ("At the beginning of the war, President Vladimir Putin himself promised it.", "Vladimir"),
    ("Vladimir Putin promised that no conscripts would be involved.", "Vladimir"),
    ("The relatives have filed official complaints with the Defense Ministry.", "Defense"),
    ("In January, State Duma deputy Tatyana Butskaya wrote to prosecutors.", "Duma"),
    ("She asked Russia’s Investigative Committee to open a felony case.", "Russia"),
    ("The protest was held on Monday outside the parliament.", "Monday"),
    ("Thousands marched in March against the war.", "March"),
    ("Nice weather brought more marchers out on the second day.", "Nice"),
    ("Mobile phone footage showed the attack.", "Mobile"),
    ("Police said the suspected gunman surrendered himself to police.", "Police"),
    ("The National Guard was deployed to the border.", "Guard"),
    ("Hillary Clinton spoke at the rally.", "Clinton"),
    ("NATO and ISIS fighters met near the border.", "NATO"),
    ("Europe said it would answer the tariffs.", "Europe"),
    ("He lives on a pension of 100 laris (about 40 US dollars) a month.", "US"),
    ("The ministry rejected a grant of €3 million (US$3.7m) for the centre.", "US"),
    ("The Council of Europe met in Strasbourg.", "Europe"),
    ("Protests spread across Latin America.", "America"),
    ("THE LATEST ON THE STORM hit the news.", "LATEST"),
    ("The New York Times reported the story first.", "New York"),
    ("Protests spread across Latin America and the Middle East.", "America"),
    ("Marina traveled there herself in the evenings, wearing a bulletproof vest.", "Marina"),
    ("Mothers of conscripts filed complaints with the Council of Mothers and Wives.", "Wives"),
    ("Footage from the City University Student Union showed protesters.", "City"),
]


@pytest.mark.parametrize(("text", "word"), NOT_PLACE_CASES)
def test_find_places_skips_words_that_are_not_places_here(
    gaz: Gazetteer, text: str, word: str
) -> None:
    quotes = [m.span.quote for m in find_places(text, gaz)]
    assert not any(word in quote for quote in quotes), quotes


def test_country_is_a_place_after_in(gaz: Gazetteer) -> None:
    found = places("Dozens of drones were launched in Russia and Ukraine.", gaz)
    assert [q for q, *_ in found] == ["Russia", "Ukraine"]


def test_possessive_country_supports_the_next_place(gaz: Gazetteer) -> None:
    found = places("Drones hit Russia's Belgorod region and Ukraine's Kharkiv region.", gaz)
    assert found == [
        ("Belgorod region", "Belgorod Oblast", "admin1", "RU"),
        ("Kharkiv region", "Kharkiv", "admin1", "UA"),
    ]


def test_a_part_of_a_possessive_country_is_in_that_country(gaz: Gazetteer) -> None:
    found = places("Attacks in Nigeria's north-east and in Burkina Faso's restive north.", gaz)
    assert [(quote, feature) for quote, _, feature, _ in found] == [
        ("Nigeria", "country"),
        ("Burkina Faso", "country"),
    ]
    assert places("Oil sites of Saudi Arabia's state-owned Aramco were hit.", gaz) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country's name with "state" is the division that shares it
        ("Gunmen set fire to a church in Niger state.", ("Niger state", "admin1", "NG")),
        # a direction between the locative and a country keeps it a place, not an actor
        ("Clashes in central Mali killed 16.", ("Mali", "country", "ML")),
    ],
)
def test_divisions_named_like_countries_and_directions_before_countries(
    gaz: Gazetteer, text: str, expected: tuple[str, str, str]
) -> None:
    assert [(p.span.quote, p.place.feature, p.place.country) for p in find_places(text, gaz)] == [
        expected
    ]


@pytest.mark.parametrize(
    ("text", "quote", "country"),
    [
        ("Ebola in the Democratic Republic of the Congo", "Democratic Republic of the Congo", "CD"),
        ("Protests in the Republic of the Congo", "Republic of the Congo", "CG"),
        ("Rebels seized a town in eastern Congo", "Congo", "CD"),  # the larger Congo
        ("Protests in Brazzaville, Republic of Congo", "Republic of Congo", "CG"),
    ],
)
def test_the_two_congos(gaz: Gazetteer, text: str, quote: str, country: str) -> None:
    found = [(p.span.quote, p.place.country) for p in find_places(text, gaz)]
    assert (quote, country) in found and all(c == country for _, c in found)


def test_a_district_word_does_not_carry_a_foreign_hamlet(gaz: Gazetteer) -> None:
    # the only "Jubar" in the gazetteer is a German village of 690
    text = "Rebels fought troops in Damascus, Syria. The army shelled the Jubar district."
    assert [country for *_, country in places(text, gaz)] == ["SY", "SY"]


def test_a_division_before_a_verb_in_ed_is_no_person(gaz: Gazetteer) -> None:
    # "Marina posted" is a person; "the Tillaberi region killed" is not
    found = places("An attack in Niger's Tillaberi region killed 29 soldiers.", gaz)
    assert found == [("Tillaberi region", "Tillabéri", "admin1", "NE")]


def test_a_possessive_state_holds_the_name_after_it(gaz: Gazetteer) -> None:
    # Bijapur is also a city of 300,000 in Karnataka
    found = find_places("Two Maoists were killed in Chhattisgarh's Bijapur district.", gaz)
    assert [(p.span.quote, p.place.admin1) for p in found][-1] == (
        "Bijapur district",
        "Chhattisgarh",
    )


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A strike in London killed two.", "GB"),
        ("Protesters in London, Ontario blocked a road.", "CA"),
        ("He was born in Paris, Texas.", "US"),
    ],
)
def test_qualifier_after_the_comma_picks_the_reading(
    gaz: Gazetteer, text: str, country: str
) -> None:
    assert find_places(text, gaz)[0].place.country == country


def test_context_countries_pick_the_reading(gaz: Gazetteer) -> None:
    text = "Two people were killed in Vladimir overnight."
    (mention,) = find_places(text, gaz)
    assert mention.place.country == "RU"
    assert mention.span.quote == "Vladimir"


def test_region_word_prefers_the_division(gaz: Gazetteer) -> None:
    (city,) = find_places("Shells hit Belgorod.", gaz)
    (oblast,) = find_places("Shells hit the Belgorod Oblast.", gaz)
    assert (city.place.feature, oblast.place.feature) == ("place", "admin1")
    assert oblast.span.quote == "Belgorod Oblast"


def test_spans_are_relative_to_the_full_text(gaz: Gazetteer) -> None:
    text = "Intro about Minsk. Then the report: shelling in Kharkiv killed two."
    start = text.index("Then")
    mentions = find_places(text, gaz, start=start, end=len(text))
    assert [m.span.quote for m in mentions] == ["Kharkiv"]
    (mention,) = mentions
    assert text[mention.span.start : mention.span.end] == "Kharkiv"
    assert find_places(text, gaz, start=0, end=start)[0].span.quote == "Minsk"


def test_seed_article_places(gaz: Gazetteer) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    mentions = find_places(text, gaz)
    countries = {m.place.country for m in mentions}
    divisions = {m.place.name for m in mentions if m.place.feature == "admin1"}
    assert countries == {"RU", "UA"}
    assert "Belgorod Oblast" in divisions
    assert not any(m.span.quote in ("Marina", "Vladimir", "Duma") for m in mentions)


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Russian", "RU"),
        ("Ukrainian", "UA"),
        ("Syrian", "SY"),
        ("Polish", "PL"),
        ("American", "US"),
        ("British", "GB"),
        ("Iraqi", "IQ"),
        ("Iranian", "IR"),
        ("Afghan", "AF"),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("Turkish", "TR"),
        ("Kurdish", None),
        ("russian", "RU"),
        ("Belgorod", None),
        ("", None),
    ],
)
def test_demonym_country(word: str, code: str | None) -> None:
    assert demonym_country(word) == code


# ---------------------------------------------------------------- properties

_WORDS = st.sampled_from(
    [
        "in",
        "Belgorod",
        "region",
        "Russia",
        "said",
        "’s",
        "Kyiv",
        "the",
        "city",
        "of",
        ",",
        ".",
        "Texas",
        "El",
        "Paso",
        "President",
        "Vladimir",
        "U.S.",
        "—",
        "\n",
        "Oblast",
        "al-Bab",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=40).map(" ".join)))
def test_find_places_never_raises_and_spans_are_grounded(gaz: Gazetteer, text: str) -> None:
    for start, end in ((0, None), (len(text) // 3, len(text) // 2), (5, 2)):
        for mention in find_places(text, gaz, start=start, end=end):
            span = mention.span
            assert text[span.start : span.end] == span.quote
            assert start <= span.start < span.end <= (len(text) if end is None else end)


# ---------------------------------------------------------------- the region a text is about


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        (
            "Police in Atlanta and Athens, Georgia, said a man from Gainesville was arrested.",
            "Gainesville",
            "Georgia",
        ),
        ("A man from Gainesville was arrested.", "Gainesville", "Florida"),
        (
            "Virginia police said the shop in Alexandria was robbed. Virginia law applies.",
            "Alexandria",
            "Virginia",
        ),
        ("Shops in Lancaster and Morecambe will shut.", "Lancaster", "England"),
        (
            "The mayor of Albany and officials in Syracuse and Buffalo met in Boston.",
            "Boston",
            "Massachusetts",
        ),
        ("A Paris woman was charged, Bourbon County deputies said.", "Paris", "Kentucky"),
        ("A Paris woman was charged, Lamar County deputies said.", "Paris", "Texas"),
        (
            "Crews from Richmond and Williamsburg, Virginia, cleared roads near Charles City.",
            "Charles City",
            "Virginia",
        ),
        (
            "A Huntsville man was held, a spokesman for the Texas Department of Public Safety "
            "said.",
            "Huntsville",
            "Texas",
        ),
        (
            "The trail runs from Wamego to Manhattan and Topeka; planners from Kane County, "
            "Ill., and Aurora, Ill., visited.",
            "Manhattan",
            "Kansas",
        ),
    ],
)
def test_find_places_prefers_a_namesake_in_the_region_the_text_is_about(
    gaz: Gazetteer, text: str, name: str, admin1: str
) -> None:
    (found,) = [m.place for m in find_places(text, gaz) if m.span.quote == name]
    assert (found.country, found.admin1) == ("GB" if admin1 == "England" else "US", admin1)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "The Palestine man was flown to Dallas from Tyler, police in Anderson County said.",
            "Palestine",
            "US",
        ),
        ("Talks on Palestine were held in Cairo, Amman and Beirut.", "Palestine", "PS"),
        (
            "A Palestine man was sent to the Texas Department of Criminal Justice after an "
            "Anderson County trial.",
            "Palestine",
            "US",
        ),
        ("Exports from Houston, Texas, to China grew last year.", "China", "CN"),
        (
            "Officials in Washington hope to pull Damascus away from Tehran, while Syria waits.",
            "Damascus",
            "SY",
        ),
    ],
)
def test_a_country_name_yields_to_a_sizeable_namesake_among_many_local_names(
    gaz: Gazetteer, text: str, name: str, country: str
) -> None:
    (found,) = [m.place for m in find_places(text, gaz) if m.span.quote == name]
    assert found.country == country


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("He backs the Oregon and Washington laws on this.", "Washington", "admin1"),
        ("Storms hit Georgia and Alabama on Monday.", "Georgia", "admin1"),
        ("Talks between Washington and Moscow stalled.", "Washington", "place"),
        ("The toll road runs west to the New York border.", "New York", "admin1"),
        ("She works for a group based in Washington, D.C. on this.", "Washington", "place"),
    ],
)
def test_a_name_listed_with_a_state_reads_as_a_state(
    gaz: Gazetteer, text: str, name: str, feature: str
) -> None:
    (found,) = [m.place for m in find_places(text, gaz) if m.span.quote == name]
    assert (found.feature, found.country) == (feature, "US")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels in Syria seized the village of Qustul Maaf near Latakia.",
            [("Syria", "SY"), ("Qustul Maaf", "SY"), ("Latakia", "SY")],
        ),
        ("Rebels seized the village of Qustul Maaf.", []),  # no Arabic-speaking country
        ("Police in France searched the village of Qustul Maaf.", [("France", "FR")]),
    ],
)
def test_an_arabic_name_in_another_spelling_is_found_in_the_countries_of_the_text(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.span.quote, m.place.country) for m in find_places(text, gaz)] == expected


# ---------------------------------------------------------------- state abbreviations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He was born in Springfield, Ill., and moved to Paris, Tenn.",
            [
                ("Springfield", "Illinois"),
                ("Ill.", None),
                ("Paris", "Tennessee"),
                ("Tenn.", None),
            ],
        ),
        (
            "Officials in Charleston, W.Va., said so.",
            [("Charleston", "West Virginia"), ("W.Va.", None)],
        ),
        ("A man from Fargo, N.D., was held.", [("Fargo", "North Dakota"), ("N.D.", None)]),
        ("The town of London, Ont., voted.", [("London", "Ontario"), ("Ont.", None)]),
    ],
)
def test_state_abbreviations_qualify_the_town_before_them(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str | None]]
) -> None:
    found = find_places(text, gaz)
    assert [(m.span.quote, m.place.admin1) for m in found] == expected
    assert all(m.place.country in ("US", "CA") for m in found)


@pytest.mark.parametrize(
    "text",
    ["Ill. health kept him home.", "They went to Mass. Then they ate.", "Wash. your hands."],
)
def test_abbreviation_words_are_places_only_after_a_comma(gaz: Gazetteer, text: str) -> None:
    assert find_places(text, gaz) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Gwinnett County Police are investigating the drowning.", "Gwinnett County"),
        ("He was held at the Alachua County Jail on Monday.", "Alachua County"),
    ],
)
def test_a_division_named_with_its_word_is_a_place_before_an_office(
    gaz: Gazetteer, text: str, quote: str
) -> None:
    assert [m.span.quote for m in find_places(text, gaz)] == [quote]


def test_other_names_before_an_office_are_not_places(gaz: Gazetteer) -> None:
    assert find_places("Kyiv Police said nothing.", gaz) == []


def test_a_plural_descriptor_covers_the_names_listed_after_it(gaz: Gazetteer) -> None:
    text = "Jets struck ISIL-held areas, including the towns of Akhtarin and Azaz."
    found = {m.span.quote: m.place for m in find_places(text, gaz)}
    assert set(found) == {"Akhtarin", "Azaz"}
    assert {p.country for p in found.values()} == {"SY"}


def test_a_list_of_states_is_no_chain_of_qualifiers(gaz: Gazetteer) -> None:
    text = "Cases were reported in Arizona, California, Colorado and Georgia."
    found = {m.span.quote: m.place for m in find_places(text, gaz)}
    assert (found["California"].feature, found["California"].country) == ("admin1", "US")


def test_a_state_before_another_state_stays_a_state(gaz: Gazetteer) -> None:
    text = "Bees died in Georgia, Oklahoma, Pennsylvania, Wisconsin and California."
    found = {m.span.quote: m.place for m in find_places(text, gaz)}
    oklahoma = found["Oklahoma"]  # the state, or its big city; not a village in Pennsylvania
    assert oklahoma.country == "US" and "Oklahoma" in (oklahoma.name, oklahoma.admin1)


def test_a_village_abroad_yields_to_more_names_elsewhere_a_city_does_not() -> None:
    def town(name: str, country: str, admin1: str, population: int) -> Place:
        return Place(name, "place", country, admin1, lat=0.0, lon=0.0, population=population)

    ontario = town("Woodstock", "CA", "Ontario", 40_000)
    others = [
        [town("Tavistock", "GB", "England", 11_000)],
        [Place("Ontario", "admin1", "CA")],
        [town("Ingersoll", "CA", "Ontario", 13_000)],
    ]
    assert _may_unseat(ontario, town("Woodstock", "GB", "England", 3_500), others)
    assert not _may_unseat(ontario, town("Woodstock", "GB", "England", 60_000), others)
