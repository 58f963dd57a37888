"""Places named in Russian text, put in the nominative and resolved in the gazetteer.

"в Киеве" -> Киев -> Kyiv; "Белгородской области" -> белгородская область -> Belgorod
Oblast; "в Нижнем Новгороде" -> нижний новгород. A capitalised word counts as a place name
only when the dictionary knows it as a toponym (its Geox tag), or does not know it at all
(a foreign town); known common nouns at the start of a sentence ("Ракета попала ...") and
people's names are not looked up.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from eventledger.gazetteer import Gazetteer, name_key
from eventledger.lang.ru.morph import Word, analyzer, gender, nominative, words
from eventledger.lang.ru.regions import countries, divisions
from eventledger.records import Place, PlaceMention, Span

# Nouns that make a division of the adjective before them ("Курской области").
_DIVISION_NOUNS = frozenset({"область", "край", "республика", "округ"})
_PERSON = frozenset({"Surn", "Name", "Patr"})
# A town the dictionary does not know as a toponym must be at least this big.
MIN_UNKNOWN_POPULATION = 5_000
# Words after which a capitalised word is a place: "в Киеве", "под Белгородом".
LOCATIVES = frozenset({"в", "во", "на", "под", "около", "возле", "близ", "у"})
# Words after which a place is where something came from, not where it happened.
ORIGINS = frozenset({"из", "от", "со", "изо"})


def find_places(
    text: str, gaz: Gazetteer, context_countries: frozenset[str] = frozenset()
) -> list[PlaceMention]:
    """Every place named in Russian ``text``, in text order, one per name."""
    ws = words(text)
    found: list[PlaceMention] = []
    i = 0
    while i < len(ws):
        hit = _division(text, ws, i, gaz) or _name(text, ws, i, gaz, context_countries)
        if hit is None:
            i += 1
            continue
        mention, used = hit
        found.append(mention)
        i += used
    return found


def _mention(text: str, ws: Sequence[Word], i: int, n: int, place: Place) -> PlaceMention:
    return PlaceMention(Span.of(text, ws[i].start, ws[i + n - 1].end), place)


def _division(
    text: str, ws: Sequence[Word], i: int, gaz: Gazetteer
) -> tuple[PlaceMention, int] | None:
    """ "Белгородской области", "Республике Татарстан", "Краснодарский край"."""
    if i + 1 < len(ws) and ws[i + 1].lemma in _DIVISION_NOUNS and "ADJF" in ws[i].tags:
        noun = ws[i + 1].lemma
        adjective = nominative(ws[i].text, gender(noun))
        if adjective:
            place = _division_place(f"{adjective} {noun}", gaz)
            if place is not None:
                return _mention(text, ws, i, 2, place), 2
    if ws[i].lemma == "республика" and i + 1 < len(ws) and ws[i + 1].capitalised:
        place = _division_place(f"республика {_lemma(ws[i + 1])}", gaz)
        if place is not None:
            return _mention(text, ws, i, 2, place), 2
    return None


def _division_place(name: str, gaz: Gazetteer) -> Place | None:
    code = divisions().get(name.replace("ё", "е"))
    if code is None:
        return None
    return gaz.admin1(code[:2], code)


def _lemma(word: Word) -> str:
    return _toponym_lemma(word.text) or word.lemma.replace("ё", "е")


@lru_cache(maxsize=20_000)
def _toponym_lemma(token: str) -> str | None:
    """The normal form of the word's toponym reading, if the dictionary has one."""
    geo = [p.normal_form for p in analyzer().parse(token) if "Geox" in p.tag]
    return geo[0].replace("ё", "е") if geo else None


@lru_cache(maxsize=20_000)
def _known(token: str) -> bool:
    return analyzer().word_is_known(token.lower())


def _name(
    text: str, ws: Sequence[Word], i: int, gaz: Gazetteer, context: frozenset[str]
) -> tuple[PlaceMention, int] | None:
    word = ws[i]
    if not word.capitalised or "LATN" in word.tags or "NUMB" in word.tags:
        return None
    if _in_person_name(text, ws, i):
        return None
    for n in (3, 2, 1):
        run = ws[i : i + n]
        pairs = zip(run, run[1:], strict=False)
        if len(run) < n or not all(_adjacent(text, a, b) for a, b in pairs):
            continue
        if not all(w.capitalised for w in run):
            continue
        keys = _keys(run)
        named = next((p for p in map(lambda k: _listed(k, gaz), keys) if p is not None), None)
        if named is not None:  # "Российской Федерации", "США": the tables decide
            return _mention(text, ws, i, n, named), n
        if not _name_like(ws, i, n):
            continue
        for key in keys:
            place = _place(key, gaz, context, _trusted(ws, i, n))
            if place is not None:
                return _mention(text, ws, i, n, place), n
    return None


def _in_person_name(text: str, ws: Sequence[Word], i: int) -> bool:
    """ "Владимир Дорош", "Михаила Калинина", "В. Петров": a first name, a patronymic or an
    initial next to the word makes it part of a person's name, not a town."""
    if _lemma(ws[i]) in countries() or _lemma(ws[i]) in divisions():
        return False  # "министр обороны Израиля Эхуд Барак", "премьер Чувашии Иван ..."
    for j in (i - 1, i + 1):
        if not 0 <= j < len(ws):
            continue
        pair = (ws[j], ws[i]) if j < i else (ws[i], ws[j])
        if ws[j].capitalised and _adjacent(text, *pair):
            other = ws[j]
            if other.tags & _PERSON and "Geox" not in other.tags:
                return True
            if len(other.text) == 1 and text[other.end : other.end + 1] == ".":
                return True
    own = ws[i]
    return (
        "Name" in own.any_tags
        and i + 1 < len(ws)
        and ws[i + 1].capitalised
        and ("Surn" in ws[i + 1].any_tags or not _known(ws[i + 1].text))
        and _adjacent(text, own, ws[i + 1])
    )


def _adjacent(text: str, a: Word, b: Word) -> bool:
    return text[a.end : b.start] in (" ", "-")


def _name_like(ws: Sequence[Word], i: int, n: int) -> bool:
    """A toponym, or a word the dictionary does not know; never a person's name (unless a
    locative preposition makes it a place: "в Пушкине"), an abbreviation ("МГУ") or a lone
    adjective ("Советском")."""
    word = ws[i + n - 1]
    if word.text.isupper() and len(word.text) > 1:
        return False
    if n == 1 and "ADJF" in word.tags:
        return False
    if word.tags & _PERSON and not (i > 0 and ws[i - 1].text.lower() in LOCATIVES):
        return False
    if "Geox" in word.any_tags:
        return True
    if "Orgn" in word.tags:
        return False
    return not _known(word.text)


def _trusted(ws: Sequence[Word], i: int, n: int) -> bool:
    """The dictionary knows the name as a toponym, or a locative preposition precedes it."""
    return "Geox" in ws[i + n - 1].any_tags or (i > 0 and ws[i - 1].text.lower() in LOCATIVES)


def _keys(run: Sequence[Word]) -> list[str]:
    """Nominative readings of a name: each word's own lemma, an adjective agreeing with
    the last noun ("Нижнем Новгороде"), and a head noun with its genitive kept ("Сектора
    Газа")."""
    head = _lemma(run[-1])
    if len(run) == 1:
        return list(dict.fromkeys([head, run[0].text.lower().replace("ё", "е")]))
    g = gender(head)
    adjectives = [nominative(w.text, g) or w.lemma for w in run[:-1]]
    keys = [" ".join([*adjectives, head])]
    keys.append(" ".join([_lemma(run[0]), *(w.text.lower() for w in run[1:])]))
    return list(dict.fromkeys(k.replace("ё", "е") for k in keys))


def _listed(key: str, gaz: Gazetteer) -> Place | None:
    """The country or division the Russian tables name ``key``."""
    code = countries().get(key) or countries().get(key.replace("е", "ё"))
    if code:
        return gaz.country(code)
    return _division_place(key, gaz)


def _place(key: str, gaz: Gazetteer, context: frozenset[str], trusted: bool) -> Place | None:
    listed = _listed(key, gaz)
    if listed is not None:
        return listed
    found = [p for p in gaz.lookup(name_key(key)) if p.feature != "continent"]
    if not found:
        return None
    best = max(found, key=lambda p: (p.country in context, p.population))
    if not trusted and best.population < MIN_UNKNOWN_POPULATION:
        return None
    return best
