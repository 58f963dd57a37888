"""Date expressions resolved against the publication date.

Phrases come from real reports: the seed case (tests/articles, Meduza CC BY 4.0), English
and Russian Wikinews (CC BY 2.5) in shared/data/open_news, and short phrases from the FA-KES
Syrian-war reports (shared/data/fakes-syria-dev, evaluation use).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.mentions.dates import find_dates

SEED = Path(__file__).parent / "articles" / "meduza-belgorod-conscripts.txt"
PUB = date(2023, 5, 24)  # a Wednesday: the seed case's publication date


def _one(text: str, published: date | None = PUB):
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


# ---------------------------------------------------------------- days

DAYS = [
    # (text, quote, date)
    (
        "on January 16, for example, at least three conscripts were killed",
        "on January 16",
        date(2023, 1, 16),
    ),
    ("the attack on May 14th", "on May 14th", date(2023, 5, 14)),
    ("June 1st", "June 1st", date(2022, 6, 1)),  # after publication: the year before
    (
        "The chemical weapons attack near Damascus on August 21 killed",
        "on August 21",
        date(2022, 8, 21),
    ),
    ("25 October 2017", "25 October 2017", date(2017, 10, 25)),
    ("October 25, 2017", "October 25, 2017", date(2017, 10, 25)),
    ("Published July 4 2015 An explosion", "July 4 2015", date(2015, 7, 4)),
    ("2019-01-13", "2019-01-13", date(2019, 1, 13)),
    ("09-07-2014 title: Syria Terrorists Commit Massacre", "09-07-2014", date(2014, 7, 9)),
    ("01.10.2014 A double terrorist attack", "01.10.2014", date(2014, 10, 1)),
    ("Preliminary death toll for 24/11/2012", "24/11/2012", date(2012, 11, 24)),
    ("AFP Wednesday 17 Sep 2014 Syrian air strikes", "Wednesday 17 Sep 2014", date(2014, 9, 17)),
    ("Wed 01 Oct 2014 at 1459 Regional NNA", "Wed 01 Oct 2014", date(2014, 10, 1)),
    ("the 15th of March", "the 15th of March", date(2023, 3, 15)),
    ("in February 29", "in February 29", date(2020, 2, 29)),
    ("7 апреля 2011 года", "7 апреля 2011 года", date(2011, 4, 7)),
    ("7 апреля", "7 апреля", date(2023, 4, 7)),
    # weekdays: the latest such day on or before publication (2023-05-24 is a Wednesday)
    ("on Monday", "on Monday", date(2023, 5, 22)),
    ("Saturday morning", "Saturday morning", date(2023, 5, 20)),
    ("Thursday, the group said", "Thursday", date(2023, 5, 18)),
    ("on Wednesday", "on Wednesday", date(2023, 5, 24)),
    ("last Wednesday", "last Wednesday", date(2023, 5, 17)),
    ("next Monday", "next Monday", date(2023, 5, 29)),
    ("the Syrian Observatory said tuesday", "tuesday", date(2023, 5, 23)),
    ("В понедельник", "В понедельник", date(2023, 5, 22)),
    # relative days
    ("yesterday", "yesterday", date(2023, 5, 23)),
    ("He died today.", "today", date(2023, 5, 24)),
    ("this evening", "this evening", date(2023, 5, 24)),
    ("tonight", "tonight", date(2023, 5, 24)),
    ("stabbed last night whilst on stage", "last night", date(2023, 5, 23)),
    ("earlier today", "earlier today", date(2023, 5, 24)),
    ("yesterday morning", "yesterday morning", date(2023, 5, 23)),
    ("three days ago", "three days ago", date(2023, 5, 21)),
    ("вчера", "вчера", date(2023, 5, 23)),
]


@pytest.mark.parametrize(("text", "quote", "day"), DAYS)
def test_find_dates_resolves_days(text, quote, day):
    m = _one(text)
    assert (m.span.quote, m.date, m.precision, m.date_start) == (quote, day, "day", None)


def test_find_dates_reads_late_saturday_and_early_sunday_as_two_days():
    mentions = find_dates("late Saturday and early Sunday", date(2015, 7, 5))  # a Sunday
    assert [(m.span.quote, m.date) for m in mentions] == [
        ("late Saturday", date(2015, 7, 4)),
        ("early Sunday", date(2015, 7, 5)),
    ]


def test_find_dates_gives_a_day_range_its_bounds():
    m = _one("the clashes of 16-17 January")
    assert (m.date, m.date_start, m.date_end, m.precision) == (
        date(2023, 1, 16),
        date(2023, 1, 16),
        date(2023, 1, 17),
        "day",
    )


def test_find_dates_looks_ahead_only_after_coming_or_next():
    m = _one("boycotting the coming June 12 presidential election", date(2008, 6, 5))
    assert m.date == date(2008, 6, 12)


# ---------------------------------------------------------------- weeks, months, years

COARSE = [
    # (text, quote, date, precision)
    ("last week", "last week", date(2023, 5, 17), "week"),
    ("this week", "this week", date(2023, 5, 24), "week"),
    ("earlier this week", "earlier this week", date(2023, 5, 24), "week"),
    ("two weeks ago", "two weeks ago", date(2023, 5, 10), "week"),
    (
        "In January, Governor Vyacheslav Gladkov posted a photo",
        "In January",
        date(2023, 1, 15),
        "month",
    ),
    ("the protests began in June", "in June", date(2022, 6, 15), "month"),
    ("In May we saw", "In May", date(2023, 5, 15), "month"),
    ("last month", "last month", date(2023, 4, 15), "month"),
    ("earlier this month", "earlier this month", date(2023, 5, 15), "month"),
    ("in mid-September", "in mid-September", date(2022, 9, 15), "month"),
    ("in June last year", "in June last year", date(2022, 6, 15), "month"),
    (
        "At the start of September 2022, the Russian authorities",
        "of September 2022",
        date(2022, 9, 15),
        "month",
    ),
    (
        "since the countrys conflict began in March 2011.",
        "in March 2011",
        date(2011, 3, 15),
        "month",
    ),
    ("в январе", "в январе", date(2023, 1, 15), "month"),
    ("in 2014", "in 2014", date(2014, 7, 1), "year"),
    ("In 2019 he survived a drone attack", "In 2019", date(2019, 7, 1), "year"),
    ("last year", "last year", date(2022, 7, 1), "year"),
    ("this year", "this year", date(2023, 5, 24), "year"),  # 1 July is after publication
    ("в 2014 году", "в 2014 году", date(2014, 7, 1), "year"),
]


@pytest.mark.parametrize(("text", "quote", "day", "precision"), COARSE)
def test_find_dates_resolves_weeks_months_and_years(text, quote, day, precision):
    m = _one(text)
    assert (m.span.quote, m.date, m.precision, m.date_start) == (quote, day, precision, None)


def test_find_dates_month_in_the_publication_month_is_never_after_publication():
    m = _one("In May", date(2023, 5, 3))
    assert m.date == date(2023, 5, 3)


# ---------------------------------------------------------------- periods (tallies)

PERIODS = [
    # (text, quote, date_start, precision): date is the publication date, the period's end
    (
        "at least seven conscripts have been killed in recent months",
        "in recent months",
        None,
        "month",
    ),
    ("in recent weeks", "in recent weeks", None, "week"),
    ("since March", "since March", date(2023, 3, 1), "month"),
    (
        "Since July 11 regime bombardment has cost the lives of 136 civilians",
        "Since July 11",
        date(2022, 7, 11),
        "day",
    ),
    ("since 2011", "since 2011", date(2011, 1, 1), "year"),
    ("since 10 August 2014", "since 10 August 2014", date(2014, 8, 10), "day"),
    (
        "Since late last week the rebels have taken over",
        "Since late last week",
        date(2023, 5, 17),
        "week",
    ),
    (
        "For more than eight months, Russia has been sending droves of conscripts",
        "For more than eight months",
        date(2022, 9, 24),
        "month",
    ),
    ("over the past two days", "over the past two days", date(2023, 5, 22), "day"),
    ("in the last 24 hours", "in the last 24 hours", date(2023, 5, 23), "day"),
    ("so far this year", "so far this year", date(2023, 1, 1), "year"),
    (
        "since the beginning of the year",
        "since the beginning of the year",
        date(2023, 1, 1),
        "year",
    ),
    ("killed in the conflict so far.", "so far", None, "unknown"),
]


@pytest.mark.parametrize(("text", "quote", "first", "precision"), PERIODS)
def test_find_dates_reads_periods_ending_at_publication(text, quote, first, precision):
    m = _one(text)
    assert (m.span.quote, m.date, m.date_start, m.date_end, m.precision) == (
        quote,
        PUB,
        first,
        PUB,
        precision,
    )


# ---------------------------------------------------------------- without a publication date

WITHOUT_PUBLICATION = [
    # (text, date, date_start, precision)
    ("25 October 2017", date(2017, 10, 25), None, "day"),
    ("March 2011", date(2011, 3, 15), None, "month"),
    ("in 2014", date(2014, 7, 1), None, "year"),
    ("since 2011", None, date(2011, 1, 1), "unknown"),
    ("on January 16", None, None, "unknown"),
    ("on Monday", None, None, "unknown"),
    ("yesterday", None, None, "unknown"),
    ("last week", None, None, "unknown"),
    ("in recent months", None, None, "unknown"),
    ("since March", None, None, "unknown"),
    ("7 апреля", None, None, "unknown"),
]


@pytest.mark.parametrize(("text", "day", "first", "precision"), WITHOUT_PUBLICATION)
def test_find_dates_without_publication_resolves_only_dates_with_a_year(
    text, day, first, precision
):
    m = _one(text, None)
    assert (m.date, m.date_start, m.precision) == (day, first, precision)


# ---------------------------------------------------------------- not dates

NOT_DATES = [
    "And our boys are getting paid 2,319 [rubles, or about $30], I think it is",
    "the 101 102 and 103 gas fields",
    "Section 8 of the code",
    "the Brexit vote",
    "Brenton Tarrant, aged 28, appeared in court",
    "shortly before 19:00 local time",
    "he may go to the capital",
    "May God have mercy on them.",
    "the March towards the capital",
    "Last updated at Feb 022015",
    "the 2014 war",
    "Bloody Sunday",
    "(2003-2015)",
    "in 2000 people were killed",
    "a 19-year-old was killed",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_find_dates_ignores_what_is_not_a_date(text):
    assert find_dates(text, PUB) == []


# ---------------------------------------------------------------- spans and the seed case


def test_find_dates_reads_only_the_given_range_and_indexes_the_full_text():
    text = "On Monday shells fell. On Tuesday two died."
    second = text.index("On Tuesday")
    mentions = find_dates(text, PUB, second, len(text))
    assert [(m.span.start, m.span.quote, m.date) for m in mentions] == [
        (second, "On Tuesday", date(2023, 5, 23))
    ]


def test_find_dates_on_the_seed_article():
    text = SEED.read_text()
    found = {(m.span.quote, m.date, m.precision) for m in find_dates(text, PUB)}
    assert ("on January 16", date(2023, 1, 16), "day") in found
    assert ("in recent months", PUB, "month") in found
    assert ("In January", date(2023, 1, 15), "month") in found
    assert not any("2,319" in quote for quote, _, _ in found)


_PIECES = st.sampled_from(
    [
        "on",
        "January",
        "16",
        "2017",
        "since",
        "last",
        "week",
        "Monday",
        "yesterday",
        "in",
        "recent",
        "months",
        "May",
        "may",
        "for",
        "more than",
        "eight",
        "the",
        "past",
        "2,319",
        "19:00",
        ",",
        ".",
        "-",
        "17",
        "of",
        "mid",
        "early",
        "so far",
        "this",
        "year",
        "вчера",
        "апреля",
        "в",
        "2014",
        "году",
        "ago",
        "two",
        "days",
        "coming",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=300),
    st.integers(-5, 320),
    st.integers(-5, 320),
    st.one_of(st.none(), st.dates()),
)
def test_find_dates_never_raises_and_spans_are_grounded(text, a, b, published):
    for m in find_dates(text, published, a, b):
        assert text[m.span.start : m.span.end] == m.span.quote
        assert max(0, a) <= m.span.start < m.span.end <= min(max(b, 0), len(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=20).map(" ".join), st.one_of(st.none(), st.dates()))
def test_find_dates_on_date_vocabulary_is_grounded_and_consistent(text, published):
    mentions = find_dates(text, published)
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.span.quote
        if m.date is None:
            assert m.precision == "unknown"
        if m.date_start is not None and m.date is not None:
            assert m.date_start <= m.date
    ends = [(m.span.start, m.span.end) for m in mentions]
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(ends, ends[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a week ago", "2020-05-13"),
        ("two days ago", "2020-05-18"),
        ("a few days ago", "2020-05-17"),
    ],
)
def test_periods_ago_count_with_articles_words_and_vague_quantities(text, expected):
    (found,) = find_dates(text, date(2020, 5, 20))
    assert found.date.isoformat() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taliban fighters attacked a police post overnight.", [("overnight", "2024-03-13")]),
        ("Shells fell overnight Wednesday and into Thursday.", [("Wednesday", "2024-03-13")]),
        ("The city is under an overnight curfew.", []),
    ],
)
def test_overnight_is_the_night_that_ended_on_the_reports_day(text, expected):
    found = find_dates(text, date(2024, 3, 13))
    assert [(d.span.quote, d.date.isoformat()) for d in found][: len(expected) or None] == expected
