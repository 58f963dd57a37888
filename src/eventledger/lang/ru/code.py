"""Russian mentions -> Events: the sentence-level reading of :mod:`eventledger.code` with
Russian finders.

Each sentence with a Russian trigger that reports something that happened becomes a
candidate, exactly as in the English coder; candidates then go through the English coder's
language-neutral steps (merging into events, background filtering, the event record), so the
two languages share one notion of what an event is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from eventledger.code import (
    Candidate,
    _by_sentence,
    _choose_date,
    _choose_place,
    _choose_type,
    _Context,
    _country_level,
    _event,
    _is_background,
    _main_place,
    _mention_of,
    _merge,
    _on_armed_men,
    _other_day,
    _pick,
    _previous_in_paragraph,
    _referent,
    _told_later,
)
from eventledger.gazetteer import Gazetteer
from eventledger.lang.ru.actors import find_actors
from eventledger.lang.ru.attribution import find_attributions
from eventledger.lang.ru.counts import find_counts
from eventledger.lang.ru.dates import find_dates
from eventledger.lang.ru.morph import words
from eventledger.lang.ru.places import LOCATIVES, ORIGINS, find_places
from eventledger.lang.ru.triggers import find_triggers, is_anaphoric, is_irrealis
from eventledger.mentions.sentences import Sentence, split_sentences
from eventledger.records import Article, Count, DateMention, Event, PlaceMention, Span
from eventledger.taxonomy import event_type_of

# Statements over a period or many places: tallies, not one incident.
_TALLY_WORDS = re.compile(
    r"\b(всего|в общей сложности|с начала (года|месяца|войны|недели)|за (последние|прошедшие|"
    r"минувшие) \w+|за (год|месяц|неделю)|ежедневно|регулярно|в десятках городов|"
    r"в (нескольких|разных|\d+|десятках|сотнях) (городах|регионах|населенных пунктах)|"
    r"по всей стране|по всей России|по стране)\b",
    re.IGNORECASE,
)
_NATIONWIDE = re.compile(
    r"\b(по всей стране|по всей России|по стране|во многих городах|в десятках городов)\b",
    re.IGNORECASE,
)
# Arrests ACLED codes: of protesters, activists, journalists, politicians, or en masse.
_POLITICAL = frozenset(
    """протестующий демонстрант митингующий активист оппозиционер журналист политик
    депутат кандидат участник сторонник блогер правозащитник пикетчик митинг акция протест
    пикет шествие марш""".split()
)


def code_events(article: Article, gaz: Gazetteer) -> tuple[Event, ...]:
    """Code the events a Russian article reports."""
    ctx = _context(article, gaz)
    candidates: list[Candidate] = []
    for sentence in ctx.sentences:
        cand = _candidate(sentence, ctx, candidates) or _figures_of(sentence, ctx, candidates)
        if cand is not None:
            candidates.append(cand)
    groups = [g for g in _merge(candidates) if not _is_background(g, article.published)]
    return tuple(_event(group, i + 1, ctx) for i, group in enumerate(groups))


def _context(article: Article, gaz: Gazetteer) -> _Context:
    text = article.text
    sentences = tuple(split_sentences(text))
    places = find_places(text, gaz)
    countries = Counter(pm.place.country for pm in places)
    if countries:
        places = find_places(text, gaz, context_countries=frozenset(countries))
    places = [pm for pm in places if pm.place.feature != "continent"]
    by_sentence = {
        i: _where_things_happen(text, sentences[i], mentions)
        for i, mentions in _by_sentence(sentences, places).items()
    }
    dates = find_dates(text, article.published)
    return _Context(
        article,
        gaz,
        sentences,
        by_sentence,
        _by_sentence(sentences, dates),
        _main_place([pm for ms in by_sentence.values() for pm in ms], gaz),
        article.published,
    )


def _where_things_happen(
    text: str, sentence: Sentence, mentions: tuple[PlaceMention, ...]
) -> tuple[PlaceMention, ...]:
    """A sentence's places less those it names only as a landmark ("в двух километрах от
    Сектора Газа") or as the origin of a cross-border attack ("ракета из Сектора Газа ...
    по территории Израиля": a place after "из" in another country than the sentence's
    other places)."""
    kept = [
        pm
        for pm in mentions
        if _word_before(text, sentence, pm) not in ORIGINS
        and not _BURIED_IN.search(text, max(sentence.span.start, pm.span.start - 40), pm.span.start)
    ]
    others = {pm.place.country for pm in kept}
    for pm in mentions:
        if _word_before(text, sentence, pm) in ("из", "изо") and (
            not others or pm.place.country in others
        ):
            kept.append(pm)
    return tuple(sorted(kept, key=lambda pm: pm.span.start))


def _word_before(text: str, sentence: Sentence, pm: PlaceMention) -> str:
    before = words(text, max(sentence.span.start, pm.span.start - 30), pm.span.start)
    return before[-1].text.lower() if before else ""


def _candidate(sentence: Sentence, ctx: _Context, earlier: list[Candidate]) -> Candidate | None:
    text = ctx.article.text
    s = sentence.span
    triggers = [t for t in find_triggers(text, s.start, s.end) if not is_irrealis(text, s.start, t)]
    if not triggers:
        return None
    counts = find_counts(text, s.start, s.end)
    dates = ctx.dates.get(sentence.index, ())
    if not (any(t.happened for t in triggers) or dates or counts):
        return None
    fresh = [t for t in triggers if not is_anaphoric(text, t)]
    if earlier and not fresh:
        referent = _referent(triggers, earlier, sentence)
        if not _other_day(dates, referent):
            return _with_russian_finders(_mention_of(referent, sentence, ctx, counts), ctx)
    triggers = fresh or triggers
    sub_type = _choose_type(triggers)
    if sub_type == "Attack" and _on_armed_men(text, triggers, counts, _OPEN_ATTACK, _ARMED_AFTER):
        sub_type = "Armed clash"
    policing = _policing_of(sentence, sub_type, dates, earlier)
    if policing is not None:
        return _with_russian_finders(
            replace(policing, sentence=sentence, sub_event_type="Protest with intervention"), ctx
        )
    if sub_type == "Arrests" and not _political_arrest(text, s, counts):
        return None
    anchor = min(triggers, key=lambda t: t.rank).span.start
    previous = _previous_in_paragraph(sentence, earlier)
    kind = "tally" if _is_tally(text, s, dates) else "incident"
    date_mention = _choose_date(dates, kind, text) or (previous.date if previous else None)
    where, from_text = _choose_place(_places_of(sentence, ctx), previous, ctx.main, anchor)
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
        tuple(find_actors(text, s.start, s.end)),
        tuple(find_attributions(text, s.start, s.end)),
    )


def _figures_of(sentence: Sentence, ctx: _Context, earlier: list[Candidate]) -> Candidate | None:
    """ "Беспилотник атаковал нефтебазу. По его словам, ранены два сотрудника.": a sentence
    without a trigger right after an event, in its paragraph, adds the figures it lacks."""
    text, s = ctx.article.text, sentence.span
    previous = _previous_in_paragraph(sentence, earlier)
    counts = find_counts(text, s.start, s.end)
    # "17 апреля ... скончался в результате травмы", "Позже число погибших выросло до 18"
    later, _, updated = _told_later(text, s, counts, earlier, _DIED_OF_WOUNDS, _UPDATED_TOLL)
    if later is not None:
        previous = later
    elif previous is None or previous.sentence.index != sentence.index - 1:
        return None
    if _TALLY_WORDS.search(text, s.start, s.end):
        return None
    killed, injured = _pick(counts, "killed"), _pick(counts, "injured")
    if (
        not updated
        and not (killed and not previous.killed)
        and not (injured and not previous.injured)
    ):
        return None
    return replace(
        previous,
        sentence=sentence,
        killed=killed,
        injured=injured,
        actors=tuple(find_actors(text, s.start, s.end)),
        attributions=tuple(find_attributions(text, s.start, s.end)),
    )


# "был погребён на кладбище города Бейт-Шемеш": where a victim was laid to rest.
_BURIED_IN = re.compile(r"\b(?:погреб\w*|похорон\w*|кладбищ\w*)\b[^.;]{0,25}$", re.IGNORECASE)
_UPDATED_TOLL = re.compile(
    r"\b(?:число|количество)\s+(?:погибших|жертв|убитых|раненых|пострадавших)\b[^.;]{0,40}?"
    r"\b(?:выросл\w*|возросл\w*|увеличил\w*|достигл\w*)",
    re.IGNORECASE,
)
# A victim of the attack told before died of wounds, days later perhaps: the attack's toll
# (ACLED's latest figure), not a new event, wherever in the report it is told.
_DIED_OF_WOUNDS = re.compile(
    r"\b(?:скончал\w*|умер(?:ла|ли)?)\b[^.;]{0,80}?\b(?:(?:в\s+результате|от)\s+[^.;]{0,60}?"
    r"\b(?:ран\w*|травм\w*|ранени\w*)|в\s+больнице)",
    re.IGNORECASE,
)


# "боевики напали на полицейский пост, погибли трое полицейских": armed men are the victims,
# so ACLED codes a battle (not captives put to death: "расстреляли", "казнили").
_ARMED_AFTER = re.compile(
    r"\s+(?:\w+\s+)?(?:военнослужащ\w*|военн\w+|солдат\w*|полицейск\w*|силовик\w*|боевик\w*"
    r"|бойц\w*|пограничник\w*|сотрудник\w*\s+(?:полиции|силовых|ФСБ|МВД))",
    re.IGNORECASE,
)
_OPEN_ATTACK = re.compile(r"напа\w*|атак\w*|нападени\w*|обстрел\w*", re.IGNORECASE)


def _policing_of(
    sentence: Sentence, sub_type: str, dates: tuple[DateMention, ...], earlier: list[Candidate]
) -> Candidate | None:
    """ "Полицейские задержали более 500 человек" right after a protest: the arrests are that
    protest's policing, not an event of their own (unless they name another day)."""
    if sub_type != "Arrests" or not earlier:
        return None
    last = earlier[-1]
    protest = event_type_of(last.sub_event_type) == "Protests"
    if protest and sentence.index - last.sentence.index <= 2 and not _other_day(dates, last):
        return last
    return None


def _with_russian_finders(cand: Candidate, ctx: _Context) -> Candidate:
    """The English coder's back-reference with the sentence's Russian actors and sources."""
    text, s = ctx.article.text, cand.sentence.span
    return replace(
        cand,
        actors=tuple(find_actors(text, s.start, s.end)),
        attributions=tuple(find_attributions(text, s.start, s.end)),
    )


def _political_arrest(text: str, s: Span, counts: list[Count]) -> bool:
    """ACLED codes arrests of political or conflict actors, or en masse, not of a suspect."""
    ws = words(text, s.start, s.end)
    if any(w.lemma in _POLITICAL for w in ws):
        return True
    return bool(re.search(r"\b\d{2,}\s+(человек|участник)", text[s.start : s.end]))


def _is_tally(text: str, s: Span, dates: tuple[DateMention, ...]) -> bool:
    if any(d.date_start is not None and d.precision != "day" for d in dates):
        return True
    return bool(_TALLY_WORDS.search(text, s.start, s.end))


def _places_of(sentence: Sentence, ctx: _Context) -> tuple[tuple[PlaceMention, bool], ...]:
    """Place mentions of a sentence, each with whether a locative word precedes it."""
    text = ctx.article.text
    out = []
    for pm in ctx.places.get(sentence.index, ()):
        out.append((pm, _word_before(text, sentence, pm) in LOCATIVES))
    return tuple(out)
