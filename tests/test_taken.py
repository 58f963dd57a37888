"""Stretches claimed by a finder: overlaps are refused, neighbours that touch are not."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from eventledger.mentions.taken import Taken


def test_an_overlapping_claim_is_refused_and_touching_ones_are_taken():
    taken = Taken()
    assert taken.claim(10, 20)
    assert not taken.claim(15, 25) and not taken.claim(5, 11) and not taken.claim(12, 13)
    assert taken.claim(20, 30) and taken.claim(0, 10)
    assert not taken.claim(0, 100)


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=60))
def test_claims_agree_with_checking_every_stretch(stretches):
    taken, kept = Taken(), []
    for start, length in stretches:
        end = start + length
        free = not any(start < b and a < end for a, b in kept)
        assert taken.claim(start, end) == free
        if free:
            kept.append((start, end))


def test_many_claims_in_any_order():
    spans = [(i * 10, i * 10 + 5) for i in range(2000)]
    random.Random(7).shuffle(spans)
    taken = Taken()
    assert all(taken.claim(a, b) for a, b in spans)
    assert not any(taken.claim(a + 1, b + 1) for a, b in spans)
