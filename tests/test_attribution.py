import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.mentions.attribution import find_attributions, outlets_named, resolve_source

SEED = (
    "The Russian authorities have not officially reported these deaths; on January 16, for "
    "example, at least three conscripts were killed, according to the outlet, and neither "
    "Governor Vyacheslav Gladkov nor the Russian Defense Ministry even publicly confirmed that "
    "day’s shelling attacks."
)


def _found(text):
    return [(a.source, a.stance) for a in find_attributions(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "source", "stance"),
    [
        (
            "7x7 found that at least seven conscripts have been killed by shelling.",
            "7x7",
            "asserts",
        ),
        (
            "they spend their days hiding, according to journalists from the outlet 7x7.",
            "7x7",
            "asserts",
        ),
        (
            "Sixty-six people were injured yesterday according to health officials.",
            "health officials",
            "asserts",
        ),
        ("The Observatory said 22 people were killed.", "Observatory", "asserts"),
        (SEED, "Governor Vyacheslav Gladkov; Russian Defense Ministry", "unconfirmed"),
        (SEED, "Russian authorities", "unconfirmed"),
        ("The ministry denied that any strike took place.", "ministry", "denies"),
    ],
)
def test_find_attributions_names_sources_and_stances(text, source, stance):
    assert (source, stance) in _found(text)


def test_told_names_the_speaker_not_the_listener():
    assert ("one mother", "asserts") in _found("our boys are paid little,” one mother told 7x7.")
    assert ("7x7", "asserts") not in _found("our boys are paid little,” one mother told 7x7.")


def test_resolve_source_follows_the_outlet_named_before():
    text = (
        "according to journalists from the independent outlet 7x7. Later, according to the outlet."
    )
    assert outlets_named(text) == [(text.index("outlet 7x7"), "7x7")]
    assert resolve_source("outlet", text, len(text) - 5, "Meduza") == "7x7"
    assert resolve_source("police", text, len(text) - 5, "Meduza") == "police"


@given(st.text(max_size=300))
def test_find_attributions_never_raises_and_spans_are_grounded(text):
    for a in find_attributions(text, 0, len(text)):
        assert text[a.span.start : a.span.end] == a.span.quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to local activists, nine were killed.", [("local activists", "asserts")]),
        (
            "Rebels said they downed a helicopter, but the army denied it.",
            [("Rebels", "asserts"), ("army", "denies")],
        ),
    ],
)
def test_a_sentence_opening_according_to_and_a_lowercase_denier(text, expected):
    found = find_attributions(text, 0, len(text))
    assert [(a.source, a.stance) for a in found] == expected
