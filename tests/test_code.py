"""The event coder, rule by rule, on real phrasing (short excerpts of the bundled articles and
of typical wire copy)."""

from __future__ import annotations

import pytest

from eventledger import extract


def events(text: str, published: str = "2019-08-08") -> list[dict]:
    return extract(text, published=published)["events"]


def test_one_incident_mentioned_three_times_is_one_event():
    evs = events(
        "On Saturday morning, a gunman shot shoppers at a Walmart store in El Paso, Texas, "
        "killing 22 people. The shooting began at 10:39 a.m. local time, according to police. "
        "Federal authorities are investigating the shooting as domestic terrorism."
    )
    assert len(evs) == 1
    assert evs[0]["date"] == "2019-08-03" and evs[0]["location"] == "El Paso"
    assert len(evs[0]["evidence"]) >= 2


def test_running_total_is_a_tally_and_a_dated_death_an_incident():
    evs = events(
        "7x7 found that at least seven conscripts have been killed by shelling in the Belgorod "
        "region in recent months. On January 16, for example, at least three conscripts were "
        "killed, according to the outlet.",
        published="2023-05-24",
    )
    kinds = {(e["kind"], e["fatalities"]["low"]) for e in evs}
    assert kinds == {("tally", 7), ("incident", 3)}
    tally = next(e for e in evs if e["kind"] == "tally")
    assert tally["date"] == "2023-05-24" and tally["admin1"] == "Belgorod Oblast"


@pytest.mark.parametrize(
    "text",
    [
        "Officials warned that militants could attack the capital in the coming weeks.",
        "The ministry denied that its forces shelled the village.",
        "Osama bin Laden orchestrated the 9/11 attacks on the US in 2001.",
        "State prosecutors charged the suspect with capital murder on Sunday.",
        "Her husband, who was arrested in May, did not speak.",
        "They went to the shooting range once or twice.",
    ],
)
def test_plans_denials_history_and_court_steps_are_not_events(text):
    assert events(text) == []


def test_anaphor_adds_to_the_event_it_refers_to_not_a_new_one():
    evs = events(
        "A car bomb was on Monday rammed into a military base in Maidan Shahr, Afghanistan. "
        "Dozens died in the attack, reportedly conducted by the Taliban.",
        published="2019-01-24",
    )
    (ev,) = evs
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["fatalities"]["low"] == 12 and ev["date"] == "2019-01-21"


def test_enumerated_incidents_get_their_own_places_and_tolls():
    evs = events(
        "The shooting followed four deadly mass shootings in the United States that week, "
        "including one in California at a garlic festival in Gilroy, killing three, and another "
        "in Chippewa Falls, Wisconsin where at least five died."
    )
    by_place = {e["location"]: e for e in evs if e["kind"] == "incident"}
    assert by_place["Gilroy"]["fatalities"]["low"] == 3
    assert by_place["Chippewa Falls"]["fatalities"]["low"] == 5
    assert by_place["Chippewa Falls"]["admin1"] == "Wisconsin"
    assert all(e["fatalities"]["low"] is None for e in evs if e["kind"] == "tally")


def test_protest_with_arrests_is_a_protest_with_intervention():
    (ev,) = events(
        "On Friday, police arrested 71 protesters outside parliament in Belgrade.",
        published="2020-07-12",
    )
    assert ev["sub_event_type"] == "Protest with intervention"
    assert ev["country"] == "RS" and ev["date"] == "2020-07-10"
    assert ev["actors"][0]["type"] == "Protesters"


def test_the_arrest_of_an_attacker_is_not_an_acled_arrest():
    evs = events("A 25-year-old man was arrested by Thames Valley Police on suspicion of murder.")
    assert all(e["sub_event_type"] != "Arrests" for e in evs)


def test_a_country_that_acts_is_not_where_it_happened():
    (ev,) = events(
        "Six civilians were among at least 22 people killed in U.S. air strikes on Raqqa, "
        "Syria, on Saturday, a monitor said.",
        published="2015-07-05",
    )
    assert ev["country"] == "SY" and "Raqq" in ev["location"]
    assert ev["fatalities"] == {"low": 22, "high": None, "qualifier": "at least"}


def test_a_continent_is_not_where_it_happened():
    (ev,) = events(
        "Two people were killed in an explosion in Kabul on Saturday, the deadliest attack "
        "in Asia this month, police said.",
        published="2019-08-10",
    )
    assert ev["country"] == "AF" and ev["location"] == "Kabul"


def test_unconfirmed_claims_and_source_chain():
    text = (
        "Source: Meduza\n\nJournalists from the independent outlet 7x7 investigated. On "
        "January 16 at least three conscripts were killed by shelling, according to the outlet, "
        "and neither Governor Vyacheslav Gladkov nor the Russian Defense Ministry confirmed it."
    )
    (ev,) = extract(text, published="2023-05-24")["events"]
    stances = {(c["source"], c["via"], c["stance"]) for c in ev["claims"]}
    assert ("7x7", "Meduza", "asserts") in stances
    assert any(stance == "unconfirmed" for _, _, stance in stances)


def test_a_named_victim_who_died_counts_as_one():
    (ev,) = events(
        "Nabil Hasan al-Quaety, a journalist, died in the city of Aden, Yemen, on "
        "Tuesday after being shot in his car.",
        published="2020-06-05",
    )
    assert ev["fatalities"]["low"] == 1 and ev["location"] == "Aden"


def test_hours_before_the_attack_takes_the_attacks_date():
    evs = events(
        "On Saturday evening in Reading, England, a stabbing killed three people.\n\n"
        "A Black Lives Matter protest had taken place in Forbury Gardens a few hours "
        "before the attack.",
        published="2020-06-23",
    )
    protest = next(e for e in evs if e["event_type"] == "Protests")
    assert protest["date"] == "2020-06-20"


def test_an_undated_event_happened_by_the_day_of_its_report():
    # ACLED's fallback: the report's day, marked as not the event's own ("unknown" precision).
    (ev,) = events(
        "Protesters blocked the main road in Minsk and police detained dozens of them.",
        published="2020-08-03",
    )
    assert ev["date"] == "2020-08-03" and ev["date_precision"] == "unknown"
    (dated_by_line,) = events(
        "17-08-2014 Army kills 31 in Raqqa. Syrian warplanes struck ISIL strongholds in Raqqa "
        "province killing 31 terrorists.",
        published="2014-08-19",
    )
    assert (dated_by_line["date"], dated_by_line["date_precision"]) == ("2014-08-17", "unknown")
    (no_day,) = events("Protesters blocked the main road in Minsk.", published=None)
    assert no_day["date"] is None


def test_dateline_dates_the_report_and_relative_days_count_back_from_it():
    # The metadata says 2014-12-16; the text's own dateline says a year earlier.
    evs = events(
        "December 16 2013 Death toll in bombing raid on Aleppo rises to 40. Forty people were "
        "killed on Sunday when army helicopters dropped barrel bombs on the city of Aleppo, "
        "a monitor said on Monday.",
        published="2014-12-16",
    )
    dates = {e["date"] for e in evs}
    assert "2013-12-15" in dates  # the Sunday before the dateline
    assert all(d.startswith("2013-12") for d in dates)  # nothing counted from the metadata
    assert {e["sub_event_type"] for e in evs} == {"Air/drone strike"}


def test_a_datelined_headline_is_the_news_of_the_days_before_it():
    # The headline tells the toll by the dateline; the body dates the raid to the day before.
    (ev,) = events(
        "December 16 2013 Death toll in bombing raid on Aleppo rises to 40. Forty people were "
        "killed on Sunday when army helicopters dropped barrel bombs on the city of Aleppo, "
        "a monitor said on Monday.",
        published="2013-12-16",
    )
    assert ev["date"] == "2013-12-15" and ev["fatalities"]["low"] == 40
    assert len(ev["evidence"]) == 2


def test_a_headline_with_another_toll_is_another_event():
    evs = events(
        "Wednesday 22 July 2015 18 Civilians Killed in Barrel Bomb Attack on Aleppo. "
        "Twenty-six civilians were also killed yesterday when the air force pounded the "
        "neighbourhood of Al-Maghayer in Aleppo.",
        published="2015-07-22",
    )
    assert sorted((e["date"], e["fatalities"]["low"]) for e in evs) == [
        ("2015-07-21", 26),
        ("2015-07-22", 18),
    ]


def test_a_datelined_headline_joins_last_months_attack_of_its_own_kind_only():
    (ev,) = events(
        "18-07-2015 Militants Used Chemical Weapons against Kurds in Hasakeh. Militants fired "
        "missiles containing toxic gas at Kurdish forces in Hasakeh province last month, a "
        "monitor said. The Kurdish fighters said the attacks occurred on June 28. They "
        "reported no deaths in the attacks.",
        published="2015-07-18",
    )
    assert (ev["date"], ev["fatalities"]["low"]) == ("2015-06-28", 0)
    evs = events(
        "18-07-2015 Bomb blast kills 5 in Homs. A car bomb killed 5 people in Homs, Syria, "
        "on Friday. In June a gas attack hit the city on June 19.",
        published="2015-07-18",
    )
    assert sorted(e["sub_event_type"] for e in evs) == [
        "Chemical weapon",
        "Remote explosive/landmine/IED",
    ]


def test_a_day_in_a_later_sentence_refines_last_month():
    (ev,) = events(
        "Militants fired missiles containing toxic gas at Kurdish forces in Hasakeh province "
        "last month, a monitor said. The Kurdish fighters said the attacks occurred on June 28.",
        published="2015-07-18",
    )
    assert ev["date"] == "2015-06-28" and ev["date_precision"] == "day"


def test_events_reported_over_two_days_span_both():
    # "were reported late Saturday": the passive dates the strikes, not a statement.
    (ev,) = events(
        "At least 16 airstrikes were reported late Saturday and early Sunday in Raqqa, Syria, "
        "activists said. The Aamaq agency showed the effects of a drone strike Saturday on Raqqa.",
        published="2015-07-05",
    )
    assert ev["date"] == "2015-07-05" and ev["date_start"] == "2015-07-04"


def test_a_night_of_strikes_over_two_days_holds_both_days_reports():
    (ev,) = events(
        "Coalition airstrikes hit Raqqa in Syria on Sunday, and ISIS said at least 10 people "
        "were killed. At least 16 airstrikes were reported late Saturday and early Sunday in "
        "Raqqa. A video showed the effects of a drone strike Saturday on Raqqa.",
        published="2015-07-05",
    )
    assert ev["fatalities"]["low"] == 10 and ev["date"] == "2015-07-05"
    # Each day of "the past two days" keeps its own strikes.
    monday, tuesday = sorted(
        (e for e in events(
            "Air strikes on Talbisseh in Syria have killed nearly 50 people over the past two "
            "days. On Tuesday 25 people were killed in air strikes on Talbisseh. On Monday air "
            "strikes killed 23 people in the town.",
            published="2014-09-17",
        ) if e["kind"] == "incident" and e["date_precision"] == "day"),
        key=lambda e: e["date"],
    )  # fmt: skip
    assert (monday["date"], tuesday["date"]) == ("2014-09-15", "2014-09-16")


def test_near_a_city_that_is_a_division_of_its_own_is_the_division_around_it():
    near, inside = events(
        "A chemical weapons attack near Damascus on August 21 killed more than 1400 people. "
        "On August 24, a car bomb killed 5 people in Damascus.",
        published="2013-09-10",
    )
    assert (near["admin1"], near["location"], near["geo_precision"]) == (
        "Rif Dimashq",
        None,
        "admin1",
    )
    assert (inside["admin1"], inside["location"]) == ("Damascus", "Damascus")


def test_the_capital_is_the_capital_of_the_country_the_story_is_about():
    suburbs, mortars, baghdad = events(
        "Syrian warplanes struck the Aleppo countryside on Monday. On Tuesday, air strikes on "
        "rebel-held suburbs of the capital killed 12 people. On Wednesday, mortar rounds fired "
        "at the capital killed three people. On Thursday, a car bomb killed 9 in the Iraqi "
        "capital.",
        published="2015-02-06",
    )[1:]
    assert (suburbs["admin1"], suburbs["location"]) == ("Rif Dimashq", None)
    assert (mortars["admin1"], mortars["location"]) == ("Damascus", "Damascus")
    assert (baghdad["country"], baghdad["location"]) == ("IQ", "Baghdad")


def test_suicide_bombers_are_counted_among_the_dead_when_no_toll_is_given():
    bombers, bomber, toll = events(
        "On Sunday in Hasakeh, suicide bombers detonated an explosives-laden truck near a power "
        "plant. On Monday, a suicide bomber blew himself up at a checkpoint in Homs. On "
        "Tuesday, a suicide bombing killed 14 people in Aleppo.",
        published="2015-07-08",
    )
    assert bombers["sub_event_type"] == "Suicide bomb"
    assert (bombers["fatalities"]["low"], bombers["fatalities"]["high"]) == (2, None)
    assert (bomber["fatalities"]["low"], bomber["fatalities"]["high"]) == (1, 1)
    assert toll["fatalities"]["low"] == 14


def test_who_takes_the_ground_decides_the_territory_type():
    army, kurds = events(
        "Syrian government forces have taken control of villages in Daraa province on "
        "Saturday, state media said. On Monday, Kurdish fighters recaptured the town of Tal "
        "Abyad in Raqqa province.",
        published="2015-07-01",
    )
    assert army["sub_event_type"] == "Government regains territory"
    assert kurds["sub_event_type"] == "Non-state actor overtakes territory"
    # The subject, not the nearest armed word: a victim, an ally or a captive stands between.
    for text, taker in [
        (
            "On Thursday Islamic State killed 270 soldiers when they captured the Shaar gas field "
            "east of Homs.",
            "Non-state actor overtakes territory",
        ),
        (
            "On Thursday the Syrian army backed by allied militia captured several villages north "
            "of Aleppo.",
            "Government regains territory",
        ),
        (
            "On Wednesday Syrian soldiers captured while fleeing were executed after ISIL fighters "
            "overran the Tabqa airbase in Raqqa province.",
            "Non-state actor overtakes territory",
        ),
    ]:
        types = {e["sub_event_type"] for e in events(text, published="2014-08-29")}
        assert taker in types, text


def test_a_change_of_control_since_a_day_is_one_incident_not_a_running_total():
    (ev,) = events(
        "Since late last week the rebels have taken over a key border crossing with Turkey at "
        "Kasab in Latakia province.",
        published="2014-03-30",
    )
    assert ev["kind"] == "incident"
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert (ev["date"], ev["date_precision"]) == ("2014-03-23", "week")


def test_an_attempt_at_the_ground_is_no_change_of_control():
    (ev,) = events(
        "On Sunday government forces repelled an ISIS attack on the town of Haditha in Anbar "
        "province, killing 20 militants. Iraqi forces have been struggling to recapture areas "
        "lost to the group.",
        published="2015-07-05",
    )
    assert ev["sub_event_type"] == "Armed clash"


def test_fighting_as_a_town_is_overrun_is_the_change_of_control():
    evs = events(
        "More than 50 rebels and jihadists were killed in fighting on Saturday in Hasakeh "
        "province as ISIL overran a town bordering Iraq. On Sunday fighting raged in Latakia.",
        published="2014-03-30",
    )
    types = {e["admin1"]: e["sub_event_type"] for e in evs}
    assert types == {
        "Al-Hasakah": "Non-state actor overtakes territory",
        "Latakia": "Armed clash",
    }


def test_a_battle_that_changed_hands_is_coded_as_the_change_of_control():
    (ev,) = events(
        "Fierce fighting broke out on Friday for Base 46 west of Aleppo. Al-Nusra fighters "
        "captured Base 46 on Friday, the Observatory said.",
        published="2015-02-28",
    )
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_place_someone_went_to_does_not_move_the_attack_they_went_about():
    (ev,) = events(
        "Syrian activists say a gas attack on rebel-held suburbs of the capital on Wednesday "
        "killed more than 130 people. Hours later the UN disarmament chief arrived in "
        "Damascus to press the government to allow experts to investigate Wednesday's alleged "
        "attack.",
        published="2013-08-24",
    )
    assert (ev["sub_event_type"], ev["date"], ev["admin1"]) == (
        "Chemical weapon",
        "2013-08-21",
        "Rif Dimashq",
    )
    assert ev["fatalities"]["low"] == 130


def test_a_hedged_unsourced_toll_yields_to_a_sourced_one():
    def toll(text: str) -> int:
        (ev,) = events(text, published="2014-08-17")
        return ev["fatalities"]["low"]

    hedged = (
        "Syrian air strikes on Raqqa kill 19. Syrian bombers pounded Raqqa on Sunday, "
        "reportedly killing at least 19 militants. Observatory director Rami Abdurrahman said "
        "six air raids targeted the military court. He added that at least 16 militants were "
        "killed in the town."
    )
    assert toll(hedged) == 16
    assert toll(hedged.replace("reportedly killing", "killing")) == 19  # no hedge: the largest
    (ev,) = events(hedged, published="2014-08-17")
    # "He added": the director goes on speaking.
    assert any("Rami Abdurrahman" in c["source"] for c in ev["claims"])


def test_a_quoted_statement_is_bounded_by_the_story_day_not_dated_by_it():
    chemical = [
        e
        for e in events(
            "A gas attack on Wednesday killed more than 130 people near Aleppo, activists said. "
            "On Saturday, state media said rebels used chemical weapons against troops in Jobar "
            'in Damascus. "There was a chemical massacre near Aleppo" Fabius told reporters.',
            published="2013-08-24",
        )
        if e["sub_event_type"] == "Chemical weapon"
    ]
    assert [(e["date"], e["admin1"], len(e["evidence"])) for e in chemical] == [
        ("2013-08-21", "Aleppo", 2),
        ("2013-08-24", "Damascus", 1),
    ]


def test_a_figure_outweighs_a_word_for_a_crowd():
    (ev,) = events(
        "12 civilians dead in Syrian raid on village Monitor AFP Wednesday 22 Jul 2015 At least "
        "12 civilians were killed Wednesday in Syrian regime air raids on a village in Aleppo "
        "province, a monitor said. The monitor's director said the regime was killing scores of "
        "civilians in the raids.",
        published="2015-07-22",
    )
    assert (ev["fatalities"]["low"], ev["fatalities"]["high"]) == (12, None)  # "at least 12"


def test_demonyms_lean_the_main_place_towards_the_country_they_name():
    # "United States" is named more often than Syria, but the story is Syrian.
    (ev,) = events(
        "Evidence strongly suggests Syrian government forces were responsible for a poison gas "
        "attack that killed more than 1400 people, Human Rights Watch said on Tuesday. The "
        "group, in a report issued in New York, said Syrian rebels do not have such rockets. The "
        "report comes as the United States weighs action against Syria and the Syrian "
        "president warned the United States.",
        published="2013-09-10",
    )
    assert ev["country"] == "SY"


def test_reports_dated_only_by_a_statement_yield_to_the_day_of_the_event():
    # The sentences after "said on Tuesday" carry that day on: it bounds the attack, no more.
    (ev,) = events(
        "Evidence strongly suggests government forces were responsible for a poison gas attack "
        "that killed more than 1400 people, Human Rights Watch said on Tuesday. The group in a "
        "report issued in New York said it had reached its conclusion after analyzing the "
        "remnants of the weapons used. The evidence concerning the type of rockets and launchers "
        "used in these attacks strongly suggests that these are weapon systems used only by the "
        "army, the group said. The chemical weapons attack near Damascus on August 21 killed "
        "more than 1400 people.",
        published="2013-09-10",
    )
    assert (ev["date"], ev["sub_event_type"]) == ("2013-08-21", "Chemical weapon")


def test_a_state_of_affairs_with_no_toll_is_background_not_a_tally():
    evs = events(
        "A barrel bomb killed eight people in Aleppo on Saturday, a monitor said. The regime "
        "has been using barrel bombs since 2012. Rebels have been fighting the army since "
        "January.",
        published="2015-02-22",
    )
    assert [(e["kind"], e["fatalities"]["low"]) for e in evs] == [("incident", 8)]


def test_the_toll_of_a_battle_in_a_named_place_is_a_tally_of_its_own():
    evs = events(
        "On Sunday the fighting was focused around the village of Qastal Maaf in Latakia "
        "province, Syria. The battle in Latakia has killed some 300 fighters on both sides, the "
        "Observatory said.",
        published="2014-03-30",
    )
    assert ("tally", 300) in [(e["kind"], e["fatalities"]["low"]) for e in evs]


def test_a_definite_attack_with_modifiers_refers_back():
    evs = events(
        "On Sunday, government forces repelled an attack by militants on the town of Haditha "
        "in Anbar province, Iraq. At least 20 militants were killed in the failed attack, "
        "the ministry said.",
        published="2015-07-05",
    )
    (ev,) = evs
    assert ev["event_type"] == "Battles" and ev["fatalities"]["low"] == 20


def test_police_shooting_at_protesters_is_force_against_the_protest():
    evs = events(
        "On Tuesday, thousands protested in Tsuen Wan, Hong Kong. A police officer surrounded "
        "by protesters drew his pistol and shot at one person.",
        published="2019-10-02",
    )
    assert {e["event_type"] for e in evs} == {"Protests"}


def test_protest_where_demonstrators_turned_violent_is_a_riot():
    evs = events(
        "On Friday night, thousands protested in Belgrade, Serbia, and police fired tear gas. "
        "Some protesters responded by throwing rocks and bottles at the police.",
        published="2020-07-12",
    )
    assert [(e["event_type"], e["sub_event_type"], e["date"]) for e in evs] == [
        ("Riots", "Violent demonstration", "2020-07-10")
    ]


def test_the_day_a_source_spoke_bounds_the_event_but_does_not_split_it():
    evs = events(
        "A poison gas attack near Damascus killed more than 1400 people, a rights group said "
        "on Tuesday in a report issued in New York. The chemical weapons attack near Damascus "
        "on August 21 was the deadliest of the war.",
        published="2013-09-10",
    )
    (ev,) = evs
    assert ev["date"] == "2013-08-21" and ev["country"] == "SY"
    assert ev["fatalities"]["low"] == 1400


def test_a_country_across_the_border_does_not_locate_the_event():
    evs = events(
        "On Saturday, rebels captured a border crossing with Turkey at Kasab in Latakia "
        "province, Syria.",
        published="2014-03-24",
    )
    assert {e["country"] for e in evs} == {"SY"}


def test_foiled_needs_a_weapon_or_attack_to_be_disrupted_weapons_use():
    evs = events("The army foiled infiltration attempts across the country on Sunday.")
    assert all(e["sub_event_type"] != "Disrupted weapons use" for e in evs)
    (ev,) = events("On Sunday, police foiled a car bomb attack in Kabul, Afghanistan.")
    assert ev["sub_event_type"] == "Disrupted weapons use"
    (ev,) = events("On Sunday, police defused a roadside bomb in Kabul, Afghanistan.")
    assert ev["sub_event_type"] == "Disrupted weapons use"


def test_days_told_from_the_story_count_from_its_last_dated_event():
    evs = events(
        "On Thursday, an opposition candidate held a rally in Minsk, Belarus. A day before the "
        "rally, the KGB arrested 33 Russian individuals, claiming they were mercenaries.",
        published="2020-07-31",
    )
    dates = {e["sub_event_type"]: e["date"] for e in evs}
    assert dates == {"Peaceful protest": "2020-07-30", "Arrests": "2020-07-29"}


def test_that_week_is_the_seven_days_up_to_the_story_event():
    evs = events(
        "On Saturday morning, a gunman shot shoppers in El Paso, Texas, killing 22 people. "
        "The shooting followed four deadly mass shootings in the United States that week, "
        "including one in Gilroy, California, killing three, and another in Chippewa Falls, "
        "Wisconsin, where at least five died.",
        published="2019-08-08",
    )
    by_place = {e["location"]: e["date"] for e in evs if e["kind"] == "incident"}
    assert by_place["El Paso"] == "2019-08-03"
    assert by_place["Gilroy"] == by_place["Chippewa Falls"] == "2019-07-31"  # mid-week


def test_an_anaphor_with_nothing_to_refer_to_and_no_facts_is_not_an_event():
    assert events("That attack has spurred demands for an independent investigation.") == []


def test_a_later_sentence_dates_and_places_an_event_first_known_only_from_a_statement():
    evs = events(
        "A gas attack killed more than 1400 people, a U.S.-based rights group said on Tuesday. "
        "The attack near Damascus, Syria, on August 21 was the deadliest of the war.",
        published="2013-09-10",
    )
    (ev,) = evs
    assert ev["date"] == "2013-08-21" and ev["country"] == "SY"


def test_in_other_parts_of_the_city_is_another_event():
    evs = events(
        "On Tuesday, police shot a protester in the Tsuen Wan district of Hong Kong during "
        "clashes with rioters.\n\nIn other parts of the city, the police used water cannon and "
        "tear gas against protesters.",
        published="2019-10-02",
    )
    assert len(evs) == 2


def test_a_landmark_the_article_placed_earlier_locates_a_later_event():
    evs = events(
        "On Saturday evening in Forbury Gardens in Reading, England, a man stabbed three "
        "people to death. A protest had taken place in Forbury Gardens a few hours before "
        "the attack.",
        published="2020-06-22",
    )
    protest = next(e for e in evs if e["event_type"] == "Protests")
    assert protest["location"] == "Reading" and protest["date"] == "2020-06-20"


def test_a_neighbourhood_of_a_city_placed_earlier_locates_a_later_event():
    evs = events(
        "Syrian troops fought rebels in the Howayqa neighborhood of Homs on Monday. Air strikes "
        "hit Aleppo on Monday. On Tuesday militants shelled the Howayqa district, killing two "
        "soldiers.",
        published="2013-08-13",
    )
    shelling = next(e for e in evs if e["sub_event_type"].startswith("Shelling"))
    assert (shelling["admin1"], shelling["date"]) == ("Homs", "2013-08-13")


def test_hong_kong_is_the_admin1_and_its_districts_lie_below_it():
    evs = events(
        "On Tuesday, protesters threw petrol bombs at police in the Tsuen Wan district of "
        "Hong Kong.",
        published="2019-10-02",
    )
    (ev,) = evs
    assert (ev["country"], ev["admin1"], ev["location"]) == ("HK", "Hong Kong", "Tsuen Wan")


def test_a_definite_battle_in_another_region_is_not_the_battle_before():
    evs = events(
        "On Saturday, more than 50 rebels were killed in fighting in Hasakeh province, Syria. "
        "Since January the rebels have fought the army across Latakia province. The battle in "
        "Latakia has killed some 300 fighters, the Observatory said.",
        published="2014-03-30",
    )
    tally = next(e for e in evs if e["kind"] == "tally")
    assert tally["admin1"] == "Latakia" and tally["fatalities"]["low"] == 300
    incident = next(e for e in evs if e["kind"] == "incident")
    assert incident["fatalities"]["low"] == 50


def test_victims_named_across_sentences_are_a_roll_call_of_at_least_that_many():
    (ev,) = events(
        "Thursday, US forces killed Qasem Soleimani, head of the Quds Force, in an airstrike "
        "at Baghdad International Airport. He was met by Abu Mahdi al-Muhandis, who was also "
        "killed in the airstrike. Other victims included a Kataeb Hezbollah official and "
        "Mohammed Reda, an airport protocol officer. Iran declared that Soleimani was "
        "martyred by the airstrike.",
        published="2020-01-05",
    )
    assert ev["sub_event_type"] == "Air/drone strike"
    assert (ev["fatalities"]["low"], ev["fatalities"]["high"]) == (4, None)
    assert ev["fatalities"]["qualifier"] == "at least"
    assert any("Other victims included" in e["quote"] for e in ev["evidence"])


def test_a_stated_toll_outweighs_the_named_victims():
    (ev,) = events(
        "An airstrike killed nine people at Baghdad airport on Thursday, among them Qasem "
        "Soleimani. Abu Mahdi al-Muhandis was also killed in the airstrike.",
        published="2020-01-05",
    )
    assert (ev["fatalities"]["low"], ev["fatalities"]["high"]) == (9, 9)


def test_a_victim_who_died_of_wounds_days_later_is_the_attacks_toll_not_where_he_was_buried():
    (ev,) = events(
        "On April 7 a rocket hit a school bus near Ashkelon.\n\n"
        "Medics said the bus was almost empty.\n\n"
        "On April 17 the teenager died of his wounds in hospital and was buried in Beit Shemesh.",
        published="2011-04-20",
    )
    assert ev["date"] == "2011-04-07" and ev["admin1"] == "Southern District"
    assert (ev["fatalities"]["low"], ev["fatalities"]["high"]) == (1, 1)


def test_where_the_fire_came_from_is_not_where_it_struck():
    (ev,) = events(
        "On Thursday a rocket fired from Gaza hit a school bus near Ashkelon, wounding a boy.",
        published="2011-04-08",
    )
    assert ev["admin1"] == "Southern District" and ev["country"] == "IL"


def test_an_armed_group_storming_a_place_is_an_attack():
    (ev,) = events(
        "Militants stormed a village in Burkina Faso's north on Sunday, killing 40 people.",
        published="2024-03-15",
    )
    assert ev["sub_event_type"] == "Attack" and ev["country"] == "BF"
    assert ev["fatalities"]["low"] == 40


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("An Islamic State attack on an army post in Niger killed 29 soldiers.", "Armed clash"),
        ("Gunmen killed 11 people at a wedding in Zamfara, Nigeria.", "Attack"),
        ("Taliban fighters executed three former soldiers in Kandahar province.", "Attack"),
        ("Troops killed six militants in North Waziristan, Pakistan.", "Armed clash"),
    ],
)
def test_an_attack_that_kills_armed_men_is_a_battle(text, sub_type):
    (ev,) = events(text, published="2024-03-15")
    assert ev["sub_event_type"] == sub_type


def test_an_updated_toll_told_paragraphs_later_is_the_incidents_toll():
    events_ = events(
        "A suicide bomber struck a market in Jalalabad, Afghanistan, on Tuesday, killing at "
        "least 14 people, officials said.\n\n"
        "Islamic State has carried out a series of attacks in Nangarhar province in recent "
        "months, killing dozens.\n\n"
        "Later on Tuesday, the death toll rose to 18, a health official said.",
        published="2024-03-13",
    )
    bombing = next(e for e in events_ if e["kind"] == "incident")
    assert (bombing["fatalities"]["low"], bombing["fatalities"]["high"]) == (18, 18)
    assert any("death toll rose to 18" in s["quote"] for s in bombing["evidence"])


def test_a_denial_in_the_next_sentence_is_a_claim_on_the_event():
    (ev,) = events(
        "The ministry said 14 militants were killed in an air strike in Helmand, Afghanistan, "
        "on Sunday. The Taliban denied any losses.",
        published="2024-03-15",
    )
    stances = {(c["source"], c["stance"]) for c in ev["claims"]}
    assert ("ministry", "asserts") in stances and ("Taliban", "denies") in stances
    assert ev["fatalities"]["low"] == 14


def test_the_town_is_named_as_the_report_writes_it_when_the_gazetteer_knows_that_spelling():
    (ev,) = events(
        "Air strikes on Raqqa, Syria, killed 12 people on Sunday.", published="2015-07-06"
    )
    assert ev["location"] == "Raqqa"  # GeoNames' own name is "Ar Raqqah"
    assert ev["admin1"] == "Raqqa" and ev["geonames_id"] is not None


def test_an_incident_told_only_by_a_past_month_is_background_and_keeps_its_toll_apart():
    (ev,) = events(
        "Gunmen killed at least 12 people in an attack on a village in Burkina Faso's "
        "Centre-Nord region on Saturday, security sources said.\n\n"
        "In August 2022, a similar attack on a convoy in the north killed 35 civilians.",
        published="2024-03-11",
    )
    assert ev["date"] == "2024-03-09"
    assert (ev["fatalities"]["low"], ev["fatalities"]["qualifier"]) == (12, "at least")


@pytest.mark.parametrize(
    "attempt",
    [
        "rebels repelled attempts by loyalist forces to overrun the area",
        "at one point the jihadists looked set to overrun the town",
        "the rebels planned to break the army's lines in the farms and recapture the area",
        "troops held the just-liberated areas",
    ],
)
def test_an_attempt_or_a_past_capture_in_passing_is_no_change_of_control(attempt):
    (ev,) = events(
        f"Fierce fighting raged in Qaboun, Damascus, on Sunday, and {attempt}.",
        published="2015-07-06",
    )
    assert ev["sub_event_type"] == "Armed clash"


def test_a_capture_under_shelling_is_the_change_of_control():
    (ev,) = events(
        "On Thursday Kurdish fighters backed by government shelling took an area south of the "
        "city of Hasakeh, Syria.",
        published="2015-07-17",
    )
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_lead_that_tells_the_days_toll_dates_the_incidents_under_it():
    evs = events(
        "At least 11 people were killed in violence across Iraq on Monday, officials said.\n\n"
        "In Baghdad, a car bomb exploded near a market, killing six people.\n\n"
        "In the northern city of Mosul, a roadside bomb struck a police patrol, killing two "
        "policemen.",
        published="2013-06-11",
    )
    assert [e["date"] for e in evs] == ["2013-06-10", "2013-06-10"]
    assert all(e["date_precision"] == "day" for e in evs)


def test_a_lead_about_a_court_step_dates_nothing():
    (ev,) = events(
        "Kyle Rittenhouse, charged with the shooting that killed two people in Kenosha, "
        "Wisconsin, in August, was released on bail on Friday.\n\n"
        "Prosecutors say he opened fire on protesters with a rifle.",
        published="2020-11-22",
    )
    assert ev["date"] != "2020-11-20"


@pytest.mark.parametrize(
    ("headline", "sub_type"),
    [
        ("Police fire tear gas at Kenya protesters", "Protest with intervention"),
        ("Thousands rally in Tel Aviv against judicial overhaul", "Peaceful protest"),
        ("Rebels seize town in eastern Congo", "Non-state actor overtakes territory"),
        ("Israeli strike kills 7 aid workers in Gaza", "Air/drone strike"),
        ("Kenya braces for protests", None),
        ("Opposition plans rally in Nairobi on Saturday", None),
        ("Government bans protests in Tbilisi", None),
        ("==Attack==", None),
    ],
)
def test_a_bare_headline_tells_its_news_in_the_present_tense(headline, sub_type):
    evs = events(headline, published="2024-03-15")
    assert [e["sub_event_type"] for e in evs] == ([sub_type] if sub_type else [])
