"""Victims named one by one (``mentions.victims``): each span is one person."""

from __future__ import annotations

from eventledger.mentions.victims import distinct, find_victims
from eventledger.records import Span


def victims(text: str, others: tuple[Span, ...] = ()) -> list[str]:
    found = find_victims(text, 0, len(text), others)
    assert all(text[v.start : v.end] == v.quote for v in found)
    return [v.quote for v in found]


def test_the_named_object_of_a_killing_is_a_victim():
    assert victims("US forces killed Qasem Soleimani, head of the Quds Force.") == [
        "Qasem Soleimani"
    ]
    assert victims("Gunmen killed Abu Bakr al-Baghdadi in Idlib.") == ["Abu Bakr al-Baghdadi"]


def test_a_name_that_modifies_a_noun_is_no_victim():
    assert victims("The strike killed Islamic State fighters near Raqqa.") == []
    assert victims("Troops killed Boko Haram insurgents.") == []


def test_passive_and_coordinated_victims():
    assert victims("He was met by Abu Mahdi al-Muhandis, who was also killed.") == [
        "Abu Mahdi al-Muhandis"
    ]
    assert victims("Abu Osama al-Iraqi and Amer al-Rafdan were killed in Hasakeh.") == [
        "Abu Osama al-Iraqi",
        "Amer al-Rafdan",
    ]


def test_a_list_of_the_dead_counts_each_person_once_and_skips_appositions():
    text = "Other victims included a Kataeb Hezbollah official and Mohammed Reda, an officer."
    assert victims(text) == ["a Kataeb Hezbollah official", "Mohammed Reda"]


def test_a_list_with_a_figure_is_left_to_the_casualty_reader():
    assert victims("Among the dead were two children and Ahmed Said.") == []


def test_names_of_places_and_groups_are_not_persons():
    text = "The leader of the group Ahrar al-Sham was killed on Tuesday."
    group = Span.of(text, text.index("Ahrar"), text.index(" was"))
    assert victims(text) == ["Ahrar al-Sham"]
    assert victims(text, (group,)) == []


def test_distinct_takes_a_surname_for_the_full_name_seen_before():
    text = "Qasem Soleimani ... Soleimani ... a bodyguard ... a bodyguard ... Mohammed Reda"
    spans = [Span.of(text, m, m + len(q)) for q, m in _at(text)]
    assert [v.quote for v in distinct(spans)] == ["Qasem Soleimani", "a bodyguard", "Mohammed Reda"]


def _at(text: str):
    at = 0
    for quote in ("Qasem Soleimani", "Soleimani", "a bodyguard", "a bodyguard", "Mohammed Reda"):
        at = text.index(quote, at)
        yield quote, at
        at += len(quote)
