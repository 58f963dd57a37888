"""Stretches of text already claimed by a finder, so each word is read once."""

from __future__ import annotations

from bisect import bisect_right


class Taken:
    """Non-overlapping ``[start, end)`` stretches, kept sorted: a claim checks its two
    neighbours only, so claiming n stretches costs n log n, not n squared."""

    __slots__ = ("_starts", "_ends")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def claim(self, start: int, end: int) -> bool:
        """Take ``[start, end)`` if it overlaps nothing taken; whether it was taken."""
        i = bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        if i < len(self._starts) and self._starts[i] < end:
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True
