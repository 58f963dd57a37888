"""Russian event triggers, matched by lemma, with ACLED sub-event types.

A rule is a sequence of lemmas ("акция протест" matches "акции протеста", "акцией
протеста"); the most specific rule that covers a word wins it, with the same ranking of
sub-event types as the English triggers. Whether a trigger reports something that happened,
and whether its clause is a plan, a threat, a denial or a future, is read from the tags of
the words around it: Russian marks tense and mood on the verb, not with auxiliaries.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventledger.lang.ru.morph import Word, words
from eventledger.mentions.triggers import Trigger, clause_reach, specificity
from eventledger.records import Span

# (sub-event type, lemma sequences). Lemmas are pymorphy3 normal forms with ё written е.
_LEXICON: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Chemical weapon",
        ("химический атака", "химический оружие", "зарин", "отравляющий вещество"),
    ),
    ("Suicide bomb", ("смертник", "террорист-смертник", "самоподрыв", "взорвать себя")),
    (
        "Air/drone strike",
        (
            "авиаудар",
            "авианалет",
            "авиаобстрел",
            "воздушный удар",
            "удар авиация",
            "беспилотник",
            "дрон",
            "бпла",
            "бомбардировка",
            "авиабомба",
            "вертолет",
        ),
    ),
    (
        "Shelling/artillery/missile attack",
        (
            "обстрел",
            "обстрелять",
            "обстреливать",
            "ракета",
            "ракетный удар",
            "ракетный обстрел",
            "снаряд",
            "артиллерия",
            "артобстрел",
            "артиллерийский",
            "миномет",
            "минометный",
            "рсзо",
            "реактивный система",
            "прилет",
        ),
    ),
    ("Grenade", ("граната",)),
    (
        "Remote explosive/landmine/IED",
        (
            "взрыв",
            "взорвать",
            "взорваться",
            "взрываться",
            "подрыв",
            "подорвать",
            "подорваться",
            "взрывной устройство",
            "взрывчатка",
            "сву",
            "бомба",
            "мина",
            "фугас",
            "заминировать",
        ),
    ),
    ("Sexual violence", ("изнасилование", "изнасиловать")),
    (
        "Abduction/forced disappearance",
        ("похитить", "похищение", "заложник", "насильственный исчезновение"),
    ),
    (
        "Violent demonstration",
        ("массовый беспорядок", "беспорядок", "коктейль молотов", "столкновение с полиция"),
    ),
    ("Mob violence", ("самосуд", "погром", "линчевать")),
    (
        "Armed clash",
        (
            "бой",
            "перестрелка",
            "боестолкновение",
            "вооруженный столкновение",
            "сражение",
            "засада",
        ),
    ),
    (
        "Attack",
        (
            "нападение",
            "напасть",
            "атака",
            "атаковать",
            "теракт",
            "убийство",
            "застрелить",
            "расстрелять",
            "расстрел",
            "стрельба",
            "открыть огонь",
            "зарезать",
            "покушение",
            "казнить",
            "казнь",
            "ножевой",
            "избить",
            "избиение",
        ),
    ),
    (
        "Protest with intervention",
        (
            "разогнать",
            "разгон",
            "слезоточивый газ",
            "водомет",
            "резиновый пуля",
            "массовый задержание",
        ),
    ),
    (
        "Peaceful protest",
        (
            "митинг",
            "протест",
            "протестный",
            "протестовать",
            "пикет",
            "пикетирование",
            "пикетировать",
            "демонстрация",
            "шествие",
            "марш",
            "забастовка",
            "бастовать",
            "голодовка",
            "акция протест",
            "выйти на акция",
            "участник акция",
            "акция в поддержка",
            "акция против",
            "акция оппозиция",
            "уличный акция",
            "массовый акция",
            "несогласованный акция",
            "несанкционированный акция",
            "выйти на улица",
            "манифестация",
            "протестующий",
            "митингующий",
        ),
    ),
    ("Arrests", ("задержать", "задержание", "арестовать", "арест", "задерживать")),
    (
        "Looting/property destruction",
        ("поджог", "поджечь", "разграбить", "мародерство", "разгромить", "вандализм"),
    ),
    (
        "Agreement",
        ("перемирие", "прекращение огонь", "обмен пленный", "мирный соглашение"),
    ),
    ("Disrupted weapons use", ("сбить", "перехватить", "обезвредить", "сбитый")),
)
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (sub_type, tuple(phrase.split()))
    for sub_type, phrases in _LEXICON
    for phrase in sorted(phrases, key=lambda p: -len(p.split()))
)
# First lemma -> (precedence, sub-event type, lemmas) of the rules that start with it.
_BY_FIRST: dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]] = {
    first: tuple((k, t, lemmas) for k, (t, lemmas) in enumerate(_RULES) if lemmas[0] == first)
    for first in {lemmas[0] for _, lemmas in _RULES}
}

# Lemmas that make a clause a plan, a call, a threat, a hypothesis, a denial or a charge.
_IRREALIS = frozenset(
    """планировать планироваться намереваться собираться призвать призывать угрожать
    грозить пообещать обещать мочь если бы возможный возможно потенциальный запретить
    запрет запрещать закон законопроект отрицать опровергнуть опровергать обвинить
    обвинять обвинение подозрение подозревать опасаться должный хотеть готовиться
    предложить требовать потребовать нужно надо угроза риск вероятный якобы пока
    суд приговор приговорить обвиняться подозреваться подозреваемый обвиняемый
    расследование расследовать подготовка готовить""".split()
)
# Verbs that say an event took place ("прошла акция", "произошел взрыв").
_HAPPEN = frozenset(
    """пройти состояться произойти случиться прогреметь начаться провести устроить
    собраться выйти""".split()
)
# Words before a trigger that point back to an event already named ("этот взрыв").
_ANAPHORS = frozenset({"этот", "тот", "данный", "такой", "вчерашний", "сегодняшний"})
_CLAUSE_BREAKS = frozenset(',;:—–()«»"')
_CLAUSE_WORDS = frozenset({"и", "но", "а", "когда", "после", "пока", "чтобы", "который"})


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Every Russian event trigger in ``text[start:end]``, in text order."""
    ws = words(text, start, end)
    matches = sorted(
        (order, i, len(lemmas), sub_type)
        for i, w in enumerate(ws)
        for first in w.lemmas
        for order, sub_type, lemmas in _BY_FIRST.get(first, ())
        if _continues(ws, i, lemmas)
    )
    taken: set[int] = set()
    found: list[Trigger] = []
    for _, i, n, sub_type in matches:
        if any(i + k in taken for k in range(n)):
            continue
        taken.update(range(i, i + n))
        span = Span.of(text, ws[i].start, ws[i + n - 1].end)
        found.append(Trigger(span, sub_type, specificity(sub_type), _happened(ws, i, n)))
    found.sort(key=lambda t: t.span.start)
    return [t for t in found if not _not_an_event(ws, t)]


def _continues(ws: Sequence[Word], i: int, lemmas: tuple[str, ...]) -> bool:
    if i + len(lemmas) > len(ws):
        return False
    return all(lemma in ws[i + k].lemmas for k, lemma in enumerate(lemmas))


def _not_an_event(ws: Sequence[Word], trigger: Trigger) -> bool:
    """Readings of a trigger word that are no event: "похищенные средства" (stolen money,
    not a kidnapping), "административный арест" (a court's sentence, not a detention)."""
    i = next(k for k, w in enumerate(ws) if w.start == trigger.span.start)
    if trigger.sub_event_type == "Abduction/forced disappearance":
        nouns = [w for w in ws[i + 1 : i + 4] if "NOUN" in w.tags]
        return bool(nouns) and "inan" in nouns[0].tags
    if ws[i].lemma in ("арест", "арестовать"):
        after = {w.lemma for w in ws[i + 1 : i + 4]}
        return "сутки" in after or (i > 0 and ws[i - 1].lemma in ("административный", "домашний"))
    return False


def _happened(ws: Sequence[Word], i: int, n: int) -> bool:
    """The trigger is a past verb or participle, or one sits within a few words of it."""
    for w in ws[max(0, i - 5) : i + n + 5]:
        if "past" in w.tags and ({"VERB", "PRTS", "PRTF"} & w.tags):
            return True
        if w.lemma in _HAPPEN and "past" in w.tags:
            return True
    return False


def is_irrealis(text: str, sentence_start: int, trigger: Trigger) -> bool:
    """The trigger sits in a planned, called-for, threatened, future or denied clause."""
    before = _clause_before(text, sentence_start, trigger.span.start)
    if any(w.lemma in _IRREALIS or "futr" in w.tags for w in before):
        return True
    if before and before[-1].text.lower() == "не":
        return True
    if _punished_for(before):
        return True
    trigger_words = words(text, trigger.span.start, trigger.span.end)
    if any("futr" in w.tags or "impr" in w.tags for w in trigger_words):
        return True
    after = words(text, trigger.span.end, min(len(text), trigger.span.end + 30))[:3]
    return any(w.lemma == "быть" and "futr" in w.tags for w in after)


# "за участие в марше", "уголовное дело о теракте", "по факту взрыва": an event named as
# the reason for a penalty or the subject of a case is background to the legal step.
_LEGAL_FRAMES = frozenset(
    {("за", "участие"), ("уголовный", "дело"), ("по", "факт"), ("по", "статья")}
)


def _punished_for(before: Sequence[Word]) -> bool:
    lemmas = [w.lemma for w in before]
    return any(pair in _LEGAL_FRAMES for pair in zip(lemmas, lemmas[1:], strict=False))


def _clause_before(text: str, sentence_start: int, position: int) -> list[Word]:
    start = clause_reach(text, sentence_start, position)  # bounded: long texts stay linear
    cut = start
    for k in range(position - 1, start - 1, -1):
        if text[k] in _CLAUSE_BREAKS:
            cut = k + 1
            break
    ws = words(text, cut, position)
    for k in range(len(ws) - 1, -1, -1):
        if ws[k].text.lower() in _CLAUSE_WORDS:
            return ws[k + 1 :]
    return ws


def is_anaphoric(text: str, trigger: Trigger) -> bool:
    """ "Этот взрыв", "данная акция": a demonstrative that refers back to an event."""
    before = words(text, max(0, trigger.span.start - 20), trigger.span.start)
    return bool(before) and before[-1].lemma in _ANAPHORS
