"""The metric functions every dataset's scoring is built from, and the dev/test split.

All are pure functions of their arguments. Conventions where a ratio has an empty
denominator are stated per function and pinned by tests.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

PARTS = ("dev", "test", "all")
_TOKEN = re.compile(r"\w+")


# ---------------------------------------------------------------- the split


def part_of(key: str) -> str:
    """``dev`` or ``test``: half of all keys each, fixed forever by the SHA-256 of the key.

    Tune on ``dev`` only; ``test`` shows whether what was learned there carries over.
    """
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def in_fast_subset(key: str, one_in: int) -> bool:
    """Whether ``key`` is in a fixed subset of about 1 in ``one_in`` keys (independent of
    :func:`part_of`, so the subset holds dev and test keys alike)."""
    digest = hashlib.sha256(f"fast:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % one_in == 0


# ---------------------------------------------------------------- precision and recall


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: int, fp: int, fn: int) -> PRF:
    """Precision, recall and F1 from counts; an empty denominator gives 0."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return PRF(precision, recall, f1_of(precision, recall))


def tokens(text: str | None) -> Counter[str]:
    """Lower-cased word tokens (``\\w+``), counted: the bag both sides of token F1 are."""
    return Counter(_TOKEN.findall((text or "").lower()))


def token_prf(predicted: str | None, gold: str | None) -> PRF:
    """Token precision/recall/F1 of an extracted text against the gold text.

    The bag-of-words overlap that ``shared/checks/aeb.py`` computes: when nothing overlaps
    (an empty extraction included) all three are 0.
    """
    p, g = tokens(predicted), tokens(gold)
    overlap = sum((p & g).values())
    if not overlap:
        return PRF(0.0, 0.0, 0.0)
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return PRF(precision, recall, f1_of(precision, recall))


# ---------------------------------------------------------------- labels


NONE_LABEL = "none"


def accuracy(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Share of (gold, predicted) pairs that agree; None when there are none."""
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else None


def macro_f1(
    pairs: Sequence[tuple[str, str]], ignore: frozenset[str] = frozenset({NONE_LABEL})
) -> float | None:
    """F1 per gold class, averaged with equal weight over the classes that occur in the gold.

    Classes in ``ignore`` (by default the "no event" label) are not averaged, but predicting
    a real class where the gold has none still counts against that class's precision.
    """
    classes = sorted({g for g, _ in pairs} - ignore)
    if not classes:
        return None
    scores = []
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        scores.append(prf(tp, fp, fn).f1)
    return sum(scores) / len(scores)


# ---------------------------------------------------------------- clusterings


def _clusters(assignment: Mapping[Hashable, Hashable]) -> dict[Hashable, set[Hashable]]:
    members: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, cluster in assignment.items():
        members[cluster].add(item)
    return members


def _pairs(assignment: Mapping[Hashable, Hashable]) -> set[frozenset[Hashable]]:
    return {
        frozenset(pair)
        for members in _clusters(assignment).values()
        for pair in combinations(sorted(members, key=repr), 2)
    }


def _same_items(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> None:
    if set(gold) != set(predicted):
        raise ValueError("gold and predicted clusterings must cover the same items")


def pairwise_prf(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> PRF:
    """Pairwise precision/recall/F1 of a clustering: item -> cluster id, on the same items.

    Precision is the share of predicted same-cluster pairs that the gold also puts together;
    recall the share of gold pairs the prediction found. With no predicted pairs precision is
    1 (no wrong link was made); with no gold pairs recall is 1 (there was nothing to find).
    """
    _same_items(gold, predicted)
    g, p = _pairs(gold), _pairs(predicted)
    precision = len(g & p) / len(p) if p else 1.0
    recall = len(g & p) / len(g) if g else 1.0
    return PRF(precision, recall, f1_of(precision, recall))


def bcubed_prf(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> PRF:
    """B-cubed precision/recall/F1 (Bagga and Baldwin 1998) over the same items.

    Per item: precision is the share of its predicted cluster that shares its gold cluster,
    recall the share of its gold cluster that shares its predicted cluster; both averaged over
    items. An empty clustering scores 0.
    """
    _same_items(gold, predicted)
    if not gold:
        return PRF(0.0, 0.0, 0.0)
    g_members, p_members = _clusters(gold), _clusters(predicted)
    precision = recall = 0.0
    for item in gold:
        same = g_members[gold[item]] & p_members[predicted[item]]
        precision += len(same) / len(p_members[predicted[item]])
        recall += len(same) / len(g_members[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    return PRF(precision, recall, f1_of(precision, recall))


# ---------------------------------------------------------------- distances


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def median(values: Iterable[float]) -> float | None:
    """The median; None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def mean(values: Iterable[float]) -> float | None:
    """The arithmetic mean; None for no values."""
    values = list(values)
    return sum(values) / len(values) if values else None
