"""Russian coding: hand-written sentences for each finder, and one article end to end."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.gazetteer import Gazetteer
from eventledger.lang.ru.attribution import find_attributions
from eventledger.lang.ru.counts import find_counts
from eventledger.lang.ru.places import find_places
from eventledger.lang.ru.triggers import find_triggers, is_irrealis
from eventledger.pipeline import extract_one


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.open()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Погибли трое, ещё пятеро ранены.", [("killed", 3, 3, None), ("injured", 5, 5, None)]),
        ("Погибли не менее семи человек.", [("killed", 7, None, "at least")]),
        ("Ранены четыре человека.", [("injured", 4, 4, None)]),
        ("Боевики убили семерых пограничников.", [("killed", 7, 7, None)]),
        ("Двадцать пять человек пострадали.", [("injured", 25, 25, None)]),
        ("Более 40 человек получили ранения.", [("injured", 40, None, "more than")]),
        ("В 2019 году погиб журналист.", [("killed", 1, 1, None)]),
        ("Никто не пострадал.", [("injured", 0, 0, None), ("killed", 0, 0, None)]),
        ("Число погибших выросло до 12.", [("killed", 12, 12, "toll")]),
        ("Полиция задержала более 300 человек.", []),
        (
            "Погибли двое, 9 мая ранены 3 солдата.",
            [("killed", 2, 2, None), ("injured", 3, 3, None)],
        ),
        ("В результате обстрела убиты двое", [("killed", 2, 2, None)]),
        ("В Киеве погиб полицейский", [("killed", 1, 1, None)]),
        ("погибли по меньшей мере десять мирных жителей", [("killed", 10, None, "at least")]),
        ("Свыше 340 человек были ранены по всей стране", [("injured", 340, None, "more than")]),
        ("еще около 70 получили ранения", [("injured", 70, 70, "about")]),
        (
            "В Киеве погиб полицейский и ранены четыре человека",
            [("killed", 1, 1, None), ("injured", 4, 4, None)],
        ),
        (
            "Один военнослужащий ДНР погиб и еще один ранен при обстреле",
            [("killed", 1, 1, None), ("injured", 1, 1, None)],
        ),
        ("Погиб один военнослужащий.", [("killed", 1, 1, None)]),
        ("Сотрудник полиции погиб.", [("killed", 1, 1, None)]),
        ("Дом полиции сгорел.", []),
    ],
)
def test_counts_read_every_case_of_a_number(text, expected):
    counts = find_counts(text)
    assert [(c.what, c.low, c.high, c.qualifier) for c in counts] == expected
    assert all(text[c.span.start : c.span.end] == c.span.quote for c in counts)


@pytest.mark.parametrize(
    ("text", "quote", "name", "feature"),
    [
        ("Взрыв прогремел в Киеве.", "Киеве", "Kyiv", "place"),
        ("Обстрел Курской области продолжается.", "Курской области", "Kursk Oblast", "admin1"),
        ("Митинг прошёл в Нижнем Новгороде.", "Нижнем Новгороде", None, "place"),
        ("Пикеты прошли в Республике Татарстан.", "Республике Татарстан", None, "admin1"),
        ("Ракету запустили из Сектора Газа.", "Сектора Газа", "Gaza Strip", "admin1"),
        ("Власти Украины это отрицают.", "Украины", "Ukraine", "country"),
    ],
)
def test_places_are_put_in_the_nominative_and_resolved(gaz, text, quote, name, feature):
    (pm,) = find_places(text, gaz)
    assert pm.span.quote == quote == text[pm.span.start : pm.span.end]
    assert pm.place.feature == feature
    if name:
        assert pm.place.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Ракета упала возле школы.",  # a common noun at the start of a sentence
        "Об этом рассказал Владимир Соколов.",  # a first name, not the town of Vladimir
    ],
)
def test_common_nouns_and_person_names_are_not_places(gaz, text):
    assert [pm.place.feature for pm in find_places(text, gaz)] == []


@pytest.mark.parametrize(
    ("text", "sub_type", "irrealis"),
    [
        ("Вчера в центре города прогремел взрыв.", "Remote explosive/landmine/IED", False),
        ("Жители вышли на акцию протеста.", "Peaceful protest", False),
        ("Полиция разогнала демонстрантов.", "Protest with intervention", False),
        ("На субботу оппозиция планирует митинг.", "Peaceful protest", True),
        ("Генерал призвал нанести ракетный удар.", "Shelling/artillery/missile attack", True),
        ("Его оштрафовали за участие в пикете.", "Peaceful protest", True),
    ],
)
def test_triggers_by_lemma_and_their_mood(text, sub_type, irrealis):
    triggers = find_triggers(text)
    best = min(triggers, key=lambda t: t.rank)
    assert best.sub_event_type == sub_type
    assert is_irrealis(text, 0, best) is irrealis


def test_stolen_money_is_not_a_kidnapping():
    assert find_triggers("Следствие считает, что похищенные деньги вывезли.") == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Погибли двое, сообщило МВД.", "МВД"),
        ("По данным полиции, ранены трое.", "полиции"),
        ("Губернатор заявил о новом обстреле.", "Губернатор"),
    ],
)
def test_attribution_names_the_source(text, source):
    (att,) = find_attributions(text, 0, len(text))
    assert att.source == source
    assert text[att.span.start : att.span.end] == att.span.quote


ARTICLE = """Ночью беспилотник атаковал нефтебазу

В ночь на вторник беспилотник атаковал нефтебазу в Брянской области, сообщил губернатор. \
По его словам, ранены два сотрудника.

Накануне в Воронеже прошёл митинг против закрытия больницы. Полиция задержала \
шестерых активистов.

Власти обещают провести проверку."""


def test_russian_article_end_to_end():
    out = extract_one(ARTICLE, published="2024-05-14")
    events = out["events"]
    assert not [p for p in out["problems"] if p["code"] == "unsupported-language"]
    strike = next(e for e in events if e["sub_event_type"] == "Air/drone strike")
    assert strike["admin1"] == "Bryansk Oblast"
    assert strike["injured"]["low"] == 2
    protest = next(e for e in events if e["event_type"] == "Protests")
    assert protest["sub_event_type"] == "Protest with intervention"
    assert protest["location"] == "Voronezh"
    assert protest["date"] == str(date(2024, 5, 13))
    assert len(events) == 2
    for event in events:
        for span in event["evidence"]:
            assert span["quote"] in ARTICLE  # spans index the clean text, quotes are verbatim


def test_nerel_scoring_leaves_districts_and_adjectives_unscored():
    from eventledger.evaluate.nerel import Entity, compare, read_ann

    ann = "T1\tCITY 2 7\tКиеве\nT2\tDISTRICT 10 15\tАрбат\nT3\tCOUNTRY 20 30;31 33\tx\n"
    gold = read_ann(ann) + [Entity(40, 50, "ADJECTIVE")]
    assert [e.type for e in gold] == ["CITY", "DISTRICT", "ADJECTIVE"]
    outcome = compare(
        gold, [(2, 7, "place"), (10, 15, "place"), (40, 50, "country"), (60, 65, "place")]
    )
    assert (outcome.tp, outcome.fp, outcome.fn, outcome.kind_right) == (1, 1, 0, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Столкновение было лобовым, водитель погиб.",  # a road crash, not an armed clash
        "Мужчина обвиняется в убийстве соседа.",  # a charge, not a report of the killing
        "Суд арестовал активиста на 10 суток.",  # a court's sentence, not a detention
    ],
)
def test_no_event_is_read_from_crashes_charges_and_sentences(text):
    assert [t for t in find_triggers(text) if not is_irrealis(text, 0, t)] == []


def test_a_russian_headline_too_short_to_detect_is_coded_in_russian() -> None:
    result = extract_one("Обстрел Белгорода, один погиб", published="2023-05-24")
    assert result["document"]["language"] is None  # detection does not guess
    (event,) = result["events"]
    assert event["admin1"] == "Belgorod Oblast" and event["fatalities"]["low"] == 1


def test_a_victim_who_died_of_wounds_days_later_is_the_attacks_toll_not_where_he_was_buried():
    text = (
        "7 апреля 2011 года ракета попала в школьный автобус в Белгороде.\n\n"
        "Врачи сообщили, что автобус был почти пуст.\n\n"
        "17 апреля 16-летний Даниэль скончался в результате тяжёлой травмы и был погребён "
        "на кладбище города Курска."
    )
    (event,) = extract_one(text, published="2011-04-20")["events"]
    assert event["date"] == "2011-04-07"
    assert (event["fatalities"]["low"], event["fatalities"]["high"]) == (1, 1)
    assert event["admin1"] == "Belgorod Oblast"


def test_an_updated_toll_told_later_is_the_attacks_toll():
    text = (
        "В воскресенье в Белгороде в результате обстрела погибли два человека, сообщил "
        "губернатор.\n\nВ регионе продолжаются работы.\n\nПозже число погибших выросло до пяти."
    )
    (event,) = extract_one(text, published="2024-03-11")["events"]
    assert (event["fatalities"]["low"], event["fatalities"]["high"]) == (5, 5)


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        (
            "В Дагестане боевики напали на полицейский пост, погибли трое полицейских.",
            "Armed clash",
        ),
        ("Боевики расстреляли троих мирных жителей в Дагестане.", "Attack"),
    ],
)
def test_an_attack_that_kills_armed_men_is_a_battle_in_russian_too(text, sub_type):
    (event,) = extract_one(text, published="2024-03-15")["events"]
    assert event["sub_event_type"] == sub_type
