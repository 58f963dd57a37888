"""An incident's record: independence and source chains, casualty ranges (low, best, high),
disagreements side by side, denial flags, consensus."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.fingerprint import fingerprint, near_duplicates, resemblance
from eventledger.incident import chains, estimate, incident_to_dict, source_groups
from eventledger.link import Report, link
from eventledger.records import Claim, Range
from test_link import ALEPPO, ALEPPO_ADMIN1, event

TEXT = (
    "Regime helicopters dropped barrel bombs on the town of al-Bab in the Aleppo countryside "
    "on Wednesday, killing at least 12 civilians including three children, the Syrian "
    "Observatory for Human Rights said. Rescue workers were still searching the rubble of "
    "several buildings late into the night, and the toll was expected to rise."
)


def rep(event_id, outlet, *, text=TEXT, claims=(), **kw) -> Report:
    ev = event(event_id, claims=claims, **kw)
    return Report(ev, event_id.split(":")[0], outlet, date(2015, 7, 23), None, fingerprint(text))


def only(reports) -> dict:
    (inc,) = link(reports)
    return incident_to_dict(inc)


# ---------------------------------------------------------------- near-duplicates


def test_a_copy_with_other_page_furniture_is_a_near_duplicate():
    copy = "Home | World | Middle East\nShare on Facebook\n" + TEXT + "\nRelated: more news"
    other = "Rebels shelled a government-held district of Aleppo city on Thursday, " * 3
    assert near_duplicates(fingerprint(TEXT), fingerprint(copy))
    assert resemblance(fingerprint(TEXT), fingerprint(other)) < 0.1
    assert resemblance(fingerprint(""), fingerprint(TEXT)) == 0.0


def test_copies_are_one_source_however_many_outlets_publish_them():
    found = only([rep("a:e1", "Site A"), rep("b:e1", "Site B")])
    assert found["reports"] == 2
    assert found["independent_sources"] == 1


# ---------------------------------------------------------------- attribution chains


def test_reports_citing_one_origin_are_one_source_and_keep_their_chains():
    sohr = Claim("Syrian Observatory for Human Rights", None, "asserts")
    a = rep("a:e1", "Reuters", text="one text " * 20, claims=(sohr,))
    b = rep("b:e1", "AFP", text="another text entirely " * 20,
            claims=(Claim("the Syrian Observatory for Human Rights", None, "asserts"),))
    c = rep("c:e1", "SANA", text="state media account " * 20,
            claims=(Claim("SANA", None, "asserts"),))
    found = only([a, b, c])
    assert found["independent_sources"] == 2
    origins = sorted(g["origin"] for g in found["sources"])
    assert origins == ["SANA", "Syrian Observatory for Human Rights"]
    assert ["Reuters", "Syrian Observatory for Human Rights"] in [
        c for g in found["sources"] for c in g["chains"]]


def test_a_summary_of_another_members_report_is_not_independent():
    # Meduza summarises 7x7's investigation; 7x7's own report is also a member.
    summary = rep("m:e1", "Meduza", text="meduza summary " * 20,
                  claims=(Claim("7x7", "Meduza", "asserts"),))
    original = rep("s:e1", "7x7", text="the original investigation " * 20)
    assert chains(summary) == [("Meduza", "7x7")]
    assert len(source_groups([summary, original])) == 1


def test_generic_attributions_are_not_shared_origins():
    a = rep("a:e1", "Reuters", text="one text " * 20, claims=(Claim("activists", None, "asserts"),))
    b = rep("b:e1", "AFP", text="two text " * 20, claims=(Claim("activists", None, "asserts"),))
    assert len(source_groups([a, b])) == 2


# ---------------------------------------------------------------- casualties


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [
        ([Range(12, 12)], (12, 12, 12)),
        ([Range(12, 12), Range(18, 18), Range(40, 40)], (12, 18, 40)),  # lower median
        ([Range(1300, 1300), Range(1400, None)], (1300, 1300, 1400)),  # "more than 1400"
        ([Range(10, 20)], (10, 15, 20)),  # a closed range: its midpoint
        ([Range(None, 5)], (None, 5, 5)),  # "up to 5"
        ([Range(0, 0), Range(3, None)], (0, 0, 3)),
        ([Range()], (None, None, None)),
    ],
)
def test_fatalities_are_low_best_high_across_reports(ranges, expected):
    e = estimate(ranges)
    assert (e.low, e.best, e.high) == expected


def test_best_counts_each_independent_source_once_with_its_largest_figure():
    # One source reports 5 then 9; two others report 30 and 40: best is the lower median of
    # (9, 30, 40), not of all four figures.
    e = estimate([Range(5, 5), Range(9, 9), Range(30, 30), Range(40, 40)],
                 [[Range(5, 5), Range(9, 9)], [Range(30, 30)], [Range(40, 40)]])
    assert (e.low, e.best, e.high) == (5, 30, 40)


# ---------------------------------------------------------------- disagreements and flags


def test_conflicting_tolls_perpetrators_and_sub_types_are_kept_side_by_side():
    a = rep("a:e1", "Etilaf", text="a " * 30, killed=Range(18, 18), perpetrators=("Regime",))
    b = rep("b:e1", "SANA", text="b " * 30, killed=Range(2, 2), perpetrators=("Terrorists",),
            sub="Shelling/artillery/missile attack")
    found = only([a, b])
    fields = {d["field"]: d["values"] for d in found["disagreements"]}
    assert fields["fatalities"] == [
        {"value": {"low": 18, "high": 18}, "sources": ["Etilaf"], "events": ["a:e1"]},
        {"value": {"low": 2, "high": 2}, "sources": ["SANA"], "events": ["b:e1"]},
    ]
    assert [v["value"] for v in fields["perpetrator"]] == ["Regime", "Terrorists"]
    assert {v["value"] for v in fields["sub_event_type"]} == {
        "Air/drone strike", "Shelling/artillery/missile attack"}
    assert found["fatalities"] == {"low": 2, "best": 2, "high": 18}


def test_consistent_reports_disagree_on_nothing():
    a = rep("a:e1", "A", text="a " * 30, killed=Range(3, None))  # at least three
    b = rep("b:e1", "B", text="b " * 30, killed=Range(3, 3), where=ALEPPO_ADMIN1)
    assert only([a, b])["disagreements"] == []


def test_denials_and_non_confirmation_flag_the_incident():
    claims = (Claim("7x7", "Meduza", "asserts"),
              Claim("Russian Defense Ministry", "Meduza", "unconfirmed"),
              Claim("Governor", "Meduza", "denies"))
    found = only([rep("a:e1", "Meduza", claims=claims)])
    assert [(f["flag"], f["source"]) for f in found["flags"]] == [
        ("unconfirmed", "Russian Defense Ministry"), ("denied", "Governor")]


def test_the_most_precise_place_and_date_win_and_say_who_supplied_them():
    a = rep("a:e1", "A", text="a " * 30, where=ALEPPO_ADMIN1, day=date(2015, 7, 1),
            precision="month")
    b = rep("b:e1", "B", text="b " * 30, where=ALEPPO)
    found = only([a, b])
    assert (found["location"], found["date"], found["date_precision"]) == (
        "Aleppo", "2015-07-22", "day")
    assert found["supplied_by"]["place"] == ["b:e1"]
    assert found["supplied_by"]["date"] == ["b:e1"]
    assert [m["document_id"] for m in found["members"]] == ["a", "b"]
