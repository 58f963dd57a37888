import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.mentions.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He died today. Vigils were held.", ["He died today.", "Vigils were held."]),
        ("Mr. Smith said so. Then he left.", ["Mr. Smith said so.", "Then he left."]),
        ("The U.S. military said it. Then more.", ["The U.S. military said it.", "Then more."]),
        ("“We stood there.” Then police came.", ["“We stood there.”", "Then police came."]),
        ("First paragraph.\n\nSecond one", ["First paragraph.", "Second one"]),
        ("At 5 p.m. on Friday police arrived.", ["At 5 p.m. on Friday police arrived."]),
    ],
)
def test_split_sentences_finds_sentence_boundaries(text, expected):
    assert [s.span.quote for s in split_sentences(text)] == expected


def test_split_sentences_numbers_paragraphs():
    sents = split_sentences("One. Two.\n\nThree.")
    assert [s.paragraph for s in sents] == [0, 0, 1]
    assert [s.index for s in sents] == [0, 1, 2]


@given(st.text(max_size=400))
def test_split_sentences_spans_are_grounded(text):
    for s in split_sentences(text):
        assert text[s.span.start : s.span.end] == s.span.quote
        assert s.span.quote.strip() == s.span.quote
