"""The metric functions of eventledger.evaluate, on tiny examples worked out by hand."""

from __future__ import annotations

import pytest

from eventledger.evaluate.metrics import (
    accuracy,
    bcubed_prf,
    haversine_km,
    in_fast_subset,
    macro_f1,
    mean,
    median,
    pairwise_prf,
    part_of,
    prf,
    token_prf,
)


def approx(*values: float):
    return pytest.approx(values, abs=1e-9)


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (0, 0, 0, (0.0, 0.0, 0.0)),
        (3, 1, 0, (0.75, 1.0, 6 / 7)),
        (1, 1, 2, (0.5, 1 / 3, 0.4)),
        (0, 5, 5, (0.0, 0.0, 0.0)),
        (4, 0, 0, (1.0, 1.0, 1.0)),
    ],
)
def test_prf_from_counts(tp, fp, fn, expected):
    s = prf(tp, fp, fn)
    assert (s.precision, s.recall, s.f1) == approx(*expected)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("the cat sat", "the cat sat", (1.0, 1.0, 1.0)),
        # 2 of 3 predicted tokens are gold; 2 of 2 gold tokens were found
        ("Menu: the cat", "the cat", (2 / 3, 1.0, 0.8)),
        ("The THE the", "the", (1 / 3, 1.0, 0.5)),  # counted as a bag, case folded
        ("", "the cat", (0.0, 0.0, 0.0)),
        (None, "anything", (0.0, 0.0, 0.0)),
        ("nothing shared", "the cat", (0.0, 0.0, 0.0)),
        ("it's 5-year-old", "it s 5 year old", (1.0, 1.0, 1.0)),  # \w+ tokens
    ],
)
def test_token_prf_is_a_bag_of_words_overlap(predicted, gold, expected):
    s = token_prf(predicted, gold)
    assert (s.precision, s.recall, s.f1) == approx(*expected)


@pytest.mark.parametrize(
    ("pairs", "acc", "macro"),
    [
        ([], None, None),
        ([("A", "A"), ("B", "B")], 1.0, 1.0),
        # A: tp1 fn1 fp0 -> F1 2/3; B: tp1 fp1 -> F1 2/3
        ([("A", "A"), ("A", "B"), ("B", "B")], 2 / 3, 2 / 3),
        # "none" is not averaged, but predicting A on it costs A precision: A tp1 fp1 -> 2/3
        ([("A", "A"), ("none", "A"), ("none", "none")], 2 / 3, 2 / 3),
        ([("none", "none")], 1.0, None),
        # B never predicted: F1 0; A: tp1 fp1 -> 2/3; mean 1/3
        ([("A", "A"), ("B", "A")], 0.5, 1 / 3),
    ],
)
def test_accuracy_and_macro_f1(pairs, acc, macro):
    assert accuracy(pairs) == (None if acc is None else pytest.approx(acc))
    assert macro_f1(pairs) == (None if macro is None else pytest.approx(macro))


# Clusterings: item -> cluster id.
ALL_APART = {"a": 1, "b": 2, "c": 3, "d": 4}
ALL_TOGETHER = {"a": 1, "b": 1, "c": 1, "d": 1}
TWO_PAIRS = {"a": 1, "b": 1, "c": 2, "d": 2}


@pytest.mark.parametrize(
    ("gold", "predicted", "pairwise", "bcubed"),
    [
        (TWO_PAIRS, TWO_PAIRS, (1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
        # no predicted pairs: nothing wrongly linked (P 1), nothing found (R 0)
        (TWO_PAIRS, ALL_APART, (1.0, 0.0, 0.0), (1.0, 0.5, 2 / 3)),
        # 6 predicted pairs, 2 right
        (TWO_PAIRS, ALL_TOGETHER, (1 / 3, 1.0, 0.5), (0.5, 1.0, 2 / 3)),
        # gold has no pairs: recall is vacuous
        (ALL_APART, ALL_APART, (1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
        # gold {a,b,c} {d}; predicted {a,b} {c,d}: pairs right 1 of 2, found 1 of 3;
        # B3 precision (1+1+.5+.5)/4, recall (2/3+2/3+1/3+1)/4
        ({"a": 1, "b": 1, "c": 1, "d": 2}, TWO_PAIRS, (0.5, 1 / 3, 0.4), (0.75, 2 / 3, 12 / 17)),
    ],
)
def test_pairwise_and_bcubed(gold, predicted, pairwise, bcubed):
    p, b = pairwise_prf(gold, predicted), bcubed_prf(gold, predicted)
    assert (p.precision, p.recall, p.f1) == approx(*pairwise)
    assert (b.precision, b.recall, b.f1) == approx(*bcubed)


def test_clusterings_must_cover_the_same_items():
    with pytest.raises(ValueError, match="same items"):
        pairwise_prf({"a": 1}, {"b": 1})
    with pytest.raises(ValueError, match="same items"):
        bcubed_prf({"a": 1}, {"a": 1, "b": 1})


def test_cluster_ids_are_only_labels():
    renamed = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert pairwise_prf(TWO_PAIRS, renamed).f1 == 1.0
    assert bcubed_prf(TWO_PAIRS, renamed).f1 == 1.0


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 0.0), 0.0),
        ((0.0, 0.0), (0.0, 1.0), 111.2),  # one degree of longitude at the equator
        ((51.50853, -0.12574), (48.85341, 2.3488), 343.8),  # London - Paris
        ((0.0, 0.0), (0.0, 180.0), 20015.1),  # half the equator
    ],
)
def test_haversine_km(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.1)


@pytest.mark.parametrize(
    ("values", "med", "avg"),
    [
        ([], None, None),
        ([3.0], 3.0, 3.0),
        ([5.0, 1.0, 3.0], 3.0, 3.0),
        ([1.0, 2.0, 10.0, 3.0], 2.5, 4.0),
    ],
)
def test_median_and_mean(values, med, avg):
    assert median(values) == med
    assert mean(values) == avg


def test_split_is_fixed_and_about_half():
    keys = [f"doc-{i}" for i in range(2000)]
    parts = [part_of(k) for k in keys]
    assert set(parts) == {"dev", "test"}
    assert 900 < parts.count("dev") < 1100
    assert parts == [part_of(k) for k in keys]  # the same every time


@pytest.mark.parametrize(
    ("key", "part"),
    [("a", "dev"), ("enwikinews-d9ce1c43ed71", "test"), ("PLOVER-GSR01-AGREE-0005", "test")],
)
def test_split_is_pinned(key, part):
    """A change to the split would move items between dev and test: it must be noticed."""
    assert part_of(key) == part


def test_fast_subset_is_fixed_and_holds_both_parts():
    keys = [f"https://example.org/{i}" for i in range(800)]
    chosen = [k for k in keys if in_fast_subset(k, 8)]
    assert 60 < len(chosen) < 140
    assert {part_of(k) for k in chosen} == {"dev", "test"}
    assert chosen == [k for k in keys if in_fast_subset(k, 8)]
