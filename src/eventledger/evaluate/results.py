"""What an evaluation run produces: one :class:`DatasetScore` per dataset, a row per part.

A row is one system (``eventledger``, or a baseline such as trafilatura alone) on one part of
a dataset (``dev``, ``test`` or ``all``). Its metrics are named floats (``None`` where the part
has nothing to score), each with the number of items it was computed over, and the row keeps
how many documents were processed and how long that took, so accuracy and speed are read side
by side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from eventledger.evaluate.metrics import PARTS

SYSTEM = "eventledger"
Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class Metric:
    """One score: its name, its value (None when there was nothing to score) and its support."""

    name: str
    value: float | None
    n: int


@dataclass(frozen=True, slots=True)
class Row:
    """One system's scores on one part of a dataset."""

    part: str  # "dev" | "test" | "all"
    system: str
    metrics: tuple[Metric, ...]
    documents: int
    seconds: float

    @property
    def docs_per_second(self) -> float | None:
        return self.documents / self.seconds if self.seconds > 0 else None

    def value(self, name: str) -> float | None:
        for m in self.metrics:
            if m.name == name:
                return m.value
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class DatasetScore:
    """Every row of one dataset, with notes on how it was scored; or why it was skipped."""

    name: str
    title: str
    rows: tuple[Row, ...] = ()
    notes: tuple[str, ...] = ()
    skipped: str | None = None

    def row(self, part: str, system: str = SYSTEM) -> Row | None:
        for r in self.rows:
            if r.part == part and r.system == system:
                return r
        return None


@dataclass(frozen=True, slots=True)
class Scored:
    """One scored item (a page, an article, a sentence) with its part and its time."""

    key: str
    part: str
    seconds: float
    detail: Any = field(default=None)


def rows_by_part(
    items: Sequence[Scored],
    aggregate: Callable[[Sequence[Scored]], tuple[Metric, ...]],
    system: str = SYSTEM,
    parts: Iterable[str] = PARTS,
) -> tuple[Row, ...]:
    """A row per part (``all`` takes every item), each aggregated by ``aggregate``."""
    rows = []
    for part in parts:
        chosen = [i for i in items if part == "all" or i.part == part]
        rows.append(
            Row(part, system, aggregate(chosen), len(chosen), sum(i.seconds for i in chosen))
        )
    return tuple(rows)


def score_to_dict(score: DatasetScore) -> dict[str, Any]:
    """The JSON shape of one dataset's scores (``eventledger eval --json``)."""
    return {
        "name": score.name,
        "title": score.title,
        "skipped": score.skipped,
        "notes": list(score.notes),
        "rows": [
            {
                "part": r.part,
                "system": r.system,
                "documents": r.documents,
                "seconds": round(r.seconds, 3),
                "docs_per_second": round(r.docs_per_second, 1) if r.docs_per_second else None,
                "metrics": {m.name: _round(m.value) for m in r.metrics},
                "support": {m.name: m.n for m in r.metrics},
            }
            for r in score.rows
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
