import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.mentions.triggers import find_triggers, is_irrealis


def _types(text):
    return [(t.span.quote, t.sub_event_type) for t in find_triggers(text)]


@pytest.mark.parametrize(
    ("text", "quote", "sub_type"),
    [
        (
            "at least seven conscripts have been killed by shelling",
            "shelling",
            "Shelling/artillery/missile attack",
        ),
        ("Bombs kill at least 20 at cathedral", "Bombs", "Remote explosive/landmine/IED"),
        (
            "United States military forces killed Qasem Soleimani in an airstrike",
            "airstrike",
            "Air/drone strike",
        ),
        (
            "Oil facilities in Saudi Arabia hit by drone attacks",
            "drone attacks",
            "Air/drone strike",
        ),
        ("Paweł Adamowicz was stabbed last night", "stabbed", "Attack"),
        ("Militants stormed a village, killing 40 people", "Militants stormed", "Attack"),
        (
            "Riot police fired rubber bullets at protesters",
            "rubber bullets",
            "Protest with intervention",
        ),
        ("Three Palestinians were killed by Israeli fire", "killed by Israeli fire", "Attack"),
        ("Israeli strikes killed at least 30 Palestinians", "Israeli strikes", "Air/drone strike"),
        ("government forces bombed a hospital in Idlib", "forces bombed", "Air/drone strike"),
        ("Militants bombed a bus in Quetta", "bombed", "Remote explosive/landmine/IED"),
        (
            "Rebels took the town of Kafranbel on Sunday",
            "took",
            "Non-state actor overtakes territory",
        ),
        ("US-led strikes on Syria kill 35 jihadists", "US-led strikes", "Air/drone strike"),
        (
            "troops killed six militants in North Waziristan",
            "troops killed six militants",
            "Armed clash",
        ),
        (
            "militia fighters burned dozens of homes in a village",
            "burned dozens of homes",
            "Looting/property destruction",
        ),
        (
            "The bodies of seven men with gunshot wounds were found dumped",
            "bodies of seven men with gunshot wounds were found",
            "Attack",
        ),
        (
            "Police in Kenya killed at least 23 protesters",
            "Police in Kenya killed at least 23 protesters",
            "Excessive force against protesters",
        ),
        (
            "the army had retaken control of the town of Kidal",
            "retaken control of",
            "Government regains territory",
        ),
        ("four suspected militants were killed in a gunfight", "gunfight", "Armed clash"),
        (
            "Two Maoists were killed in an encounter with police",
            "killed in an encounter",
            "Armed clash",
        ),
        ("a gunman shot shoppers at a Walmart store", "gunman", "Attack"),
        ("Thousands march in anti-Brexit protest", "march", "Peaceful protest"),
        (
            "police used water canons and tear gas against protesters",
            "tear gas",
            "Protest with intervention",
        ),
        ("Serbian protesters try to storm Parliament", "tried to storm", None),
        ("opponents said forces unleashed chemical weapons", "chemical weapons", "Chemical weapon"),
        (
            "ISIS suicide bombers detonated an explosives-laden truck",
            "suicide bombers",
            "Suicide bomb",
        ),
        (
            "the Islamic State managed to control the gas fields",
            "managed to control",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_find_triggers_types_real_phrases(text, quote, sub_type):
    found = dict(_types(text))
    if sub_type is None:
        return
    assert found.get(quote) == sub_type


@pytest.mark.parametrize(
    "text",
    ["they went to the shooting range once", "a protest law was passed"],
)
def test_find_triggers_ignores_non_events(text):
    assert _types(text) == []


def test_generic_attack_after_specific_trigger_is_one_trigger():
    assert _types("confirmed that day’s shelling attacks") == [
        ("shelling", "Shelling/artillery/missile attack")
    ]


@pytest.mark.parametrize(
    ("text", "irrealis"),
    [
        ("their sons could be sent into shelling", True),
        ("officials threatened to arrest the relatives", True),
        ("the group denied carrying out the bombing", True),
        ("at least three conscripts were killed by shelling", False),
        ("police arrested 12 protesters", False),
        # Blame presupposes the event: the modal or the denial is about who did it.
        ("the claims could muddy the debate about who was responsible for the gas attack", False),
        ("no group has claimed responsibility for the bombing", False),
        ("the claims could lead to a gas attack", True),
    ],
)
def test_is_irrealis_separates_plans_and_denials_from_reports(text, irrealis):
    triggers = find_triggers(text)
    assert triggers
    assert is_irrealis(text, 0, triggers[-1]) is irrealis


@given(st.text(max_size=300))
def test_find_triggers_never_raises_and_spans_are_grounded(text):
    for t in find_triggers(text):
        assert text[t.span.start : t.span.end] == t.span.quote


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Guerrillas killed the deputy commander of the militia on Sunday.", "Attack"),
        ("Soldiers routinely beat up detainees, a court was told.", "Attack"),
        ("Guards sexually abused migrants at the border, a rights group said.", "Sexual violence"),
        ("Youths resorted to throwing stones during the demonstration.", "Violent demonstration"),
    ],
)
def test_find_triggers_types_acts_named_by_their_verb(text, sub_type):
    assert sub_type in {t.sub_event_type for t in find_triggers(text)}


def test_militants_killed_in_the_passive_are_victims_not_attackers():
    assert "Attack" not in {
        t.sub_event_type for t in find_triggers("Twenty militants were killed.")
    }


def test_a_diplomatic_protest_is_not_a_demonstration():
    assert find_triggers("Serbia lodged an official protest with Albania today.") == []


@pytest.mark.parametrize(
    ("text", "happened"),
    [
        ("A suicide bomber riding a motorcycle crashed into a patrol.", True),
        ("A suicide bomber blew himself up at the gate.", True),
        ("Opposition leaders agreed to postpone the demonstration until November.", None),
    ],
)
def test_a_trigger_happened_when_its_clause_goes_on_in_a_past_verb(text, happened):
    found = find_triggers(text)
    if happened is None:
        assert all(is_irrealis(text, 0, t) for t in found)
    else:
        assert found and found[0].happened is happened


@pytest.mark.parametrize(
    "text",
    [
        "dozens of burned out vehicles lined the square",  # the aftermath, not a burning
        "officers in riot gear stood by",  # police equipment, not a riot
        "residents returned to the bombed-out building",  # aftermath
        "Teachers strikes on Monday closed schools",  # workers' strikes
        "The vote took place in the town hall",  # 'took' with no ground taken
        "a video showed more than 50 bodies, many with gunshot wounds",  # no finding told
    ],
)
def test_aftermath_is_no_trigger(text):
    assert _types(text) == []
