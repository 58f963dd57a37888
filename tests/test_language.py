"""language: ISO 639-1 code of a text, offline, or None when unsure."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.lang import coded_as
from eventledger.language import detect_language

FIXTURES = Path(__file__).parent / "fixtures" / "clean"

SAMPLES = [
    (
        "en",
        "Three people were killed and twelve injured when a missile hit an apartment block in "
        "the city on Tuesday night, the regional governor said. Rescue teams are still searching "
        "the rubble.",
    ),
    (
        "ru",
        "В результате ракетного удара по жилому дому погибли три человека, ещё двенадцать "
        "получили ранения, сообщил губернатор области. Спасатели продолжают разбирать завалы.",
    ),
    (
        "uk",
        "Унаслідок ракетного удару по житловому будинку загинули троє людей, ще дванадцятеро "
        "дістали поранення, повідомив голова обласної військової адміністрації. Рятувальники "
        "продовжують розбирати завали.",
    ),
    (
        "de",
        "Bei einem Raketenangriff auf ein Wohnhaus in der Stadt sind am Dienstagabend drei "
        "Menschen getötet und zwölf verletzt worden, teilte der Gouverneur mit. Die Rettungskräfte "
        "suchen weiter nach Verschütteten.",
    ),
    (
        "fr",
        "Trois personnes ont été tuées et douze blessées mardi soir lorsqu'un missile a frappé un "
        "immeuble d'habitation de la ville, selon le gouverneur de la région. Les secours "
        "fouillent toujours les décombres.",
    ),
    (
        "es",
        "Tres personas murieron y doce resultaron heridas el martes por la noche cuando un misil "
        "impactó contra un edificio de viviendas de la ciudad, según el gobernador de la región. "
        "Los equipos de rescate siguen buscando entre los escombros.",
    ),
    (
        "it",
        "Tre persone sono state uccise e dodici ferite martedì sera quando un missile ha colpito "
        "un condominio della città, secondo il governatore della regione.",
    ),
    (
        "pt",
        "Três pessoas morreram e doze ficaram feridas na noite de terça-feira quando um míssil "
        "atingiu um prédio residencial da cidade, segundo o governador da região.",
    ),
    (
        "pl",
        "Trzy osoby zginęły, a dwanaście zostało rannych, gdy we wtorek wieczorem rakieta trafiła "
        "w blok mieszkalny w mieście, poinformował gubernator regionu.",
    ),
    ("ar", "قتل ثلاثة أشخاص وأصيب اثنا عشر آخرون عندما أصاب صاروخ مبنى سكنيا في المدينة."),
    ("he", "שלושה בני אדם נהרגו ושנים עשר נפצעו כאשר טיל פגע בבניין מגורים בעיר."),
    (
        "el",
        "Τρεις άνθρωποι σκοτώθηκαν και δώδεκα τραυματίστηκαν όταν πύραυλος χτύπησε πολυκατοικία.",
    ),
    ("zh", "周二晚上，一枚导弹击中该市一栋居民楼，造成三人死亡，十二人受伤。"),
]


@pytest.mark.parametrize("code, text", SAMPLES, ids=[code for code, _ in SAMPLES])
def test_detect_language_names_the_language_of_a_news_paragraph(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_detect_language_reads_a_real_russian_article() -> None:
    text = (FIXTURES / "ruwikinews-fsb-shooting.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "ru"


@pytest.mark.parametrize(
    "code, text",
    [
        ("en", "Police said the attack was carried out by a group of armed men."),
        ("ru", "Полиция сообщила, что нападение совершила группа вооружённых людей."),
        ("uk", "Поліція повідомила, що напад здійснила група озброєних людей."),
    ],
)
def test_detect_language_tells_english_russian_ukrainian_apart_on_one_sentence(
    code: str, text: str
) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "code, text",
    [
        # the English article "a" is also Portuguese, Spanish and Italian
        ("en", "On Thursday a rocket hit a school bus near Ashkelon, wounding a boy."),
        ("en", "US President Trump says Osama bin Laden's son killed"),
        ("es", "Asesinan a 10 personas en Guanajuato"),
        ("pt", "Agricultor é assassinado a tiros em Ouricuri"),
        # one word French shares ("son") and no French letter: too little to tell
        (None, "Herdsmen attack Benue community, kill father, son"),
    ],
)
def test_detect_language_on_a_headline_or_a_short_sentence(code: str | None, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Kyiv", "OK!", "12:05 24.05.2023", "Привет"])
def test_detect_language_is_unsure_on_very_short_text(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("language", "text", "coded"),
    [
        ("en", "Three people were killed.", "en"),
        ("ru", "Погибли три человека.", "ru"),
        ("uk", "Загинули троє людей.", None),  # no coder: the pipeline says so
        (None, "Взрыв: погибли трое", "ru"),  # too short to detect: read by its script
        (None, "Blast kills three", "en"),
        (None, "", "en"),
    ],
)
def test_coded_as_names_the_coder_that_reads_a_text(
    language: str | None, text: str, coded: str | None
) -> None:
    assert coded_as(language, text) == coded
