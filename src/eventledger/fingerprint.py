"""Near-duplicate texts: a small bottom-k MinHash over word shingles.

A republished or lightly edited copy of a report (another site's page furniture, a changed
headline, a trimmed paragraph) is not independent confirmation. :func:`fingerprint` keeps,
for one clean text, the ``K`` smallest 64-bit hashes of its word 5-shingles; two fingerprints
estimate the Jaccard resemblance of the texts' shingle sets (Broder 1997, "bottom-k" form):

    resemblance(fingerprint(a), fingerprint(b))  ~  |S(a) & S(b)| / |S(a) | S(b)|

The hash is BLAKE2b (stable across processes and machines, unlike ``hash()``), so stored
fingerprints stay comparable. One hash per shingle: a 1,000-word article costs about 1 ms.
"""

from __future__ import annotations

import hashlib
import heapq
import re

K = 128  # hashes kept per text; the estimate's standard error is about 1 / sqrt(K)
SHINGLE = 5  # words per shingle
NEAR_DUPLICATE = 0.5  # resemblance from which two texts are copies of one report

Fingerprint = tuple[int, ...]

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, underscore; any script)."""
    return [w.lower() for w in _WORD.findall(text)]


def fingerprint(text: str) -> Fingerprint:
    """The bottom-``K`` hashes of ``text``'s word shingles, ascending (empty for no words)."""
    tokens = words(text)
    if not tokens:
        return ()
    width = min(SHINGLE, len(tokens))
    shingles = {" ".join(tokens[i : i + width]) for i in range(len(tokens) - width + 1)}
    hashes = (_hash(s) for s in shingles)
    return tuple(heapq.nsmallest(K, hashes))


def resemblance(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard resemblance of the two texts' shingle sets, 0.0 to 1.0."""
    if not a or not b:
        return 0.0
    k = min(K, len(a), len(b))
    union_bottom = heapq.nsmallest(k, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union_bottom if h in both) / len(union_bottom)


def near_duplicates(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two texts are copies of one report."""
    return resemblance(a, b) >= NEAR_DUPLICATE


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # 63 bits: fits a signed BIGINT and JSON
